// TEMPORARY: the interfaces of @dcc-kit/dmp/metadata and @dcc-kit/dmp/ebrim as DMP-CONTRACT.md
// fixes them, so this package builds before helper META's branch is merged. Deleted by the
// merge of wip-meta (the real modules then resolve). Types only: no metadata logic here.
declare module '@dcc-kit/dmp/metadata' {
  export interface Code { code: string; codingScheme: string; displayName: string }
  export type VisibilityFlag = 'MASQUE_PS' | 'INVISIBLE_PATIENT' | 'INVISIBLE_REPRESENTANTS_LEGAUX';
  export interface XdsAuthor { person?: string; institutions: string[]; roles: string[]; specialties: string[]; telecommunications: string[] }
  export interface DocumentEntry {
    uniqueId: string; typeCode: Code; classCode: Code; formatCode: Code; mimeType: string;
    confidentialityCodes: Code[]; languageCode: string; title: string; comments?: string;
    creationTime: string; serviceStartTime: string; serviceStopTime?: string;
    healthcareFacilityTypeCode: Code; practiceSettingCode: Code; eventCodes: Code[];
    patientId: string; sourcePatientId: string; sourcePatientInfo: string[];
    authors: XdsAuthor[]; legalAuthenticator: string; hash: string; size: number;
  }
  export interface CdaFacts {
    volet: 'pps' | 'frcp'; documentId: string; setId: string; versionNumber: number;
    replacedDocumentId?: string;
    ins: { matricule: string; oid: string } | undefined;
    patient: { birthFamilyName?: string; firstGivenName?: string; birthDate?: string; sex?: 'M' | 'F' | 'U'; birthPlaceCode?: string };
    authorStructureIds: string[]; authorPersonIds: string[]; cdaCodes: string[];
  }
  export class MetadataError extends Error { readonly issues: { path: string; code: string; message: string }[] }
  export function documentEntryFromCda(cda: Uint8Array | string, options?: { visibility?: readonly VisibilityFlag[]; comments?: string }): { entry: DocumentEntry; facts: CdaFacts };
  export interface SubmissionSet { uniqueId: string; sourceId: string; patientId: string; submissionTime: string; author: XdsAuthor; contentTypeCode: Code; title?: string; intendedRecipients?: string[] }
  export function submissionSetFor(entry: DocumentEntry, options: { uniqueId: string; sourceId: string; submissionTime: Date; contentTypeCode?: Code; title?: string; intendedRecipients?: string[] }): SubmissionSet;
  export function sha1Hex(bytes: Uint8Array): string;
  export function visibilityFlagsOf(entry: DocumentEntry): VisibilityFlag[];
}
declare module '@dcc-kit/dmp/ebrim' {
  import type { DocumentEntry, SubmissionSet } from '@dcc-kit/dmp/metadata';
  export interface SubmissionContent {
    submissionSet: { id: string; metadata: SubmissionSet };
    documents: Array<{ id: string; entry: DocumentEntry; uri?: string }>;
  }
  export function submitObjectsRequestXml(content: SubmissionContent): string;
}
