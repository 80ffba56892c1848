// <rcp-form>.startFromPreviousRcp and the establishment context: the next RCP of the same patient
// starts with the identity, the RCP's ids, the diagnosis and the history, nothing of the last
// session; the RCP's national ids come from <dcc-provider>'s `establishment`, shown as a summary
// (not as fields) with « Modifier »; the RCP's members are offered for the quorum, one key each
// (Space, arrows); axe-clean.
import '@dcc-kit/elements/testing/mocha-globals.js';
import { html } from 'lit';
import { fixture, assert, loadExampleJson, expectNoAxeViolations, deepActiveElement } from '@dcc-kit/elements/testing/index.js';
import { sendKeys } from '@web/test-runner-commands';
import type { EstablishmentContext } from '@dcc-kit/cda/start';
import '@dcc-kit/elements/define/dcc-provider.js';
import type { FrcpDocument } from '@dcc-kit/cda/core';
import './rcp-form.js';
import type { RcpForm } from './rcp-form.component.js';

describe('<rcp-form> startFromPreviousRcp', () => {
  it('keeps patient, diagnosis and history of the previous RCP; nothing of its session', async () => {
    const previous = await loadExampleJson<FrcpDocument>('frcp', '01-sein-appareil-organes-post-operatoire.json');
    const form = await fixture<RcpForm>(html`<rcp-form document-id="old-rcp"></rcp-form>`);
    await form.startFromPreviousRcp(previous);
    await form.updateComplete;
    const value = form.value as unknown as FrcpDocument;
    assert.equal(form.documentId, '');
    assert.deepEqual(value.tumours, previous.tumours);
    assert.deepEqual(value.patient, previous.patient);
    assert.equal(value.meeting.rcpId, previous.meeting.rcpId);
    assert.equal(value.meeting.meetingTime, undefined);
    assert.equal(value.proposal?.treatments, undefined);
    assert.equal(value.document, undefined);
    await expectNoAxeViolations(form, { context: 'RCP started from the previous one' });
  });

  it("fills the RCP's national ids from the provider's establishment, never asked of the clinician", async () => {
    const provider = await fixture<HTMLElement>(html`<dcc-provider .establishment=${{ rcp: { rrcId: '5201', managerId: '520114', rcpId: '27011113' } }}>
      <rcp-form></rcp-form>
    </dcc-provider>`);
    const form = provider.querySelector('rcp-form') as RcpForm;
    await form.updateComplete;
    const value = form.value as unknown as FrcpDocument;
    assert.deepEqual([value.meeting.rrcId, value.meeting.managerId, value.meeting.rcpId], ['5201', '520114', '27011113']);
  });
});

describe('<rcp-form> establishment summary and the RCP members offered for the quorum', () => {
  async function formWithEstablishment(): Promise<{ form: RcpForm; example: FrcpDocument }> {
    const example = await loadExampleJson<FrcpDocument>('frcp', '01-sein-appareil-organes-post-operatoire.json');
    const { denomination, rrcId, managerId, rcpId, facility, coordinator, quorumMembers } = example.meeting;
    const establishment: EstablishmentContext = { rcp: { denomination, rrcId, managerId, rcpId, facility, coordinator, members: quorumMembers.slice(0, 4) } };
    const provider = await fixture<HTMLElement>(html`<dcc-provider .establishment=${establishment}>
      <rcp-form lang="fr"></rcp-form>
    </dcc-provider>`);
    const form = provider.querySelector('rcp-form') as RcpForm;
    await form.renderComplete;
    return { form, example };
  }
  const root = (form: RcpForm) => form.shadowRoot!;

  it('shows what the establishment gives as one summary, not as fields; « Modifier » brings the fields back', async () => {
    const { form } = await formWithEstablishment();
    for (const path of ['meeting.rrcId', 'meeting.rcpId', 'meeting.denomination', 'meeting.coordinator.professional.idNatPs'])
      assert.equal(root(form).querySelector(`[data-path="${path}"][data-kind]:not([data-action])`), null, `${path} is not a field`);
    const summary = root(form).querySelector<HTMLElement>('[part~="given"]')!;
    assert.match(summary.textContent!, /Renseigné par l’établissement/);
    assert.match(summary.textContent!, /27011113/);
    assert.match(summary.textContent!, /ONCO PDL \/ 3C ICO-CHU Angers \/ Sein/);
    await expectNoAxeViolations(form, { context: 'RCP with the establishment summary' });
    const edit = summary.querySelector<HTMLButtonElement>('button[data-action="edit-given"]')!;
    assert.match(edit.textContent!, /Modifier/);
    edit.focus();
    await sendKeys({ press: 'Enter' });
    await form.updateComplete;
    const rcpId = root(form).querySelector<HTMLInputElement>('[data-path="meeting.rcpId"][data-kind]');
    assert.ok(rcpId, 'the fields are shown again');
    assert.equal(rcpId.value, '27011113');
    assert.ok(deepActiveElement()?.getAttribute('data-path')?.startsWith('meeting.'), 'focus on the first field shown');
  });

  it('offers the RCP members for the quorum: one Tab stop, arrows between them, Space takes or leaves one', async () => {
    const { form, example } = await formWithEstablishment();
    const boxes = () => [...root(form).querySelectorAll<HTMLInputElement>('input[data-kind="candidate"][data-path="meeting.quorumMembers"]')];
    assert.equal(boxes().length, 4);
    assert.deepEqual(boxes().map((b) => b.tabIndex), [0, -1, -1, -1], 'one Tab stop');
    const group = boxes()[0]!.closest('fieldset')!;
    assert.equal(group.querySelector('legend')!.textContent!.trim(), 'Membres de la RCP');
    assert.match(root(form).querySelector(`label[for="${boxes()[1]!.id}"]`)!.textContent!, /Camille LEFORT — Médecin - Oncologie/);
    boxes()[0]!.focus();
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Space' });
    await form.updateComplete;
    const quorum = () => (form.value as unknown as FrcpDocument).meeting.quorumMembers.map((p) => p.idNatPs);
    assert.deepEqual(quorum(), [example.meeting.quorumMembers[0]!.idNatPs, example.meeting.quorumMembers[2]!.idNatPs]);
    assert.equal(deepActiveElement(), boxes()[2], 'focus stays on the member taken');
    assert.deepEqual(boxes().map((b) => b.tabIndex), [-1, -1, 0, -1], 'the Tab stop follows the arrows');
    // Taken members are folded to one line each (Enter opens one).
    const folded = root(form).querySelectorAll('[data-container^="meeting.quorumMembers["] > button[data-action="unfold-item"]');
    assert.equal(folded.length, 2);
    assert.match(folded[1]!.textContent!, /MARCHAND/);
    await expectNoAxeViolations(form, { context: 'RCP quorum candidates' });
    await sendKeys({ press: 'ArrowUp' });
    await sendKeys({ press: 'ArrowUp' });
    await sendKeys({ press: 'Space' });
    await form.updateComplete;
    assert.deepEqual(quorum(), [example.meeting.quorumMembers[2]!.idNatPs], 'Space again leaves the member');
  });
});
