// Public types of the SDK, taken from the types generated from packages/server/openapi.json
// (src/generated/api.ts, produced by scripts/generate-types.mjs at build time).

import type { components, operations } from './generated/api.js';

type Schemas = components['schemas'];

/** JSON body of response `S` of operation `Op`, as declared by the OpenAPI document. */
export type ResponseBody<Op extends keyof operations, S extends keyof operations[Op]['responses']> =
  operations[Op]['responses'][S] extends { content: { 'application/json': infer T } } ? T : never;

/** JSON request body of operation `Op`. */
export type RequestBody<Op extends keyof operations> = operations[Op] extends {
  requestBody: { content: { 'application/json': infer T } };
}
  ? T
  : operations[Op] extends { requestBody?: { content: { 'application/json': infer T } } }
    ? T
    : never;

/** Query parameters of operation `Op`. */
export type QueryOf<Op extends keyof operations> = NonNullable<operations[Op]['parameters']['query']>;

export type Health = ResponseBody<'getHealth', 200>;
export type Session = ResponseBody<'getSession', 200>;
export type Professional = Schemas['Professional'];
export type Activity = Schemas['Activity'];
export type LogoutResult = ResponseBody<'logout', 200>;

export type PatientInput = RequestBody<'createPatient'>;
export type Patient = ResponseBody<'createPatient', 201>;
export type Ins = Schemas['Ins'];
export type IdentityStatus = Schemas['IdentityStatus'];
export type Traits = Schemas['Traits'];
/** Filters of `patients.list` (paging is handled by the iterator). */
export type PatientListQuery = Omit<QueryOf<'listPatients'>, 'cursor'>;

/** The @dcc-kit/cda build input of a PPS (packages/cda/schema/pps.schema.json). */
export type PpsDocument = Schemas['PpsDocument'];
/** The @dcc-kit/cda build input of a Fiche RCP (packages/cda/schema/frcp.schema.json). */
export type FrcpDocument = Schemas['FrcpDocument'];
/**
 * A document's model: PpsDocument or FrcpDocument (the one named by the document type). The
 * server also accepts incomplete drafts on save (missing parts wait for /validate); a draft
 * still being filled in can be typed as a deep partial of these.
 */
export type DocumentModel = Schemas['Model'];
/** Every field optional, at every depth: what a draft of a model may be. */
export type DeepPartial<T> = T extends readonly (infer U)[] ? DeepPartial<U>[] : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;
/** A model being filled in: the server saves it when its shape is right, missing parts wait for /validate. */
export type DocumentDraft = DeepPartial<PpsDocument> | DeepPartial<FrcpDocument>;
export type DocumentCreate = Omit<RequestBody<'createDocument'>, 'model'> & { model: DocumentDraft };
export type Document = ResponseBody<'getDocument', 200>;
export type DocumentType = Schemas['DocumentType'];
export type DocumentStatus = Schemas['DocumentStatus'];
export type DocumentListQuery = Omit<QueryOf<'listDocuments'>, 'cursor'>;
export type VersionCreate = Omit<RequestBody<'createVersion'>, 'model'> & { model: DocumentDraft };
/** A version; its model is complete once validated, and may be a draft before. */
export type Version = Omit<ResponseBody<'getVersion', 200>, 'model'> & { model: DocumentDraft };
export type VersionSummary = Schemas['VersionSummary'];
export type ValidationSummary = Schemas['ValidationSummary'];
export type VersionListQuery = Omit<QueryOf<'listVersions'>, 'cursor'>;

export type AuditEvent = Schemas['AuditEvent'];
export type AuditListQuery = Omit<QueryOf<'listAudit'>, 'cursor'>;

export type SubmitRequest = Schemas['SubmitRequest'];
export type VisibilityFlag = Schemas['VisibilityFlag'];
export type VisibilityChange = Schemas['VisibilityChange'];
export type Submission = Schemas['Submission'];
export type SubmissionList = Schemas['SubmissionList'];
export type SubmissionState = Schemas['SubmissionState'];
export type SubmissionReason = Schemas['SubmissionReason'];
export type SubmissionEvent = Schemas['SubmissionEvent'];
export type DmpPatientStatus = Schemas['DmpPatientStatus'];

export type DirectoryProfessional = Schemas['DirectoryProfessional'];
export type DirectoryOrganization = Schemas['DirectoryOrganization'];
export type DirectoryProfessionalList = Schemas['DirectoryProfessionalList'];
export type DirectoryOrganizationList = Schemas['DirectoryOrganizationList'];
/** Filters of `directory.practitioners` (`q`, `rpps`, `specialty`, `limit`); paging is the iterator's. */
export type PractitionerSearchQuery = Omit<QueryOf<'searchPractitioners'>, 'cursor'>;
/** Filters of `directory.organizations` (`q`, `finess`, `siret`, `postalCode`, `limit`). */
export type OrganizationSearchQuery = Omit<QueryOf<'searchOrganizations'>, 'cursor'>;
export type IdentityState = Schemas['IdentityState'];
export type IdentityFinding = Schemas['IdentityFinding'];
export type IdentityDocumentKind = Schemas['IdentityDocumentKind'];
export type IdentityValidationInput = Schemas['IdentityValidationInput'];
export type InsiSearchOutcome = Schemas['InsiSearchOutcome'];
export type InsiVerifyOutcome = Schemas['InsiVerifyOutcome'];
export type InsiCandidate = Schemas['InsiCandidate'];

/** GET /indicators: the regional indicators (per month, establishment, 3C, volet, channel). */
export type IndicatorsReport = Schemas['IndicatorsReport'];
export type IndicatorRow = Schemas['IndicatorRow'];
export type MonthTotals = Schemas['MonthTotals'];
/** The period (`from`, `to`: YYYY-MM, at most 36 months) and the optional `finess` / `center3c` filters. */
export type IndicatorsQuery = Omit<QueryOf<'getIndicators'>, 'format'>;

export type { components, operations, paths } from './generated/api.js';
