// Repeatable lists: a fieldset of items (keyed by identity so that moving an item moves its
// DOM), each with move up/down and remove, and an "add" button. Long lists of objects open
// folded, one line per item.
import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { getAt, kindOf, pathToString, type Path, type SchemaNode } from '../schema.js';
import { idFor, type RenderContext } from './context.js';
import { renderObjectItem } from './object-field.js';
import { renderCandidates } from './candidates-field.js';

/** Lists longer than this open folded (one line per item). */
export const FOLD_LISTS_FROM = 8;

/** " — Chimiothérapie, FEC 100" for a folded item: its type and first texts. */
export function itemSummary(item: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const value of Object.values(item)) {
    if (parts.length >= 2) break;
    if (typeof value === 'string') parts.push(value);
    else if (value && typeof value === 'object' && 'code' in value) {
      const coding = value as { code?: string; displayName?: string };
      parts.push(coding.displayName ?? coding.code ?? '');
    }
  }
  const text = parts.filter(Boolean).join(', ');
  return text ? ` — ${text.length > 90 ? `${text.slice(0, 89)}…` : text}` : '';
}

export function renderArray(ctx: RenderContext, schema: SchemaNode, path: Path, label: string, required: boolean): TemplateResult {
  const term = (key: string, ...args: unknown[]) => ctx.localize.term(key, ...args);
  const pathText = pathToString(path);
  const items = (getAt(ctx.data, path) as unknown[] | undefined) ?? [];
  const count = items.length + ctx.lists.pending(pathText);
  const itemSchema = schema.items ?? {};
  const what = ctx.labels.itemName(path);
  const errors = ctx.errorsOf(pathText, true, path);
  const hint = ctx.labels.hintOf(path);
  const hintId = hint ? `h-${idFor(pathText)}` : '';
  const describedBy = [hintId, errors.ids].filter(Boolean).join(' ');
  const slots = Array.from({ length: count }, (_, i) => items[i]);
  const full = schema.maxItems !== undefined && count >= schema.maxItems;
  const offer = ctx.readonly ? undefined : ctx.candidatesOf(pathText);
  // No whitespace between tags (here and in the other renderers): it renders nothing in these
  // block, flex and grid containers, and a form of ~1,000 fields made ~5,000 such text nodes.
  return html`<fieldset part="group" class="group list" data-path=${pathText} aria-describedby=${describedBy || nothing}
    ><legend>${required && (schema.minItems ?? 0) > 0 ? html`${label} <span class="req">(${term('required')})</span>` : label}</legend
    >${hint ? html`<p part="hint" class="hint" id=${hintId}>${hint}</p>` : nothing}${errors.template}${offer ? renderCandidates(ctx, pathText, offer, items) : nothing}${count === 0 && !offer ? html`<p class="empty">${term('none')}</p>` : nothing}<ol
      class="items"
    >${repeat(
        slots,
        (item, i) => ctx.lists.keyOf(item, i),
        (_item, i) => {
          const itemPath = [...path, i];
          const itemText = pathToString(itemPath);
          const name = term('itemNumber', what, i + 1);
          const isObject = kindOf(itemSchema) === 'object';
          const item = items[i];
          // Long lists (50 treatments) open with their items folded to one line each: the
          // first render stays fast, and an item opens with Enter (or from an error link).
          // An item taken from the candidates opens folded too: it is who the clinician chose.
          const object = isObject && item !== null && typeof item === 'object';
          const folded = object && !ctx.lists.isUnfolded(item) && (count > FOLD_LISTS_FROM || ctx.lists.summaryOf(item) !== undefined);
          // The item's tools are one Tab stop (a toolbar: the arrows move between its buttons).
          const first = i > 0 ? 'up' : i < items.length - 1 ? 'down' : 'remove';
          const tools = ctx.readonly
            ? nothing
            : html`<div class="item-tools" role="toolbar" aria-label=${term('itemTools', name)}
                ><button type="button" data-action="move-up" data-kind="up" data-path=${itemText} ?disabled=${i === 0} tabindex=${first === 'up' ? '0' : '-1'}
                  >${term('moveUp', name)}</button
                ><button type="button" data-action="move-down" data-kind="down" data-path=${itemText} ?disabled=${i >= items.length - 1} tabindex=${first === 'down' ? '0' : '-1'}
                  >${term('moveDown', name)}</button
                ><button type="button" data-action="remove-item" data-kind="remove" data-path=${itemText} tabindex=${first === 'remove' ? '0' : '-1'}
                  >${term('remove', name)}</button
                ></div
              >`;
          if (folded)
            return html`<li part="item" class="item folded" data-container=${itemText}
              ><button type="button" class="unfold" data-action="unfold-item" data-path=${itemText} aria-expanded="false"
                >${name}${ctx.lists.summaryOf(item) !== undefined ? ` — ${ctx.lists.summaryOf(item)}` : itemSummary(item as Record<string, unknown>)}</button
              >${ctx.lists.summaryOf(item) !== undefined ? tools : nothing}</li
            >`;
          return html`<li part="item" class="item" data-container=${itemText}
            >${isObject ? renderObjectItem(ctx, itemSchema, itemPath, name) : ctx.renderNode(itemSchema, itemPath, true, name)}${tools}</li
          >`;
        },
      )}</ol
    >${ctx.readonly || full ? nothing : html`<button type="button" class="add" data-action="add-item" data-kind="add" data-path=${pathText}>${term('add', what)}</button>`}</fieldset
  >`;
}
