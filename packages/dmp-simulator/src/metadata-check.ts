// Stage 4 of §5.3: metadata syntax — every DMP-mandatory attribute present with its cardinality,
// codes in the DMP value sets, DTM/XCN/XON/CX/OID syntax, one patient, documents ↔ entries.
// Every problem is reported at once, each with the attribute it names in `location`.
import { HL7_CONFIDENTIALITY_SCHEME, VISIBILITY_SCHEME, inList, listName, type CodedAttribute } from './codes.js';
import { XDS } from '@dcc-kit/dmp/ebrim';
import {
  classificationsOf, externalIdOf, isSignatureEntry, isSubmissionSet, type RimAssociation, type RimObject, type RimSubmission,
} from './ebrim-read.js';
import { problem, type Problem } from './refusals.js';
import type { StoredCode } from './state.js';

export interface ParsedAuthor { person?: string; institutions: string[]; roles: string[]; specialties: string[] }

export interface ParsedEntry {
  /** Location prefix: 'DocumentEntry', 'DocumentEntry[2]' or 'SignatureEntry'. */
  label: string;
  obj: RimObject;
  isSignature: boolean;
  uniqueId?: string;
  patientId?: string;
  typeCode?: StoredCode;
  classCode?: StoredCode;
  formatCode?: StoredCode;
  healthcareFacilityTypeCode?: StoredCode;
  practiceSettingCode?: StoredCode;
  confidentiality: StoredCode[];
  eventCodes: StoredCode[];
  languageCode?: string;
  title?: string;
  comments?: string;
  creationTime?: string;
  serviceStartTime?: string;
  serviceStopTime?: string;
  sourcePatientId?: string;
  sourcePatientInfo: string[];
  authors: ParsedAuthor[];
  legalAuthenticator?: string;
  hash?: string;
  size?: number;
  bytes?: Uint8Array;
}

export interface ParsedSubmissionSet {
  obj: RimObject;
  uniqueId?: string;
  sourceId?: string;
  patientId?: string;
  submissionTime?: string;
  contentTypeCode?: StoredCode;
}

export interface ParsedSubmission {
  submissionSet?: ParsedSubmissionSet;
  entries: ParsedEntry[];
  associations: RimAssociation[];
}

const OID = /^[0-2](\.(0|[1-9][0-9]*))+$/;
export function isOid(value: string): boolean {
  return value.length <= 64 && OID.test(value);
}

