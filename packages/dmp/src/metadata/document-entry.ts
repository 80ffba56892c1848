// documentEntryFromCda: the XDS DocumentEntry of a PPS / Fiche RCP and the facts the DMP rules
// need, from the CDA header (dmp-mes.md §1.2–§1.5). Every problem is collected and thrown at
// once (MetadataError), each with the CDA path it concerns; messages carry no patient data.
import {
  classCodeForType,
  conceptOf,
  formatCodeForTemplate,
  inCodeList,
  JDV_J02,
  JDV_J04,
  JDV_J07,
  JDV_J58_ConfidentialityCode_DMP,
  HL7_CONFIDENTIALITY_CODE_SYSTEM,
  VISIBILITY_CODE_SYSTEM,
} from '../value-sets/index.js';
import { all, childrenNamed, first, readCdaHeader, textOf, type HeaderElement } from './cda-header.js';
import { sha1Hex } from './hash.js';
import { codedSlot, cx, escapeHl7, PS_ID_NAT_OID, STRUCT_ID_NAT_OID, xcn, xon, xtnEmail } from './hl7v2.js';
import { INS_C_OID, isInsOid, isValidInsMatricule } from './identity.js';
import { utcDtmOf } from './time.js';
import { MetadataError, type CdaFacts, type Code, type DocumentEntry, type MetadataIssue, type VisibilityFlag, type XdsAuthor } from './types.js';
import { checkVisibility } from './visibility.js';

/** The volets this connector publishes: templateId root → volet, expected typeCode. */
export const VOLETS = {
  '1.2.250.1.213.1.1.1.26': { volet: 'pps', typeCode: '18776-5' },
  '1.2.250.1.213.1.1.1.8': { volet: 'frcp', typeCode: '34794-8' },
} as const;
/** The volet version the templates must carry. */
export const VOLET_VERSION = '2022.01';

/** mimeType of a CDA; of an "auto-présentable" one (CDA inside XSLT) per the HL7v2 volet. */
export const CDA_MIME_TYPE = 'text/xml';
export const AUTO_PRESENTABLE_MIME_TYPE = 'application/xslt+xml';

/** XDS caps no title; registries often cap at 256 characters [I]. */
export const MAX_TITLE_LENGTH = 256;
/** An OID uniqueId is at most 64 characters (dmp-mes.md §8). */
export const MAX_OID_LENGTH = 64;
/** A uniqueId (`root^extension` included) is at most 128 characters (IHE XDS). */
export const MAX_UNIQUE_ID_LENGTH = 128;

const OID = /^[0-2](?:\.(?:0|[1-9]\d*))+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface DocumentEntryOptions {
  /** Visibility flags chosen at submission time (§2.2). */
  visibility?: readonly VisibilityFlag[];
  /** XDS comments (free text, not from the CDA). */
  comments?: string;
}

const decoder = new TextDecoder('utf-8', { fatal: true });
const encoder = new TextEncoder();

/**
 * The DocumentEntry of a PPS or Fiche RCP CDA and its DMP facts.
 * @param cda the exact bytes to be sent (hash and size are theirs), or the text (hashed as UTF-8)
 * @throws MetadataError listing every problem (path, code, message)
 */
