// Checks and defaults of a PPS input (pps-cda.md §3-§4; the kit checks little of the PPS
// body itself — trap T1 — so the rules of the spec are enforced here).
import type { ValueSet } from '../value-set.js';
import { joinPath } from '../issues.js';
import type { Checker } from './checker.js';
import { checkActor, checkHeader, checkOrganization, requirePracticeSetting } from './header.js';
import { checkPhase, checkTumours } from './oncology.js';
import { PpsCareActLists, PpsDocument, type PpsCareAct, type PpsCareActList } from '../model/pps.js';
import { DocumentStatusCode } from '../model/oncology.js';
import { valueSetOf } from './bindings.js';
import { checkPpsPlausibility } from './plausibility.js';

/** Value set of each care-act list's `type`, as bound in the model. */
const ACT_VALUE_SETS = Object.fromEntries(
  Object.entries(PpsCareActLists).map(([list, schema]) => [list, valueSetOf(schema.properties.type)]),
) as Record<PpsCareActList, ValueSet>;
const ACT = PpsCareActLists.treatments.properties;
const ADMINISTRATION_ROUTES = valueSetOf(ACT.administrationRoute);
const HABITS = valueSetOf(ACT.habitus.properties.code);
const DOCUMENT_STATUSES = valueSetOf(DocumentStatusCode);
const UPDATE_REASONS = valueSetOf(PpsDocument.properties.status.properties.updateReason.properties.reason);

const APPROVED = { code: '9571008', codeSystem: '2.16.840.1.113883.6.96' };
const DIET_SUPPORT = 'ORG-036';
const WITHDRAWAL_SUPPORT = ['MED-562', 'MED-563', 'MED-564'];

function checkAct(c: Checker, path: string, list: PpsCareActList, act: PpsCareAct): void {
  c.coding(joinPath(path, 'type'), act.type, ACT_VALUE_SETS[list]);
  act.statusCode ??= act.performed === 'done' ? 'completed' : 'active';
  c.period(joinPath(path, 'confirmedPeriod'), act.confirmedPeriod);
  c.period(joinPath(path, 'plannedPeriod'), act.plannedPeriod);
  c.coding(joinPath(path, 'administrationRoute'), act.administrationRoute, ADMINISTRATION_ROUTES);
  act.performers?.forEach((p, i) => checkActor(c, joinPath(joinPath(path, 'performers'), i), p, { allowPcs: true }));
  if (act.weight) {
    c.date(joinPath(joinPath(path, 'weight'), 'date'), act.weight.date);
    if (list !== 'supportiveCare' || act.type.code !== DIET_SUPPORT)
      c.add(
        joinPath(path, 'weight'),
        'forbidden',
        'Le poids accompagne uniquement une prise en charge diététique et nutritionnelle (ORG-036).',
        'A weight only goes with a dietary and nutritional support act (ORG-036).',
      );
  }
  if (act.habitus) {
    c.coding(joinPath(joinPath(path, 'habitus'), 'code'), act.habitus.code, HABITS);
    c.date(joinPath(joinPath(path, 'habitus'), 'date'), act.habitus.date);
    if (list !== 'supportiveCare' || !WITHDRAWAL_SUPPORT.includes(act.type.code))
      c.add(
        joinPath(path, 'habitus'),
        'forbidden',
        "L'habitus accompagne uniquement un soutien au sevrage (MED-562, MED-563, MED-564).",
        'A habit only goes with a withdrawal support act (MED-562, MED-563, MED-564).',
      );
  }
}

/** Checks a PPS (already structurally valid) and fills its defaults in place. */
export function checkPps(c: Checker, doc: PpsDocument): void {
  checkHeader(c, doc, 'PROGRAMME PERSONNALISÉ DE SOINS EN CANCÉROLOGIE');
  requirePracticeSetting(c, 'author.professional', doc.author.professional);

  const net = doc.careNetwork;
  const np = 'careNetwork';
  net.referenceFacilities?.forEach((f, i) => {
    const p = joinPath(joinPath(np, 'referenceFacilities'), i);
    checkOrganization(c, joinPath(p, 'organization'), f.organization);
    c.headerPeriod(joinPath(p, 'period'), f.period);
  });
  net.careTeam?.forEach((m, i) => checkActor(c, joinPath(joinPath(joinPath(np, 'careTeam'), i), 'professional'), m.professional));
  if (net.accommodationCentre) checkOrganization(c, `${np}.accommodationCentre.organization`, net.accommodationCentre.organization);
  checkOrganization(c, `${np}.coordinationCentre3C.organization`, net.coordinationCentre3C.organization);
  net.localProfessionals?.forEach((p, i) => checkActor(c, joinPath(joinPath(joinPath(np, 'localProfessionals'), i), 'actor'), p.actor));
  if (net.healthMediator) checkOrganization(c, `${np}.healthMediator.organization`, net.healthMediator.organization);
  checkActor(c, `${np}.generalPractitioner.professional`, net.generalPractitioner.professional);
  for (const key of ['cityHospitalCoordination', 'regionalCancerNetworks', 'socialOrganisations', 'supportStructures'] as const)
    net[key]?.forEach((o, i) => checkOrganization(c, joinPath(joinPath(joinPath(np, key), i), 'organization'), o.organization));

  checkTumours(c, 'tumours', doc.tumours, { tnmRequired: false });
  c.date('discovery.date', doc.discovery.date);
  checkPhase(c, 'phase', doc.phase);

  for (const [section, lists] of [
    ['therapeuticProgramme', ['treatments', 'sideEffectManagement', 'associatedMeasures', 'followUp']],
    ['supportiveCare', ['supportiveCare', 'socialSupport']],
  ] as const) {
    const group = doc[section] as Record<string, PpsCareAct[] | undefined>;
    for (const list of lists) group[list]?.forEach((act, i) => checkAct(c, `${section}.${list}[${i}]`, list, act));
  }
  c.date('therapeuticProgramme.stopAllActiveTreatments.date', doc.therapeuticProgramme.stopAllActiveTreatments?.date);

  if (doc.privacyNotice && doc.privacyNotice.establishmentText === undefined) delete doc.privacyNotice;

  const s = doc.status;
  s.status ??= { ...APPROVED };
  c.coding('status.status', s.status, DOCUMENT_STATUSES);
  s.statusDate ??= doc.document!.effectiveTime;
  c.date('status.statusDate', s.statusDate);
  c.date('status.rcpDate', s.rcpDate);
  if (s.updateReason) c.coding('status.updateReason.reason', s.updateReason.reason, UPDATE_REASONS);
  else if ((doc.document!.versionNumber ?? 1) > 1)
    c.add(
      'status.updateReason',
      'required',
      'À partir de la version 2, le motif de mise à jour est obligatoire.',
      'From version 2 on, the update reason is required.',
    );
  if (s.handover) {
    c.date('status.handover.date', s.handover.date);
    c.date('status.handover.announcementConsultationDate', s.handover.announcementConsultationDate);
    checkActor(c, 'status.handover.by', s.handover.by, { allowPcs: true });
  }
  checkPpsPlausibility(c, doc);
}