export function isDtm(value: string): boolean {
  const m = /^(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?$/.exec(value);
  if (!m) return false;
  const [, , mo, d, h, mi, s] = m;
  return (
    (mo === undefined || (+mo >= 1 && +mo <= 12)) && (d === undefined || (+d >= 1 && +d <= 31)) &&
    (h === undefined || +h <= 23) && (mi === undefined || +mi <= 59) && (s === undefined || +s <= 59)
  );
}

const AUTHORITY = /^&[0-2](\.[0-9]+)+&ISO$/;
export function isXcn(value: string): boolean {
  const p = value.split('^');
  return p.length >= 9 && p[0] !== '' && AUTHORITY.test(p[8] ?? '');
}
export function isXon(value: string): boolean {
  const p = value.split('^');
  return p.length >= 10 && p[0] !== '' && AUTHORITY.test(p[5] ?? '') && (p[9] ?? '') !== '';
}
export function isCx(value: string): boolean {
  return /^[^^]+\^\^\^&[0-2](\.[0-9]+)+&ISO\^[A-Z]+(\^.*)?$/.test(value);
}
/** The id of an XCN (component 1) or XON (component 10). */
export function xcnId(value: string): string { return value.split('^')[0] ?? ''; }
export function xonId(value: string): string { return value.split('^')[9] ?? ''; }

export function checkSubmission(sub: RimSubmission, documents: Map<string, Uint8Array | undefined> | undefined, options: { update?: boolean } = {}): { parsed: ParsedSubmission; problems: Problem[] } {
  const problems: Problem[] = [];
  const add = (code: Problem['code'], location: string, detail?: string): void => { problems.push(problem(code, location, detail)); };

  // Submission set
  const sets = sub.registryPackages.filter((p) => isSubmissionSet(sub, p));
  if (sets.length !== 1) add('SIM_METADATA_MISSING', 'SubmissionSet', sets.length === 0 ? 'no SubmissionSet RegistryPackage' : 'more than one SubmissionSet');
  let submissionSet: ParsedSubmissionSet | undefined;
  if (sets[0]) {
    const obj = sets[0];
    const one = (scheme: string, name: string): string | undefined => {
      const values = externalIdOf(obj, scheme);
      if (values.length !== 1) add('SIM_METADATA_MISSING', `SubmissionSet.${name}`, values.length === 0 ? 'missing' : 'repeated');
      return values[0];
    };
    submissionSet = { obj };
    const uniqueId = one(XDS.submissionSet.uniqueId, 'uniqueId');
    if (uniqueId !== undefined) { submissionSet.uniqueId = uniqueId; if (!isOid(uniqueId)) add('SIM_METADATA_FORMAT', 'SubmissionSet.uniqueId', 'not an OID of at most 64 characters'); }
    const sourceId = one(XDS.submissionSet.sourceId, 'sourceId');
    if (sourceId !== undefined) { submissionSet.sourceId = sourceId; if (!isOid(sourceId)) add('SIM_METADATA_FORMAT', 'SubmissionSet.sourceId', 'not an OID'); }
    const patientId = one(XDS.submissionSet.patientId, 'patientId');
    if (patientId !== undefined) { submissionSet.patientId = patientId; if (!isCx(patientId)) add('SIM_METADATA_FORMAT', 'SubmissionSet.patientId', 'not a CX'); }
    const times = obj.slots['submissionTime'] ?? [];
    if (times.length !== 1) add('SIM_METADATA_MISSING', 'SubmissionSet.submissionTime', times.length === 0 ? 'missing' : 'repeated');
    else if (!isDtm(times[0]!)) add('SIM_METADATA_FORMAT', 'SubmissionSet.submissionTime', 'not a UTC DTM YYYYMMDD[hh[mm[ss]]]');
    else submissionSet.submissionTime = times[0]!;
    const content = classificationsOf(obj, XDS.submissionSet.contentTypeCode);
    if (content.length !== 1) add('SIM_METADATA_MISSING', 'SubmissionSet.contentTypeCode', content.length === 0 ? 'missing' : 'repeated');
    else {
      const c = content[0]!.code;
      submissionSet.contentTypeCode = { code: c.code, scheme: c.scheme ?? '', ...(c.display ? { display: c.display } : {}) };
      if (!c.scheme) add('SIM_METADATA_MISSING', 'SubmissionSet.contentTypeCode.codingScheme');
      else if (!inList('contentTypeCode', c.code, c.scheme)) add('SIM_METADATA_CODE', 'SubmissionSet.contentTypeCode', `${c.code} / ${c.scheme} is not in ${listName('contentTypeCode')}`);
    }
    for (const [i, a] of classificationsOf(obj, XDS.submissionSet.author).entries()) checkAuthor(a.slots, `SubmissionSet.author[${i + 1}]`, add);
  }

  // Document entries
  const clinical = sub.extrinsicObjects.filter((o) => !isSignatureEntry(o));
  const entries: ParsedEntry[] = sub.extrinsicObjects.map((obj) => {
    const isSignature = isSignatureEntry(obj);
    const label = isSignature ? 'SignatureEntry' : clinical.length > 1 ? `DocumentEntry[${clinical.indexOf(obj) + 1}]` : 'DocumentEntry';
    return readEntry(obj, label, isSignature, add);
  });
  if (clinical.length === 0 && options.update !== true) add('SIM_METADATA_MISSING', 'DocumentEntry', 'no clinical DocumentEntry');

  // One patient for the whole submission
  const ssPatient = submissionSet?.patientId;
  for (const e of entries) {
    if (ssPatient && e.patientId && e.patientId !== ssPatient) add('SIM_PATIENT_ID_MISMATCH', `${e.label}.patientId`, 'differs from SubmissionSet.patientId');
  }

  // Documents ↔ entries (ITI-41 only)
  if (documents) {
    for (const e of entries) {
      if (!documents.has(e.obj.id)) add('SIM_MISSING_DOCUMENT', `xdsb:Document[@id='${e.obj.id}']`, `no document for ${e.label}`);
      else if (documents.get(e.obj.id) === undefined) add('SIM_MISSING_DOCUMENT', `xdsb:Document[@id='${e.obj.id}']/xop:Include`, 'attachment not found in the MTOM parts');
      else e.bytes = documents.get(e.obj.id)!;
    }
    for (const id of documents.keys()) {
      if (!sub.extrinsicObjects.some((o) => o.id === id)) add('SIM_MISSING_DOCUMENT_METADATA', `xdsb:Document[@id='${id}']`);
    }
  }

  // HasMember SS → each entry, SubmissionSetStatus=Original
  if (submissionSet) {
    for (const e of entries) {
      const member = sub.associations.find((a) => a.type === XDS.associationType.hasMember && a.source === submissionSet!.obj.id && a.target === e.obj.id);
      if (!member) add('SIM_METADATA_MISSING', `Association(HasMember ${e.label})`, 'the SubmissionSet does not hold this entry');
      else if (member.slots['SubmissionSetStatus']?.[0] !== 'Original') add('SIM_METADATA_MISSING', `Association(HasMember ${e.label}).SubmissionSetStatus`, "must be 'Original'");
    }
  }
  return { parsed: { ...(submissionSet ? { submissionSet } : {}), entries, associations: sub.associations }, problems };
}

type Add = (code: Problem['code'], location: string, detail?: string) => void;

function checkAuthor(slots: Record<string, string[]>, prefix: string, add: Add): ParsedAuthor {
  const persons = slots['authorPerson'] ?? [];
  const institutions = slots['authorInstitution'] ?? [];
  if (persons.length > 1) add('SIM_METADATA_MISSING', `${prefix}.authorPerson`, 'repeated');
  if (persons.length === 0 && institutions.length === 0) add('SIM_METADATA_MISSING', `${prefix}.authorPerson`, 'an author needs an authorPerson or an authorInstitution');
  for (const p of persons) if (!isXcn(p)) add('SIM_METADATA_FORMAT', `${prefix}.authorPerson`, 'not an XCN id^family^given^^^^^^&OID&ISO^…');
  for (const i of institutions) if (!isXon(i)) add('SIM_METADATA_FORMAT', `${prefix}.authorInstitution`, 'not an XON name^^^^^&OID&ISO^IDNST^^^id');
  return {
    ...(persons[0] ? { person: persons[0] } : {}),
    institutions, roles: slots['authorRole'] ?? [], specialties: slots['authorSpecialty'] ?? [],
  };
}

function readEntry(obj: RimObject, label: string, isSignature: boolean, add: Add): ParsedEntry {
  const entry: ParsedEntry = { label, obj, isSignature, confidentiality: [], eventCodes: [], sourcePatientInfo: [], authors: [] };
  const at = (name: string): string => `${label}.${name}`;
  if (obj.objectType !== XDS.objectType.documentEntry) add('SIM_METADATA_FORMAT', at('objectType'), `must be ${XDS.objectType.documentEntry} (stable DocumentEntry)`);
  // text/xml; application/xslt+xml only for the ANS "auto-présentable" CDA (checked against the CDA in stage 5).
  const mimeTypes = isSignature ? ['text/xml'] : ['text/xml', 'application/xslt+xml'];
  if (!obj.mimeType || !mimeTypes.includes(obj.mimeType)) add(obj.mimeType ? 'SIM_METADATA_FORMAT' : 'SIM_METADATA_MISSING', at('mimeType'), `must be ${mimeTypes.join(' or ')}`);

  const uniqueIds = externalIdOf(obj, XDS.documentEntry.uniqueId);
  if (uniqueIds.length !== 1) add('SIM_METADATA_MISSING', at('uniqueId'), uniqueIds.length === 0 ? 'missing' : 'repeated');
  else {
    entry.uniqueId = uniqueIds[0]!;
    const [root, ext, extra] = entry.uniqueId.split('^');
    if (!isOid(root ?? '') || ext === '' || extra !== undefined) add('SIM_METADATA_FORMAT', at('uniqueId'), 'not an OID (at most 64 characters) or root^extension');
  }
  const patientIds = externalIdOf(obj, XDS.documentEntry.patientId);
  if (patientIds.length !== 1) add('SIM_METADATA_MISSING', at('patientId'), patientIds.length === 0 ? 'missing' : 'repeated');
  else { entry.patientId = patientIds[0]!; if (!isCx(entry.patientId)) add('SIM_METADATA_FORMAT', at('patientId'), 'not a CX'); }

  const coded = (scheme: string, name: keyof ParsedEntry & CodedAttribute, check: boolean): void => {
    const found = classificationsOf(obj, scheme);
    if (found.length !== 1) { add('SIM_METADATA_MISSING', at(name), found.length === 0 ? 'missing' : 'repeated'); return; }
    const c = found[0]!.code;
    if (!c.scheme) { add('SIM_METADATA_MISSING', at(`${name}.codingScheme`)); return; }
    entry[name] = { code: c.code, scheme: c.scheme, ...(c.display ? { display: c.display } : {}) };
    if (check && !inList(name, c.code, c.scheme)) add('SIM_METADATA_CODE', at(name), `${c.code} / ${c.scheme} is not in ${listName(name)}`);
  };
  // The signature entry's codes are the fixed §1.7 ones, checked by the signature rule (stage 6).
  coded(XDS.documentEntry.classCode, 'classCode', !isSignature);
  coded(XDS.documentEntry.typeCode, 'typeCode', !isSignature);
  coded(XDS.documentEntry.formatCode, 'formatCode', !isSignature);
  coded(XDS.documentEntry.healthcareFacilityTypeCode, 'healthcareFacilityTypeCode', true);
  coded(XDS.documentEntry.practiceSettingCode, 'practiceSettingCode', true);

  const conf = classificationsOf(obj, XDS.documentEntry.confidentialityCode);
  if (conf.length < 1 || conf.length > 4) add('SIM_METADATA_MISSING', at('confidentialityCode'), 'cardinality 1..4');
  for (const c of conf) {
    const code = { code: c.code.code, scheme: c.code.scheme ?? '' };
    entry.confidentiality.push(code);
    if (!inList('confidentialityCode', code.code, code.scheme)) add('SIM_METADATA_CODE', at('confidentialityCode'), `${code.code} / ${code.scheme || 'no codingScheme'} is not in ${listName('confidentialityCode')}`);
  }
  const levels = entry.confidentiality.filter((c) => c.scheme === HL7_CONFIDENTIALITY_SCHEME);
  if (conf.length > 0 && levels.length !== 1) add('SIM_METADATA_MISSING', at('confidentialityCode'), 'exactly one N/R/V code is required');
  const flags = entry.confidentiality.filter((c) => c.scheme === VISIBILITY_SCHEME).map((c) => c.code);
  if (new Set(flags).size !== flags.length) add('SIM_METADATA_FORMAT', at('confidentialityCode'), 'a visibility flag is repeated');

  for (const c of classificationsOf(obj, XDS.documentEntry.eventCodeList)) {
    if (!c.code.code || !c.code.scheme) add('SIM_METADATA_MISSING', at('eventCodeList.codingScheme'));
    else entry.eventCodes.push({ code: c.code.code, scheme: c.code.scheme });
  }

  const slot = (name: string, required: boolean): string | undefined => {
    const values = obj.slots[name] ?? [];
    if (values.length > 1) add('SIM_METADATA_MISSING', at(name), 'repeated');
    if (required && values.length === 0) add('SIM_METADATA_MISSING', at(name), 'missing');
    return values[0];
  };
  const dtm = (name: 'creationTime' | 'serviceStartTime' | 'serviceStopTime', required: boolean): void => {
    const value = slot(name, required);
    if (value === undefined) return;
    if (!isDtm(value)) add('SIM_METADATA_FORMAT', at(name), 'not a UTC DTM YYYYMMDD[hh[mm[ss]]] (no offset)');
    else entry[name] = value;
  };
  const clinical = !isSignature;
  const languageCode = slot('languageCode', true);
  if (languageCode) entry.languageCode = languageCode;
  if (!obj.name) { if (clinical) add('SIM_METADATA_MISSING', at('title')); } else entry.title = obj.name;
  if (obj.description) entry.comments = obj.description;
  dtm('creationTime', true);
  dtm('serviceStartTime', clinical);
  dtm('serviceStopTime', false);
  const sourcePatientId = slot('sourcePatientId', clinical);
  if (sourcePatientId !== undefined) { if (!isCx(sourcePatientId)) add('SIM_METADATA_FORMAT', at('sourcePatientId'), 'not a CX'); else entry.sourcePatientId = sourcePatientId; }
  entry.sourcePatientInfo = obj.slots['sourcePatientInfo'] ?? [];
  if (clinical) {
    for (const pid of ['PID-5', 'PID-7', 'PID-8']) {
      if (!entry.sourcePatientInfo.some((v) => v.startsWith(`${pid}|`))) add('SIM_METADATA_MISSING', at(`sourcePatientInfo.${pid}`));
    }
  }
  const authors = classificationsOf(obj, XDS.documentEntry.author);
  if (authors.length === 0) add('SIM_METADATA_MISSING', at('author'), 'at least one author');
  entry.authors = authors.map((a, i) => checkAuthor(a.slots, authors.length > 1 ? at(`author[${i + 1}]`) : at('author'), add));
  const legal = slot('legalAuthenticator', clinical);
  if (legal !== undefined) { if (!isXcn(legal)) add('SIM_METADATA_FORMAT', at('legalAuthenticator'), 'not an XCN'); else entry.legalAuthenticator = legal; }
  const hash = slot('hash', false);
  if (hash !== undefined) { if (!/^[0-9a-fA-F]{40}$/.test(hash)) add('SIM_METADATA_FORMAT', at('hash'), 'not a SHA-1 in 40 hexadecimal digits'); else entry.hash = hash.toLowerCase(); }
  const size = slot('size', false);
  if (size !== undefined) { if (!/^\d+$/.test(size)) add('SIM_METADATA_FORMAT', at('size'), 'not a byte count'); else entry.size = Number(size); }
  return entry;
}
