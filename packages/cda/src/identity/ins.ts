// INS (Identité Nationale de Santé): OIDs of the assigning authorities and the matricule control key.
// Source of truth: /work/shared/spec/identity-auth.md §0.1, §1.2–§1.4. Browser-safe: no node: imports.

import { identityIssue, type IdentityIssue } from './messages.js';

/** OIDs of the INS assigning authorities (CDA `patientRole/id/@root`). There is no NIA test or demo OID. */
export const INS_OIDS = {
  /** INS-NIR, production. */
  NIR: '1.2.250.1.213.1.4.8',
  /** INS-NIA (temporary number awaiting a NIR), production. */
  NIA: '1.2.250.1.213.1.4.9',
  /** INS-NIR of fictitious test patients. */
  NIR_TEST: '1.2.250.1.213.1.4.10',
  /** INS-NIR of fictitious demonstration patients. */
  NIR_DEMO: '1.2.250.1.213.1.4.11',
} as const;

/** One of the four INS OIDs. */
export type InsOid = (typeof INS_OIDS)[keyof typeof INS_OIDS];

/** NIR (social-security registration number) or NIA (temporary number). Only the OID tells them apart. */
export type InsKind = 'NIR' | 'NIA';

/** Production identities, fictitious test identities, fictitious demonstration identities. */
export type InsEnvironment = 'production' | 'test' | 'demo';

/** What an INS OID stands for. */
export interface InsOidDescription {
  readonly kind: InsKind;
  readonly environment: InsEnvironment;
  /** French label, as used by the ANS CDA viewer and the fr-core slices. */
  readonly label: string;
}

/**
 * The one INS OID table: kind × environment → OID (spec §0.1; the ANS kit's structurationMinimale
 * schematron and CDA viewer know exactly these four). The NIA has production only.
 */
export const INS_OID_TABLE: {
  readonly [K in InsKind]: { readonly production: InsOid } & Partial<Readonly<Record<Exclude<InsEnvironment, 'production'>, InsOid>>>;
} = {
  NIR: { production: INS_OIDS.NIR, test: INS_OIDS.NIR_TEST, demo: INS_OIDS.NIR_DEMO },
  NIA: { production: INS_OIDS.NIA },
};

const LABELS: Readonly<Record<InsKind, Readonly<Record<InsEnvironment, string>>>> = {
  NIR: { production: 'INS-NIR', test: 'INS-NIR de test', demo: 'INS-NIR de démonstration' },
  NIA: { production: 'INS-NIA', test: 'INS-NIA de test', demo: 'INS-NIA de démonstration' },
};

const DESCRIPTIONS: ReadonlyMap<string, InsOidDescription> = new Map<string, InsOidDescription>(
  (Object.keys(INS_OID_TABLE) as InsKind[]).flatMap((kind) =>
    (Object.entries(INS_OID_TABLE[kind]) as Array<[InsEnvironment, InsOid]>).map(
      ([environment, oid]): [string, InsOidDescription] => [oid, { kind, environment, label: LABELS[kind][environment] }],
    ),
  ),
);

/** OIDs that look related to the INS but must not be used as the INS assigning authority. */
const INS_C_OID = '1.2.250.1.213.1.4.2';
const NSS_OIDS: ReadonlySet<string> = new Set(['1.2.250.1.213.1.4.13', '1.2.250.1.213.1.4.14']);

/**
 * The OID to emit for an INS of `kind` in `environment`.
 * @throws RangeError for NIA in test or demo: only the NIR has test/demo OIDs (spec §0.1).
 */
