// Public API of @dcc-kit/cda/identity: checks of French health identifiers (INS, RPPS, ADELI, FINESS, SIREN, SIRET,
// IdNat_PS, IdNat_Struct). Browser-safe: no node: imports.

export { IDENTITY_MESSAGES, identityIssue } from './messages.js';
export type { IdentityIssue, IdentityIssueCode, LocalizedMessage } from './messages.js';
export { INS_OIDS, checkInsMatricule, checkInsOid, describeInsOid, insKey, insOid, isInsOid } from './ins.js';
export type { CheckInsOidOptions, InsEnvironment, InsKind, InsOid, InsOidDescription } from './ins.js';
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
