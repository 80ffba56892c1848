// The header part of the narrative the patient reads: who the document is about (name, birth
// date), who wrote it, when, and the care team with its telephone numbers. In the CDA these
// facts live in the structured header (recordTarget, author, participants), which every CDA
// viewer renders above the sections; the editors' preview and print view render this
// description of the same facts, so both come from the one model.
import type { Actor, DocumentAuthor, HealthProfessional, Organization, PatientIdentity, PersonName, Telecom } from '../model/common.js';
import type { PpsDocument } from '../model/pps.js';
import type { FrcpDocument } from '../model/frcp.js';
import { withValuedColumns, type NarrativeTable } from './table.js';
import { NBSP, dateFr, nameFr, phonesFr } from './text.js';

export interface NarrativeFact {
  readonly label: string;
  readonly value: string;
}

export interface NarrativeHeader {
  /** The document's title as the patient reads it. */
  readonly title: string;
  /** Patient, birth date, author, date: label and value, in reading order. */
  readonly facts: readonly NarrativeFact[];
  /** The care team: role, name, structure, telephone (empty columns removed); absent when nobody is named. */
  readonly careTeam?: NarrativeTable;
}

/** « Mme Marie MOREAU »: the used names when given, else the first birth given name and the birth name. */
export function patientNameFr(p: PatientIdentity): string {
  const civility = p.gender === 'F' ? 'Mme' : p.gender === 'M' ? 'M.' : undefined;
  const given = p.usedGivenName ?? p.firstBirthGivenName ?? p.birthGivenNames.split(' ')[0];
  const family = p.usedFamilyName ?? p.birthFamilyName;
  const born = p.usedFamilyName !== undefined && p.usedFamilyName !== p.birthFamilyName ? ` (${p.gender === 'F' ? 'née' : 'né'} ${p.birthFamilyName})` : '';
  return [civility, given, family].filter((s) => s !== undefined && s !== '').join(' ') + born;
}

const professionFr = (p: { profession?: { displayName?: string } }): string => p.profession?.displayName ?? '';

/** « Dr Claire Martin, Oncologie médicale, Institut Curie — tél. 01 45 67 89 10 ». */
export function authorFr(author: DocumentAuthor): string {
  const p = author.professional;
  const who = [nameFr(p.name), author.functionComment ?? professionFr(p), p.organization?.name].filter((s) => s !== undefined && s !== '').join(', ');
  const phone = phonesFr(p.telecoms, p.organization?.telecoms);
  return phone === '' ? who : `${who} — tél.${NBSP}${phone}`;
}

type Row = readonly [role: string, name: string, structure: string, phone: string];

const professionalRow = (role: string, p: HealthProfessional | Actor): Row => [
  role,
  nameFr(p.name),
  p.organization?.name ?? '',
  phonesFr(p.telecoms, p.organization?.telecoms),
];
const organisationRow = (role: string, o: Organization, contact?: PersonName, telecoms?: readonly Telecom[]): Row => [
  role,
  nameFr(contact),
  o.name ?? '',
  phonesFr(telecoms, o.telecoms),
];

function careTeamTable(rows: readonly Row[]): NarrativeTable | undefined {
  if (rows.length === 0) return undefined;
  return withValuedColumns({ caption: 'Votre équipe de soins', headers: ['Rôle', 'Nom', 'Structure', 'Téléphone'], rows });
}

function ppsCareTeam(doc: PpsDocument): Row[] {
  const n = doc.careNetwork;
  const rows: Row[] = [];
  for (const m of n.careTeam ?? []) rows.push(professionalRow(m.comment ?? (professionFr(m.professional) || 'Équipe de soins'), m.professional));
  if (n.generalPractitioner.professional) rows.push(professionalRow('Médecin traitant', n.generalPractitioner.professional));
  for (const f of n.referenceFacilities ?? []) rows.push(organisationRow('Établissement de référence', f.organization));
  rows.push(organisationRow('Centre de coordination en cancérologie (3C)', n.coordinationCentre3C.organization));
  for (const l of n.localProfessionals ?? [])
    rows.push(l.actor.name ? professionalRow(l.comment ?? 'Professionnel de proximité', l.actor) : organisationRow(l.comment ?? 'Structure de proximité', l.actor.organization ?? {}, undefined, l.actor.telecoms));
  if (n.healthMediator) rows.push(organisationRow('Médiateur de santé', n.healthMediator.organization ?? {}, n.healthMediator.person, n.healthMediator.telecoms));
  for (const c of n.cityHospitalCoordination ?? []) rows.push(organisationRow('Coordination ville-hôpital', c.organization, c.contact));
  for (const s of n.supportStructures ?? []) rows.push(organisationRow("Structure de soutien et d'information", s.organization, s.contact));
  return rows;
}

function frcpCareTeam(doc: FrcpDocument): Row[] {
  const m = doc.meeting;
  const rows: Row[] = [professionalRow(m.coordinator.comment ?? 'Médecin coordonnateur de la RCP', m.coordinator.professional)];
  if (m.requester) rows.push(professionalRow('Demandeur', m.requester));
  if (m.presenter) rows.push(professionalRow('Présentateur du dossier', m.presenter));
  if (m.generalPractitioner.professional) rows.push(professionalRow('Médecin traitant', m.generalPractitioner.professional));
  return rows;
}

function commonFacts(doc: PpsDocument | FrcpDocument): NarrativeFact[] {
  const p = doc.patient;
  const facts: NarrativeFact[] = [
    { label: 'Patient(e)', value: patientNameFr(p) },
    { label: 'Date de naissance', value: dateFr(p.birthDate) },
  ];
  return facts;
}

/** The header part of a checked, normalised PPS. */
export function ppsNarrativeHeader(doc: PpsDocument): NarrativeHeader {
  const facts = commonFacts(doc);
  facts.push({ label: 'Rédigé par', value: authorFr(doc.author) });
  if (doc.document?.effectiveTime !== undefined) facts.push({ label: 'Date du document', value: dateFr(doc.document.effectiveTime.slice(0, 10)) });
  facts.push({ label: 'Date de la RCP', value: dateFr(doc.status.rcpDate) });
  const careTeam = careTeamTable(ppsCareTeam(doc));
  return { title: doc.document?.title ?? 'Programme personnalisé de soins', facts, ...(careTeam ? { careTeam } : {}) };
}

/** The header part of a checked, normalised Fiche RCP. */
export function frcpNarrativeHeader(doc: FrcpDocument): NarrativeHeader {
  const facts = commonFacts(doc);
  facts.push({ label: 'Rédigé par', value: authorFr(doc.author) });
  facts.push({ label: 'Date de la RCP', value: dateFr(doc.meeting.meetingTime.slice(0, 10)) });
  if (doc.meeting.facility.name !== undefined) facts.push({ label: 'Lieu de la RCP', value: doc.meeting.facility.name });
  const careTeam = careTeamTable(frcpCareTeam(doc));
  return { title: doc.document?.title ?? 'Fiche de réunion de concertation pluridisciplinaire', facts, ...(careTeam ? { careTeam } : {}) };
}
