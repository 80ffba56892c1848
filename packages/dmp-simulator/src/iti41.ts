// ITI-41 Provide and Register Document Set-b (TD2.1/TD2.2): stages 3–6 of §5.3, then the
// registry's state change (new entries Approved, RPLC target Deprecated).
import { randomUUID } from 'node:crypto';
import { iiString } from './cda-read.js';
import { checkCoherence, sha1Hex, type ValidateCda } from './coherence.js';
import { XDS } from '@dcc-kit/dmp/ebrim';
import { readSubmission } from './ebrim-read.js';
import { checkSubmission, type ParsedEntry } from './metadata-check.js';
import { checkIns, checkPatientForAccess, parseInsCx, type Profile } from './patient-check.js';
import { Refused, problem, type Problem } from './refusals.js';
import { authorsOf, checkRules } from './rules.js';
import { documentBytes, type SoapRequest } from './soap.js';
import { REPOSITORY_UNIQUE_ID, type DmpState, type Entry, type StoredCode } from './state.js';
import type { Vihf } from './vihf.js';
import { element, elements, serialize } from './xml.js';

export interface Iti41Context {
  state: DmpState; vihf: Vihf; profile: Profile; trust: readonly string[]; now: Date;
  strictUniqueId?: boolean; strictSha1?: boolean; validateCda?: ValidateCda | undefined;
}

export interface Iti41Result { problems: Problem[]; stored: Entry[] }

const uuidUrn = (id: string): string => (/^urn:uuid:[0-9a-f-]{36}$/i.test(id) ? id.toLowerCase() : `urn:uuid:${randomUUID()}`);

