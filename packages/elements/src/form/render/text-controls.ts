// Text, number and long-text controls of a leaf field.
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { SchemaNode } from '../schema.js';
import type { ControlCommon } from './context.js';

/** A plain `<input>` of `type` whose value is the field's (`kind` names the control for the engine). */
export function plainInput(type: string, kind: string, value: string, c: ControlCommon): TemplateResult {
  return html`<input
    part="control"
    type=${type}
    id=${c.id}
    data-path=${c.pathText}
    data-kind=${kind}
    .value=${live(value)}
    ?readonly=${c.ro}
    ?required=${c.required}
    aria-invalid=${c.invalid}
    aria-describedby=${c.describedBy}
  />`;
}

export function textInput(value: string, c: ControlCommon): TemplateResult {
  return plainInput('text', 'text', value, c);
}

export function numberInput(schema: SchemaNode, kind: 'number' | 'integer', value: string, c: ControlCommon): TemplateResult {
  return html`<input
    part="control"
    type="number"
    id=${c.id}
    data-path=${c.pathText}
    data-kind=${kind}
    step=${kind === 'integer' ? '1' : 'any'}
    min=${schema.minimum ?? nothing}
    max=${schema.maximum ?? nothing}
    .value=${live(value)}
    ?readonly=${c.ro}
    ?required=${c.required}
    aria-invalid=${c.invalid}
    aria-describedby=${c.describedBy}
  />`;
}

export function textArea(value: string, c: ControlCommon): TemplateResult {
  return html`<textarea
    part="control"
    id=${c.id}
    data-path=${c.pathText}
    data-kind="textarea"
    rows="3"
    .value=${live(value)}
    ?readonly=${c.ro}
    ?required=${c.required}
    aria-invalid=${c.invalid}
    aria-describedby=${c.describedBy}
  ></textarea>`;
}
