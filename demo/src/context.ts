// What the host page hands the editors through <dcc-provider>: the patient identity (from the
// platform's patient resource), the author (the logged-in professional and the activity they
// act for) and the custodian (that activity's structure), in the shapes of the @dcc-kit/cda
// model. The server checks the same facts again at validation and signature.
import type { EstablishmentContext } from '@dcc-kit/cda/start';
import type { Custodian, DocumentAuthor, PatientIdentity } from '@dcc-kit/cda/core';
import { INS_OID_TABLE, patientFromApi } from '@dcc-kit/cda/identity';
import type { Activity, Patient, Session } from '@dcc-kit/sdk';

/** The INS OIDs the patient form offers, test identities first (the demo's patients are fictitious). */
export const INS_OID_CHOICES = [
  { oid: INS_OID_TABLE.NIR.test, label: 'NIR de test' },
  { oid: INS_OID_TABLE.NIR.demo, label: 'NIR de démonstration' },
  { oid: INS_OID_TABLE.NIR.production, label: 'NIR (production)' },
  { oid: INS_OID_TABLE.NIA.production, label: 'NIA (production)' },
] as const;

/** The model's patient block for the platform's patient resource (the one mapping of @dcc-kit/cda/identity). */
export const patientIdentity = (patient: Patient): PatientIdentity => patientFromApi(patient);

/** IdNat_Struct: "1" + FINESS, "3" + SIRET (a technical id has no national form). */
export function idNatStruct(activity: Activity): string | undefined {
  if (activity.structureIdType === 'FINESS') return `1${activity.structureId}`;
  if (activity.structureIdType === 'SIRET') return `3${activity.structureId}`;
  return undefined;
}

export function activeActivity(session: Session): Activity | undefined {
  const { activities } = session.professional;
  return activities.find((a) => a.id === session.activeActivityId) ?? (activities.length === 1 ? activities[0] : undefined);
}

/** Profession/specialty coding of the author (J01 XdsAuthorSpecialty), loaded on first need. */
async function professionCoding(activity: Activity): Promise<DocumentAuthor['professional']['profession'] | undefined> {
  if (!activity.professionCode) return undefined;
  const code = activity.specialtyCode ? `G15_${activity.professionCode}/${activity.specialtyCode}` : `G15_${activity.professionCode}`;
  const [{ findConcept }, { JDV_J01_XdsAuthorSpecialty_CISIS }] = await Promise.all([import('@dcc-kit/cda/core'), import('@dcc-kit/cda/value-sets')]);
  const concept = findConcept(JDV_J01_XdsAuthorSpecialty_CISIS, code);
  return concept ? { code: concept.code, codeSystem: concept.codeSystem, displayName: concept.displayName } : undefined;
}

/**
 * Practice setting (J04 XdsPracticeSettingCode, part of the DMP metadata) of the author's
 * organisation: a salaried activity in a FINESS structure is a health establishment, a
 * private practice is ambulatory care. A real host knows it from its own structure register.
 */
function practiceSettingOf(activity: Activity) {
  return activity.structureIdType === 'FINESS' && activity.modeCode !== 'L'
    ? { code: 'ETABLISSEMENT', codeSystem: '1.2.250.1.213.1.1.4.9', displayName: 'Etablissement de santé' }
    : { code: 'AMBULATOIRE', codeSystem: '1.2.250.1.213.1.1.4.9', displayName: 'Ambulatoire' };
}

export async function authorOf(session: Session, activity: Activity | undefined): Promise<DocumentAuthor> {
  const p = session.professional;
  const profession = activity ? await professionCoding(activity) : undefined;
  const structureId = activity ? idNatStruct(activity) : undefined;
  return {
    professional: {
      idNatPs: p.idNatPs,
      ...(profession ? { profession } : {}),
      name: { family: p.familyName ?? p.idNatPs, ...(p.givenName ? { given: p.givenName } : {}) },
      ...(structureId && activity
        ? { organization: { idNatStruct: structureId, ...(activity.structureName ? { name: activity.structureName } : {}), practiceSetting: practiceSettingOf(activity) } }
        : {}),
    },
  } as DocumentAuthor;
}

export function custodianOf(activity: Activity | undefined): Custodian | undefined {
  const id = activity ? idNatStruct(activity) : undefined;
  if (!activity || !id) return undefined;
  return { idNatStruct: id, ...(activity.structureName ? { name: activity.structureName } : {}) };
}

/** The header parts the context gives are removed from a stored or example model before editing. */
export function editablePart(model: Record<string, unknown>): Record<string, unknown> {
  const { patient: _p, author: _a, custodian: _c, legalAuthenticator: _l, document: _d, ...rest } = model;
  return rest;
}

/**
 * The establishment's identifiers the demo gives once to <dcc-provider> (`establishment`): the
 * structure the professional acts for, its practice setting, and the demo's (fictitious) 3C,
 * regional cancer network and RCP national ids. The editors fill them in: the clinician never
 * types them. A real host reads them from its own configuration.
 */
export function establishmentOf(activity: Activity | undefined): EstablishmentContext | undefined {
  const structure = custodianOf(activity);
  if (!activity || !structure) return undefined;
  return {
    structure,
    practiceSetting: practiceSettingOf(activity),
    facilityType: { code: 'SA01', codeSystem: '1.2.250.1.71.4.2.4', displayName: 'Etablissement public de santé' },
    coordinationCentre3C: { name: `3C ${structure.name ?? structure.idNatStruct} (démonstration)` },
    regionalCancerNetwork: { name: 'Réseau régional de cancérologie (démonstration)' },
    rcp: { rrcId: '5201', managerId: '520114', rcpId: '27011113' },
  };
}
