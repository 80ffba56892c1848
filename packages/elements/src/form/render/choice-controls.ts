// Yes/no and enumeration controls of a leaf field: a required yes/no is a checkbox (false by
// default), an optional one a select with "unknown"; an enumeration a select of its options.
import { html, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { enumOptions, type Path, type SchemaNode } from '../schema.js';
import type { ControlCommon, RenderContext } from './context.js';

/** A required yes/no: the whole field (the label follows the checkbox). */
export function requiredCheckbox(label: string, value: unknown, c: ControlCommon, after: unknown): TemplateResult {
  return html`<div part="field" class="field checkbox ${c.invalid === 'true' ? 'invalid' : ''}">
    <input
      part="control"
      type="checkbox"
      id=${c.id}
      data-path=${c.pathText}
      data-kind="checkbox"
      .checked=${live(value === true)}
      ?disabled=${c.ro}
      aria-invalid=${c.invalid}
      aria-describedby=${c.describedBy}
    />
    <label part="label" for=${c.id}>${label}</label>
    ${after}
  </div>`;
}

export function booleanSelect(ctx: RenderContext, value: unknown, c: ControlCommon): TemplateResult {
  return html`<select part="control" id=${c.id} data-path=${c.pathText} data-kind="bool" .value=${live(value === undefined ? '' : String(value))} ?disabled=${c.ro} aria-invalid=${c.invalid} aria-describedby=${c.describedBy}>
    <option value="" ?selected=${value === undefined}>${ctx.localize.term('boolUnknown')}</option>
    <option value="true" ?selected=${value === true}>${ctx.localize.term('yes')}</option>
    <option value="false" ?selected=${value === false}>${ctx.localize.term('no')}</option>
  </select>`;
}

export function enumSelect(ctx: RenderContext, schema: SchemaNode, path: Path, value: unknown, c: ControlCommon): TemplateResult {
  const options = enumOptions(schema);
  return html`<select part="control" id=${c.id} data-path=${c.pathText} data-kind="enum" .value=${live(value === undefined ? '' : String(value))} ?disabled=${c.ro} ?required=${c.required} aria-invalid=${c.invalid} aria-describedby=${c.describedBy}>
    <option value="" ?selected=${value === undefined}>${c.required ? ctx.localize.term('choose') : ctx.localize.term('boolUnknown')}</option>
    ${options.map((o) => html`<option value=${o} ?selected=${value === o}>${ctx.labels.optionLabel(path, o)}</option>`)}
  </select>`;
}
