// Keys to write a standard PPS with the keyboard only (issue 13: at most 400 once the PPS
// starts from its RCP; about 2,000 before). The standard case: a 58-year-old woman, early
// breast cancer after surgery; adjuvant chemotherapy, radiotherapy, hormone therapy;
// psychologist and dietitian; GP (example 01 of @dcc-kit/cda reduced to that). The patient,
// author and custodian come from the host. Written from scratch, and started from its signed
// RCP (FRCP example 01, the same patient's tumour board) with `startFromRcp`, the host giving
// its establishment (structure, facility type, 3C) once: only the rest is typed.
// `npm run bench` prints the figures (KEY-COUNT lines) and where the keys go (KEY-FIELDS).
import '@dcc-kit/elements/testing/mocha-globals.js';
import { assert, countKeyboardKeys, expectCdaConformant, keysByField, loadExampleJson } from '@dcc-kit/elements/testing';
import '@dcc-kit/elements/define/dcc-provider.js';
import { startPpsFromRcp, type EstablishmentContext } from '@dcc-kit/cda/start';
import type { FrcpDocument } from '@dcc-kit/cda/core';
import './pps-editor.js';
import type { PpsEditor } from './pps-editor.component.js';

/** Target of the issue for the PPS started from its RCP. */
export const PPS_FROM_RCP_KEY_TARGET = 400;

type Model = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- a JSON example reshaped

/** The standard PPS of the issue, from PPS example 01. */
export function standardPps(example: Model): Model {
  const m = structuredClone(example);
  // The document's ids, version and time are the builder's and the server's, never typed.
  for (const k of ['document', 'legalAuthenticator', 'trustedPerson', 'emergencyContacts', 'privacyNotice', 'patientComment', 'phase']) delete m[k];
  const person = (p: Model) => ({ ...(p.idNatPs ? { idNatPs: p.idNatPs } : {}), ...(p.profession ? { profession: p.profession } : {}), name: { family: p.name.family, ...(p.name.given ? { given: p.name.given } : {}) } });
  m.encounter = { facilityType: m.encounter.facilityType, type: m.encounter.type };
  const cn = m.careNetwork;
  m.careNetwork = {
    careTeam: cn.careTeam.slice(0, 1).map((c: Model) => ({ ...c, professional: person(c.professional) })),
    generalPractitioner: { professional: person(cn.generalPractitioner.professional) },
    coordinationCentre3C: { organization: { name: cn.coordinationCentre3C.organization.name } },
  };
  m.referencedDocuments = m.referencedDocuments.slice(0, 1);
  m.tumours = m.tumours.map(({ comment: _c, otherStages: _o, ...t }: Model) => ({ ...t, topography: { coding: t.topography.coding }, morphology: { coding: t.morphology.coding } }));
  const act = (a: Model) => ({
    type: a.type,
    ...(a.typePrecision ? { typePrecision: String(a.typePrecision).split(' ').slice(0, 4).join(' ') } : {}),
    performed: 'planned',
    ...(a.plannedPeriod ? { plannedPeriod: { start: a.plannedPeriod.start } } : {}),
  });
  m.therapeuticProgramme = { treatments: m.therapeuticProgramme.treatments.filter((t: Model) => ['C15632', 'C15313', 'C15445'].includes(t.type.code)).slice(0, 3).map(act) };
  m.supportiveCare = {
    supportiveCare: [
      // The patient's psychological support is absent from the national set: « Autre soins de support » and free text.
      { type: { code: 'GEN-092.04.07' }, typePrecision: 'Soutien psychologique (psychologue)', performed: 'planned' },
      act(m.supportiveCare.supportiveCare.find((s: Model) => s.type.code === 'ORG-036')),
    ],
  };
  m.status = { status: m.status.status, statusDate: m.status.statusDate, rcpDate: m.status.rcpDate };
  return m;
}

