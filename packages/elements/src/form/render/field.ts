// One leaf field: label, control by kind, hint and errors. The controls themselves are in
// text-controls.ts (text, number, long text), choice-controls.ts (yes/no, enumerations) and
// date-field.ts (partial dates, instants).
import { html, nothing, type TemplateResult } from 'lit';
import type { Path, SchemaNode } from '../schema.js';
import { idFor, type ControlCommon, type RenderContext } from './context.js';
import { booleanSelect, requiredCheckbox, enumSelect } from './choice-controls.js';
import { numberInput, textArea, textInput } from './text-controls.js';
import { renderDate } from './date-field.js';

export function renderField(ctx: RenderContext, schema: SchemaNode, kind: string, path: Path, pathText: string, label: string, required: boolean, value: unknown): TemplateResult {
  const id = idFor(pathText);
  const hint = ctx.labels.hintOf(path);
  const hintId = hint ? `h-${id}` : '';
  const errors = ctx.errorsOf(pathText, false, path, { schema, required, value });
  const describedBy = [hintId, errors.ids].filter(Boolean).join(' ') || nothing;
  const invalid = errors.ids !== '' ? 'true' : nothing;
  const common: ControlCommon = { id, pathText, ro: ctx.readonly, required, invalid, describedBy };
  const hintEl = hint ? html`<p part="hint" class="hint" id=${hintId}>${hint}</p>` : nothing;
  // A required yes/no is a checkbox: its label follows it.
  if (kind === 'boolean' && required) return requiredCheckbox(label, value, common, html`${hintEl}${errors.template}`);
  const str = typeof value === 'string' ? value : value === undefined ? '' : String(value);
  let control: unknown;
  switch (kind) {
    case 'boolean':
      control = booleanSelect(ctx, value, common);
      break;
    case 'enum':
      control = enumSelect(ctx, schema, path, value, common);
      break;
    case 'number':
    case 'integer':
      control = numberInput(schema, kind, str, common);
      break;
    case 'textarea':
      control = textArea(str, common);
      break;
    case 'partialDate':
    case 'dateOrInstant':
    case 'instant':
      control = renderDate(ctx, kind, label, str, common);
      break;
    default:
      control = textInput(str, common);
  }
  // One template for label, control, hint and errors: each binding is one more marker node, times
  // ~1,000 fields; hint and errors, which most fields lack, share one.
  return html`<div part="field" class="field ${kind} ${invalid === 'true' ? 'invalid' : ''}"
    ><label part="label" for=${id}>${required ? html`${label} <span class="req">(${ctx.localize.term('required')})</span>` : label}</label
    >${control}${hint || errors.ids ? html`${hintEl}${errors.template}` : nothing}</div
  >`;
}
