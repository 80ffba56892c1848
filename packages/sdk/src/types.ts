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

/** The @dcc-kit/cda build input (PpsDocument / FrcpDocument JSON); drafts may be incomplete. */
export type DocumentModel = Schemas['Model'];
export type DocumentCreate = RequestBody<'createDocument'>;
export type Document = ResponseBody<'getDocument', 200>;
export type DocumentType = Schemas['DocumentType'];
export type DocumentStatus = Schemas['DocumentStatus'];
export type DocumentListQuery = Omit<QueryOf<'listDocuments'>, 'cursor'>;
export type VersionCreate = RequestBody<'createVersion'>;
export type Version = ResponseBody<'getVersion', 200>;
export type VersionSummary = Schemas['VersionSummary'];
export type ValidationSummary = Schemas['ValidationSummary'];
export type VersionListQuery = Omit<QueryOf<'listVersions'>, 'cursor'>;

export type AuditEvent = Schemas['AuditEvent'];
export type AuditListQuery = Omit<QueryOf<'listAudit'>, 'cursor'>;

export type { components, operations, paths } from './generated/api.js';
