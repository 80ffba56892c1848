// @dcc-kit/dmp/metadata: the XDS metadata derived from a PPS or Fiche RCP CDA (dmp-mes.md §1).
// Pure: Node and browser.
export type { Code, VisibilityFlag, XdsAuthor, DocumentEntry, CdaFacts, SubmissionSet, MetadataIssue } from './types.js';
export { MetadataError } from './types.js';
export { documentEntryFromCda, visibilityCode, VOLETS, VOLET_VERSION, CDA_MIME_TYPE, AUTO_PRESENTABLE_MIME_TYPE, MAX_OID_LENGTH, MAX_UNIQUE_ID_LENGTH, MAX_TITLE_LENGTH } from './document-entry.js';
export type { DocumentEntryOptions } from './document-entry.js';
export { submissionSetFor, signatureEntryFor, SIGNATURE_CODES } from './submission.js';
export type { SubmissionSetOptions } from './submission.js';
export { checkVisibility, visibilityFlagsOf, VISIBILITY_FLAGS } from './visibility.js';
export { toUtcDtm, utcDtmOf, formatDtm } from './time.js';
export type { TimestampProblem } from './time.js';
export { sha1Hex } from './hash.js';
export { INS_OIDS, INS_C_OID, isInsOid, isValidInsMatricule } from './identity.js';
export { cx, xcn, xon, xtnEmail, codedSlot, escapeHl7, xcnIdentifierType, PS_ID_NAT_OID, STRUCT_ID_NAT_OID } from './hl7v2.js';
