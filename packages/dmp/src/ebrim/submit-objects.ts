// lcm:SubmitObjectsRequest of a DMP submission (ITI-41 Provide and Register, ITI-57 metadata
// update, XDM METADATA.XML): the DocumentEntries as ExtrinsicObjects, the SubmissionSet as a
// RegistryPackage, and the associations of dmp-mes.md §1.8, in ebRIM 3.0 element order
// (Slot*, Name, Description, Classification*, ExternalIdentifier*). Pure: Node and browser.
import { sha1 } from '@noble/hashes/legacy.js';
import type { Code, DocumentEntry, SubmissionSet, XdsAuthor } from '../metadata/index.js';
import { element } from './xml.js';
import { XDS } from './xds.js';

export interface SubmissionContent {
  submissionSet: { id: string; metadata: SubmissionSet };
  /** Each DocumentEntry with its entryUUID (`urn:uuid:…`) and, for XDM, its URI in the subset. */
  documents: Array<{ id: string; entry: DocumentEntry; uri?: string }>;
  /** RPLC: the document `documentId` (an id of `documents`) replaces the entry `targetEntryUUID`. */
  replacements?: Array<{ documentId: string; targetEntryUUID: string }>;
  /** The signature entry (an id of `documents`): `signs` association to the SubmissionSet. */
  signature?: { documentId: string };
  /** ITI-57: `documents[0]` is a new version of the entry `logicalId`, now at `previousVersion`. */
  metadataUpdate?: { logicalId: string; previousVersion: number };
  /** ITI-57 UpdateAvailabilityStatus: SubmissionSet → entry, from one status to another. */
  statusUpdates?: Array<{ entryUUID: string; from: string; to: string }>;
}

export interface SubmitObjectsOptions {
  /** Start with `<?xml version="1.0" encoding="UTF-8"?>` (for a file such as METADATA.XML). */
  declaration?: boolean;
}

const rim = (name: string): string => `rim:${name}`;

/** The lcm:SubmitObjectsRequest of `content`, with its namespace declarations. */
export function submitObjectsRequestXml(content: SubmissionContent, options: SubmitObjectsOptions = {}): string {
  checkContent(content);
  const setId = content.submissionSet.id;
  const objects: string[] = [];
  content.documents.forEach((document, index) => {
    const update = index === 0 ? content.metadataUpdate : undefined;
    objects.push(extrinsicObject(document.id, document.entry, document.uri, update?.logicalId));
  });
  objects.push(registryPackage(setId, content.submissionSet.metadata));
  objects.push(element(rim('Classification'), { id: derivedId(setId, 'ss-node'), objectType: XDS.objectType.classification, classifiedObject: setId, classificationNode: XDS.submissionSet.node }));
  content.documents.forEach((document, index) => {
    const slots: Array<[string, string[]]> = [['SubmissionSetStatus', ['Original']]];
    if (index === 0 && content.metadataUpdate) slots.push(['PreviousVersion', [String(content.metadataUpdate.previousVersion)]]);
    objects.push(association(derivedId(setId, `member-${index}`), XDS.associationType.hasMember, setId, document.id, slots));
  });
  (content.replacements ?? []).forEach((replacement, index) => {
    objects.push(association(derivedId(setId, `rplc-${index}`), XDS.associationType.replace, replacement.documentId, replacement.targetEntryUUID, []));
  });
  if (content.signature) {
    objects.push(association(derivedId(setId, 'signs'), XDS.associationType.signs, content.signature.documentId, setId, []));
  }
  (content.statusUpdates ?? []).forEach((update, index) => {
    objects.push(
      association(derivedId(setId, `status-${index}`), XDS.associationType.updateAvailabilityStatus, setId, update.entryUUID, [
        ['OriginalStatus', [update.from]],
        ['NewStatus', [update.to]],
      ]),
    );
  });
  const request = element('lcm:SubmitObjectsRequest', { 'xmlns:lcm': XDS.namespaces.lcm, 'xmlns:rim': XDS.namespaces.rim }, [element(rim('RegistryObjectList'), {}, objects)]);
  return options.declaration ? `<?xml version="1.0" encoding="UTF-8"?>\n${request}` : request;
}