describe('<pps-editor> keys of a standard PPS', () => {
  it('writes the standard PPS from scratch with the keyboard only and counts the keys', async function () {
    this.timeout(600_000);
    const model = standardPps(await loadExampleJson<Model>('pps', '01-sein-gauche-fec-docetaxel-radiotherapie.json'));
    const count = await countKeyboardKeys('pps-editor', model);
    console.log(`KEY-COUNT pps-from-scratch ${count.keys} keys (target 400 once started from the RCP), ${count.steps} steps`);
    await expectCdaConformant(count.xml, 'pps');
    assert.ok(count.keys > 0);
  });
});

/** The 3C, structure and facility of the standard case, as the host gives them once. */
export function establishmentOfPps(example: Model): EstablishmentContext {
  const reference = example.careNetwork.referenceFacilities?.[0]?.organization;
  return {
    structure: example.custodian,
    facilityType: example.encounter.facilityType,
    ...(reference?.practiceSetting ? { practiceSetting: reference.practiceSetting } : {}),
    coordinationCentre3C: example.careNetwork.coordinationCentre3C.organization,
  };
}

/**
 * The standard PPS as the clinician finishes it from its RCP: what the RCP gives (diagnosis,
 * TNM, the three adjuvant treatments, the GP, the RCP's date and reference), the care team's
 * oncologist and radiotherapist taken from the RCP's participants, the psychologist and the
 * dietitian, the status; the patient, author, custodian and 3C from the host.
 */
export function standardPpsFromRcp(started: Model, candidates: readonly Model[], example: Model): Model {
  const standard = standardPps(example);
  const m = structuredClone(started);
  m.author = example.author;
  m.custodian = example.custodian;
  const team = candidates.filter((c) => ['LEFORT', 'MARCHAND'].includes(c.name.family));
  m.careNetwork = { ...m.careNetwork, careTeam: team.map((professional) => ({ professional })), coordinationCentre3C: { organization: establishmentOfPps(example).coordinationCentre3C } };
  m.supportiveCare = standard.supportiveCare;
  m.status = { ...m.status, status: standard.status.status, statusDate: standard.status.statusDate };
  return m;
}

describe('<pps-editor> keys of the standard PPS started from its RCP', () => {
  it(`starts the standard PPS from its signed RCP and finishes it with the keyboard in at most ${PPS_FROM_RCP_KEY_TARGET} keys`, async function () {
    this.timeout(600_000);
    const frcp = await loadExampleJson<Model>('frcp', '01-sein-appareil-organes-post-operatoire.json');
    const example = await loadExampleJson<Model>('pps', '01-sein-gauche-fec-docetaxel-radiotherapie.json');
    const started = startPpsFromRcp(frcp as FrcpDocument);
    const model = standardPpsFromRcp(started.pps as Model, started.careTeamCandidates as unknown as Model[], example);
    assert.equal(model.careNetwork.careTeam.length, 2, 'the oncologist and the radiotherapist are among the RCP participants');
    const count = await countKeyboardKeys('pps-editor', model, {
      establishment: establishmentOfPps(example),
      begin: (editor) => (editor as unknown as PpsEditor).startFromRcp(frcp as FrcpDocument),
    });
    console.log(`KEY-COUNT pps-from-rcp ${count.keys} keys (target ${PPS_FROM_RCP_KEY_TARGET}), ${count.steps} steps`);
    console.log(`KEY-FIELDS pps-from-rcp ${keysByField(count.byPath, 2).slice(0, 30).map(([f, n]) => `${f} ${n}`).join(', ')}`);
    await expectCdaConformant(count.xml, 'pps');
    const submitted = count.model as Model;
    assert.deepEqual(submitted.referencedDocuments[0].id, (frcp.document as Model).id, 'the RCP reference is never typed');
    assert.deepEqual(submitted.careNetwork.careTeam.map((c: Model) => c.professional.idNatPs), model.careNetwork.careTeam.map((c: Model) => c.professional.idNatPs));
    assert.ok(count.keys > 0);
    assert.ok(count.keys <= PPS_FROM_RCP_KEY_TARGET, `${count.keys} keys, at most ${PPS_FROM_RCP_KEY_TARGET} (issue 13)`);
  });
});
