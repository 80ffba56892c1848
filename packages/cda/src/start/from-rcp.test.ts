// The PPS started from a Fiche RCP: the official ANS FRCP example and the project's breast-cancer
// RCP give a PPS which, completed with what the RCP cannot give (author, 3C, handover), passes
// the seven layers; the mapping of treatment kinds is total and lands in the PPS value sets; an
// RCP started from the previous one keeps the diagnosis and history, not the session.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveKitDir } from '@dcc-kit/conformance/node';
import { parseFrcp, parsePps, buildPps, validateFrcp, buildWithModel } from '../index.js';
import { JDV_SoinsOncoDeSupport_CISIS, JDV_TypeTraitementPPS_CISIS, JDV_TypeTraitement_FRCP_CISIS } from '../generated/value-sets/index.js';
import { findConcept } from '../value-set.js';
import type { FrcpDocument } from '../model/frcp.js';
import { conformance, failures, fixedContext, loadExamples } from '../testing/support.js';
import {
  FRCP_TO_PPS_ACT,
  applyEstablishmentToPps,
  applyEstablishmentToRcp,
  establishmentPaths,
  ppsActKindOf,
  startPpsFromRcp,
  startRcpFromPreviousRcp,
  type EstablishmentContext,
  type PpsStart,
} from './index.js';
import { startPpsFromRcpCda } from '../index.js';

const officialFrcp = () => readFileSync(join(resolveKitDir(), 'ExemplesCDA', 'CANCER-FRCP_2022.01_Appareil.xml'), 'utf8');
const projectFrcp = (): FrcpDocument => {
  const input = loadExamples('frcp').find((e) => e.name.startsWith('01'))!.input;
  const checked = validateFrcp(input, fixedContext(1));
  assert.ok(checked.ok, JSON.stringify(checked.issues));
  return checked.document;
};

const ESTABLISHMENT: EstablishmentContext = {
  structure: { idNatStruct: '1492805973', name: "Institut de Cancérologie de l'Ouest (ICO) – site Paul Papin" },
  facilityType: { code: 'SA36', codeSystem: '1.2.250.1.71.4.2.4', displayName: 'Centre anti-cancer' },
  practiceSetting: { code: 'ETABLISSEMENT', codeSystem: '1.2.250.1.213.1.1.4.9', displayName: 'Etablissement de santé' },
  coordinationCentre3C: { idNatStruct: '1492805973', name: '3C ICO – CHU Angers' },
  regionalCancerNetwork: { name: 'ONCO Pays de la Loire' },
  rcp: { rrcId: '5201', managerId: '520114', rcpId: '27011113', denomination: 'ONCO PDL / 3C ICO-CHU Angers / Sein' },
};

/** What the clinician adds that no RCP can give: the PPS's author and its handover. */
function complete(start: PpsStart): unknown {
  const pps = applyEstablishmentToPps(start, ESTABLISHMENT);
  return {
    ...pps,
    author: {
      professional: {
        idNatPs: '810806451737',
        name: { family: 'GARNIER', given: 'Rémi', prefix: 'M', suffix: 'DR' },
        profession: { code: 'G15_10/SM36' },
        organization: { idNatStruct: '1492805973', name: 'ICO', practiceSetting: { code: 'ETABLISSEMENT' } },
      },
    },
    careNetwork: { generalPractitioner: {}, ...pps.careNetwork, careTeam: [] },
    supportiveCare: pps.supportiveCare ?? {},
    therapeuticProgramme: pps.therapeuticProgramme ?? {},
  };
}

test('every FRCP treatment type maps to a concept of its PPS list; the table only says where they differ', () => {
  for (const concept of JDV_TypeTraitement_FRCP_CISIS.concepts) {
    const kind = ppsActKindOf(concept.code);
    assert.ok(kind, `${concept.code} has no PPS kind`);
    const set = kind.list === 'treatments' ? JDV_TypeTraitementPPS_CISIS : JDV_SoinsOncoDeSupport_CISIS;
    assert.ok(findConcept(set, kind.coding.code, kind.coding.codeSystem), `${concept.code} → ${kind.coding.code} not in ${set.name}`);
    if (!(concept.code in FRCP_TO_PPS_ACT)) assert.equal(kind.coding.codeSystem, concept.codeSystem, concept.code);
  }
  assert.equal(ppsActKindOf('C547')?.coding.code, 'C15445');
  assert.equal(ppsActKindOf('C15252')?.list, 'supportiveCare');
  assert.equal(ppsActKindOf('not-a-code'), undefined);
});

