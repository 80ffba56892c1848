// PPS header (pps-cda.md §3): participants P1-P11 and documentationOf (the care plan as a
// service event performed by the author).
import type { PpsDocument } from '../../model/pps.js';
import type { Actor } from '../../model/common.js';
import { ts } from '../datatypes.js';
import { FUNCTION_CODES, headerParticipant, serviceEventPerformer } from '../header.js';
import { BuildState } from '../state.js';

export function participants(state: BuildState, doc: PpsDocument): void {
  const w = state.w;
  const net = doc.careNetwork;
  const orgActor = (organization: Actor['organization'], extra: Partial<Actor> = {}): Actor => ({
    ...extra,
    organization: organization && { idNatStruct: organization.idNatStruct, name: organization.name, practiceSetting: organization.practiceSetting },
    address: extra.address ?? organization?.address,
    telecoms: extra.telecoms ?? organization?.telecoms,
  });
  for (const f of net.referenceFacilities ?? [])
    headerParticipant(w, {
      typeCode: 'RESP',
      roleCode: ['ORG-177', 'Etablissement de santé de référence'],
      comment: f.comment,
      period: f.period,
      classCode: 'PROV',
      actor: orgActor(f.organization),
    });
  for (const m of net.careTeam ?? [])
    headerParticipant(w, {
      typeCode: 'PRF',
      functionCode: FUNCTION_CODES.careTeamMember,
      roleCode: ['ORG-177', "Professionnel de l'équipe de soins"],
      comment: m.comment,
      classCode: 'PROV',
      actor: m.professional,
    });
  if (net.accommodationCentre)
    headerParticipant(w, {
      typeCode: 'PRF',
      functionCode: FUNCTION_CODES.correspondent,
      roleCode: ['ORG-055', "Centre d'hébergement"],
      comment: net.accommodationCentre.comment,
      classCode: 'AGNT',
      actor: orgActor(net.accommodationCentre.organization),
    });
  headerParticipant(w, {
    typeCode: 'PRF',
    functionCode: FUNCTION_CODES.correspondent,
    roleCode: ['ORG-190', 'Centre de coordination de cancérologie (3C)'],
    comment: net.coordinationCentre3C.comment,
    classCode: 'PROV',
    actor: orgActor(net.coordinationCentre3C.organization),
  });
  for (const p of net.localProfessionals ?? [])
    headerParticipant(w, {
      typeCode: 'PRF',
      functionCode: FUNCTION_CODES.correspondent,
      roleCode: ['ORG-178', 'Structures et professionnels de proximité impliqués dans les soins'],
      comment: p.comment,
      classCode: 'PROV',
      actor: p.actor,
    });
  if (net.healthMediator) {
    const m = net.healthMediator;
    headerParticipant(w, {
      typeCode: 'INF',
      functionCode: FUNCTION_CODES.correspondent,
      roleCode: ['ORG-188', 'Médiateur de santé'],
      comment: m.comment,
      classCode: 'AGNT',
      actor: { name: m.person, organization: m.organization, address: m.address, telecoms: m.telecoms },
    });
  }
  headerParticipant(w, {
    typeCode: 'INF',
    functionCode: FUNCTION_CODES.gp,
    comment: net.generalPractitioner.comment,
    classCode: 'PROV',
    actor: net.generalPractitioner.professional,
  });
  const contacts = (
    list: PpsDocument['careNetwork']['socialOrganisations'],
    typeCode: string,
    role: readonly [string, string],
  ) => {
    for (const c of list ?? [])
      headerParticipant(w, {
        typeCode,
        functionCode: FUNCTION_CODES.correspondent,
        roleCode: role,
        comment: c.comment,
        classCode: 'AGNT',
        actor: orgActor(c.organization, c.contact ? { name: c.contact } : {}),
      });
  };
  contacts(net.cityHospitalCoordination, 'CON', ['ORG-179', "Structure de coordination ou d'interface ville-hôpital"]);
  for (const r of net.regionalCancerNetworks ?? [])
    headerParticipant(w, {
      typeCode: 'CON',
      functionCode: FUNCTION_CODES.correspondent,
      roleCode: ['ORG-191', 'Réseau régional de cancérologie'],
      comment: r.comment,
      classCode: 'AGNT',
      actor: orgActor(r.organization),
    });
  contacts(net.socialOrganisations, 'INF', ['ORG-180', "Organismes sociaux et de maintien dans l'emploi"]);
  contacts(net.supportStructures, 'INF', ['ORG-181', "Structure de soutien et d'information"]);
}

export function documentationOf(state: BuildState, doc: PpsDocument): void {
  const w = state.w;
  w.start('documentationOf');
  w.start('serviceEvent');
  w.attr('classCode', 'ACT');
  w.start('effectiveTime');
  ts(w, 'low', doc.document!.effectiveTime);
  w.end();
  serviceEventPerformer(w, doc.author.professional);
  w.end();
  w.end();
}
