// Objects: a fieldset of their fields (removable when optional), the "add" button of an
// optional object not there yet, and the fieldset of an object item of a list.
import { html, nothing, type TemplateResult } from 'lit';
import { isRequired, pathToString, type Path, type SchemaNode } from '../schema.js';
import { idFor, type RenderContext } from './context.js';
import { renderDirectoryPicker } from './directory-field.js';

export function renderAddObject(ctx: RenderContext, path: Path, label: string): TemplateResult {
  const pathText = pathToString(path);
  const errors = ctx.errorsOf(pathText, false, path);
  if (ctx.readonly) return html`${nothing}`;
  return html`<div class="add-object" part="field">
    <button type="button" class="add" data-action="add-object" data-kind="add" data-path=${pathText} aria-describedby=${errors.ids || nothing}>
      ${ctx.localize.term('add', label)}
    </button>
    ${errors.template}
  </div>`;
}

export function renderObject(ctx: RenderContext, schema: SchemaNode, path: Path, label: string, removable: boolean): TemplateResult {
  const pathText = pathToString(path);
  const errors = ctx.errorsOf(pathText, true, path);
  const hint = ctx.labels.hintOf(path);
  const hintId = hint ? `h-${idFor(pathText)}` : '';
  const describedBy = [hintId, errors.ids].filter(Boolean).join(' ');
  const props = Object.entries(schema.properties ?? {});
  return html`<fieldset part="group" class="group" data-path=${pathText} data-container=${pathText} aria-describedby=${describedBy || nothing}>
    <legend>${label}</legend>
    ${hint ? html`<p part="hint" class="hint" id=${hintId}>${hint}</p>` : nothing} ${errors.template} ${renderDirectoryPicker(ctx, schema, path, label)}
    <div class="fields">${props.map(([key, child]) => ctx.renderNode(child, [...path, key], isRequired(schema, key)))}</div>
    ${removable && !ctx.readonly
      ? html`<button type="button" class="remove" data-action="remove-object" data-kind="remove" data-path=${pathText}>
          ${ctx.localize.term('remove', label)}
        </button>`
      : nothing}
  </fieldset>`;
}

/** An array item of object type: a fieldset titled "Traitement n° 2". */
export function renderObjectItem(ctx: RenderContext, schema: SchemaNode, path: Path, name: string): TemplateResult {
  const pathText = pathToString(path);
  const errors = ctx.errorsOf(pathText, true, path);
  return html`<fieldset class="group item-group" data-path=${pathText} aria-describedby=${errors.ids || nothing}>
    <legend>${name}</legend>
    ${errors.template} ${renderDirectoryPicker(ctx, schema, path, name)}
    <div class="fields">
      ${Object.entries(schema.properties ?? {}).map(([key, child]) => ctx.renderNode(child, [...path, key], isRequired(schema, key)))}
    </div>
  </fieldset>`;
}
