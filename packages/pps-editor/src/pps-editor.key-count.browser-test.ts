// Keys to write a standard PPS with the keyboard only (issue 13: at most 400 once the PPS
// starts from its RCP; about 2,000 before). The standard case: a 58-year-old woman, early
// breast cancer after surgery; adjuvant chemotherapy, radiotherapy, hormone therapy;
// psychologist and dietitian; GP (example 01 of @dcc-kit/cda reduced to that). The patient,
// author and custodian come from the host. Written from scratch here; once the editors can
// start from a signed RCP, pass the started model as `start` to `countKeyboardKeys` and only
// the rest is typed. `npm run bench` prints the figure (KEY-COUNT line).
import '@dcc-kit/elements/testing/mocha-globals.js';
import { assert, countKeyboardKeys, expectCdaConformant, loadExampleJson } from '@dcc-kit/elements/testing';
import '@dcc-kit/elements/define/dcc-provider.js';
import './pps-editor.js';

type Model = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- a JSON example reshaped

/** The standard PPS of the issue, from PPS example 01. */
export function standardPps(example: Model): Model {
  const m = structuredClone(example);
  for (const k of ['legalAuthenticator', 'trustedPerson', 'emergencyContacts', 'privacyNotice', 'patientComment', 'phase']) delete m[k];
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
