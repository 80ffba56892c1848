// The read-only summary of a header part the host gives (patient, author, custodian) in place
// of its fields.
import { html, type TemplateResult } from 'lit';
import type { Custodian, DocumentAuthor, PatientIdentity } from '@dcc-kit/cda/core';
import type { LocalizeController } from '../../localize.js';
import type { FormLabels } from '../labels.js';

/** The header parts that the host fills from its context (`model key` → property). */
export const CONTEXT_KEYS = ['patient', 'author', 'custodian'] as const;
export type ContextKey = (typeof CONTEXT_KEYS)[number];

export function renderContextSummary(localize: LocalizeController, labels: FormLabels, key: ContextKey, value: unknown): TemplateResult {
  const v = value as Record<string, unknown>;
  const labelOf = (path: string[]) => labels.labelOf(path);
  const rows: [string, string][] = [];
  const str = (x: unknown) => (typeof x === 'string' ? x : undefined);
  if (key === 'patient') {
    const p = v as unknown as PatientIdentity;
    rows.push([labelOf(['patient', 'birthFamilyName']), p.birthFamilyName]);
    if (p.usedFamilyName) rows.push([labelOf(['patient', 'usedFamilyName']), p.usedFamilyName]);
    rows.push([labelOf(['patient', 'birthGivenNames']), p.birthGivenNames]);
    rows.push([labelOf(['patient', 'gender']), labels.optionLabel(['patient', 'gender'], p.gender)]);
    rows.push([labelOf(['patient', 'birthDate']), localize.date(p.birthDate)]);
    if (p.ins) rows.push([labelOf(['patient', 'ins']), `${p.ins.kind} ${p.ins.value}`]);
  } else if (key === 'author') {
    const a = v as unknown as DocumentAuthor;
    const n = a.professional.name;
    rows.push([labelOf(['author', 'professional', 'name']), [n.given, n.family].filter(Boolean).join(' ')]);
    rows.push([labelOf(['author', 'professional', 'idNatPs']), a.professional.idNatPs]);
    const prof = a.professional.profession?.displayName ?? a.professional.profession?.code;
    if (prof) rows.push([labelOf(['author', 'professional', 'profession']), prof]);
    const org = a.professional.organization?.name;
    if (org) rows.push([labelOf(['author', 'professional', 'organization']), org]);
  } else {
    const c = v as Partial<Custodian> & Record<string, unknown>;
    if (str(c.name)) rows.push([labelOf(['custodian', 'name']), str(c.name)!]);
    if (str(c.idNatStruct)) rows.push([labelOf(['custodian', 'idNatStruct']), str(c.idNatStruct)!]);
  }
  const id = `ctx-${key}`;
  return html`<div part="context-summary" class="context-summary" data-path=${key} role="group" aria-labelledby=${id}>
    <h3 id=${id}>${labelOf([key])}</h3>
    <dl>${rows.map(([k, val]) => html`<div><dt>${k}</dt><dd>${val}</dd></div>`)}</dl>
    <p class="hint">${localize.term('contextSummary')}</p>
  </div>`;
}
