// A coded field bound to a value set: a <dcc-code-picker> (which loads the value set itself).
// The value set is the model's own `x-dcc-valueSet` annotation (one source: @dcc-kit/cda's
// model), on the coded field itself, or on the list of codes or the coded-or-text block it
// belongs to.
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { VALUE_SET_KEYWORD } from '@dcc-kit/cda/metadata';
import { getAt, kindOf, pathToString, schemaAt, type Path, type SchemaNode } from '../schema.js';
import { idFor, type RenderContext } from './context.js';

export { VALUE_SET_KEYWORD };

const annotation = (node: SchemaNode | undefined): string | undefined => {
  const name = node?.[VALUE_SET_KEYWORD];
  return typeof name === 'string' && name !== '' ? name : undefined;
};

/**
 * The value set of the coded field at `path` (its `schema`, within `root`): its own annotation,
 * else that of the list it is an item of (a list of codes bound as a whole, e.g. the organs
 * discussed) or of the coded-or-text block whose `coding` it is (topography, morphology).
 */
export function valueSetOf(schema: SchemaNode, path: Path, root: SchemaNode): string | undefined {
  const own = annotation(schema);
  if (own !== undefined || path.length === 0) return own;
  const parent = schemaAt(root, path.slice(0, -1));
  if (parent === undefined) return undefined;
  const kind = kindOf(parent);
  if (kind === 'array' || (kind === 'codedOrText' && path[path.length - 1] === 'coding')) return annotation(parent);
  return undefined;
}

export function renderPicker(ctx: RenderContext, path: Path, label: string, valueSetName: string, required: boolean): TemplateResult {
  const pathText = pathToString(path);
  const id = idFor(pathText);
  const coding = getAt(ctx.data, path) as { code?: string; codeSystem?: string } | undefined;
  const errors = ctx.errorsOf(pathText, false, path, { schema: { title: 'Coding' }, required, value: coding });
  const hint = ctx.labels.hintOf(path);
  const invalid = errors.ids !== '';
  return html`<div part="field" class="field picker-field ${invalid ? 'invalid' : ''}"
    ><dcc-code-picker
      id=${id}
      data-path=${pathText}
      data-kind="picker"
      label=${label}
      help=${hint ?? nothing}
      value-set-name=${valueSetName}
      .value=${live(coding?.code ?? '')}
      .codeSystem=${coding?.codeSystem ?? ''}
      ?required=${required}
      ?readonly=${ctx.readonly}
      aria-invalid=${invalid ? 'true' : nothing}
      aria-describedby=${errors.ids || nothing}
      lang=${ctx.localize.lang()}
    ></dcc-code-picker
    >${errors.template}</div
  >`;
}