export function documentEntryFromCda(cda: Uint8Array | string, options: DocumentEntryOptions = {}): { entry: DocumentEntry; facts: CdaFacts } {
  const bytes = typeof cda === 'string' ? encoder.encode(cda) : cda;
  let text: string;
  try {
    text = typeof cda === 'string' ? cda : decoder.decode(bytes);
  } catch {
    throw new MetadataError([{ path: 'ClinicalDocument', code: 'encoding', message: 'the document is not valid UTF-8' }]);
  }
  const read = readCdaHeader(text.replace(/^\uFEFF/, ''));
  if ('problem' in read) throw new MetadataError([{ path: 'ClinicalDocument', code: read.problem, message: read.message }]);
  const { root: doc, wrapped } = read.header;
  const issues: MetadataIssue[] = [];
  const problem = (path: string, code: string, message: string): void => {
    issues.push({ path: `ClinicalDocument/${path}`, code, message });
  };

  // Volet, from the templateId.
  let volet: 'pps' | 'frcp' | undefined;
  let expectedTypeCode: string | undefined;
  let formatCode: Code | undefined;
  const voletTemplate = childrenNamed(doc, 'templateId').find((t) => (t.attributes.root ?? '') in VOLETS);
  if (voletTemplate === undefined) {
    problem('templateId/@root', 'unknown-volet', 'no templateId of CANCER-PPS (1.2.250.1.213.1.1.1.26) or CANCER-FRCP (1.2.250.1.213.1.1.1.8)');
  } else {
    const root = voletTemplate.attributes.root as keyof typeof VOLETS;
    ({ volet, typeCode: expectedTypeCode } = VOLETS[root]);
    if (voletTemplate.attributes.extension !== VOLET_VERSION) {
      problem('templateId/@extension', 'volet-version', `the volet templateId must have extension ${VOLET_VERSION}`);
    }
    const format = formatCodeForTemplate(root);
    if (format) formatCode = toCode(format);
  }

  // Identifiers.
  const uniqueId = instanceId(first(doc, 'id'), 'id', problem, true);
  const setId = instanceId(first(doc, 'setId'), 'setId', problem, false);
  const versionText = first(doc, 'versionNumber')?.attributes.value;
  let versionNumber = 0;
  if (versionText === undefined) problem('versionNumber/@value', 'missing', 'versionNumber is required');
  else if (!/^[1-9]\d*$/.test(versionText)) problem('versionNumber/@value', 'invalid', 'versionNumber must be a positive integer');
  else versionNumber = Number(versionText);
  let replacedDocumentId: string | undefined;
  const replacement = childrenNamed(doc, 'relatedDocument').find((r) => r.attributes.typeCode === 'RPLC');
  if (replacement !== undefined) {
    const parentId = first(replacement, 'parentDocument/id');
    if (parentId === undefined || !parentId.attributes.root) {
      problem('relatedDocument/parentDocument/id', 'missing', 'a relatedDocument RPLC must give the id of the replaced document');
    } else {
      replacedDocumentId = instanceId(parentId, 'relatedDocument/parentDocument/id', problem, true);
    }
  }

  // Codes.
  const codeElement = first(doc, 'code');
  let typeCode: Code | undefined;
  let classCode: Code | undefined;
  const cdaCode = codeElement?.attributes.code;
  const cdaCodeSystem = codeElement?.attributes.codeSystem;
  if (!cdaCode || !cdaCodeSystem) {
    problem('code', 'missing', 'the document type code (@code, @codeSystem) is required');
  } else if (!inCodeList(JDV_J07, cdaCode, cdaCodeSystem)) {
    problem('code/@code', 'not-in-value-set', `typeCode ${cdaCode} is not in ${JDV_J07.name}`);
  } else if (expectedTypeCode !== undefined && cdaCode !== expectedTypeCode) {
    problem('code/@code', 'volet-mismatch', `the ${volet?.toUpperCase()} volet has typeCode ${expectedTypeCode}, not ${cdaCode}`);
  } else {
    const concept = conceptOf(JDV_J07, cdaCode, cdaCodeSystem)!;
    typeCode = { code: cdaCode, codingScheme: cdaCodeSystem, displayName: codeElement?.attributes.displayName?.trim() || concept.displayName };
    const mapped = classCodeForType(cdaCode);
    if (mapped === undefined) problem('code/@code', 'no-class-code', `ASS_X04 gives no classCode for typeCode ${cdaCode}`);
    else classCode = toCode(mapped);
  }

  const confidentiality = first(doc, 'confidentialityCode');
  let cdaConfidentiality: Code | undefined;
  const confidentialityConcept =
    confidentiality?.attributes.code === undefined ? undefined : conceptOf(JDV_J58_ConfidentialityCode_DMP, confidentiality.attributes.code, HL7_CONFIDENTIALITY_CODE_SYSTEM);
  if (confidentiality?.attributes.code === undefined) problem('confidentialityCode/@code', 'missing', 'confidentialityCode is required');
  else if (confidentialityConcept === undefined || confidentiality.attributes.codeSystem !== HL7_CONFIDENTIALITY_CODE_SYSTEM) {
    problem('confidentialityCode', 'not-in-value-set', `confidentialityCode must be N, R or V of ${HL7_CONFIDENTIALITY_CODE_SYSTEM}`);
  } else cdaConfidentiality = toCode(confidentialityConcept);
  const visibility = options.visibility ?? [];
  try {
    checkVisibility(visibility, {});
  } catch (error) {
    if (!(error instanceof MetadataError)) throw error;
    issues.push(...error.issues);
  }

  const languageCode = first(doc, 'languageCode')?.attributes.code ?? '';
  if (languageCode === '') problem('languageCode/@code', 'missing', 'languageCode is required');
  let title = textOf(first(doc, 'title'));
  if (title === '') problem('title', 'missing', 'the title is required');
  if (title.length > MAX_TITLE_LENGTH) title = title.slice(0, MAX_TITLE_LENGTH);

  // Times.
  const creationTime = timestamp(first(doc, 'effectiveTime')?.attributes.value, 'effectiveTime/@value', problem, true);
  const serviceEvents = all(doc, 'documentationOf/serviceEvent');
  const withTime = serviceEvents.find((e) => first(e, 'effectiveTime/low')?.attributes.value !== undefined);
  let serviceStartTime: string | undefined;
  let serviceStopTime: string | undefined;
  if (withTime === undefined) problem('documentationOf/serviceEvent/effectiveTime/low/@value', 'missing', 'a serviceEvent start time is required (XDS serviceStartTime)');
  else {
    const index = serviceEvents.indexOf(withTime) + 1;
    const base = `documentationOf[${index}]/serviceEvent/effectiveTime`;
    serviceStartTime = timestamp(first(withTime, 'effectiveTime/low')?.attributes.value, `${base}/low/@value`, problem, false);
    const high = first(withTime, 'effectiveTime/high')?.attributes.value;
    if (high !== undefined) serviceStopTime = timestamp(high, `${base}/high/@value`, problem, false);
  }

  // Settings.
  const facility = first(doc, 'componentOf/encompassingEncounter/location/healthCareFacility/code');
  const healthcareFacilityTypeCode = codedFrom(facility, 'componentOf/encompassingEncounter/location/healthCareFacility/code', JDV_J02, problem);
  const practiceElement =
    serviceEvents.map((e) => first(e, 'performer/assignedEntity/representedOrganization/standardIndustryClassCode')).find((e) => e !== undefined) ??
    first(doc, 'author/assignedAuthor/representedOrganization/standardIndustryClassCode');
  const practiceSettingCode = codedFrom(
    practiceElement,
    'documentationOf/serviceEvent/performer/assignedEntity/representedOrganization/standardIndustryClassCode',
    JDV_J04,
    problem,
  );
  const eventCodes: Code[] = serviceEvents
    .map((e) => first(e, 'code'))
    .filter((c): c is HeaderElement => c !== undefined && !!c.attributes.code && !!c.attributes.codeSystem)
    .map((c) => ({ code: c.attributes.code!, codingScheme: c.attributes.codeSystem!, displayName: (c.attributes.displayName ?? '').trim() }));

  // Patient.
  const patientRole = first(doc, 'recordTarget/patientRole');
  const ids = childrenNamed(patientRole, 'id');
  const insId = ids.find((id) => isInsOid(id.attributes.root ?? ''));
  let ins: CdaFacts['ins'];
  if (insId === undefined) {
    if (ids.some((id) => id.attributes.root === INS_C_OID)) {
      problem('recordTarget/patientRole/id', 'ins-c', `the INS-C (${INS_C_OID}) is obsolete: a qualified INS (NIR or NIA) is required`);
    } else {
      problem('recordTarget/patientRole/id', 'ins-missing', 'no INS (patientRole/id with an INS OID 1.2.250.1.213.1.4.8/9/10/11): only a qualified identity can be submitted');
    }
  } else if (!isValidInsMatricule(insId.attributes.extension ?? '')) {
    problem('recordTarget/patientRole/id/@extension', 'ins-invalid', 'the INS matricule must be 13 characters and a valid 2-digit key');
  } else ins = { matricule: insId.attributes.extension!, oid: insId.attributes.root! };
  const patientId = ins ? cx(ins.matricule, ins.oid, 'NH') : '';
  const localId = ids.find((id) => id !== insId && id.attributes.root !== INS_C_OID && !isInsOid(id.attributes.root ?? '') && id.attributes.root && id.attributes.extension);
  const sourcePatientId = localId ? cx(localId.attributes.extension!, localId.attributes.root!, 'PI') : patientId;
  const patientElement = first(patientRole, 'patient');
  const patient = patientFacts(patientElement);
  if (patientElement === undefined) problem('recordTarget/patientRole/patient', 'missing', 'the patient is required');
  else {
    if (!patient.birthFamilyName) problem('recordTarget/patientRole/patient/name/family', 'missing', 'the birth family name is required (sourcePatientInfo PID-5)');
    if (!patient.birthDate) problem('recordTarget/patientRole/patient/birthTime/@value', 'missing', 'the birth date is required (sourcePatientInfo PID-7)');
    if (!patient.sex) problem('recordTarget/patientRole/patient/administrativeGenderCode/@code', 'missing', 'the administrative sex is required (sourcePatientInfo PID-8)');
  }
  const sourcePatientInfo = [
    `PID-5|${escapeHl7(patient.birthFamilyName ?? '')}^${escapeHl7(patient.givenNames ?? '')}^^^^^L`,
    `PID-7|${patient.birthDate ?? ''}`,
    `PID-8|${patient.sex ?? 'U'}`,
    ...(patient.birthPlaceCode ? [`PID-11|^^^^^^BDL^^${escapeHl7(patient.birthPlaceCode)}`] : []),
  ];

  // Authors and legal authenticator.
  const authorElements = childrenNamed(doc, 'author');
  if (authorElements.length === 0) problem('author', 'missing', 'at least one author is required');
  const authors: XdsAuthor[] = [];
  const authorStructureIds: string[] = [];
  const authorPersonIds: string[] = [];
  authorElements.forEach((author, i) => {
    const path = authorElements.length === 1 ? 'author' : `author[${i + 1}]`;
    const made = xdsAuthor(author, path, problem);
    if (made) {
      authors.push(made.author);
      if (made.structureId && !authorStructureIds.includes(made.structureId)) authorStructureIds.push(made.structureId);
      if (made.personId && !authorPersonIds.includes(made.personId)) authorPersonIds.push(made.personId);
    }
  });
  const legal = first(doc, 'legalAuthenticator/assignedEntity');
  let legalAuthenticator = '';
  if (legal === undefined) problem('legalAuthenticator/assignedEntity', 'missing', 'the legal authenticator is required by the DMP');
  else {
    const person = personXcn(legal, 'assignedPerson', 'legalAuthenticator/assignedEntity', problem);
    if (person) {
      legalAuthenticator = person.xcn;
      if (person.root === PS_ID_NAT_OID && !authorPersonIds.includes(person.id)) authorPersonIds.push(person.id);
    }
  }

  if (issues.length > 0) throw new MetadataError(issues);

  const entry: DocumentEntry = {
    uniqueId: uniqueId!,
    typeCode: typeCode!,
    classCode: classCode!,
    formatCode: formatCode!,
    mimeType: wrapped ? AUTO_PRESENTABLE_MIME_TYPE : CDA_MIME_TYPE,
    confidentialityCodes: [cdaConfidentiality!, ...visibility.map(visibilityCode)],
    languageCode,
    title,
    ...(options.comments !== undefined ? { comments: options.comments } : {}),
    creationTime: creationTime!,
    serviceStartTime: serviceStartTime!,
    ...(serviceStopTime !== undefined ? { serviceStopTime } : {}),
    healthcareFacilityTypeCode: healthcareFacilityTypeCode!,
    practiceSettingCode: practiceSettingCode!,
    eventCodes,
    patientId,
    sourcePatientId,
    sourcePatientInfo,
    authors,
    legalAuthenticator,
    hash: sha1Hex(bytes),
    size: bytes.byteLength,
  };
  const { givenNames: _givenNames, ...patientOut } = patient;
  const facts: CdaFacts = {
    volet: volet!,
    documentId: uniqueId!,
    setId: setId!,
    versionNumber,
    ...(replacedDocumentId !== undefined ? { replacedDocumentId } : {}),
    ins,
    patient: patientOut,
    authorStructureIds,
    authorPersonIds,
    cdaCodes: [typeCode!.code],
    ...(wrapped ? { autoPresentable: true } : {}),
  };
  return { entry, facts };
}

