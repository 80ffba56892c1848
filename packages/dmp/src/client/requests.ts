// The bodies of ITI-41 (Provide and Register, with the XAdES signature entry) and ITI-57
// (metadata and status updates), shared by DmpClient and `dcc package iti41`.
import { randomUUID } from 'node:crypto';
import { documentEntryFromCda, signatureEntryFor, submissionSetFor, sha1Hex, formatDtm, xcn, xon, PS_ID_NAT_OID, STRUCT_ID_NAT_OID, type Code, type DocumentEntry, type SubmissionSet, type VisibilityFlag } from '../metadata/index.js';
import { DEFAULT_CONTENT_TYPE_CODE } from '../value-sets/index.js';
import { submitObjectsRequestXml, type SubmissionContent } from '../ebrim/index.js';
import { NS } from '../soap/namespaces.js';
import { xopInclude, type MtomAttachment } from '../soap/mtom.js';
import { xadesSignature } from '../security/xades.js';
import type { SignatureHash, SigningMaterial } from '../security/signing.js';
import { statusUrn } from './find-documents.js';

/** `2.25.<decimal>` of a UUID (ITU-T X.667): a valid uniqueId made from a random UUID. */
export function oidFromUuid(uuid: string = randomUUID()): string {
  return `2.25.${BigInt(`0x${uuid.replace(/-/g, '')}`).toString(10)}`;
}

export function urnUuid(): string {
  return `urn:uuid:${randomUUID()}`;
}

export interface ProvideAndRegisterInput {
  cda: Uint8Array;
  visibility: readonly VisibilityFlag[];
  /** `urn:uuid:…` kept by the caller across retries (same entry on a re-send). */
  entryUUID: string;
  submissionSetUniqueId: string;
  sourceId: string;
  contentTypeCode?: Code;
  /** RPLC target: entryUUID of the version replaced. */
  replaces?: { entryUUID: string };
  comments?: string;
}

export interface ProvideAndRegisterRequest {
  /** The ExtrinsicObject ids, CDA first (then the signature entry). */
  documents: Array<{ id: string; entry: DocumentEntry }>;
  /** `<xdsb:ProvideAndRegisterDocumentSetRequest>` with xop:Include for each document. */
  body: string;
  attachments: MtomAttachment[];
  entry: DocumentEntry;
  submissionSet: SubmissionSet;
  signature?: { entryUUID: string; entry: DocumentEntry; xml: string };
}

const encoder = new TextEncoder();

function withUrnUuid(id: string, field: string): string {
  if (/^urn:uuid:[0-9a-f-]{36}$/i.test(id)) return id;
  if (/^[0-9a-f-]{36}$/i.test(id)) return `urn:uuid:${id}`;
  throw new Error(`${field} must be a UUID or urn:uuid:… (got "${id}")`);
}

/**
 * The ITI-41 body: the CDA entry derived from the CDA by META's `documentEntryFromCda`, its
 * SubmissionSet, and — with signing material — the XAdES signature entry of §1.7 (required by
 * the DMP) with its `signs` association; RPLC when `replaces` is given.
 */
