// Seed entries as the Annuaire Santé writes them (spec §4.5), with the systems of the LIVE API
// sample (`http://rpps.fr`, `http://interopsante.org/CodeSystem/v2-0203`) rather than the
// documented ones, so that clients are exercised on what production answers.
import { JDV_J01_XdsAuthorSpecialty_CISIS } from '@dcc-kit/cda/value-sets';
import { SYSTEMS, type ContactPoint, type Organization, type Practitioner, type PractitionerRole } from '@dcc-kit/annuaire/fhir';
import type { SeedOrganization, SeedProfessional } from './seed.js';

const TYPE_SYSTEM = SYSTEMS.identifierTypeLive;
const type = (code: string) => ({ coding: [{ system: TYPE_SYSTEM, code }] });
const meta = (profile: string) => ({ lastUpdated: '2026-11-30T04:12:09.000+01:00', profile: [`https://interop.esante.gouv.fr/ig/fhir/annuaire/StructureDefinition/${profile}`] });

const PROFESSIONS: Record<string, string> = { '10': 'Médecin', '21': 'Pharmacien', '40': 'Chirurgien-Dentiste', '50': 'Sage-Femme', '60': 'Infirmier', '91': 'Orthophoniste' };

/** Specialty label from J01 (`Médecin - Oncologie, opt médicale (SM)` → `Oncologie, opt médicale`). */
function specialtyDisplay(profession: string, specialty: string): string | undefined {
  const concept = JDV_J01_XdsAuthorSpecialty_CISIS.concepts.find((c) => c.code === `G15_${profession}/${specialty}`);
  return concept?.displayName.replace(/^[^-]+ - /, '').replace(/ \(SM\)$/, '');
}

function mailbox(value: string, kind: 'PER' | 'ORG'): ContactPoint {
  return {
    system: 'email',
    value,
    extension: [
      { url: SYSTEMS.emailType, valueCoding: { system: 'https://mos.esante.gouv.fr/NOS/TRE_R256-TypeMessagerie/FHIR/TRE-R256-TypeMessagerie', code: 'MSSANTE' } },
      { url: SYSTEMS.mailboxMetadata, extension: [{ url: 'type', valueCoding: { system: 'https://mos.esante.gouv.fr/NOS/JDV_J139-TypeBAL-MSSante/FHIR/JDV-J139-TypeBAL-MSSante', code: kind } }] },
    ],
  };
}

export function practitionerResource(p: SeedProfessional): Practitioner {
  const idNat = p.rpps ? `8${p.rpps}` : `0${p.adeli}`;
  const qualification: Practitioner['qualification'] = [
    {
      code: {
        coding: [
          { system: SYSTEMS.profession, code: p.profession, ...(PROFESSIONS[p.profession] ? { display: PROFESSIONS[p.profession] } : {}) },
          { system: SYSTEMS.category, code: 'C', display: 'Civil' },
        ],
      },
    },
  ];
  if (p.specialty) {
    const display = specialtyDisplay(p.profession, p.specialty);
    qualification.push({
      code: {
        coding: [
          { system: SYSTEMS.savoirFaireType, code: 'S', display: 'Spécialité ordinale' },
          { system: SYSTEMS.specialty, code: p.specialty, ...(display ? { display } : {}) },
        ],
      },
    });
  }
  return {
    resourceType: 'Practitioner',
    id: p.id,
    meta: meta('as-dp-practitioner'),
    identifier: [
      { use: 'official', type: type('IDNPS'), system: SYSTEMS.idNatPs, value: idNat },
      ...(p.rpps ? [{ use: 'official', type: type('RPPS'), system: SYSTEMS.rppsLive, value: p.rpps }] : []),
      ...(p.adeli ? [{ use: 'official', type: type('ADELI'), system: SYSTEMS.adeli, value: p.adeli }] : []),
    ],
    active: p.active,
    // Inactive entries keep ids and `active` only (§4.5).
    ...(p.active
      ? {
          name: [{ use: 'usual', family: p.name.family, ...(p.name.given ? { given: [p.name.given] } : {}), ...(p.name.prefix ? { prefix: [p.name.prefix] } : {}), ...(p.name.suffix ? { suffix: [p.name.suffix] } : {}) }],
          ...(p.mssante ? { telecom: [mailbox(p.mssante, 'PER')] } : {}),
          qualification,
        }
      : {}),
  };
}

