// Keys to write a standard Fiche RCP with the keyboard only (issue 13: at most 700; about
// 1,550 before). The standard case: an early breast cancer after surgery (example 01 of
// @dcc-kit/cda reduced to what a tumour board records for it: the meeting and its quorum, the
// tumour, TNM and performance status, the question, three proposals, the guideline, the
// status); the patient, author and custodian come from the host. `npm run bench` prints the
// figure (KEY-COUNT line).
import '@dcc-kit/elements/testing/mocha-globals.js';
import { assert, countKeyboardKeys, expectCdaConformant, loadExampleJson } from '@dcc-kit/elements/testing';
import '@dcc-kit/elements/define/dcc-provider.js';
import './rcp-form.js';

type Model = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- a JSON example reshaped

/** Target of the issue, asserted once the editor reaches it. */
export const RCP_KEY_TARGET = 700;

/** The standard early breast cancer RCP, from FRCP example 01. */
export function standardRcp(example: Model): Model {
  const m = structuredClone(example);
  for (const k of ['legalAuthenticator', 'trustedPerson', 'emergencyContacts', 'surgeryReport', 'pathologyReport', 'molecularReports', 'examResults', 'pastTreatments', 'medicalHistory', 'comorbidities', 'patientComment']) delete m[k];
  const person = (p: Model) => ({ idNatPs: p.idNatPs, profession: p.profession, name: { family: p.name.family, given: p.name.given } });
  const meeting = m.meeting;
  meeting.generalPractitioner = { professional: person(meeting.generalPractitioner.professional) };
  for (const k of ['requester', 'presenter', 'otherAttendees', 'correspondents', 'localIds', 'registration', 'sessionId']) delete meeting[k];
  meeting.quorumMembers = meeting.quorumMembers.slice(0, 3).map(person);
  delete m.functionalStatus.pain;
  m.proposal = { ...m.proposal, treatments: m.proposal.treatments.slice(0, 3).map(({ period: _period, ...t }: Model) => t) };
  delete m.proposal.examRequests;
  delete m.proposal.comment;
  m.caseSummary = { summaryAndQuestion: 'CCI QSE gauche pT2 pN1a M0, luminal B. Traitement adjuvant ?' };
  m.framework = { guidelines: m.framework.guidelines.slice(0, 1), clinicalTrialProposed: false };
  m.recordStatus = { complete: true, quorum: m.recordStatus.quorum };
  delete m.status.comment;
  delete m.discussion.typeComment;
  delete m.discussion.reason.comment;
  m.tumours = m.tumours.map(({ comment: _c, otherStages: _o, ...t }: Model) => ({ ...t, topography: { coding: t.topography.coding }, morphology: { coding: t.morphology.coding } }));
  return m;
}

describe('<rcp-form> keys of a standard RCP', () => {
  it('writes the standard early breast cancer RCP with the keyboard only and counts the keys', async function () {
    this.timeout(600_000);
    const model = standardRcp(await loadExampleJson<Model>('frcp', '01-sein-appareil-organes-post-operatoire.json'));
    const count = await countKeyboardKeys('rcp-form', model);
    console.log(`KEY-COUNT rcp ${count.keys} keys (target ${RCP_KEY_TARGET}), ${count.steps} steps`);
    await expectCdaConformant(count.xml, 'frcp');
    assert.ok(count.keys > 0);
  });
});
