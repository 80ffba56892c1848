// ITI-57 Update Document Set (TD3.3a–d), stage 7 of §5.3: visibility changes as a new metadata
// version of the same logicalId (PreviousVersion must be the current version; masking to
// professionals is reversible, "invisible to the patient / legal representatives" can only be
// lifted), and availability status changes (Approved ↔ Archived, → Deleted, Deleted terminal).
import { randomUUID } from 'node:crypto';
import { HL7_CONFIDENTIALITY_SCHEME } from './codes.js';
import { XDS } from '@dcc-kit/dmp/ebrim';
import { readSubmission } from './ebrim-read.js';
import { checkCoherence } from './coherence.js';
import { checkSubmission } from './metadata-check.js';
import { checkIns, checkPatientForAccess, parseInsCx, type Profile } from './patient-check.js';
import { Refused, problem, type Problem } from './refusals.js';
import { flagsOf, isAuthorOf } from './rules.js';
import type { SoapRequest } from './soap.js';
import type { DmpState, Entry, EntryStatus } from './state.js';
import type { Vihf } from './vihf.js';
import { elements, serialize } from './xml.js';

const STATUS_BY_URN: Record<string, EntryStatus> = {
  [XDS.status.approved]: 'Approved',
  [XDS.status.deprecated]: 'Deprecated',
  [XDS.status.archived]: 'Archived',
  [XDS.status.deleted]: 'Deleted',
};
const ALLOWED: ReadonlySet<string> = new Set(['Approved>Archived', 'Archived>Approved', 'Approved>Deleted', 'Archived>Deleted']);
const REVERSIBLE = new Set(['MASQUE_PS']);

