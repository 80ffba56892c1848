// The patient's identity in the XDS metadata (dmp-mes.md §1.3). The INS OIDs and the matricule
// key come from @dcc-kit/cda/identity (one source with the CDA builder).
import { checkInsMatricule, INS_OIDS, isInsOid } from '@dcc-kit/cda/identity';

export { INS_OIDS, isInsOid };

/** The obsolete INS-C OID, always refused. */
export const INS_C_OID = '1.2.250.1.213.1.4.2';

/** Whether a 15-character INS matricule (NIR or NIA) has the canonical form and a valid key. */
export function isValidInsMatricule(matricule: string): boolean {
  return checkInsMatricule(matricule) === undefined;
}