function checkContent(content: SubmissionContent): void {
  const ids = new Set(content.documents.map((d) => d.id));
  if (ids.size !== content.documents.length) throw new TypeError('submitObjectsRequestXml: two documents have the same id');
  for (const replacement of content.replacements ?? []) {
    if (!ids.has(replacement.documentId)) throw new TypeError(`submitObjectsRequestXml: replacements[].documentId ${replacement.documentId} is not one of the documents`);
  }
  if (content.signature && !ids.has(content.signature.documentId)) throw new TypeError('submitObjectsRequestXml: signature.documentId is not one of the documents');
  if (content.metadataUpdate) {
    if (content.documents.length === 0) throw new TypeError('submitObjectsRequestXml: a metadata update needs the new version as documents[0]');
    if (!Number.isInteger(content.metadataUpdate.previousVersion) || content.metadataUpdate.previousVersion < 1) throw new TypeError('submitObjectsRequestXml: metadataUpdate.previousVersion must be a positive integer');
  }
  if (content.documents.length === 0 && (content.statusUpdates ?? []).length === 0) throw new TypeError('submitObjectsRequestXml: nothing to submit');
}

function extrinsicObject(id: string, entry: DocumentEntry, uri: string | undefined, logicalId: string | undefined): string {
  const slots: Array<[string, string[]]> = [
    ['creationTime', [entry.creationTime]],
    ['languageCode', [entry.languageCode]],
    ['serviceStartTime', [entry.serviceStartTime]],
  ];
  if (entry.serviceStopTime !== undefined) slots.push(['serviceStopTime', [entry.serviceStopTime]]);
  slots.push(['sourcePatientId', [entry.sourcePatientId]], ['sourcePatientInfo', entry.sourcePatientInfo], ['legalAuthenticator', [entry.legalAuthenticator]]);
  slots.push(['hash', [entry.hash]], ['size', [String(entry.size)]]);
  if (uri !== undefined) slots.push(['URI', [uri]]);
  const children: string[] = slots.map(([name, values]) => slot(name, values));
  children.push(localized('Name', entry.title));
  if (entry.comments !== undefined) children.push(localized('Description', entry.comments));
  let n = 0;
  const classify = (scheme: string, code: Code): string => coded(derivedId(id, `c${n++}`), scheme, id, code);
  entry.authors.forEach((author) => children.push(authorClassification(derivedId(id, `c${n++}`), XDS.documentEntry.author, id, author)));
  children.push(classify(XDS.documentEntry.classCode, entry.classCode));
  for (const code of entry.confidentialityCodes) children.push(classify(XDS.documentEntry.confidentialityCode, code));
  for (const code of entry.eventCodes) children.push(classify(XDS.documentEntry.eventCodeList, code));
  children.push(classify(XDS.documentEntry.formatCode, entry.formatCode));
  children.push(classify(XDS.documentEntry.healthcareFacilityTypeCode, entry.healthcareFacilityTypeCode));
  children.push(classify(XDS.documentEntry.practiceSettingCode, entry.practiceSettingCode));
  children.push(classify(XDS.documentEntry.typeCode, entry.typeCode));
  children.push(externalIdentifier(derivedId(id, 'patientId'), id, XDS.documentEntry.patientId, entry.patientId, XDS.externalIdentifierName.documentEntryPatientId));
  children.push(externalIdentifier(derivedId(id, 'uniqueId'), id, XDS.documentEntry.uniqueId, entry.uniqueId, XDS.externalIdentifierName.documentEntryUniqueId));
  return element(rim('ExtrinsicObject'), { id, lid: logicalId, mimeType: entry.mimeType, objectType: XDS.objectType.documentEntry }, children);
}