export function insOid(kind: InsKind, environment: InsEnvironment): InsOid {
  // Own keys only: a kind or environment from untyped input must not reach Object.prototype.
  const row: Partial<Record<InsEnvironment, InsOid>> | undefined = Object.hasOwn(INS_OID_TABLE, kind) ? INS_OID_TABLE[kind] : undefined;
  const oid = row && Object.hasOwn(row, environment) ? row[environment] : undefined;
  if (oid !== undefined) return oid;
  throw new RangeError(
    kind === 'NIA'
      ? `No INS-NIA OID exists for the ${String(environment)} environment: only the INS-NIR has test and demo OIDs.`
      : 'Unknown INS kind or environment.',
  );
}

/** Kind, environment and label of an INS OID, or undefined when `oid` is not one of the four INS OIDs. */
export function describeInsOid(oid: string): InsOidDescription | undefined {
  return DESCRIPTIONS.get(oid);
}

/** Whether `oid` is one of the four INS OIDs (production, test or demo). */
export function isInsOid(oid: string): oid is InsOid {
  return DESCRIPTIONS.has(oid);
}

export interface CheckInsOidOptions {
  /** Accept the test (.10) and demo (.11) OIDs. Defaults to false: production must refuse them. */
  readonly allowTestOids?: boolean;
}

/** Checks the assigning-authority OID of an INS; undefined when acceptable. */
export function checkInsOid(oid: string, options: CheckInsOidOptions = {}): IdentityIssue | undefined {
  const description = typeof oid === 'string' ? DESCRIPTIONS.get(oid) : undefined;
  if (description === undefined) {
    if (oid === INS_C_OID) return identityIssue('ins.oid.ins-c');
    if (typeof oid === 'string' && NSS_OIDS.has(oid)) return identityIssue('ins.oid.nss');
    return identityIssue('ins.oid.unknown');
  }
  if (options.allowTestOids !== true) {
    if (description.environment === 'test') return identityIssue('ins.oid.test');
    if (description.environment === 'demo') return identityIssue('ins.oid.demo');
  }
  return undefined;
}

/**
 * Canonical 13-character matricule (without key): sex/first digit 1–8, year, month, département (two digits, or
 * 2A/2B in upper case for Corsica), commune and order number. The canonical form is stored by the model, so lower
 * case or spaces are rejected rather than silently normalised.
 */
const MATRICULE_13 = /^[1-8]\d{4}(?:\d{2}|2A|2B)\d{6}$/;
const MATRICULE_15 = /^[1-8]\d{4}(?:\d{2}|2A|2B)\d{6}\d{2}$/;

/**
 * Control key of a 13-character INS matricule (NIR or NIA): `97 − (N mod 97)` with 2A → 19 and 2B → 18 in positions
 * 6–7; returned as two digits ("01"–"97"; a remainder of 0 gives "97").
 * @throws RangeError when `matricule13` is not a canonical 13-character matricule (the value is not echoed).
 */
export function insKey(matricule13: string): string {
  if (typeof matricule13 !== 'string' || !MATRICULE_13.test(matricule13)) {
    throw new RangeError(
      'insKey expects the 13 canonical characters of an INS matricule (digits, 2A or 2B in positions 6–7).',
    );
  }
  const department = matricule13.slice(5, 7);
  const digits =
    department === '2A'
      ? `${matricule13.slice(0, 5)}19${matricule13.slice(7)}`
      : department === '2B'
        ? `${matricule13.slice(0, 5)}18${matricule13.slice(7)}`
        : matricule13;
  // < 10^13 < 2^53: exact as a JS number.
  const key = 97 - (Number(digits) % 97);
  return key.toString().padStart(2, '0');
}

/**
 * Checks a 15-character INS matricule (13 characters + 2-digit key) in canonical form; undefined when valid.
 * Issues: `ins.format` (wrong length, characters, lower case or spaces), `ins.key` (wrong key; `00` is never valid).
 */
export function checkInsMatricule(value: string): IdentityIssue | undefined {
  if (typeof value !== 'string' || !MATRICULE_15.test(value)) return identityIssue('ins.format');
  if (insKey(value.slice(0, 13)) !== value.slice(13)) return identityIssue('ins.key');
  return undefined;
}
