// @dcc-kit/annuaire: the Annuaire Santé FHIR R4 client and the one mapping to the editors' shapes.
export {
  AnnuaireClient,
  ANNUAIRE_PRODUCTION_URL,
  API_KEY_HEADER,
  DOCUMENTED_RATE,
  organizationParams,
  practitionerParams,
  type AnnuaireClientOptions,
  type CallOptions,
  type DirectoryPage,
  type OrganizationQuery,
  type PractitionerQuery,
} from './client.js';
export { AnnuaireError, isAnnuaireError, type AnnuaireErrorKind } from './errors.js';
export {
  authorSpecialtyOf,
  mapOrganization,
  mapPractitioner,
  referenceId,
  type DirectoryCode,
  type DirectoryOrganization,
  type DirectoryProfessional,
} from './mapping.js';
export { backoffMs, parseRetryAfter, RateLimiter, realTiming, type Timing } from './throttle.js';
