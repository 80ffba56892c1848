// What the field renderers read from their form: the model, the texts, the visible errors, the
// list state and the date parts being typed. The form gives one such object to every renderer
// (the renderers are functions of it: they hold no state of their own).
import { nothing } from 'lit';
import type { LocalizeController } from '../../localize.js';
import type { FormLabels } from '../labels.js';
import type { ListItems } from '../controllers/list-items.js';
import type { DatePrecision } from '../dates.js';
import type { Path, SchemaNode } from '../schema.js';
import type { DirectoryHooks } from './directory-field.js';
import type { ListCandidates } from './candidates-field.js';

export type Model = Record<string, unknown>;

/** The errors of one control: ids for `aria-describedby` and the message block. */
export interface FieldErrors {
  readonly ids: string;
  readonly template: unknown;
}

/** A leaf's own value, for its schema check when the model check did not reach it. */
export interface LeafCheck {
  readonly schema: SchemaNode;
  readonly required: boolean;
  readonly value: unknown;
}

/** Date and time typed for an instant field while one of the two is still missing. */
export interface InstantParts {
  date: string;
  time: string;
}

export interface RenderContext {
  readonly data: Model;
  readonly readonly: boolean;
  readonly localize: LocalizeController;
  readonly labels: FormLabels;
  readonly lists: ListItems;
  /** Precision chosen by the user for a date field (by path). */
  readonly precisions: ReadonlyMap<string, DatePrecision>;
  readonly instantParts: ReadonlyMap<string, InstantParts>;
  /** A date typed as text, kept as typed (by path) while the model holds what it means. */
  readonly dateTexts: ReadonlyMap<string, string>;
  /** Objects whose « Plus de détails » the user opened (by path). */
  readonly openDetails: ReadonlySet<string>;
  /** The user opened or closed the « Plus de détails » of an object. */
  detailsToggled(pathText: string, open: boolean): void;
  /** Items offered for the list at a path, one key each (render/candidates-field.ts). */
  candidatesOf(pathText: string): ListCandidates | undefined;
  /** The field at a path holds what the host's establishment gives: a summary, not controls (render/given-field.ts). */
  isGiven(pathText: string): boolean;
  /** The errors to show on the control at `pathText` (group: `exact`). */
  errorsOf(pathText: string, exact: boolean, path: Path, leaf?: LeafCheck): FieldErrors;
  /** The value set a coded field is bound to, if any. */
  valueSetOf(schema: SchemaNode, path: Path): string | undefined;
  /** Directory look-ups (`x-dcc-directory` blocks), when the form has a directory. */
  readonly directory?: DirectoryHooks;
  /** Renders any node (the renderers of groups and lists call it for their children). */
  renderNode(schema: SchemaNode, path: Path, required: boolean, labelOverride?: string): unknown;
}

/** What every control of a field carries. */
export interface ControlCommon {
  readonly id: string;
  readonly pathText: string;
  readonly ro: boolean;
  readonly required: boolean;
  readonly invalid: 'true' | typeof nothing;
  readonly describedBy: string | typeof nothing;
}

/** The id of the control of a path (also the target of the summary links). */
export const idFor = (path: string): string => `f-${path.replace(/[^A-Za-z0-9_-]/g, '_')}`;
