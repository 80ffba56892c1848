// The TNM stage's label: clinical (cTNM), pathological (pTNM), after neoadjuvant treatment
// (ypTNM / ycTNM) or at recurrence (rTNM), read from the prefix the clinician typed on T, N or M
// (the UICC notation); no prefix is the clinical stage the volet's E-TNM entry describes.
import type { Tnm } from '../model/oncology.js';

export type TnmPrefix = 'c' | 'p' | 'yc' | 'yp' | 'r';

export const TNM_STAGE_LABEL_FR: Record<TnmPrefix, string> = {
  c: 'Stade clinique (cTNM)',
  p: 'Stade pathologique (pTNM)',
  yc: 'Stade clinique après traitement néoadjuvant (ycTNM)',
  yp: 'Stade pathologique après traitement néoadjuvant (ypTNM)',
  r: 'Stade de la récidive (rTNM)',
};

/** The prefix of the first category given (T, then N, then M); `c` when none has one. */
export function tnmPrefix(tnm: Pick<Tnm, 't' | 'n' | 'm'>): TnmPrefix {
  const value = [tnm.t, tnm.n, tnm.m].find((v) => v !== undefined && v.trim() !== '');
  const match = value === undefined ? null : /^\s*(yp|yc|rp|p|c|r)[TNM]/i.exec(value);
  const prefix = match ? match[1]!.toLowerCase() : 'c';
  return prefix === 'rp' ? 'r' : (prefix as TnmPrefix);
}

export const tnmStageLabelFr = (tnm: Pick<Tnm, 't' | 'n' | 'm'>): string => TNM_STAGE_LABEL_FR[tnmPrefix(tnm)];