export async function provideAndRegister(request: SoapRequest, ctx: Iti41Context): Promise<Iti41Result> {
  const pnr = request.body;
  if (pnr.localName !== 'ProvideAndRegisterDocumentSetRequest') throw new Refused([problem('SIM_SOAP_INVALID', 'env:Body', 'expected xdsb:ProvideAndRegisterDocumentSetRequest')]);
  const sor = element('lcm:SubmitObjectsRequest', pnr);
  if (!sor) throw new Refused([problem('SIM_METADATA_MISSING', 'lcm:SubmitObjectsRequest')]);
  const submission = readSubmission(sor);

  // Stage 3: patient (resource-id == SubmissionSet/DocumentEntry patientId, INS valid, DMP active, PS not blocked)
  const ssPatient = submission.registryPackages.flatMap((p) => p.externalIds.filter((x) => x.scheme === XDS.submissionSet.patientId)).map((x) => x.value)[0];
  const resourceId = ctx.vihf.resourceId!;
  const ins = checkIns(parseInsCx(resourceId), ctx.profile, 'VIHF/resource-id');
  if (ssPatient !== undefined && ssPatient.replace(/(\^NH)\^.*$/, '$1') !== resourceId.replace(/(\^NH)\^.*$/, '$1')) {
    throw new Refused([problem('SIM_RESOURCE_ID_MISMATCH', 'VIHF/resource-id', 'differs from SubmissionSet.patientId')]);
  }
  const patient = checkPatientForAccess(ctx.state, ins, ctx.vihf.nameId);

  // Stage 4: metadata syntax (all problems at once)
  const documents = new Map<string, Uint8Array | undefined>();
  for (const doc of elements('xdsb:Document', pnr)) documents.set(doc.getAttribute('id') ?? '', documentBytes(doc, request));
  const { parsed, problems: syntax } = checkSubmission(submission, documents);
  if (syntax.length > 0) return { problems: syntax, stored: [] };

  // Stage 5: coherence with the CDA (all problems at once)
  const coherence = await checkCoherence(parsed.entries, { strictUniqueId: ctx.strictUniqueId, validateCda: ctx.validateCda });
  if (coherence.problems.length > 0) return { problems: coherence.problems, stored: [] };

  // Stage 6: DMP rules
  const rules = checkRules({ parsed, cda: coherence.cda, state: ctx.state, vihf: ctx.vihf, patient, trust: ctx.trust, ...(ctx.strictSha1 ? { strictSha1: true } : {}) });
  if (rules.problems.length > 0) return { problems: rules.problems, stored: [] };
  if (rules.idempotent) return { problems: [], stored: [...rules.resent.values()] };

  // Commit: symbolic ids → UUIDs, entries Approved, RPLC targets Deprecated.
  const ids = new Map<string, string>();
  const ss = parsed.submissionSet!;
  ids.set(ss.obj.id, uuidUrn(ss.obj.id));
  for (const e of parsed.entries) ids.set(e.obj.id, rules.resent.get(e)?.entryUUID ?? uuidUrn(e.obj.id));
  const mapId = (id: string): string => ids.get(id) ?? id;
  const submittedAt = ctx.now.toISOString();
  const stored: Entry[] = [];
  for (const e of parsed.entries) {
    if (rules.resent.has(e)) { stored.push(rules.resent.get(e)!); continue; }
    const entryUUID = mapId(e.obj.id);
    const view = coherence.cda.get(e);
    const ebrim = (() => {
      const el = elements('rim:RegistryObjectList/rim:ExtrinsicObject', sor).find((x) => x.getAttribute('id') === e.obj.id)!;
      const copy = el.cloneNode(true) as Element;
      copy.setAttribute('id', entryUUID);
      copy.setAttribute('lid', entryUUID);
      for (const child of elements('.//rim:Classification|.//rim:ExternalIdentifier', copy)) {
        child.setAttribute('classifiedObject', entryUUID);
        if (child.localName === 'ExternalIdentifier') child.setAttribute('registryObject', entryUUID);
      }
      return serialize(copy);
    })();
    const authors = authorsOf(e);
    const entry: Entry = {
      entryUUID, logicalId: entryUUID, version: 1, uniqueId: e.uniqueId!,
      ...(view?.setId ? { setIdFromCda: iiString(view.setId) } : {}),
      ...(view?.versionNumber !== undefined ? { versionNumberFromCda: view.versionNumber } : {}),
      status: 'Approved', confidentiality: e.confidentiality, isSignature: e.isSignature,
      patientId: e.patientId!, mimeType: e.obj.mimeType ?? 'text/xml',
      ...(e.title ? { title: e.title } : {}), ...(e.comments ? { comments: e.comments } : {}),
      ...pick(e, ['typeCode', 'classCode', 'formatCode', 'healthcareFacilityTypeCode', 'practiceSettingCode']),
      eventCodes: e.eventCodes,
      ...(e.languageCode ? { languageCode: e.languageCode } : {}),
      ...(e.creationTime ? { creationTime: e.creationTime } : {}),
      ...(e.serviceStartTime ? { serviceStartTime: e.serviceStartTime } : {}),
      ...(e.serviceStopTime ? { serviceStopTime: e.serviceStopTime } : {}),
      ...(e.sourcePatientId ? { sourcePatientId: e.sourcePatientId } : {}),
      ...(e.legalAuthenticator ? { legalAuthenticator: e.legalAuthenticator } : {}),
      authorPersons: [...new Set([...authors.persons, ...(view?.authorPersonIds ?? [])])],
      authorStructures: [...new Set([...authors.structures, ...(view?.authorStructureIds ?? [])])],
      repositoryUniqueId: REPOSITORY_UNIQUE_ID,
      hash: sha1Hex(e.bytes!), size: e.bytes!.length,
      ...(view ? { contentHash: view.contentHash } : {}),
      submissionSetUUID: mapId(ss.obj.id), bytes: e.bytes!, ebrimXml: ebrim, submittedAt,
    };
    ctx.state.entries.set(entryUUID, entry);
    stored.push(entry);
  }
  for (const [, target] of rules.replaces) target.status = 'Deprecated';
  ctx.state.submissionSets.set(mapId(ss.obj.id), {
    entryUUID: mapId(ss.obj.id), uniqueId: ss.uniqueId!, sourceId: ss.sourceId!, patientId: ss.patientId!,
    submissionTime: ss.submissionTime!, ...(ss.contentTypeCode ? { contentTypeCode: ss.contentTypeCode } : {}),
    members: parsed.entries.map((e) => mapId(e.obj.id)), status: 'Approved',
  });
  for (const a of parsed.associations) {
    ctx.state.associations.push({ id: uuidUrn(a.id), type: a.type, source: mapId(a.source), target: mapId(a.target), slots: a.slots });
  }
  return { problems: [], stored };
}

function pick(e: ParsedEntry, keys: ('typeCode' | 'classCode' | 'formatCode' | 'healthcareFacilityTypeCode' | 'practiceSettingCode')[]): Partial<Record<string, StoredCode>> {
  const out: Partial<Record<string, StoredCode>> = {};
  for (const k of keys) if (e[k]) out[k] = e[k];
  return out;
}
