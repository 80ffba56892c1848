// The one mapping between the model's patient block (PatientIdentity) and the patient resource of
// the dcc-kit API (packages/server/openapi.json: Patient / PatientInput). The server, the demo,
// the test harnesses and the benches all go through it, so they cannot disagree on a gender code,
// a given-name separator or an INS OID. Browser-safe: no node: imports, types only from the model.
import type { PatientIdentity } from '../model/common.js';
import { describeInsOid, insOid } from './ins.js';

/** Sex of the API's strict traits: `U` is unknown (the model and the CDA say `UN`). */
export type ApiSex = 'M' | 'F' | 'U';

/** `ins` of the API patient: the matricule and its assigning-authority OID. */
export interface ApiIns {
  value: string;
  oid: string;
}

/** `traits` of the API patient (the strict traits of the INS). */
export interface ApiTraits {
  birthName: string;
  /** The birth first names, one per item. */
  firstNames: string[];
  /** `YYYY-MM-DD`, `00` for an unknown day or month. */
  birthDate: string;
  sex: ApiSex;
  /** INSEE COG code of the birth commune (99xxx abroad). */
  birthPlaceCode?: string;
}

/**
 * The identity part of the API's patient resource, structurally: a `Patient` or `PatientInput` of
 * the SDK is one (its server fields — id, version, identityStatus, structureId — are not identity).
 */
export interface ApiPatient {
  ins: ApiIns;
  traits: ApiTraits;
  usedName?: string;
}

/** What of the model's patient block the API carries. */
export type ModelPatient = Pick<
  PatientIdentity,
  'ins' | 'birthFamilyName' | 'birthGivenNames' | 'usedFamilyName' | 'gender' | 'birthDate' | 'birthPlace'
>;

/** Model gender (`F`/`M`/`UN`, the CDA AdministrativeGender codes) → API sex. */
export const genderToApi = (gender: PatientIdentity['gender']): ApiSex => (gender === 'UN' ? 'U' : gender);

/** API sex → model gender. */
export const genderFromApi = (sex: ApiSex): PatientIdentity['gender'] => (sex === 'U' ? 'UN' : sex);

/** The model's space-separated list of birth first names → one name per item (exact inverse of the join). */
export const firstNamesToApi = (birthGivenNames: string): string[] => birthGivenNames.split(' ');

/** The API's birth first names → the model's space-separated list. */
export const firstNamesFromApi = (firstNames: readonly string[]): string => firstNames.join(' ');

/** Model partial date (`1973`, `1973-06`, `1973-06-14`) → API date with `00` for what is unknown. */
export function birthDateToApi(date: string): string {
  const [year, month = '00', day = '00'] = date.split('-');
  return `${year}-${month}-${day}`;
}

/** API date (`00` for an unknown day or month) → model partial date. */
export function birthDateFromApi(date: string): string {
  const [year, month, day] = date.split('-');
  if (month === undefined || month === '00') return year ?? date;
  if (day === undefined || day === '00') return `${year}-${month}`;
  return date;
}

/**
 * Model INS → API INS: the OID of the one INS OID table for its kind and environment (default
 * production).
 * @throws RangeError for an NIA in test or demo: no such OID exists.
 */
export function insToApi(ins: NonNullable<PatientIdentity['ins']>): ApiIns {
  return { value: ins.value, oid: insOid(ins.kind, ins.environment ?? 'production') };
}

/** API INS → model INS; undefined when the OID is not one of the four INS OIDs. */
export function insFromApi(ins: ApiIns): NonNullable<PatientIdentity['ins']> | undefined {
  const described = describeInsOid(ins.oid);
  if (!described) return undefined;
  return {
    kind: described.kind,
    value: ins.value,
    ...(described.environment !== 'production' ? { environment: described.environment } : {}),
  };
}

/**
 * The API patient's identity for a model patient block. What the API does not carry is left out:
 * local ids, the first birth given name (the first of the list), the birth commune's name,
 * addresses, contacts, guardians.
 * @throws RangeError when the block has no INS (the API's patient always has one), or for an NIA
 *   in test or demo.
 */
export function patientToApi(patient: ModelPatient): ApiPatient {
  if (!patient.ins) throw new RangeError('The patient block has no INS: an API patient needs one.');
  return {
    ins: insToApi(patient.ins),
    traits: {
      birthName: patient.birthFamilyName,
      firstNames: firstNamesToApi(patient.birthGivenNames),
      birthDate: birthDateToApi(patient.birthDate),
      sex: genderToApi(patient.gender),
      ...(patient.birthPlace ? { birthPlaceCode: patient.birthPlace.cogCode } : {}),
    },
    ...(patient.usedFamilyName !== undefined ? { usedName: patient.usedFamilyName } : {}),
  };
}

/**
 * The model's patient block for an API patient (what the editors start from). An INS whose OID is
 * not an INS OID is left out (the model rules then report the missing INS).
 */
export function patientFromApi(patient: ApiPatient): PatientIdentity {
  const ins = insFromApi(patient.ins);
  const { traits } = patient;
  return {
    ...(ins ? { ins } : {}),
    birthFamilyName: traits.birthName,
    birthGivenNames: firstNamesFromApi(traits.firstNames),
    ...(patient.usedName ? { usedFamilyName: patient.usedName } : {}),
    gender: genderFromApi(traits.sex),
    birthDate: birthDateFromApi(traits.birthDate),
    ...(traits.birthPlaceCode ? { birthPlace: { cogCode: traits.birthPlaceCode } } : {}),
  };
}