type Problem = (path: string, code: string, message: string) => void;

/** The Code of a visibility flag. */
export function visibilityCode(flag: VisibilityFlag): Code {
  const concept = conceptOf(JDV_J58_ConfidentialityCode_DMP, flag, VISIBILITY_CODE_SYSTEM)!;
  return toCode(concept);
}

function toCode(concept: { code: string; codeSystem: string; displayName: string }): Code {
  return { code: concept.code, codingScheme: concept.codeSystem, displayName: concept.displayName };
}

// An II as an XDS uniqueId: `root` alone, or `root^extension`; the root must be an OID.
function instanceId(element: HeaderElement | undefined, path: string, problem: Problem, isUniqueId: boolean): string | undefined {
  const root = element?.attributes.root;
  if (!root) {
    problem(`${path}/@root`, 'missing', `${path} is required`);
    return undefined;
  }
  if (UUID.test(root)) {
    problem(`${path}/@root`, 'uuid-not-oid', `${path} is a UUID, not an OID: write it as 2.25.<decimal> (ITU-T X.667)`);
    return undefined;
  }
  if (!OID.test(root)) {
    problem(`${path}/@root`, 'not-oid', `${path}/@root must be an OID`);
    return undefined;
  }
  if (isUniqueId && root.length > MAX_OID_LENGTH) {
    problem(`${path}/@root`, 'too-long', `an XDS uniqueId OID has at most ${MAX_OID_LENGTH} characters`);
    return undefined;
  }
  const extension = element?.attributes.extension;
  const id = extension ? `${root}^${extension}` : root;
  if (isUniqueId && id.length > MAX_UNIQUE_ID_LENGTH) {
    problem(`${path}/@extension`, 'too-long', `an XDS uniqueId (root^extension) has at most ${MAX_UNIQUE_ID_LENGTH} characters`);
    return undefined;
  }
  return id;
}