test('the official ANS FRCP example starts a PPS: diagnosis, TNM, performance status, proposals, RCP date and reference', () => {
  const frcp = parseFrcp(officialFrcp());
  const { pps, careTeamCandidates, alternatives } = startPpsFromRcp(frcp);
  assert.deepEqual(pps.tumours, frcp.tumours);
  assert.deepEqual(pps.tumours![0]!.tnm, { date: '2019-01-29', stage: 'IB', version: '7', t: 'T1b', n: 'N1', m: 'M0' });
  assert.deepEqual(pps.referencedDocuments, [
    { id: { root: '1.2.250.1.213.1.1.1.8.2022.1.1' }, label: 'Fiche RCP du 18/02/2019 – ONCO PAYS DE LA LOIRE / 3C CHU Angers / Sein' },
  ]);
  assert.equal(pps.status?.rcpDate, '2019-02-18');
  assert.match(pps.patientComment!, /Indice de performance OMS : 0 \(évalué le 15\/02\/2019/);
  // First intention: radiotherapy; sequences 2 and 3 are alternatives, not planned acts.
  assert.deepEqual(pps.therapeuticProgramme?.treatments, [
    {
      type: { code: 'C15313', codeSystem: '2.16.840.1.113883.3.26.1.1', displayName: 'radiothérapie' },
      typePrecision: 'Radiothérapie',
      performed: 'planned',
      plannedPeriod: { start: '2019-02-20', end: '2019-08-20' },
    },
  ]);
  assert.deepEqual(alternatives.map((a) => [a.sequence, a.act.type.code]), [[2, 'GEN-092.03.01'], [3, 'C15632']]);
  assert.deepEqual(pps.patient, frcp.patient);
  assert.equal(pps.careNetwork?.generalPractitioner?.professional?.name.family, 'MAGNE');
  // Each participant once, by IdNat_PS (the coordinator, requester and presenter share one in the example).
  const ids = careTeamCandidates.map((p) => p.idNatPs);
  assert.equal(new Set(ids).size, ids.length);
  assert.ok(ids.includes('801234567897'));
});

test('the PPS started from the official FRCP, completed with what the RCP cannot give, passes the seven layers', async () => {
  const xml = buildPps(complete(startPpsFromRcpCda(officialFrcp()).pps), fixedContext(2));
  const result = await conformance().validate(xml);
  assert.ok(result.valid, failures(result));
  const parsed = parsePps(xml);
  assert.deepEqual(parsed.referencedDocuments[0]!.id, { root: '1.2.250.1.213.1.1.1.8.2022.1.1' });
});

test("the project's breast RCP gives the standard PPS: chemo, radiotherapy, hormone therapy planned; seven layers pass", async () => {
  const frcp = projectFrcp();
  const { pps } = startPpsFromRcp(frcp);
  assert.deepEqual(
    pps.therapeuticProgramme?.treatments?.map((t) => [t.type.code, t.performed, t.plannedPeriod]),
    [
      ['C15632', 'planned', { start: '2024-11-25', end: '2025-03-10' }],
      ['C15313', 'planned', { start: '2025-04' }],
      ['C15445', 'planned', { start: '2025-05', end: '2030-05' }],
    ],
  );
  assert.deepEqual(pps.referencedDocuments![0]!.id, frcp.document!.id);
  const { xml } = buildWithModel('pps', complete(pps), fixedContext(3));
  const result = await conformance().validate(xml);
  assert.ok(result.valid, failures(result));
});

test('an RCP without document id cannot be referenced', () => {
  const frcp = projectFrcp();
  delete frcp.document!.id;
  assert.throws(() => startPpsFromRcp(frcp), /document\.id/);
});

test('an RCP starts from the previous RCP: patient, RCP ids, diagnosis and history; nothing of the old session', () => {
  const previous = projectFrcp();
  const next = startRcpFromPreviousRcp(previous);
  assert.deepEqual(next.patient, previous.patient);
  assert.deepEqual(next.tumours, previous.tumours);
  assert.deepEqual(next.medicalHistory, previous.medicalHistory);
  assert.deepEqual(next.pastTreatments, previous.pastTreatments);
  assert.equal(next.meeting?.rcpId, previous.meeting.rcpId);
  assert.equal(next.meeting?.meetingTime, undefined);
  assert.deepEqual(next.meeting?.quorumMembers, []);
  for (const key of ['document', 'author', 'proposal', 'caseSummary', 'recordStatus', 'status', 'functionalStatus'] as const)
    assert.equal(next[key], undefined, key);
  // A deep copy: editing the new RCP never changes the previous one.
  next.tumours![0]!.comment = 'changed';
  assert.notEqual(previous.tumours[0]!.comment, 'changed');
});

test('the establishment context fills what the model does not say, keeps what it says, and names the paths', () => {
  const pps = applyEstablishmentToPps({ custodian: { idNatStruct: '1000000001' } }, ESTABLISHMENT);
  assert.equal(pps.custodian?.idNatStruct, '1000000001');
  assert.equal(pps.careNetwork?.coordinationCentre3C?.organization.name, '3C ICO – CHU Angers');
  assert.equal(pps.careNetwork?.referenceFacilities?.[0]?.organization.practiceSetting?.code, 'ETABLISSEMENT');
  assert.equal(pps.encounter?.facilityType.code, 'SA36');
  const rcp = applyEstablishmentToRcp({ meeting: { rcpId: 'given' } }, ESTABLISHMENT);
  assert.deepEqual([rcp.meeting?.rcpId, rcp.meeting?.rrcId, rcp.meeting?.managerId], ['given', '5201', '520114']);
  assert.ok(establishmentPaths('frcp', ESTABLISHMENT).includes('meeting.rcpId'));
  assert.ok(establishmentPaths('pps', ESTABLISHMENT).includes('careNetwork.coordinationCentre3C'));
});

test("the RCP's coordinating physician comes with the RCP's configuration, and a coordinator the model names is kept", () => {
  const coordinator = { professional: { idNatPs: '810806451737', name: { family: 'GARNIER', given: 'Rémi' } }, comment: 'Médecin coordonnateur de la RCP' };
  const context = { rcp: { rcpId: '27011113', coordinator } };
  const rcp = applyEstablishmentToRcp({}, context);
  assert.deepEqual(rcp.meeting?.coordinator, coordinator);
  assert.notEqual(rcp.meeting?.coordinator, coordinator, 'a copy');
  assert.deepEqual(establishmentPaths('frcp', context), ['meeting.rcpId', 'meeting.coordinator']);
  const own = { professional: { idNatPs: '810000000000', name: { family: 'AUTRE' } } };
  assert.deepEqual(applyEstablishmentToRcp({ meeting: { coordinator: own } }, context).meeting?.coordinator, own);
});

test('the kind of RCP (nature, apparatus, organs) comes with its configuration, what the model says is kept', () => {
  const discussionType = { nature: 'ORG-117' as const, apparatus: { code: '76752008' }, organs: [{ code: '76752008' }], isRecourseRcp: false };
  const rcp = applyEstablishmentToRcp({ discussion: { isRecourseRcp: true } }, { rcp: { discussionType } });
  assert.equal(rcp.discussion?.nature, 'ORG-117');
  assert.deepEqual(rcp.discussion?.organs, [{ code: '76752008' }]);
  assert.equal(rcp.discussion?.isRecourseRcp, true);
  assert.deepEqual(establishmentPaths('frcp', { rcp: { discussionType } }), ['discussion.nature', 'discussion.apparatus', 'discussion.organs', 'discussion.isRecourseRcp']);
});
