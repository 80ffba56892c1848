// The server's storage over either SQL driver: one repository per table group (patients,
// documents with immutable versions and the submission queue, audit events, sessions,
// idempotency keys). Every write runs in a transaction with its audit event; writes to an
// existing resource lock its row (SELECT … FOR UPDATE) and compare versions, so two writes
// carrying the same If-Match give exactly one success and one "stale".
import type { SqlDriver } from './driver.js';
import { AuditRepository } from './audit-repository.js';
import { DocumentRepository } from './documents-repository.js';
import { IdempotencyRepository } from './idempotency-repository.js';
import { IndicatorsRepository } from './indicators-repository.js';
import { PatientRepository } from './patients-repository.js';
import { IdentityRepository } from './identity-repository.js';
import { SessionRepository } from './sessions-repository.js';
import { SubmissionRepository } from './submissions-repository.js';

export * from './records.js';
export { AuditRepository, DocumentRepository, IdentityRepository, IdempotencyRepository, IndicatorsRepository, PatientRepository, SessionRepository, SubmissionRepository };

export class Store {
  readonly patients: PatientRepository;
  readonly identity: IdentityRepository;
  readonly documents: DocumentRepository;
  readonly audit: AuditRepository;
  readonly sessions: SessionRepository;
  readonly idempotency: IdempotencyRepository;
  readonly submissions: SubmissionRepository;
  readonly indicators: IndicatorsRepository;

  constructor(readonly driver: SqlDriver) {
    this.patients = new PatientRepository(driver);
    this.identity = new IdentityRepository(driver);
    this.documents = new DocumentRepository(driver);
    this.audit = new AuditRepository(driver);
    this.sessions = new SessionRepository(driver);
    this.idempotency = new IdempotencyRepository(driver);
    this.submissions = new SubmissionRepository(driver);
    this.indicators = new IndicatorsRepository(driver);
  }

  get kind(): 'pglite' | 'postgres' {
    return this.driver.kind;
  }

  close(): Promise<void> {
    return this.driver.close();
  }

  /** Drops expired sessions and idempotency keys (run every few minutes). */
  async purgeExpired(): Promise<void> {
    await this.sessions.purgeExpired();
    await this.idempotency.purgeExpired();
  }
}
