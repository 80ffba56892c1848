// Keys to write a standard Fiche RCP with the keyboard only (issue 13: at most 700, asserted;
// about 1,550 before). The standard case: an early breast cancer after surgery (example 01 of
// @dcc-kit/cda reduced to what a tumour board records for it: the meeting and its quorum, the
// tumour, TNM and performance status, the question, three proposals, the guideline, the
// status); the patient, author and custodian come from the host, and so do the establishment's
// identifiers (its facility type, the RCP's name, national ids, place, coordinating physician and kind:
// `establishment`, given once on <dcc-provider>), which also offers the RCP's regular members
// for the quorum and its guidelines (one key each); the document's ids and time are the builder's. `npm run bench` prints the figure (KEY-COUNT line) and where the keys
// go (KEY-FIELDS lines).
import '@dcc-kit/elements/testing/mocha-globals.js';
import { assert, countKeyboardKeys, expectCdaConformant, keysByField, loadExampleJson } from '@dcc-kit/elements/testing';
import type { EstablishmentContext } from '@dcc-kit/cda/start';
import '@dcc-kit/elements/define/dcc-provider.js';
import './rcp-form.js';

type Model = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- a JSON example reshaped

/** Target of the issue (asserted). */
export const RCP_KEY_TARGET = 700;

const rcpMember = (p: Model) => ({ idNatPs: p.idNatPs, profession: p.profession, name: { family: p.name.family, given: p.name.given } });

/** The RCP's regular members as the host knows them (the example's quorum, each as the directory gives them). */
export const rcpMembers = (example: Model): Model[] => example.meeting.quorumMembers.map(rcpMember);

/** The standard early breast cancer RCP, from FRCP example 01. */
export function standardRcp(example: Model): Model {
  const m = structuredClone(example);
  // The document's ids, version and time are the builder's and the server's, never typed.
  for (const k of ['document', 'legalAuthenticator', 'trustedPerson', 'emergencyContacts', 'surgeryReport', 'pathologyReport', 'molecularReports', 'examResults', 'pastTreatments', 'medicalHistory', 'comorbidities', 'patientComment']) delete m[k];
  const person = rcpMember;
  const meeting = m.meeting;
  meeting.generalPractitioner = { professional: person(meeting.generalPractitioner.professional) };
  // The primary tumour's topography defaults to the first tumour's (the builder's default).
  for (const k of ['requester', 'presenter', 'otherAttendees', 'correspondents', 'localIds', 'registration', 'sessionId', 'primaryTumourTopography']) delete meeting[k];
  meeting.quorumMembers = meeting.quorumMembers.slice(0, 3).map(person);
  delete m.functionalStatus.pain;
  m.proposal = { ...m.proposal, treatments: m.proposal.treatments.slice(0, 3).map(({ period: _period, ...t }: Model) => t) };
  delete m.proposal.examRequests;
  delete m.proposal.comment;
  m.caseSummary = { summaryAndQuestion: 'CCI QSE gauche pT2 pN1a M0, luminal B. Traitement adjuvant ?' };
  m.framework = { guidelines: m.framework.guidelines.slice(0, 1), clinicalTrialProposed: false };
  m.recordStatus = { complete: true, quorum: m.recordStatus.quorum };
  // The status date defaults to the document's time (the builder's default): not typed.
  delete m.status.comment;
  delete m.status.date;
  delete m.discussion.typeComment;
  delete m.discussion.reason.comment;
  m.tumours = m.tumours.map(({ comment: _c, otherStages: _o, ...t }: Model) => ({ ...t, topography: { coding: t.topography.coding }, morphology: { coding: t.morphology.coding } }));
  return m;
}

/** What the host knows of its establishment and of the RCP it runs: never typed, and its members and guidelines offered one key each. */
export function establishmentOfRcp(example: Model): EstablishmentContext {
  const { denomination, rrcId, managerId, rcpId, facility, coordinator } = example.meeting;
  const members = rcpMembers(example) as unknown as NonNullable<NonNullable<EstablishmentContext['rcp']>['members']>;
  const guidelines = example.framework.guidelines;
  const { nature, apparatus, organs, isRecourseRcp, isPaediatricRcp } = example.discussion;
  const discussionType = { nature, apparatus, organs, isRecourseRcp, isPaediatricRcp };
  return { structure: example.custodian, facilityType: example.encounter.facilityType, rcp: { denomination, rrcId, managerId, rcpId, facility, coordinator, members, guidelines, discussionType } };
}

describe('<rcp-form> keys of a standard RCP', () => {
  it('writes the standard early breast cancer RCP with the keyboard only and counts the keys', async function () {
    this.timeout(600_000);
    const example = await loadExampleJson<Model>('frcp', '01-sein-appareil-organes-post-operatoire.json');
    const model = standardRcp(example);
    const count = await countKeyboardKeys('rcp-form', model, { establishment: establishmentOfRcp(example) });
    console.log(`KEY-COUNT rcp ${count.keys} keys (target ${RCP_KEY_TARGET}), ${count.steps} steps`);
    console.log(`KEY-FIELDS rcp ${keysByField(count.byPath, 2).slice(0, 30).map(([f, n]) => `${f} ${n}`).join(', ')}`);
    await expectCdaConformant(count.xml, 'frcp');
    assert.ok(count.keys > 0);
    assert.ok(count.keys <= RCP_KEY_TARGET, `${count.keys} keys, at most ${RCP_KEY_TARGET} (issue 13)`);
  });
});
