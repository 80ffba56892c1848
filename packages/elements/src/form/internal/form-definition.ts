// What an editor gives the form engine: its structure (schema, sections, lazy API) and the
// hooks that know its kind of document (draft ids, when a loaded document was made, the rows of
// a host-given header part), so that the engine itself stays generic.
import type { SchemaNode } from '../schema.js';
import type { VoletApi } from '../controllers/lazy-modules.js';
import type { Model } from '../render/context.js';
import type { ContextKey, ContextSummaryRows } from '../render/context-summary.js';
import type { ListCandidates } from '../render/candidates-field.js';
import type { EstablishmentContext } from '@dcc-kit/cda/start';
import type { DccLocale } from '../../localize.js';

/** One clinician-facing section: a title (catalogue key `s:<volet>/<id>`) and model paths. */
export interface FormSection {
  readonly id: string;
  readonly paths: readonly string[];
}

/** The texts a context summary row reads (catalogue labels, dates in the editor's language). */
export interface ContextSummaryTexts {
  labelOf(path: string[]): string;
  optionLabel(path: string[], code: string): string;
  date(value: string): string;
}

/** What an editor gives the engine: its structure and the hooks that know its document kind. */
export interface FormDefinition {
  /** Prefix of the editor's own catalogue keys (`<id>/…`, its title `<id>/title`, see `registerVoletStrings`) and of its draft ids. */
  readonly id: string;
  readonly schema: SchemaNode;
  readonly sections: readonly FormSection[];
  /** Loads the validator and builder on first need. */
  load(): Promise<VoletApi>;
  /**
   * Registers the editor's texts of a language other than French (French is registered at
   * construction), a chunk loaded the first time the form is shown in it: the form's update waits
   * for it, so the form never shows French first.
   */
  loadLanguage?(lang: DccLocale): Promise<void>;
  /** Draft id of a document, or of a new one (no id) by its patient key; default `draftIdFor(id, …)`. */
  draftId?(documentId: string | undefined, patientKey?: string): string;
  /** When a loaded model was made (ms since the epoch): a draft saved before it is not restored. */
  madeAt(model: Model): number | undefined;
  /** Rows of the read-only summary of a header part given by the host (see `CONTEXT_KEYS`). */
  contextSummary(key: ContextKey, value: unknown, texts: ContextSummaryTexts): ContextSummaryRows;
  /** The model with the host's establishment identifiers filled in where it says nothing yet (never typed by the clinician). */
  withEstablishment?(model: Model, given: EstablishmentContext): Model;
  /** The model paths the establishment fills: shown as a read-only summary with « Modifier », not as fields. */
  establishmentPaths?(given: EstablishmentContext): readonly string[];
  /** Items the establishment offers for a list (e.g. the RCP's members for the quorum), one key each; `term` looks a text up. */
  establishmentCandidates?(given: EstablishmentContext, listPath: string, term: (key: string) => string): ListCandidates | undefined;
}
