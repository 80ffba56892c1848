// The SubmissionSet (dmp-mes.md §1.6) and the signature DocumentEntry (§1.7) of a submission.
import { DEFAULT_CONTENT_TYPE_CODE } from '../value-sets/index.js';
import { visibilityCode } from './document-entry.js';
import { formatDtm } from './time.js';
import type { Code, DocumentEntry, SubmissionSet } from './types.js';

export interface SubmissionSetOptions {
  /** A fresh OID per submission. */
  uniqueId: string;
  /** OID of the sending system / organisation. */
  sourceId: string;
  submissionTime: Date;
  /** Default: 07 (consultation, soins externes), TRE_R209 [I]. */
  contentTypeCode?: Code;
  title?: string;
  /** XDM only (MSSanté). */
  intendedRecipients?: string[];
}

/** The SubmissionSet that carries `entry`: same patient, its first author as submitting author. */
export function submissionSetFor(entry: DocumentEntry, options: SubmissionSetOptions): SubmissionSet {
  const author = entry.authors[0] ?? { institutions: [], roles: [], specialties: [], telecommunications: [] };
  return {
    uniqueId: options.uniqueId,
    sourceId: options.sourceId,
    patientId: entry.patientId,
    submissionTime: formatDtm(options.submissionTime),
    author: structuredCloneAuthor(author),
    contentTypeCode: options.contentTypeCode ?? { ...DEFAULT_CONTENT_TYPE_CODE },
    ...(options.title !== undefined ? { title: options.title } : {}),
    ...(options.intendedRecipients !== undefined ? { intendedRecipients: [...options.intendedRecipients] } : {}),
  };
}

function structuredCloneAuthor(author: DocumentEntry['authors'][number]): DocumentEntry['authors'][number] {
  return {
    ...(author.person !== undefined ? { person: author.person } : {}),
    institutions: [...author.institutions],
    roles: [...author.roles],
    specialties: [...author.specialties],
    telecommunications: [...author.telecommunications],
  };
}

/** The codes of the signature entry, identical in the CNAM kit and ANS DRIMbox (§1.7). */
export const SIGNATURE_CODES = {
  classCode: { code: 'urn:oid:1.3.6.1.4.1.19376.1.2.1.1.1', codingScheme: 'URN', displayName: 'Digital Signature' },
  typeCode: { code: 'E1762', codingScheme: 'ASTM', displayName: 'Full Document' },
  formatCode: { code: 'http://www.w3.org/2000/09/xmldsig#', codingScheme: 'URN', displayName: 'Default Signature Style' },
  eventCode: { code: '1.2.840.10065.1.12.1.14', codingScheme: '1.2.840.10065.1.12', displayName: 'Source' },
  languageCode: 'art',
  title: 'Source',
  mimeType: 'text/xml',
} as const;

/**
 * The DocumentEntry of the XAdES signature of a submission: §1.7 codes, hidden from everyone
 * (N + MASQUE_PS + INVISIBLE_PATIENT), the patient, settings, authors and legal authenticator of
 * the clinical entry. Its service time is its creation time [I: the reference clients' value is
 * not documented].
 */
export function signatureEntryFor(entry: DocumentEntry, options: { uniqueId: string; hash: string; size: number; creationTime: string }): DocumentEntry {
  return {
    uniqueId: options.uniqueId,
    typeCode: { ...SIGNATURE_CODES.typeCode },
    classCode: { ...SIGNATURE_CODES.classCode },
    formatCode: { ...SIGNATURE_CODES.formatCode },
    mimeType: SIGNATURE_CODES.mimeType,
    confidentialityCodes: [{ code: 'N', codingScheme: '2.16.840.1.113883.5.25', displayName: 'Normal' }, visibilityCode('MASQUE_PS'), visibilityCode('INVISIBLE_PATIENT')],
    languageCode: SIGNATURE_CODES.languageCode,
    title: SIGNATURE_CODES.title,
    creationTime: options.creationTime,
    serviceStartTime: options.creationTime,
    healthcareFacilityTypeCode: { ...entry.healthcareFacilityTypeCode },
    practiceSettingCode: { ...entry.practiceSettingCode },
    eventCodes: [{ ...SIGNATURE_CODES.eventCode }],
    patientId: entry.patientId,
    sourcePatientId: entry.sourcePatientId,
    sourcePatientInfo: [...entry.sourcePatientInfo],
    authors: entry.authors.map(structuredCloneAuthor),
    legalAuthenticator: entry.legalAuthenticator,
    hash: options.hash,
    size: options.size,
  };
}
