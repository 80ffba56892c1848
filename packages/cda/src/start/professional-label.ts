// Who a professional offered for a list is: apart from the starts, because the editors need it
// on their first render (the establishment's members) while the starts load on first use.
import type { HealthProfessional } from '../model/common.js';

/** « Camille LEFORT — Médecin - Oncologie, opt médicale (SM) »: who a professional offered for a list is. */
export function professionalLabel(p: Pick<HealthProfessional, 'name' | 'profession'>): string {
  const name = [p.name.given, p.name.family].filter(Boolean).join(' ');
  return p.profession?.displayName ? `${name} — ${p.profession.displayName}` : name;
}