export function roleResources(p: SeedProfessional): PractitionerRole[] {
  if (!p.active) return [];
  return p.organizations.map((orgId, i) => ({
    resourceType: 'PractitionerRole' as const,
    id: `${p.id}-role-${i + 1}`,
    meta: meta('as-dp-practitionerrole'),
    identifier: [{ system: SYSTEMS.rpps, value: `${orgId.startsWith('org-cab') ? 'L' : 'S'}${(p.rpps ?? p.adeli ?? '').slice(-8)}${i + 1}` }],
    active: true,
    practitioner: { reference: `Practitioner/${p.id}` },
    organization: { reference: `Organization/${orgId}` },
    code: [
      { coding: [{ system: SYSTEMS.activityGenre, code: 'GENR01', display: 'Activité standard de soin ou de pharmacien' }] },
      { coding: [{ system: SYSTEMS.activityMode, code: orgId.startsWith('org-cab') ? 'L' : 'S', display: orgId.startsWith('org-cab') ? 'Libéral' : 'Salarié' }] },
    ],
  }));
}

export function organizationResource(o: SeedOrganization): Organization {
  const identifier: Organization['identifier'] = [];
  if (o.finess) {
    identifier.push({ use: 'official', type: type('IDNST'), system: SYSTEMS.idNatStruct, value: `1${o.finess}` });
    identifier.push({ use: 'official', type: type(o.finessKind === 'EJ' ? 'FINEJ' : 'FINEG'), system: SYSTEMS.finess, value: o.finess });
  }
  if (o.siret) {
    if (!o.finess) identifier.push({ use: 'official', type: type('IDNST'), system: SYSTEMS.idNatStruct, value: `3${o.siret}` });
    identifier.push({ use: 'official', type: type('SIRET'), system: SYSTEMS.siret, value: o.siret });
  }
  const telecom: ContactPoint[] = [
    ...(o.phone ? [{ system: 'phone' as const, value: o.phone, use: 'work' }] : []),
    ...(o.fax ? [{ system: 'fax' as const, value: o.fax, use: 'work' }] : []),
    ...(o.email ? [o.email.endsWith('.mssante.fr') ? mailbox(o.email, 'ORG') : { system: 'email' as const, value: o.email }] : []),
  ];
  return {
    resourceType: 'Organization',
    id: o.id,
    meta: meta('as-dp-organization'),
    identifier,
    active: o.active,
    ...(o.active
      ? {
          type: [
            {
              coding: [{ system: 'https://mos.esante.gouv.fr/NOS/TRE_R66-CategorieEtablissement/FHIR/TRE-R66-CategorieEtablissement', code: o.finess ? '355' : '604' }],
              extension: [{ url: 'https://interop.esante.gouv.fr/ig/fhir/annuaire/StructureDefinition/as-ext-organization-types', valueCode: 'categorieEtablissementRASS' }],
            },
            { coding: [{ system: 'https://hl7.fr/ig/fhir/core/CodeSystem/fr-core-cs-v2-3307', code: o.finessKind === 'EJ' ? 'LEGAL-ENTITY' : 'GEOGRAPHICAL-ENTITY' }] },
          ],
          name: o.name,
          ...(telecom.length ? { telecom } : {}),
          ...(o.lines.length || o.city
            ? {
                address: [
                  {
                    use: 'work',
                    type: 'both',
                    line: o.lines,
                    ...(o.postalCode ? { postalCode: o.postalCode } : {}),
                    ...(o.city ? { city: o.city } : {}),
                    country: 'FRA',
                    ...(o.inseeCode ? { extension: [{ url: SYSTEMS.inseeCommune, valueCoding: { system: 'https://mos.esante.gouv.fr/NOS/TRE_R13-CommuneOM/FHIR/TRE-R13-CommuneOM', code: o.inseeCode } }] } : {}),
                  },
                ],
              }
            : {}),
        }
      : {}),
  };
}
