// The patient's identity in the XDS metadata: the INS (dmp-mes.md §1.3).

/** INS OIDs usable to feed the DMP, by meaning. */
export const INS_OIDS = {
  nir: '1.2.250.1.213.1.4.8',
  nia: '1.2.250.1.213.1.4.9',
  nirTest: '1.2.250.1.213.1.4.10',
  nirDemo: '1.2.250.1.213.1.4.11',
} as const;

/** The obsolete INS-C OID, always refused. */
export const INS_C_OID = '1.2.250.1.213.1.4.2';

/** Whether `oid` is one of the INS OIDs (NIR, NIA, test, demo). */
export function isInsOid(oid: string): boolean {
  return (Object.values(INS_OIDS) as string[]).includes(oid);
}

/**
 * Whether a matricule has the NIR/NIA form: 13 characters (digits; `2A`/`2B` for a Corsican
 * département) and a 2-digit key equal to 97 − (number mod 97), Corsica substituted
 * (2A → 19, 2B → 18).
 */
export function isValidInsMatricule(matricule: string): boolean {
  const match = /^(\d{5}(?:\d{2}|2A|2B)\d{6})(\d{2})$/.exec(matricule);
  if (!match) return false;
  const body = match[1]!.replace('2A', '19').replace('2B', '18');
  const corsicaShift = match[1]!.includes('2A') ? 1_000_000n : match[1]!.includes('2B') ? 2_000_000n : 0n;
  const number = BigInt(body) - corsicaShift;
  return 97n - (number % 97n) === BigInt(match[2]!);
}