export async function updateDocumentSet(request: SoapRequest, ctx: { state: DmpState; vihf: Vihf; profile: Profile; now: Date }): Promise<Problem[]> {
  const sor = request.body;
  if (sor.localName !== 'SubmitObjectsRequest') throw new Refused([problem('SIM_SOAP_INVALID', 'env:Body', 'expected lcm:SubmitObjectsRequest')]);
  const submission = readSubmission(sor);
  const { state, vihf } = ctx;

  // Stage 3
  const resourceId = vihf.resourceId!;
  const ins = checkIns(parseInsCx(resourceId), ctx.profile, 'VIHF/resource-id');
  const ssPatient = submission.registryPackages.flatMap((p) => p.externalIds.filter((x) => x.scheme === XDS.submissionSet.patientId)).map((x) => x.value)[0];
  if (ssPatient !== undefined && ssPatient.replace(/(\^NH)\^.*$/, '$1') !== resourceId.replace(/(\^NH)\^.*$/, '$1')) {
    throw new Refused([problem('SIM_RESOURCE_ID_MISMATCH', 'VIHF/resource-id', 'differs from SubmissionSet.patientId')]);
  }
  const patient = checkPatientForAccess(state, ins, vihf.nameId);

  // Stage 4
  const { parsed, problems: syntax } = checkSubmission(submission, undefined, { update: true });
  if (syntax.length > 0) return syntax;

  // Stage 7
  const problems: Problem[] = [];
  const add = (code: Problem['code'], location: string, detail?: string): void => { problems.push(problem(code, location, detail)); };
  const notAuthor = (entry: Entry): boolean => !isAuthorOf(vihf, { persons: entry.authorPersons, structures: entry.authorStructures });
  const authorLocation = vihf.mode === 'DIRECTE' ? 'VIHF/NameID' : 'VIHF/Identifiant_Structure';
  // [I] A minor's secret connection covers what is done to her hidden entries afterwards too: an
  // entry still hidden from the legal representatives is changed (visibility, archive, delete)
  // only under a VIHF asserting the secret connection, as it was deposited (§2.2, stage 6);
  // otherwise the change — and the entry's existence — would be made outside it.
  const outsideSecretConnection = (entry: Entry): boolean =>
    patient.minorSecretConnection && !vihf.confidentialityCode && flagsOf(entry.confidentiality).includes('INVISIBLE_REPRESENTANTS_LEGAUX');
  const secretLocation = 'VIHF/urn:oasis:names:tc:xspa:1.0:resource:patient:hl7:confidentiality-code';
  const changes: (() => void)[] = [];
  const ssUUID = `urn:uuid:${randomUUID()}`;

  for (const e of parsed.entries) {
    const logicalId = e.obj.lid;
    const current = logicalId ? state.current(logicalId) : undefined;
    if (!logicalId || !current) { add('SIM_METADATA_UPDATE', `${e.label}.logicalId`, logicalId ? 'unknown logicalId' : 'the new version must carry lid = the logicalId'); continue; }
    if (current.patientId !== e.patientId) { add('SIM_PATIENT_ID_MISMATCH', `${e.label}.patientId`, 'not the patient of the stored entry'); continue; }
    if (current.status === 'Deleted' || current.status === 'Deprecated') { add('SIM_METADATA_UPDATE', `${e.label}.logicalId`, `the document is ${current.status}`); continue; }
    const member = parsed.associations.find((a) => a.type === XDS.associationType.hasMember && a.target === e.obj.id);
    const previous = member?.slots['PreviousVersion']?.[0];
    if (previous === undefined) { add('SIM_METADATA_MISSING', `Association(HasMember ${e.label}).PreviousVersion`); continue; }
    if (previous !== String(current.version)) { add('SIM_METADATA_VERSION', `Association(HasMember ${e.label}).PreviousVersion`, `current version is ${current.version}`); continue; }
    if (e.uniqueId !== current.uniqueId) add('SIM_METADATA_UPDATE', `${e.label}.uniqueId`, 'a metadata update keeps the uniqueId');
    // The new metadata version must still say what the stored document says (stage 5 on the stored bytes).
    else problems.push(...(await checkCoherence([{ ...e, bytes: current.bytes }], {})).problems);
    if (notAuthor(current)) add('SIM_NOT_AUTHOR', authorLocation, 'only an author may change the visibility');
    if (outsideSecretConnection(current)) add('SIM_SECRET_CONNECTION', secretLocation, 'the entry of a minor in secret connection is hidden from the legal representatives: its visibility changes in secret connection only');
    const level = (codes: { code: string; scheme: string }[]): string | undefined => codes.find((c) => c.scheme === HL7_CONFIDENTIALITY_SCHEME)?.code;
    if (level(e.confidentiality) !== level(current.confidentiality)) add('SIM_METADATA_UPDATE', `${e.label}.confidentialityCode`, 'the CDA confidentiality (N/R/V) cannot change');
    const before = flagsOf(current.confidentiality);
    const after = flagsOf(e.confidentiality);
    for (const flag of after) {
      if (!before.includes(flag) && !REVERSIBLE.has(flag)) add('SIM_VISIBILITY_IRREVERSIBLE', `${e.label}.confidentialityCode`, `${flag} cannot be set again once lifted`);
    }
    if (!current.isSignature && after.includes('INVISIBLE_PATIENT') && after.includes('MASQUE_PS')) add('SIM_CONFIDENTIALITY_CONFLICT', `${e.label}.confidentialityCode`, 'INVISIBLE_PATIENT and MASQUE_PS together');
    const newUUID = /^urn:uuid:[0-9a-f-]{36}$/i.test(e.obj.id) ? e.obj.id.toLowerCase() : `urn:uuid:${randomUUID()}`;
    if (state.entries.has(newUUID)) { add('SIM_ENTRY_UUID_TAKEN', `${e.label}.entryUUID`, 'the new version needs a new entryUUID'); continue; }
    const xml = (() => {
      const el = elements('rim:RegistryObjectList/rim:ExtrinsicObject', sor).find((x) => x.getAttribute('id') === e.obj.id)!.cloneNode(true) as Element;
      el.setAttribute('id', newUUID);
      el.setAttribute('lid', current.logicalId);
      for (const child of elements('.//rim:Classification|.//rim:ExternalIdentifier', el)) {
        child.setAttribute('classifiedObject', newUUID);
        if (child.localName === 'ExternalIdentifier') child.setAttribute('registryObject', newUUID);
      }
      return serialize(el);
    })();
    changes.push(() => {
      const next: Entry = { ...current, entryUUID: newUUID, version: current.version + 1, confidentiality: e.confidentiality, ebrimXml: xml, submissionSetUUID: ssUUID, submittedAt: ctx.now.toISOString() };
      current.status = 'Deprecated';
      state.entries.set(newUUID, next);
    });
  }

  for (const a of parsed.associations.filter((x) => x.type === XDS.associationType.updateAvailabilityStatus)) {
    const location = 'Association(UpdateAvailabilityStatus)';
    const byUUID = state.entries.get(a.target);
    const entry = byUUID ? state.current(byUUID.logicalId) : state.current(a.target);
    if (!entry) { add('SIM_METADATA_UPDATE', `${location}.targetObject`, 'unknown entry'); continue; }
    if (entry.patientId !== parsed.submissionSet?.patientId) { add('SIM_PATIENT_ID_MISMATCH', `${location}.targetObject`, 'not the patient of the SubmissionSet'); continue; }
    const from = STATUS_BY_URN[a.slots['OriginalStatus']?.[0] ?? ''];
    const to = STATUS_BY_URN[a.slots['NewStatus']?.[0] ?? ''];
    if (!from) { add('SIM_METADATA_MISSING', `${location}.OriginalStatus`); continue; }
    if (!to) { add('SIM_METADATA_MISSING', `${location}.NewStatus`); continue; }
    if (from !== entry.status) { add('SIM_METADATA_UPDATE', `${location}.OriginalStatus`, `the entry is ${entry.status}`); continue; }
    if (!ALLOWED.has(`${from}>${to}`)) { add('SIM_METADATA_UPDATE', `${location}.NewStatus`, `${from} → ${to} is not allowed${from === 'Deleted' ? ' (Deleted is terminal)' : ''}`); continue; }
    if (notAuthor(entry)) { add('SIM_NOT_AUTHOR', authorLocation, 'only an author may archive or delete'); continue; }
    if (outsideSecretConnection(entry)) { add('SIM_SECRET_CONNECTION', secretLocation, 'the entry of a minor in secret connection is hidden from the legal representatives: it is archived or deleted in secret connection only'); continue; }
    changes.push(() => { entry.status = to; });
  }
  if (parsed.entries.length === 0 && !parsed.associations.some((x) => x.type === XDS.associationType.updateAvailabilityStatus)) {
    add('SIM_METADATA_MISSING', 'lcm:SubmitObjectsRequest', 'neither a DocumentEntry version nor an UpdateAvailabilityStatus association');
  }
  if (problems.length > 0) return problems;
  for (const change of changes) change();
  const ss = parsed.submissionSet!;
  state.submissionSets.set(ssUUID, {
    entryUUID: ssUUID, uniqueId: ss.uniqueId!, sourceId: ss.sourceId!, patientId: ss.patientId!, submissionTime: ss.submissionTime!,
    ...(ss.contentTypeCode ? { contentTypeCode: ss.contentTypeCode } : {}), members: [], status: 'Approved',
  });
  for (const a of parsed.associations) state.associations.push({ id: `urn:uuid:${randomUUID()}`, type: a.type, source: a.source === ss.obj.id ? ssUUID : a.source, target: a.target, slots: a.slots });
  return [];
}
