// A block the model marks `x-dcc-directory` (a HealthProfessional, an Organization) gets a
// <dcc-directory-picker> above its fields when the form has a directory search (the SDK client
// of <dcc-provider>): choosing an entry fills the block; the fields stay for manual entry, the
// fallback when the directory is down or has nobody.
import { html, nothing, type TemplateResult } from 'lit';
import { DIRECTORY_KEYWORD } from '@dcc-kit/cda/metadata';
import { pathToString, type Path, type SchemaNode } from '../schema.js';
import type { DirectoryKind } from '../../directory-picker/client-search.js';
import type { DccDirectoryPickEvent, DirectorySearch } from '../../directory-picker/dcc-directory-picker.component.js';
import { idFor, type RenderContext } from './context.js';

/** What a form gives its renderers for directory look-ups. */
export interface DirectoryHooks {
  /** The search of `kind`, or undefined when there is no directory (no client, or a client without it). */
  search(kind: DirectoryKind): DirectorySearch | undefined;
  /**
   * Fills the block at `path` with an entry's model-shaped value. The block is replaced, not
   * merged: a part the directory does not give (a professional's own address) belonged to the
   * entry chosen before, and two people's data must never mix in one block.
   */
  fill(path: Path, value: Record<string, unknown>): void;
}

export function directoryKindOf(schema: SchemaNode): DirectoryKind | undefined {
  const kind = schema[DIRECTORY_KEYWORD];
  return kind === 'practitioner' || kind === 'organization' ? kind : undefined;
}


export function renderDirectoryPicker(ctx: RenderContext, schema: SchemaNode, path: Path, label: string): TemplateResult | typeof nothing {
  const kind = directoryKindOf(schema);
  if (!kind || ctx.readonly || !ctx.directory) return nothing;
  const search = ctx.directory.search(kind);
  if (!search) return nothing;
  const pathText = pathToString(path);
  const onPick = (event: DccDirectoryPickEvent) => {
    event.stopPropagation();
    ctx.directory?.fill(path, event.detail.option.value as Record<string, unknown>);
  };
  return html`<dcc-directory-picker
    part="directory-picker"
    class="directory-picker"
    id=${`d-${idFor(pathText)}`}
    data-directory-path=${pathText}
    label=${ctx.localize.term(kind === 'practitioner' ? 'dccDirectoryPicker.findPractitioner' : 'dccDirectoryPicker.findOrganization', label)}
    .search=${search}
    lang=${ctx.localize.lang()}
    @dcc-directory-pick=${onPick}
  ></dcc-directory-picker>`;
}