export function provideAndRegisterRequest(input: ProvideAndRegisterInput, options: { now: Date; signing?: SigningMaterial; hash?: SignatureHash }): ProvideAndRegisterRequest {
  const entryUUID = withUrnUuid(input.entryUUID, 'entryUUID');
  const { entry } = documentEntryFromCda(input.cda, { visibility: input.visibility, ...(input.comments ? { comments: input.comments } : {}) });
  const submissionSet = submissionSetFor(entry, { uniqueId: input.submissionSetUniqueId, sourceId: input.sourceId, submissionTime: options.now, ...(input.contentTypeCode ? { contentTypeCode: input.contentTypeCode } : {}) });
  const documents: SubmissionContent['documents'] = [{ id: entryUUID, entry }];
  const attachments: MtomAttachment[] = [{ contentId: `${randomUUID()}@dcc-kit`, contentType: 'text/xml', bytes: input.cda }];
  let signature: ProvideAndRegisterRequest['signature'];
  if (options.signing) {
    const uniqueId = oidFromUuid();
    const xml = xadesSignature({ signatureId: uniqueId, documents: [{ uniqueId: entry.uniqueId, bytes: input.cda }], now: options.now, hash: options.hash ?? 'sha256' }, options.signing);
    const bytes = encoder.encode(xml);
    const signatureEntry = signatureEntryFor(entry, { uniqueId, hash: sha1Hex(bytes), size: bytes.length, creationTime: formatDtm(options.now) });
    signature = { entryUUID: urnUuid(), entry: signatureEntry, xml };
    documents.push({ id: signature.entryUUID, entry: signatureEntry });
    attachments.push({ contentId: `${randomUUID()}@dcc-kit`, contentType: 'text/xml', bytes });
  }
  const content: SubmissionContent = {
    submissionSet: { id: urnUuid(), metadata: submissionSet },
    documents,
    ...(input.replaces ? { replacements: [{ documentId: entryUUID, targetEntryUUID: withUrnUuid(input.replaces.entryUUID, 'replaces.entryUUID') }] } : {}),
    ...(signature ? { signature: { documentId: signature.entryUUID } } : {}),
  };
  const body =
    `<xdsb:ProvideAndRegisterDocumentSetRequest xmlns:xdsb="${NS.xdsb}">` +
    submitObjectsRequestXml(content) +
    documents.map((d, i) => `<xdsb:Document id="${d.id}">${xopInclude((attachments[i] as MtomAttachment).contentId)}</xdsb:Document>`).join('') +
    `</xdsb:ProvideAndRegisterDocumentSetRequest>`;
  return { body, attachments, documents, entry, submissionSet, ...(signature ? { signature } : {}) };
}

/** ITI-57 visibility update (TD3.3a/b): a new version of the entry, same logicalId, new flags. */
export function visibilityUpdateRequest(input: { cda: Uint8Array; logicalId: string; previousVersion: number; visibility: readonly VisibilityFlag[]; newEntryUUID: string; submissionSetUniqueId: string; sourceId: string }, options: { now: Date }): { body: string; entry: DocumentEntry } {
  const { entry } = documentEntryFromCda(input.cda, { visibility: input.visibility });
  const submissionSet = submissionSetFor(entry, { uniqueId: input.submissionSetUniqueId, sourceId: input.sourceId, submissionTime: options.now });
  const body = submitObjectsRequestXml({
    submissionSet: { id: urnUuid(), metadata: submissionSet },
    documents: [{ id: withUrnUuid(input.newEntryUUID, 'newEntryUUID'), entry }],
    metadataUpdate: { logicalId: withUrnUuid(input.logicalId, 'logicalId'), previousVersion: input.previousVersion },
  });
  return { body, entry };
}

/** ITI-57 UpdateAvailabilityStatus (TD3.3c/d): archive, un-archive, delete. */
export function statusUpdateRequest(
  input: { entryUUID: string; from: string; to: string; patientId: string; submissionSetUniqueId: string; sourceId: string },
  options: { now: Date; submitter: { nameId: string; displayName: string; structureId: string } },
): string {
  const submissionSet: SubmissionSet = {
    uniqueId: input.submissionSetUniqueId,
    sourceId: input.sourceId,
    patientId: input.patientId,
    submissionTime: formatDtm(options.now),
    author: {
      person: xcn({ id: options.submitter.nameId, root: PS_ID_NAT_OID, family: options.submitter.displayName }),
      institutions: [xon({ name: options.submitter.structureId, id: options.submitter.structureId, root: STRUCT_ID_NAT_OID })],
      roles: [],
      specialties: [],
      telecommunications: [],
    },
    contentTypeCode: { ...DEFAULT_CONTENT_TYPE_CODE },
  };
  return submitObjectsRequestXml({
    submissionSet: { id: urnUuid(), metadata: submissionSet },
    documents: [],
    statusUpdates: [{ entryUUID: withUrnUuid(input.entryUUID, 'entryUUID'), from: statusUrn(input.from), to: statusUrn(input.to) }],
  });
}
