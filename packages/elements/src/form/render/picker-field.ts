// A coded field bound to a value set: a <dcc-code-picker> (which loads the value set itself).
// The value set comes from the schema node's `x-dcc-valueSet` annotation, else from the
// editor's bindings (path pattern, or `*.suffix`).
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { getAt, pathPattern, pathToString, type Path, type SchemaNode } from '../schema.js';
import { idFor, type RenderContext } from './context.js';

/** The JSON Schema annotation naming the value set of a coded field (`JDV_J01_XdsAuthorSpecialty_CISIS`). */
export const VALUE_SET_KEYWORD = 'x-dcc-valueSet';

/** The value set of a coded field: its schema annotation, else the bindings of the editor. */
export function valueSetOf(schema: SchemaNode, path: Path, bindings: Readonly<Record<string, string>>): string | undefined {
  const annotated = (schema as Record<string, unknown>)[VALUE_SET_KEYWORD];
  if (typeof annotated === 'string' && annotated) return annotated;
  const pattern = pathPattern(path);
  if (bindings[pattern]) return bindings[pattern];
  const parts = pattern.split('.');
  for (let i = 1; i < parts.length; i++) {
    const suffix = `*.${parts.slice(i).join('.')}`;
    if (bindings[suffix]) return bindings[suffix];
  }
  return undefined;
}

export function renderPicker(ctx: RenderContext, path: Path, label: string, valueSetName: string, required: boolean): TemplateResult {
  const pathText = pathToString(path);
  const id = idFor(pathText);
  const coding = getAt(ctx.data, path) as { code?: string; codeSystem?: string } | undefined;
  const errors = ctx.errorsOf(pathText, false, path, { schema: { title: 'Coding' }, required, value: coding });
  const hint = ctx.labels.hintOf(path);
  const invalid = errors.ids !== '';
  return html`<div part="field" class="field picker-field ${invalid ? 'invalid' : ''}">
    <dcc-code-picker
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
    ></dcc-code-picker>
    ${errors.template}
  </div>`;
}