function timestamp(value: string | undefined, path: string, problem: Problem, needsTime: boolean): string | undefined {
  if (value === undefined) {
    problem(path, 'missing', `${path.replace(/\/@value$/, '')} is required`);
    return undefined;
  }
  const result = utcDtmOf(value);
  if ('problem' in result) {
    const message =
      result.problem === 'local-time'
        ? 'a time without its UTC offset (local time) cannot be converted to UTC: add the offset, e.g. +0100'
        : result.problem === 'range'
          ? 'the timestamp is out of range'
          : 'not an HL7 timestamp (YYYYMMDDhhmmss±hhmm)';
    problem(path, result.problem === 'format' ? 'invalid-timestamp' : result.problem === 'range' ? 'invalid-timestamp' : 'local-time', message);
    return undefined;
  }
  if (needsTime && result.dtm.length < 14) {
    problem(path, 'invalid-timestamp', 'the document time needs hours, minutes and the UTC offset');
    return undefined;
  }
  return result.dtm;
}

function codedFrom(element: HeaderElement | undefined, path: string, list: { name: string; concepts: readonly { code: string; codeSystem: string; displayName: string }[] }, problem: Problem): Code | undefined {
  const code = element?.attributes.code;
  const codeSystem = element?.attributes.codeSystem;
  if (!code || !codeSystem) {
    problem(path, 'missing', `${path.split('/').pop()} (@code, @codeSystem) is required`);
    return undefined;
  }
  const concept = list.concepts.find((c) => c.code === code && c.codeSystem === codeSystem);
  if (concept === undefined) {
    problem(`${path}/@code`, 'not-in-value-set', `${code} (${codeSystem}) is not in ${list.name}`);
    return undefined;
  }
  return { code, codingScheme: codeSystem, displayName: element?.attributes.displayName?.trim() || concept.displayName };
}

