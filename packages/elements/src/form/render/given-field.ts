// Fields the host's establishment context fills (its 3C, regional network, the RCP's national
// ids…): the clinician never types them, so they are not shown as fields but as one compact
// read-only summary per group, with a « Modifier » button that brings the fields back (for the
// rare document that must say something else). Fields with a problem are always shown.
import { html, type TemplateResult } from 'lit';
import { getAt, type Path } from '../schema.js';
import type { RenderContext } from './context.js';

/** A short text for a given value: a code's label, an organisation's name, an identifier. */
export function givenText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'object') return String(value);
  if (Array.isArray(value)) return value.map(givenText).filter(Boolean).join(' ; ');
  const o = value as Record<string, unknown>;
  for (const key of ['displayName', 'name', 'code', 'idNatStruct'] as const) if (typeof o[key] === 'string' && o[key] !== '') return o[key];
  if (o.organization !== undefined) return givenText(o.organization);
  return Object.values(o).map(givenText).filter(Boolean).slice(0, 2).join(', ');
}

/** One summary of given fields (`paths`, in screen order) and the button that shows them as fields. */
export function renderGiven(ctx: RenderContext, paths: readonly Path[], pathTexts: readonly string[]): TemplateResult {
  const id = `given-${pathTexts[0]!.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  const labels = paths.map((p) => ctx.labels.labelOf(p));
  return html`<div part="given" class="context-summary given" role="group" aria-labelledby=${id} data-container=${pathTexts[0]!}>
    <h3 id=${id}>${ctx.localize.term('givenTitle')}</h3>
    <dl>${paths.map((p, i) => html`<div><dt>${labels[i]}</dt><dd>${givenText(getAt(ctx.data, p))}</dd></div>`)}</dl>
    ${ctx.readonly
      ? ''
      : html`<button type="button" data-action="edit-given" data-kind="edit-given" data-path=${pathTexts[0]!} data-paths=${pathTexts.join(' ')}>
          ${ctx.localize.term('editGiven', labels.join(', '))}
        </button>`}
  </div>`;
}
