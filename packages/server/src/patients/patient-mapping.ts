// The one place of the server that maps the model's patient block (@dcc-kit/cda) to the API's
// patient resource and back: gender UN ↔ sex U, birth given names joined by a space ↔ a list of
// first names, INS kind/environment ↔ assigning authority OID.
// (To be replaced by patientToApi/patientFromApi of @dcc-kit/cda/identity once it exports them.)
import type { IdentityStatus, Patient, PatientInput } from '../store/records.js';

/** INS assigning authorities by kind and environment. */
export const INS_OIDS: Readonly<Record<'NIR' | 'NIA', Readonly<Record<string, string>>>> = {
  NIR: { production: '1.2.250.1.213.1.4.8', test: '1.2.250.1.213.1.4.10', demo: '1.2.250.1.213.1.4.11' },
  NIA: { production: '1.2.250.1.213.1.4.9' },
};

/** The model's patient block, as far as the server compares it with the patient resource. */
export interface ModelPatient {
  ins: { kind: 'NIR' | 'NIA'; value: string; environment?: string };
  birthFamilyName: string;
  birthGivenNames: string;
  gender: string;
  birthDate: string;
  birthPlace?: { cogCode: string };
}

export const modelGender = (sex: Patient['traits']['sex']): string => (sex === 'U' ? 'UN' : sex);
export const apiSex = (gender: string): Patient['traits']['sex'] => (gender === 'UN' ? 'U' : (gender as Patient['traits']['sex']));
export const joinGivenNames = (firstNames: readonly string[]): string => firstNames.join(' ');
export const splitGivenNames = (given: string): string[] => given.split(' ');

/** What the model's patient block must say for this patient resource (strict traits and INS). */
export function modelViewOf(patient: PatientInput): { insValue: string; birthFamilyName: string; birthGivenNames: string; birthDate: string; gender: string } {
  const t = patient.traits;
  return { insValue: patient.ins.value, birthFamilyName: t.birthName, birthGivenNames: joinGivenNames(t.firstNames), birthDate: t.birthDate, gender: modelGender(t.sex) };
}

/** The patient resource input matching a model's patient block. */
export function patientInputFromModel(p: ModelPatient, structureId: string, identityStatus: IdentityStatus = 'qualified'): PatientInput {
  return {
    ins: { value: p.ins.value, oid: INS_OIDS[p.ins.kind][p.ins.environment ?? 'production']! },
    identityStatus,
    traits: {
      birthName: p.birthFamilyName,
      firstNames: splitGivenNames(p.birthGivenNames),
      birthDate: p.birthDate,
      sex: apiSex(p.gender),
      ...(p.birthPlace ? { birthPlaceCode: p.birthPlace.cogCode } : {}),
    },
    structureId,
  };
}
