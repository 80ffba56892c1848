// The read-only summary of a header part the host gives (patient, author, custodian) in place
// of its fields. Its rows come from the editor's definition (`contextSummary`): what a part
// holds is the volet's knowledge, not the engine's.
import { html, type TemplateResult } from 'lit';
import type { LocalizeController } from '../../localize.js';
import type { FormLabels } from '../labels.js';

/** The header parts that the host fills from its context (`model key` → property). */
export const CONTEXT_KEYS = ['patient', 'author', 'custodian'] as const;
export type ContextKey = (typeof CONTEXT_KEYS)[number];

/** `[label, value]` rows of a summary. */
export type ContextSummaryRows = readonly (readonly [string, string])[];

export function renderContextSummary(localize: LocalizeController, labels: FormLabels, key: ContextKey, rows: ContextSummaryRows): TemplateResult {
  const id = `ctx-${key}`;
  return html`<div part="context-summary" class="context-summary" data-path=${key} role="group" aria-labelledby=${id}>
    <h3 id=${id}>${labels.labelOf([key])}</h3>
    <dl>${rows.map(([k, val]) => html`<div><dt>${k}</dt><dd>${val}</dd></div>`)}</dl>
    <p class="hint">${localize.term('contextSummary')}</p>
  </div>`;
}
