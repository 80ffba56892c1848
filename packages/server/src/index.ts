// @dcc-kit/server: the reference DCC platform backend.
export { createServer, jsonLogger, DEFAULT_LIMITS, type DccServer, type ServerOptions, type Logger, type LogEntry, type Rate, type TrafficLimits } from './app.js';
export { Store, PatientRepository, DocumentRepository, AuditRepository, SessionRepository, IdempotencyRepository } from './store/store.js';
export type * from './store/store.js';
export { createPgliteDriver, createPostgresDriver, migrate, migrationsDir, type SqlDriver, type SqlExecutor } from './store/driver.js';
export { DocumentChecker } from './services/document-checker.js';
export { serverConfigOf } from './main-config.js';
export { PscAuth, type PscOptions, type Caller, type SessionData } from './auth/auth.js';
export { professionalFromUserInfo, type Professional, type Activity } from './auth/professional.js';
export { SessionCipher, loadSessionKey } from './secrets.js';
export { openapiPath } from './openapi.js';
export { openStore } from './main-config.js';
