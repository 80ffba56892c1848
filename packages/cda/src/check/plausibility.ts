// Plausibility of the dates a clinician gives, against each other and against the document:
// a birth date in the future, or after the diagnosis or the document; a diagnosis after the
// document; an RCP after the document or before the diagnosis it decided on (PPS); an act
// marked done whose dates come after the document. Partial dates compare by their span: « 2024 »
// is after « 2024-03-15 » only if every day of 2024 is.
import { joinPath } from '../issues.js';
import { isRealDate, sortKey } from '../datatypes.js';
import { PARTIAL_DATE_PATTERN } from '../model/common.js';
import type { Checker } from './checker.js';
import type { CancerDiagnosis } from '../model/oncology.js';
import type { PatientIdentity, Period } from '../model/common.js';
import type { PpsCareAct, PpsDocument } from '../model/pps.js';
import type { FrcpDocument } from '../model/frcp.js';

/** The calendar day of an instant as written (its own offset), or the partial date itself. */
const day = (value: string): string => value.slice(0, 10);
const DATE = new RegExp(PARTIAL_DATE_PATTERN);
/** A date these rules may judge: a malformed or impossible one is reported by its own check. */
const judgeable = (value: string): boolean => DATE.test(day(value)) && isRealDate(day(value));
/** `a` certainly after `b` (no day of `a` is on or before any day of `b`). */
const after = (a: string, b: string): boolean => judgeable(a) && judgeable(b) && sortKey(day(a)).start > sortKey(day(b)).end;

interface Dated {
  readonly documentDate: string;
  readonly today: string;
}

function checkBirth(c: Checker, patient: PatientIdentity, tumours: readonly CancerDiagnosis[], d: Dated): void {
  const path = 'patient.birthDate';
  const birth = patient.birthDate;
  // One problem, one message: a birth date wrong in itself is not also reported at each diagnosis.
  if (after(birth, d.today))
    return c.add(path, 'plausibility.birth-future', 'La date de naissance est dans le futur.', 'The birth date is in the future.');
  if (after(birth, d.documentDate))
    return c.add(path, 'plausibility.birth-after-document', 'La date de naissance est postérieure à la date du document.', 'The birth date is after the date of the document.');
  tumours.forEach((t, i) => {
    if (t.diagnosisDate !== undefined && after(birth, t.diagnosisDate))
      c.add(
        joinPath(joinPath('tumours', i), 'diagnosisDate'),
        'plausibility.diagnosis-before-birth',
        'La date du diagnostic précède la date de naissance du patient.',
        "The date of the diagnosis is before the patient's birth date.",
      );
  });
}

function checkDiagnoses(c: Checker, tumours: readonly CancerDiagnosis[], d: Dated): void {
  tumours.forEach((t, i) => {
    if (t.diagnosisDate !== undefined && after(t.diagnosisDate, d.documentDate))
      c.add(
        joinPath(joinPath('tumours', i), 'diagnosisDate'),
        'plausibility.diagnosis-after-document',
        'La date du diagnostic est postérieure à la date du document.',
        'The date of the diagnosis is after the date of the document.',
      );
  });
}

/** A done act (or a completed past treatment) dated after the document. */
function checkDone(c: Checker, path: string, period: Period | undefined, d: Dated): void {
  for (const bound of ['start', 'end'] as const) {
    const value = period?.[bound];
    if (value !== undefined && after(value, d.documentDate))
      c.add(
        joinPath(path, bound),
        'plausibility.done-after-document',
        'Un acte marqué « réalisé » ne peut pas avoir de date postérieure à la date du document.',
        'An act marked done cannot have a date after the date of the document.',
      );
  }
}

function dated(c: Checker, effectiveTime: string | undefined): Dated {
  return { documentDate: day(effectiveTime ?? c.nowInstant()), today: day(c.nowInstant()) };
}

export function checkPpsPlausibility(c: Checker, doc: PpsDocument): void {
  const d = dated(c, doc.document?.effectiveTime);
  checkBirth(c, doc.patient, doc.tumours, d);
  checkDiagnoses(c, doc.tumours, d);
  const rcp = doc.status.rcpDate;
  if (after(rcp, d.documentDate))
    c.add('status.rcpDate', 'plausibility.rcp-after-document', 'La date de la RCP est postérieure à la date du PPS.', 'The date of the RCP is after the date of the PPS.');
  doc.tumours.forEach((t, i) => {
    if (t.diagnosisDate !== undefined && after(t.diagnosisDate, rcp))
      c.add(
        'status.rcpDate',
        'plausibility.rcp-before-diagnosis',
        `La RCP qui a décidé du programme précède la date du diagnostic (tumeur ${i + 1}).`,
        `The RCP that decided the programme is before the date of the diagnosis (tumour ${i + 1}).`,
      );
  });
  for (const [section, lists] of [
    ['therapeuticProgramme', ['treatments', 'sideEffectManagement', 'associatedMeasures', 'followUp']],
    ['supportiveCare', ['supportiveCare', 'socialSupport']],
  ] as const) {
    const group = doc[section] as Record<string, PpsCareAct[] | undefined>;
    for (const list of lists)
      group[list]?.forEach((act, i) => {
        if (act.performed === 'done') checkDone(c, `${section}.${list}[${i}].confirmedPeriod`, act.confirmedPeriod, d);
      });
  }
}

export function checkFrcpPlausibility(c: Checker, doc: FrcpDocument): void {
  const d = dated(c, doc.document?.effectiveTime);
  checkBirth(c, doc.patient, doc.tumours, d);
  checkDiagnoses(c, doc.tumours, d);
  if (after(doc.meeting.meetingTime, d.documentDate))
    c.add(
      'meeting.meetingTime',
      'plausibility.rcp-after-document',
      'La réunion de concertation est postérieure à la date de la Fiche RCP.',
      'The meeting is after the date of the Fiche RCP.',
    );
  doc.pastTreatments?.forEach((t, i) => {
    if (t.status === 'completed') checkDone(c, `pastTreatments[${i}].period`, t.period, d);
  });
}