function registryPackage(id: string, set: SubmissionSet): string {
  const children: string[] = [slot('submissionTime', [set.submissionTime])];
  if (set.intendedRecipients && set.intendedRecipients.length > 0) children.push(slot('intendedRecipient', set.intendedRecipients));
  if (set.title !== undefined) children.push(localized('Name', set.title));
  children.push(authorClassification(derivedId(id, 'author'), XDS.submissionSet.author, id, set.author));
  children.push(coded(derivedId(id, 'contentType'), XDS.submissionSet.contentTypeCode, id, set.contentTypeCode));
  children.push(externalIdentifier(derivedId(id, 'uniqueId'), id, XDS.submissionSet.uniqueId, set.uniqueId, XDS.externalIdentifierName.submissionSetUniqueId));
  children.push(externalIdentifier(derivedId(id, 'sourceId'), id, XDS.submissionSet.sourceId, set.sourceId, XDS.externalIdentifierName.submissionSetSourceId));
  children.push(externalIdentifier(derivedId(id, 'patientId'), id, XDS.submissionSet.patientId, set.patientId, XDS.externalIdentifierName.submissionSetPatientId));
  return element(rim('RegistryPackage'), { id, objectType: XDS.objectType.registryPackage }, children);
}

// ebRIM 3.0 limits (rim.xsd): Value, nodeRepresentation and ExternalIdentifier/@value are
// LongName (256 characters), LocalizedString/@value FreeFormText (1024).
const LONG_NAME = 256;
const FREE_FORM_TEXT = 1024;

function checkLength(what: string, value: string, max: number): void {
  if (value.length > max) throw new RangeError(`submitObjectsRequestXml: ${what} has ${value.length} characters, ebRIM allows ${max}`);
}

function slot(name: string, values: readonly string[]): string {
  for (const value of values) checkLength(`slot ${name}`, value, LONG_NAME);
  return element(rim('Slot'), { name }, [element(rim('ValueList'), {}, values.map((v) => `<rim:Value>${escapeText(v)}</rim:Value>`))]);
}

function escapeText(value: string): string {
  return value.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!);
}

function localized(name: 'Name' | 'Description', value: string): string {
  checkLength(name, value, FREE_FORM_TEXT);
  return element(rim(name), {}, [element(rim('LocalizedString'), { value })]);
}

function coded(id: string, scheme: string, classifiedObject: string, code: Code): string {
  checkLength('nodeRepresentation', code.code, LONG_NAME);
  return element(rim('Classification'), { id, objectType: XDS.objectType.classification, classificationScheme: scheme, classifiedObject, nodeRepresentation: code.code }, [
    slot('codingScheme', [code.codingScheme]),
    localized('Name', code.displayName),
  ]);
}

function authorClassification(id: string, scheme: string, classifiedObject: string, author: XdsAuthor): string {
  const slots: string[] = [];
  if (author.person !== undefined) slots.push(slot('authorPerson', [author.person]));
  if (author.institutions.length > 0) slots.push(slot('authorInstitution', author.institutions));
  if (author.roles.length > 0) slots.push(slot('authorRole', author.roles));
  if (author.specialties.length > 0) slots.push(slot('authorSpecialty', author.specialties));
  if (author.telecommunications.length > 0) slots.push(slot('authorTelecommunication', author.telecommunications));
  return element(rim('Classification'), { id, objectType: XDS.objectType.classification, classificationScheme: scheme, classifiedObject, nodeRepresentation: '' }, slots);
}

function externalIdentifier(id: string, registryObject: string, scheme: string, value: string, name: string): string {
  checkLength(name, value, LONG_NAME);
  return element(rim('ExternalIdentifier'), { id, objectType: XDS.objectType.externalIdentifier, identificationScheme: scheme, registryObject, value }, [localized('Name', name)]);
}

function association(id: string, type: string, source: string, target: string, slots: ReadonlyArray<[string, string[]]>): string {
  return element(
    rim('Association'),
    { id, objectType: XDS.objectType.association, associationType: type, sourceObject: source, targetObject: target },
    slots.map(([name, values]) => slot(name, values)),
  );
}

/**
 * A `urn:uuid:` for a Classification, ExternalIdentifier or Association, derived from its owner's
 * id and its role (SHA-1 name-based, RFC 9562 version 5 layout): the same submission always
 * serialises to the same bytes, and every id is a valid UUID for registries that refuse symbolic ids.
 */
export function derivedId(owner: string, role: string): string {
  const digest = sha1(new TextEncoder().encode(`${owner}#${role}`));
  const bytes = digest.slice(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
