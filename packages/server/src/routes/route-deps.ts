// What a route module receives: the router to register on, the request middleware, and the
// services. Route modules only translate HTTP (path, query, headers, body) to service calls
// and service results to replies; the rules live in the services.
import type { Router, Reply } from '../http.js';
import { etag } from '../http.js';
import type { PscAuth } from '../auth/auth.js';
import type { AuthenticatedHandler } from '../middleware/authenticate.js';
import type { Idempotent } from '../middleware/idempotency.js';
import type { BodyReader } from '../middleware/request-body.js';
import type { Handler } from '../http.js';
import type { AuditRepository } from '../store/audit-repository.js';
import type { PatientService } from '../services/patients.js';
import type { IdentityService } from '../services/identity.js';
import type { DocumentLifecycle } from '../services/document-lifecycle.js';
import type { DocumentRecord, VersionRecord } from '../store/records.js';
import type { SubmissionRepository } from '../store/submissions-repository.js';
import type { SubmissionService } from '../submissions/submission-service.js';
import type { EventFeedOptions } from '../submissions/event-feed.js';
import type { DirectoryService } from '../directory/directory-service.js';
import type { IndicatorsService } from '../services/indicators.js';

export interface RouteDeps {
  router: Router;
  authenticated: (handler: AuthenticatedHandler) => Handler;
  jsonBody: BodyReader;
  idempotent: Idempotent;
  auth: PscAuth;
  patients: PatientService;
  /** The identity lifecycle (INSi, identity document). */
  identity: IdentityService;
  documents: DocumentLifecycle;
  audit: AuditRepository;
  /** IdNat_PS of the professionals who may read the audit of the structures they act for. */
  auditReaders: ReadonlySet<string>;
  storeKind: () => 'pglite' | 'postgres';
  submissions: SubmissionService;
  submissionRows: SubmissionRepository;
  /** The change feed's polling and the VIHF's sector of activity of TD0.2 calls. */
  events: { feed: EventFeedOptions; secteurActivite: string };
  /** The national health directory (Annuaire Santé) behind GET /directory/*. */
  directory: DirectoryService;
  /** The regional indicators behind GET /indicators. */
  indicators: IndicatorsService;
}

export const documentReply = (doc: DocumentRecord, status = 200): Reply => ({ status, body: doc, headers: etag(doc.version) });

/** A version as the API shows it: never its stored CDA (that is GET …/cda). */
export const versionReply = (doc: DocumentRecord, version: VersionRecord, status = 200): Reply => {
  const { cda: _cda, ...body } = version as VersionRecord & { cda?: string };
  return { status, body, headers: etag(doc.version) };
};
