// Public API of @dcc-kit/cda/identity: checks of French health identifiers (INS, RPPS, ADELI, FINESS, SIREN, SIRET,
// IdNat_PS, IdNat_Struct), the INS OID table, and the one mapping between the model's patient and the API's patient
// resource. Browser-safe: no node: imports.

export { IDENTITY_MESSAGES, identityIssue } from './messages.js';
export type { IdentityIssue, IdentityIssueCode, LocalizedMessage } from './messages.js';
export { INS_OIDS, INS_OID_TABLE, checkInsMatricule, checkInsOid, describeInsOid, insKey, insOid, isInsOid } from './ins.js';
export type { CheckInsOidOptions, InsEnvironment, InsKind, InsOid, InsOidDescription } from './ins.js';
export { DMP_IDENTITY_RULE, IDENTITY_STATUSES, IDENTITY_STATUS_TEXTS, isIdentityStatus, notSubmittableBecause } from './status.js';
export type { IdentityStatus, IdentityStatusText } from './status.js';
export { crossCheckInsTraits, hasInsTraitErrors } from './ins-traits.js';
export type { InsTraitField, InsTraitFinding, InsTraitsInput } from './ins-traits.js';
export {
  checkAdeli,
  checkFiness,
  checkIdNatPs,
  checkIdNatStruct,
  checkRpps,
  checkSiren,
  checkSiret,
  luhnCheckDigit,
  luhnValid,
} from './luhn.js';
export {
  birthDateFromApi,
  birthDateToApi,
  firstNamesFromApi,
  firstNamesToApi,
  genderFromApi,
  genderToApi,
  insFromApi,
  insToApi,
  patientFromApi,
  patientToApi,
} from './patient.js';
export type { ApiIns, ApiPatient, ApiSex, ApiTraits, ModelPatient } from './patient.js';
