// The platform records <dmp-status> reads, as the server answers them (GET /patients/{id},
// /patients/{id}/dmp, /documents, …/versions, …/submissions): one factory each, with fictitious
// data only. One source for the browser tests' fake client (./fake-dmp-client.ts) and the
// stories' msw handlers (stories/support/dmp-handlers.js), through `@dcc-kit/dmp-status/testing`.
import type { DmpPatientStatus, Document, Patient, Submission, VersionSummary, VisibilityChange } from '@dcc-kit/sdk';

/** The time every record was made. */
export const AT = '2026-12-01T09:00:00Z';

export const PATIENT_ID = 'pat-1';
const STRUCTURE_ID = '1750000001';
const RPPS = '810002909371';

/** A patient of the platform (INS of the ANS test identities; traits as the API's `Traits`). */
export function patient(identityStatus: Patient['identityStatus'] = 'qualified'): Patient {
  return {
    id: PATIENT_ID,
    version: 1,
    createdAt: AT,
    updatedAt: AT,
    ins: { value: '277076322082910', oid: '1.2.250.1.213.1.4.8' },
    identityStatus,
    traits: { birthName: 'FICTIF', firstNames: ['Test'], birthDate: '1977-07-01', sex: 'F' },
    structureId: STRUCTURE_ID,
  };
}

/** The patient's DMP as TD0.2 reports it: open, the structure authorised, `over` changed. */
export function activeDmp(over: Partial<DmpPatientStatus> = {}): DmpPatientStatus {
  return { dmp: 'active', authorisation: 'VALIDE', medecinTraitant: false, mesAttached: true, canFeed: true, ...over };
}

export function doc(id: string, type: Document['type'], currentVersion: number, updatedAt = AT): Document {
  return { id, patientId: PATIENT_ID, type, setId: `set-${id}`, currentVersion, status: 'submitted', version: 1, createdAt: AT, updatedAt };
}

/** A version; signed (`signedAt`) unless a draft or only validated. */
export function version(documentId: string, number: number, status: VersionSummary['status'] = 'submitted'): VersionSummary {
  return { documentId, number, status, createdAt: AT, createdBy: RPPS, ...(status === 'draft' || status === 'validated' ? {} : { signedAt: AT }) };
}

let seq = 0;
/** The submission of version `n` on a channel (`over.channel`, default the DMP); id `sub-<documentId>-<n>-<channel>`. */
export function submission(documentId: string, n: number, over: Partial<Submission> = {}): Submission {
  seq++;
  const channel = over.channel ?? 'dmp';
  return {
    id: `sub-${documentId}-${n}-${channel}`,
    seq,
    documentId,
    versionNumber: n,
    structureId: STRUCTURE_ID,
    patientId: PATIENT_ID,
    setId: `set-${documentId}`,
    channel,
    state: 'queued',
    visibility: [],
    entryUUID: `urn:uuid:${documentId}-${n}`,
    submissionSetId: `2.25.${seq}`,
    attempts: 0,
    requestedBy: RPPS,
    createdAt: AT,
    updatedAt: AT,
    ...over,
  };
}

/** A DMP submission the DMP accepted: its entry with `status` (Approved, Archived, Deprecated…) and visibility flags. */
export function accepted(documentId: string, n: number, visibility: Submission['visibility'] = [], status = 'Approved'): Submission {
  return submission(documentId, n, { state: 'accepted', visibility, dmp: { entryUUID: `urn:uuid:${documentId}-${n}`, logicalId: `urn:uuid:l-${documentId}`, metadataVersion: 1, status } });
}

/** The visibility flags of a DMP entry after `POST …/dmp/visibility` with `change` (as the server applies it). */
export function visibilityAfter(visibility: Submission['visibility'], change: VisibilityChange): Submission['visibility'] {
  const flags = new Set(visibility);
  if (change.maskedToProfessionals === true) flags.add('MASQUE_PS');
  if (change.maskedToProfessionals === false) flags.delete('MASQUE_PS');
  if (change.visibleToPatient) flags.delete('INVISIBLE_PATIENT');
  if (change.visibleToLegalRepresentatives) flags.delete('INVISIBLE_REPRESENTANTS_LEGAUX');
  return [...flags];
}
