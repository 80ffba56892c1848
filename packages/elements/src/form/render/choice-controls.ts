// Yes/no and enumeration controls of a leaf field: a required yes/no is a checkbox (false by
// default), an optional one a select with "unknown"; an enumeration a select of its options.
import { html, type TemplateResult } from 'lit';
import { guard } from 'lit/directives/guard.js';
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
    /><label part="label" for=${c.id}>${label}</label>${after}</div
  >`;
}

/** `[value, text]` of each option of a select, in order. */
type OptionList = readonly (readonly [string, string])[];

/**
 * The options of each distinct list, built once as a template and cloned for every select that
 * shows it: a form has about 2,000 options, and a native clone costs a fraction of a Lit template
 * per option (its parts and markers). The option of the current value gets the `selected`
 * attribute (the select's `.value` is set before its options exist on the first render); later
 * changes go through the select's `.value`.
 */
const optionTemplates = new Map<string, HTMLTemplateElement>();

function optionsFragment(key: string, options: OptionList, selected: string): DocumentFragment {
  let template = optionTemplates.get(key);
  if (!template) {
    template = document.createElement('template');
    for (const [value, text] of options) {
      const option = document.createElement('option');
      option.value = value;
      option.textContent = text;
      template.content.append(option);
    }
    optionTemplates.set(key, template);
  }
  const fragment = document.importNode(template.content, true);
  for (const option of fragment.children) {
    if ((option as HTMLOptionElement).value === selected) {
      option.setAttribute('selected', '');
      break;
    }
  }
  return fragment;
}

/** The options of a select, rendered again only when their values or texts change (a language switch). */
function renderOptions(options: OptionList, value: unknown): unknown {
  const key = options.map(([v, text]) => `${v}\u0001${text}`).join('\u0002');
  return guard([key], () => optionsFragment(key, options, value === undefined ? '' : String(value)));
}

export function booleanSelect(ctx: RenderContext, value: unknown, c: ControlCommon): TemplateResult {
  const options: OptionList = [
    ['', ctx.localize.term('boolUnknown')],
    ['true', ctx.localize.term('yes')],
    ['false', ctx.localize.term('no')],
  ];
  return html`<select part="control" id=${c.id} data-path=${c.pathText} data-kind="bool" .value=${live(value === undefined ? '' : String(value))} ?disabled=${c.ro} aria-invalid=${c.invalid} aria-describedby=${c.describedBy}>${renderOptions(options, value)}</select>`;
}

export function enumSelect(ctx: RenderContext, schema: SchemaNode, path: Path, value: unknown, c: ControlCommon): TemplateResult {
  const options: OptionList = [['', c.required ? ctx.localize.term('choose') : ctx.localize.term('boolUnknown')], ...enumOptions(schema).map((o): [string, string] => [o, ctx.labels.optionLabel(path, o)])];
  return html`<select part="control" id=${c.id} data-path=${c.pathText} data-kind="enum" .value=${live(value === undefined ? '' : String(value))} ?disabled=${c.ro} ?required=${c.required} aria-invalid=${c.invalid} aria-describedby=${c.describedBy}>${renderOptions(options, value)}</select>`;
}
