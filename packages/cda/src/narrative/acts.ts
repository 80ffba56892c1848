// The state of a care act as the patient reads it: done, ongoing, to come, stopped, cancelled.
// `performed: planned` is one CDA mood (INT) for "ongoing or to come": the dates decide which.
import type { PpsCareAct } from '../model/pps.js';
import { dateFr } from './text.js';

export type ActState = 'done' | 'ongoing' | 'planned' | 'aborted' | 'cancelled';

export const ACT_STATE_FR: Record<ActState, string> = {
  done: 'réalisé',
  ongoing: 'en cours',
  planned: 'à venir',
  aborted: 'interrompu',
  cancelled: 'annulé',
};

/** Whether a (possibly partial) date is on or before a day: "2025-03" ≤ "2025-03-15". */
const onOrBefore = (date: string, asOf: string): boolean => date.slice(0, 10) <= asOf.slice(0, 10);

/**
 * State of an act on the document's date (`asOf`, an ISO date or instant): a planned act has
 * started when its confirmed start is on or before that date, else it is to come.
 */
export function actState(act: Pick<PpsCareAct, 'performed' | 'statusCode' | 'confirmedPeriod'>, asOf: string): ActState {
  if (act.statusCode === 'aborted') return 'aborted';
  if (act.statusCode === 'cancelled') return 'cancelled';
  if (act.performed === 'done') return 'done';
  const start = act.confirmedPeriod?.start;
  return start !== undefined && onOrBefore(start, asOf) ? 'ongoing' : 'planned';
}

/** « en cours », « à venir », « réalisé », « interrompu le 12/03/2025 »… */
export function actStateFr(act: Pick<PpsCareAct, 'performed' | 'statusCode' | 'confirmedPeriod'>, asOf: string): string {
  const state = actState(act, asOf);
  const end = act.confirmedPeriod?.end;
  return state === 'aborted' && end !== undefined ? `${ACT_STATE_FR.aborted} le ${dateFr(end)}` : ACT_STATE_FR[state];
}
