// Checks of the clinical blocks shared by both volets: tumours and cancer phase.
import { joinPath } from '../issues.js';
import { sortKey } from '../datatypes.js';
import type { Checker } from './checker.js';
import { CancerDiagnosis, type CancerPhase } from '../model/oncology.js';
import { valueSetOf } from './bindings.js';

const TOPOGRAPHIES = valueSetOf(CancerDiagnosis.properties.topography);
const MORPHOLOGIES = valueSetOf(CancerDiagnosis.properties.morphology);
const LATERALITIES = valueSetOf(CancerDiagnosis.properties.laterality);

export function checkTumours(c: Checker, path: string, tumours: CancerDiagnosis[], options: { tnmRequired: boolean }): void {
  tumours.forEach((t, i) => {
    const p = joinPath(path, i);
    t.status ??= 'active';
    c.date(joinPath(p, 'diagnosisDate'), t.diagnosisDate);
    c.date(joinPath(p, 'endDate'), t.endDate);
    const closed = t.status === 'completed' || t.status === 'aborted';
    if (closed && t.endDate === undefined)
      c.add(
        joinPath(p, 'endDate'),
        'required',
        'Un cancer au statut terminé ou interrompu a une date de fin.',
        'A cancer whose status is completed or aborted needs an end date.',
      );
    if (!closed && t.endDate !== undefined)
      c.add(
        joinPath(p, 'endDate'),
        'forbidden',
        "Une date de fin n'est possible que pour un statut terminé (completed) ou interrompu (aborted).",
        'An end date is only allowed with status completed or aborted.',
      );
    if (t.diagnosisDate !== undefined && t.endDate !== undefined && sortKey(t.endDate).end < sortKey(t.diagnosisDate).start)
      c.add(joinPath(p, 'endDate'), 'period', 'La date de fin précède la date du diagnostic.', 'The end date is before the diagnosis date.');
    c.codedOrText(joinPath(p, 'topography'), t.topography, TOPOGRAPHIES);
    c.codedOrText(joinPath(p, 'morphology'), t.morphology, MORPHOLOGIES);
    c.coding(joinPath(p, 'laterality'), t.laterality, LATERALITIES);
    if (t.tnm) {
      t.tnm.version ??= '8';
      c.date(joinPath(joinPath(p, 'tnm'), 'date'), t.tnm.date);
    } else if (options.tnmRequired)
      c.add(
        joinPath(p, 'tnm'),
        'required',
        'La classification TNM est obligatoire dans la fiche RCP (omettez T, N ou M s’ils sont inconnus).',
        'TNM staging is required in the FRCP (omit T, N or M when unknown).',
      );
  });
}

export function checkPhase(c: Checker, path: string, phase: CancerPhase | undefined): void {
  if (!phase) return;
  c.date(joinPath(path, 'date'), phase.date);
  const pr = phase.progression;
  const pp = joinPath(path, 'progression');
  c.date(joinPath(pp, 'date'), pr.date);
  if (pr.observed)
    for (const key of ['local', 'regional', 'distant'] as const)
      if (pr[key] === undefined)
        c.add(
          joinPath(pp, key),
          'required',
          'Quand une progression est observée, précisez si elle est locale, régionale et à distance.',
          'When progression is observed, say whether it is local, regional and distant.',
        );
}