interface PatientFacts {
  birthFamilyName?: string;
  firstGivenName?: string;
  givenNames?: string;
  birthDate?: string;
  sex?: 'M' | 'F' | 'U';
  birthPlaceCode?: string;
}

function patientFacts(patient: HeaderElement | undefined): PatientFacts {
  const out: PatientFacts = {};
  if (patient === undefined) return out;
  const name = first(patient, 'name');
  const families = childrenNamed(name, 'family');
  const givens = childrenNamed(name, 'given');
  const family = families.find((f) => f.attributes.qualifier === 'BR') ?? families.find((f) => f.attributes.qualifier === undefined) ?? families[0];
  if (textOf(family)) out.birthFamilyName = textOf(family);
  // The unqualified given = the birth given names; qualifier BR = the first of them.
  const allGivens = givens.find((g) => g.attributes.qualifier === undefined);
  const firstGiven = givens.find((g) => g.attributes.qualifier === 'BR');
  const givenNames = textOf(allGivens) || textOf(firstGiven) || textOf(givens[0]);
  if (givenNames) out.givenNames = givenNames;
  const firstName = textOf(firstGiven) || givenNames.split(' ')[0];
  if (firstName) out.firstGivenName = firstName;
  const birth = first(patient, 'birthTime')?.attributes.value;
  if (birth && /^\d{8}/.test(birth)) out.birthDate = birth.slice(0, 8);
  const sex = first(patient, 'administrativeGenderCode')?.attributes.code;
  if (sex !== undefined) out.sex = sex === 'M' || sex === 'F' ? sex : 'U';
  const county = textOf(first(patient, 'birthplace/place/addr/county'));
  if (county) out.birthPlaceCode = county;
  return out;
}

