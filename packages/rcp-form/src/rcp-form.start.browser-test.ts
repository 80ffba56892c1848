// <rcp-form>.startFromPreviousRcp and the establishment context: the next RCP of the same patient
// starts with the identity, the RCP's ids, the diagnosis and the history, nothing of the last
// session; the RCP's national ids come from <dcc-provider>'s `establishment`; axe-clean.
import '@dcc-kit/elements/testing/mocha-globals.js';
import { html } from 'lit';
import { fixture, assert, loadExampleJson, expectNoAxeViolations } from '@dcc-kit/elements/testing/index.js';
import '@dcc-kit/elements/define/dcc-provider.js';
import type { FrcpDocument } from '@dcc-kit/cda/core';
import './rcp-form.js';
import type { RcpForm } from './rcp-form.component.js';

describe('<rcp-form> startFromPreviousRcp', () => {
  it('keeps patient, diagnosis and history of the previous RCP; nothing of its session', async () => {
    const previous = await loadExampleJson<FrcpDocument>('frcp', '01-sein-appareil-organes-post-operatoire.json');
    const form = await fixture<RcpForm>(html`<rcp-form document-id="old-rcp"></rcp-form>`);
    form.startFromPreviousRcp(previous);
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
