// Objects: a fieldset of their fields (removable when optional), the "add" button of an
// optional object not there yet, and the fieldset of an object item of a list.
import { html, nothing, type TemplateResult } from 'lit';
import { DETAIL_KEYWORD } from '@dcc-kit/cda/metadata';
import { getAt, isEmptyValue, isRequired, pathToString, type Path, type SchemaNode } from '../schema.js';
import { idFor, type RenderContext } from './context.js';
import { renderDirectoryPicker } from './directory-field.js';
import { renderGiven } from './given-field.js';

export function renderAddObject(ctx: RenderContext, path: Path, label: string): TemplateResult {
  const pathText = pathToString(path);
  const errors = ctx.errorsOf(pathText, false, path);
  if (ctx.readonly) return html`${nothing}`;
  return html`<div class="add-object" part="field"
    ><button type="button" class="add" data-action="add-object" data-kind="add" data-path=${pathText} aria-describedby=${errors.ids || nothing}
      >${ctx.localize.term('add', label)}</button
    >${errors.template}</div
  >`;
}

export function renderObject(ctx: RenderContext, schema: SchemaNode, path: Path, label: string, removable: boolean): TemplateResult {
  const pathText = pathToString(path);
  const errors = ctx.errorsOf(pathText, true, path);
  const hint = ctx.labels.hintOf(path);
  const hintId = hint ? `h-${idFor(pathText)}` : '';
  const describedBy = [hintId, errors.ids].filter(Boolean).join(' ');
  const hintEl = hint ? html`<p part="hint" class="hint" id=${hintId}>${hint}</p>` : nothing;
  // No whitespace between tags: see array-field.ts.
  return html`<fieldset part="group" class="group" data-path=${pathText} data-container=${pathText} aria-describedby=${describedBy || nothing}
    ><legend>${label}</legend
    >${renderFields(ctx, schema, path, pathText, hint || errors.ids ? html`${hintEl}${errors.template}` : nothing, label)}${removable && !ctx.readonly
      ? html`<button type="button" class="remove" data-action="remove-object" data-kind="remove" data-path=${pathText}>${ctx.localize.term('remove', label)}</button>`
      : nothing}</fieldset
  >`;
}

/** An array item of object type: a fieldset titled "Traitement n° 2". */
export function renderObjectItem(ctx: RenderContext, schema: SchemaNode, path: Path, name: string): TemplateResult {
  const pathText = pathToString(path);
  const errors = ctx.errorsOf(pathText, true, path);
  return html`<fieldset class="group item-group" data-path=${pathText} aria-describedby=${errors.ids || nothing}
    ><legend>${name}</legend
    >${renderFields(ctx, schema, path, pathText, errors.template, name)}</fieldset
  >`;
}

/**
 * The fields of an object; those that rarely apply (`x-dcc-detail` on the model field) behind
 * « Plus de détails », open when one of them holds a value (nothing typed is ever hidden) or
 * once opened by the user (kept across re-renders until another document is loaded). `before`
 * (the object's hint and errors), the directory search and the summary of what the
 * establishment gives come first, in one binding when there is any: each binding is a marker
 * node and a part, times the ~400 objects of a form, and most objects have none of them.
 */
function renderFields(ctx: RenderContext, schema: SchemaNode, path: Path, pathText: string, before: unknown, label: string): TemplateResult {
  const all = Object.entries(schema.properties ?? {});
  // What the establishment gives: one summary before the other fields.
  const given = all.filter(([key]) => ctx.isGiven(pathToString([...path, key])));
  const props = given.length === 0 ? all : all.filter((entry) => !given.includes(entry));
  const summary = given.length === 0 ? nothing : renderGiven(ctx, given.map(([key]) => [...path, key]), given.map(([key]) => pathToString([...path, key])));
  const directory = renderDirectoryPicker(ctx, schema, path, label);
  const head = before === nothing && directory === nothing && summary === nothing ? nothing : html`${before}${directory}${summary}`;
  const main = props.filter(([, child]) => !child[DETAIL_KEYWORD]);
  const details = props.filter(([, child]) => child[DETAIL_KEYWORD] === true);
  const render = ([key, child]: [string, SchemaNode]) => ctx.renderNode(child, [...path, key], isRequired(schema, key));
  if (details.length === 0) return html`${head}<div class="fields">${main.map(render)}</div>`;
  const filled = details.some(([key]) => !isEmptyValue(getAt(ctx.data, [...path, key])));
  const open = filled || ctx.openDetails.has(pathText);
  return html`${head}<div class="fields">${main.map(render)}</div>
    <details part="details" class="details" ?open=${open} @toggle=${(e: Event) => ctx.detailsToggled(pathText, (e.currentTarget as HTMLDetailsElement).open)}>
      <summary data-action="details" data-kind="details" data-path=${pathText}>${ctx.localize.term('moreDetails')}</summary>
      <div class="fields">${details.map(render)}</div>
    </details>`;
}