function personXcn(entity: HeaderElement, personElement: 'assignedPerson' | 'assignedAuthoringDevice', path: string, problem: Problem): { xcn: string; id: string; root: string } | undefined {
  const id = childrenNamed(entity, 'id').find((i) => i.attributes.root && i.attributes.extension);
  if (id === undefined) {
    problem(`${path}/id`, 'missing', 'the person id (root and extension; PS_IdNat under 1.2.250.1.71.4.2.1) is required');
    return undefined;
  }
  const root = id.attributes.root!;
  const extension = id.attributes.extension!;
  if (personElement === 'assignedAuthoringDevice') {
    const device = first(entity, 'assignedAuthoringDevice');
    const software = textOf(first(device, 'softwareName')) || textOf(first(device, 'manufacturerModelName'));
    return { xcn: xcn({ id: extension, root, family: software, device: true }), id: extension, root };
  }
  const name = first(entity, `${personElement}/name`);
  const family = textOf(childrenNamed(name, 'family')[0]);
  const given = textOf(childrenNamed(name, 'given')[0]);
  if (family === '') problem(`${path}/${personElement}/name/family`, 'missing', 'the family name of the professional is required (XCN)');
  return { xcn: xcn({ id: extension, root, family, given }), id: extension, root };
}

function xdsAuthor(author: HeaderElement, path: string, problem: Problem): { author: XdsAuthor; structureId?: string; personId?: string } | undefined {
  const assigned = first(author, 'assignedAuthor');
  if (assigned === undefined) {
    problem(`${path}/assignedAuthor`, 'missing', 'assignedAuthor is required');
    return undefined;
  }
  const isDevice = first(assigned, 'assignedAuthoringDevice') !== undefined;
  const person = personXcn(assigned, isDevice ? 'assignedAuthoringDevice' : 'assignedPerson', `${path}/assignedAuthor`, problem);
  const organisation = first(assigned, 'representedOrganization');
  const institutions: string[] = [];
  let structureId: string | undefined;
  if (organisation !== undefined) {
    const orgId = childrenNamed(organisation, 'id').find((i) => i.attributes.root && i.attributes.extension);
    const name = textOf(first(organisation, 'name'));
    if (name === '') problem(`${path}/assignedAuthor/representedOrganization/name`, 'missing', 'the organisation name is required (XON)');
    else institutions.push(xon({ name, id: orgId?.attributes.extension, root: orgId?.attributes.root }));
    if (orgId?.attributes.root === STRUCT_ID_NAT_OID) structureId = orgId.attributes.extension;
  }
  const specialty = first(assigned, 'code');
  const specialties =
    specialty?.attributes.code && specialty.attributes.codeSystem
      ? [codedSlot(specialty.attributes.code, (specialty.attributes.displayName ?? '').trim(), specialty.attributes.codeSystem)]
      : [];
  const functionCode = first(author, 'functionCode');
  const roles =
    functionCode?.attributes.code && functionCode.attributes.codeSystem
      ? [codedSlot(functionCode.attributes.code, (functionCode.attributes.displayName ?? '').trim(), functionCode.attributes.codeSystem)]
      : [];
  const telecommunications = childrenNamed(assigned, 'telecom')
    .map((t) => t.attributes.value ?? '')
    .filter((v) => v.startsWith('mailto:'))
    .map((v) => xtnEmail(v.slice('mailto:'.length)));
  return {
    author: { ...(person ? { person: person.xcn } : {}), institutions, roles, specialties, telecommunications },
    ...(structureId !== undefined ? { structureId } : {}),
    ...(person && person.root === PS_ID_NAT_OID ? { personId: person.id } : {}),
  };
}
