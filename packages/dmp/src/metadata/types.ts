// The XDS metadata of a DMP submission, values exactly as they go on the wire (dmp-mes.md §1).

/** A coded value: code, codingScheme (an OID, or 'URN'/'ASTM' for the signature entry), display name. */
export interface Code {
  code: string;
  codingScheme: string;
  displayName: string;
}

/** A DMP visibility flag (TRE_A07, scheme 1.2.250.1.213.1.1.4.13), dmp-mes.md §2.2. */
export type VisibilityFlag = 'MASQUE_PS' | 'INVISIBLE_PATIENT' | 'INVISIBLE_REPRESENTANTS_LEGAUX';

/** One XDS author: the slots of an `author` classification. */
export interface XdsAuthor {
  /** authorPerson, XCN. */
  person?: string;
  /** authorInstitution, XON. */
  institutions: string[];
  /** authorRole, `code^displayName^codeSystem`. */
  roles: string[];
  /** authorSpecialty, `code^displayName^codeSystem`. */
  specialties: string[];
  /** authorTelecommunication, XTN. */
  telecommunications: string[];
}

/** The DocumentEntry of a document (dmp-mes.md §1.2). */
export interface DocumentEntry {
  uniqueId: string;
  typeCode: Code;
  classCode: Code;
  formatCode: Code;
  mimeType: string;
  /** The CDA N/R/V code first, then the visibility flags. */
  confidentialityCodes: Code[];
  languageCode: string;
  title: string;
  comments?: string;
  /** UTC `YYYYMMDDhhmmss`. */
  creationTime: string;
  serviceStartTime: string;
  serviceStopTime?: string;
  healthcareFacilityTypeCode: Code;
  practiceSettingCode: Code;
  eventCodes: Code[];
  /** CX of the INS: `<matricule>^^^&<INS OID>&ISO^NH`. */
  patientId: string;
  /** CX of the local IPP (`…^PI`), else of the INS. */
  sourcePatientId: string;
  /** `PID-5|…`, `PID-7|…`, `PID-8|…` (and `PID-11|…` when the birthplace is known). */
  sourcePatientInfo: string[];
  authors: XdsAuthor[];
  /** XCN. */
  legalAuthenticator: string;
  /** SHA-1 of the exact bytes, lower-case hex. */
  hash: string;
  /** Byte count. */
  size: number;
}

/** What the DMP rules need of the CDA beyond the XDS metadata. */
export interface CdaFacts {
  volet: 'pps' | 'frcp';
  /** = DocumentEntry.uniqueId. */
  documentId: string;
  setId: string;
  versionNumber: number;
  /** `relatedDocument[@typeCode='RPLC']/parentDocument/id`. */
  replacedDocumentId?: string;
  ins: { matricule: string; oid: string } | undefined;
  patient: { birthFamilyName?: string; firstGivenName?: string; birthDate?: string; sex?: 'M' | 'F' | 'U'; birthPlaceCode?: string };
  /** Struct_IdNat of every author's organisation. */
  authorStructureIds: string[];
  /** PS_IdNat of the authors and of the legal authenticator. */
  authorPersonIds: string[];
  /** `ClinicalDocument/code/@code` (X-MSS-CODECDA). */
  cdaCodes: string[];
  /** True for an ANS "auto-présentable" document (the CDA inside an XSLT stylesheet). */
  autoPresentable?: boolean;
}

/** The SubmissionSet of a submission (dmp-mes.md §1.6). */
export interface SubmissionSet {
  uniqueId: string;
  sourceId: string;
  patientId: string;
  /** UTC `YYYYMMDDhhmmss`. */
  submissionTime: string;
  author: XdsAuthor;
  contentTypeCode: Code;
  title?: string;
  /** XON / XCN (with `|` XTN) of the recipients — XDM only. */
  intendedRecipients?: string[];
}

/** One problem of a CDA that keeps the metadata from being derived. */
export interface MetadataIssue {
  /** Where: an XPath-like path, e.g. `ClinicalDocument/effectiveTime/@value`. */
  path: string;
  /** Stable machine code, e.g. `missing`, `local-time`, `ins-missing`. */
  code: string;
  /** English, without patient data (safe for logs). */
  message: string;
}

/** Thrown with every problem found at once. */
export class MetadataError extends Error {
  override readonly name = 'MetadataError';
  readonly issues: MetadataIssue[];
  constructor(issues: MetadataIssue[]) {
    super(
      issues.length === 1
        ? `XDS metadata: ${issues[0]!.path}: ${issues[0]!.message}`
        : `XDS metadata: ${issues.length} problems: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
    );
    this.issues = issues;
  }
}
