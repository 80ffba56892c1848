// <dmp-status> in every state the issue lists, axe-clean in each: no DMP, closed, non-qualified
// identity, feeding cue, queued, sending, retrying at HH:MM (Paris time), accepted, refused with
// its French reason, parked and its retry, the DMPi labels and filters (masked, invisible to
// the patient and its alert, archived hidden then shown, old versions), a live update from the
// change feed (a DMP outage: retrying at HH:MM, then accepted) and its resumption after a drop (FakeClock), the confirmation dialog with the
// keyboard, an action's failure, the host's permissions, English.
import '@dcc-kit/elements/testing/mocha-globals.js';
import { html } from 'lit';
import { sendKeys } from '@web/test-runner-commands';
import { assert, expectNoAxeViolations, fixture, FakeClock, deepActiveElement } from '@dcc-kit/elements/testing';
import '@dcc-kit/elements/define/dcc-provider.js';
import './dmp-status.js';
import type { DmpStatus } from './dmp-status.component.js';
import { FEED_RECONNECT_MS } from './submission-feed-controller.js';
import type { DmpStatusActionEvent, DmpStatusActionResultEvent, DmpStatusChangeEvent } from './dmp-status-events.js';
import {
  FakeDmpClient,
  FakeProblemError,
  PATIENT_ID,
  accepted,
  activeDmp,
  doc,
  patient,
  submission,
  version,
  type FakeState,
} from './testing/index.js';

async function until(check: () => unknown, what: string, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

function state(over: Partial<FakeState> = {}): FakeState {
  return { patient: patient(), dmp: activeDmp(), documents: [doc('d1', 'pps', 1)], versions: [version('d1', 1)], submissions: [], ...over };
}

interface Mounted {
  el: DmpStatus;
  client: FakeDmpClient;
  clock: FakeClock;
  root: ShadowRoot;
  text(): string;
  part(name: string): HTMLElement | null;
  parts(name: string): HTMLElement[];
}

async function mount(s: FakeState, options: { lang?: string; allowedActions?: string[] } = {}): Promise<Mounted> {
  const client = new FakeDmpClient(s);
  const clock = new FakeClock(Date.parse('2026-12-01T10:00:00Z'));
  const el = await fixture<DmpStatus>(
    html`<dmp-status .client=${client} patient-id=${PATIENT_ID} .clock=${clock} .allowedActions=${options.allowedActions}></dmp-status>`,
    options.lang ? { lang: options.lang } : {},
  );
  const root = el.shadowRoot!;
  await until(() => client.calls.some((c) => c.method === 'patients.get') && root.querySelector('[part~="documents"]'), 'the first load');
  await el.updateComplete;
  return {
    el,
    client,
    clock,
    root,
    text: () => (root.textContent ?? '').replace(/\s+/g, ' '),
    part: (name) => root.querySelector<HTMLElement>(`[part~="${name}"]`),
    parts: (name) => [...root.querySelectorAll<HTMLElement>(`[part~="${name}"]`)],
  };
}

const actionsOf = (m: Mounted) => m.parts('action').map((b) => [...b.part].find((p) => p.startsWith('action-'))!.slice('action-'.length));

describe('<dmp-status> patient', () => {
  it('says when documents can be sent (EX_2.1-1190)', async () => {
    const m = await mount(state());
    assert.equal(m.part('cue')?.textContent?.trim(), 'Les documents peuvent être envoyés dans ce DMP');
    assert.ok(m.part('cue')!.part.contains('cue-ok'));
    assert.match(m.part('identity')!.textContent!, /INS qualifiée/);
    assert.match(m.part('authorisation')!.textContent!, /valide/);
    await expectNoAxeViolations(m.el, { context: 'can feed' });
  });

  it('no DMP', async () => {
    const m = await mount(state({ dmp: activeDmp({ dmp: 'none', canFeed: false, authorisation: 'NON_EXISTE' }) }));
    assert.match(m.part('dmp-status')!.textContent!, /Ce patient n’a pas de DMP/);
    assert.ok(m.part('cue')!.part.contains('cue-blocked'));
    assert.match(m.part('cue')!.textContent!, /le patient n’a pas de DMP/);
    await expectNoAxeViolations(m.el, { context: 'no DMP' });
  });

  it('closed DMP with its reason', async () => {
    const m = await mount(state({ dmp: activeDmp({ dmp: 'closed', closureReason: 'FERMETURE_DEMANDE_PATIENT', canFeed: false }) }));
    assert.match(m.part('dmp-status')!.textContent!, /DMP fermé \(motif : FERMETURE_DEMANDE_PATIENT\)/);
    assert.match(m.part('cue')!.textContent!, /le DMP est fermé/);
    await expectNoAxeViolations(m.el, { context: 'closed' });
  });

  it('a non-qualified identity does not feed, and the element says why', async () => {
    const m = await mount(state({ patient: patient('provisional') }));
    assert.match(m.part('identity')!.textContent!, /identité provisoire/);
    assert.match(m.part('identity-why')!.textContent!, /Seule une identité INS qualifiée/);
    assert.ok(m.part('cue')!.part.contains('cue-blocked'));
    assert.match(m.part('cue')!.textContent!, /l’identité du patient n’est pas qualifiée/);
    await expectNoAxeViolations(m.el, { context: 'identity not qualified' });
  });

  it('the DMP status cannot be read: the problem is shown', async () => {
    const m = await mount(state({ dmp: { error: { status: 503, title: 'DMP unavailable', detail: 'The DMP did not answer.' } } }));
    assert.match(m.part('dmp-status')!.textContent!, /n’a pas pu être obtenue : The DMP did not answer\. \(erreur 503\)/);
    await expectNoAxeViolations(m.el, { context: 'DMP status unavailable' });
  });
});

describe('<dmp-status> submission states', () => {
  for (const [name, sub, expected] of [
    ['queued', submission('d1', 1, { state: 'queued' }), /DMP en attente d’envoi/],
    ['sending', submission('d1', 1, { state: 'sending' }), /DMP envoi en cours/],
    // 13:05 UTC on 1 December is 14:05 in Paris (winter time).
    ['retrying', submission('d1', 1, { state: 'retrying', nextAttemptAt: '2026-12-01T13:05:00Z', attempts: 2 }), /DMP nouvel essai à 14:05/],
    ['accepted', accepted('d1', 1), /DMP accepté/],
    [
      'refused',
      submission('d1', 1, { state: 'refused', reason: { code: 'XDSPatientIdDoesNotMatch', fr: 'L’identité du patient ne correspond pas à celle du DMP.', en: 'Patient id does not match.' } }),
      /DMP refusé — Motif : L’identité du patient ne correspond pas à celle du DMP\./,
    ],
    ['parked', submission('d1', 1, { state: 'parked', stateDetail: 'retries-exhausted' }), /DMP en attente d’une intervention — Motif : les essais successifs ont échoué/],
  ] as const) {
    it(name, async () => {
      const m = await mount(state({ submissions: [sub, submission('d1', 1, { channel: 'mss:patient', state: 'accepted' })] }));
      assert.match(m.text(), expected);
      assert.match(m.text(), /MSSanté \(messagerie du patient\) accepté/);
      assert.ok(m.part(`state-${name}`), `part state-${name}`);
      const actions = actionsOf(m);
      if (name === 'parked') assert.deepEqual(actions, ['retry']);
      else if (name === 'accepted') assert.deepEqual(actions, ['mask', 'archive', 'delete']);
      else assert.deepEqual(actions, [], `no action offered when ${name}`);
      await expectNoAxeViolations(m.el, { context: name });
    });
  }

  it('a version never sent says so, with its platform status', async () => {
    const m = await mount(state({ versions: [version('d1', 1, 'signed')] }));
    assert.match(m.text(), /signée, non envoyée/);
    assert.equal(m.part('state-none')!.textContent!.trim(), 'non envoyé');
    assert.equal(m.client.calls.filter((c) => c.method === 'submissions.forVersion').length, 0);
  });

  it('retries a parked submission: typed events, SDK call, live message', async () => {
    const m = await mount(state({ submissions: [submission('d1', 1, { state: 'parked', stateDetail: 'dmp-closed' })] }));
    const asked: DmpStatusActionEvent[] = [];
    const results: DmpStatusActionResultEvent[] = [];
    m.el.addEventListener('dmp-status-action', (e) => asked.push(e));
    m.el.addEventListener('dmp-status-action-result', (e) => results.push(e));
    m.part('action-retry')!.click();
    await until(() => results.length === 1, 'the result event');
    await m.el.updateComplete;
    assert.deepEqual({ ...asked[0]!.detail }, { action: 'retry', documentId: 'd1', versionNumber: 1, submissionId: 'sub-d1-1-dmp' });
    assert.equal(results[0]!.detail.ok, true);
    assert.equal(results[0]!.detail.submission?.state, 'queued');
    assert.ok(m.client.calls.some((c) => c.method === 'submissions.retry' && c.args[0] === 'sub-d1-1-dmp'));
    assert.match(m.text(), /DMP en attente d’envoi/);
    assert.match(m.part('live')!.textContent!, /Renvoyer : fait \(PPS, version 1\)/);
    assert.deepEqual(actionsOf(m), []);
  });

  it('a cancelled action event makes no call', async () => {
    const m = await mount(state({ submissions: [submission('d1', 1, { state: 'parked' })] }));
    m.el.addEventListener('dmp-status-action', (e) => e.preventDefault());
    m.part('action-retry')!.click();
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(m.client.calls.filter((c) => c.method === 'submissions.retry').length, 0);
  });

  it('a failed action shows the problem in French and fires the result event', async () => {
    const m = await mount(state({ submissions: [accepted('d1', 1)] }));
    m.client.failNext = new FakeProblemError(409, { type: 'about:blank', title: 'Conflict', status: 409, detail: 'The DMP entry is Archived: it cannot be archived.' });
    const results: DmpStatusActionResultEvent[] = [];
    m.el.addEventListener('dmp-status-action-result', (e) => results.push(e));
    m.part('action-archive')!.click();
    await until(() => results.length === 1, 'the result event');
    await m.el.updateComplete;
    const error = m.part('error')!;
    assert.equal(error.getAttribute('role'), 'alert');
    assert.match(error.textContent!, /Archiver : échec\. The DMP entry is Archived: it cannot be archived\. \(erreur 409\)/);
    assert.equal(results[0]!.detail.ok, false);
    assert.equal(results[0]!.detail.error?.status, 409);
    await expectNoAxeViolations(m.el, { context: 'action failed' });
  });

  it('offers only the actions the host allows', async () => {
    const m = await mount(state({ submissions: [accepted('d1', 1)] }), { allowedActions: ['archive'] });
    assert.deepEqual(actionsOf(m), ['archive']);
    const none = await mount(state({ submissions: [accepted('d1', 1)] }), { allowedActions: [] });
    assert.equal(none.part('actions'), null);
  });
});

describe('<dmp-status> DMPi labels and display options', () => {
  it('masked to professionals (EX_3.1-1080): label, unmask offered, mask not', async () => {
    const m = await mount(state({ submissions: [accepted('d1', 1, ['MASQUE_PS'])] }));
    assert.deepEqual(m.parts('label').map((l) => l.textContent!.trim()), ['masqué aux professionnels de santé']);
    assert.deepEqual(actionsOf(m), ['unmask', 'archive', 'delete']);
    m.part('action-unmask')!.click();
    await until(() => m.parts('label').length === 0, 'the label removed');
    const call = m.client.calls.find((c) => c.method === 'submissions.changeVisibility')!;
    assert.deepEqual(call.args, ['d1', 1, { maskedToProfessionals: false }]);
    await expectNoAxeViolations(m.el, { context: 'masked' });
  });

  it('not visible to the patient: label and the EX_3.2-1025 alert; masking not offered (EX_2.1-1050)', async () => {
    const m = await mount(state({ submissions: [accepted('d1', 1, ['INVISIBLE_PATIENT', 'INVISIBLE_REPRESENTANTS_LEGAUX'])] }));
    assert.deepEqual(m.parts('label').map((l) => l.textContent!.trim()), ['non visible par le patient', 'non visible par les représentants légaux']);
    assert.equal(m.part('alert')!.textContent!.trim(), 'Attention, ce document n’est pas visible du patient');
    assert.deepEqual(actionsOf(m), ['visibleToPatient', 'visibleToLegalRepresentatives', 'archive', 'delete']);
    await expectNoAxeViolations(m.el, { context: 'invisible to patient' });
  });

  it('archived: hidden by default, shown with « afficher les documents archivés » (EX_3.1-1030)', async () => {
    const m = await mount(state({ documents: [doc('d1', 'pps', 1), doc('d2', 'frcp', 1)], versions: [version('d1', 1), version('d2', 1)], submissions: [accepted('d1', 1), accepted('d2', 1, [], 'Archived')] }));
    assert.equal(m.parts('row').length, 1);
    assert.match(m.text(), /1 version masquée par les options d’affichage/);
    await expectNoAxeViolations(m.el, { context: 'archived hidden' });
    const box = m.root.querySelector<HTMLInputElement>('input[name="show-archived"]')!;
    box.click();
    await m.el.updateComplete;
    assert.equal(m.el.showArchived, true);
    assert.equal(m.parts('row').length, 2);
    const archived = m.root.querySelector('[data-row="d2#1"]')!;
    assert.match(archived.textContent!, /Fiche RCP, version 1/);
    assert.match(archived.textContent!, /archivé/);
    assert.ok(archived.querySelector('[part~="action-unarchive"]'));
    await expectNoAxeViolations(m.el, { context: 'archived shown' });
  });

  it('old versions: hidden by default, shown with « anciennes versions » and labelled obsolete', async () => {
    const m = await mount(state({ documents: [doc('d1', 'pps', 2)], versions: [version('d1', 1), version('d1', 2)], submissions: [accepted('d1', 1, [], 'Deprecated'), accepted('d1', 2)] }));
    assert.deepEqual(m.parts('row').map((r) => r.dataset.row), ['d1#2']);
    m.root.querySelector<HTMLInputElement>('input[name="show-old"]')!.click();
    await m.el.updateComplete;
    assert.deepEqual(m.parts('row').map((r) => r.dataset.row), ['d1#2', 'd1#1']);
    const old = m.root.querySelector('[data-row="d1#1"]')!;
    assert.match(old.textContent!, /ancienne version obsolète/);
    assert.equal(old.querySelector('[part~="actions"]'), null, 'no action on a deprecated entry');
    await expectNoAxeViolations(m.el, { context: 'old versions' });
  });
});

describe('<dmp-status> live', () => {
  it('a feed event updates the state and is announced', async () => {
    const m = await mount(state({ submissions: [submission('d1', 1, { state: 'queued' })] }));
    await until(() => m.client.followers === 1, 'the feed followed');
    const changes: DmpStatusChangeEvent[] = [];
    m.el.addEventListener('dmp-status-change', (e) => changes.push(e));
    m.client.emit('sub-d1-1-dmp', { state: 'sending' });
    await until(() => m.part('state-sending'), 'sending shown');
    m.client.emit('sub-d1-1-dmp', { state: 'accepted', dmp: { entryUUID: 'urn:uuid:d1-1', status: 'Approved' } });
    await until(() => m.part('state-accepted'), 'accepted shown');
    assert.match(m.part('live')!.textContent!, /PPS, version 1 — DMP : accepté\./);
    assert.deepEqual(changes.map((c) => c.detail.state), ['sending', 'accepted']);
    await until(() => actionsOf(m).includes('archive'), 'the accepted entry’s actions after the re-read');
    await expectNoAxeViolations(m.el, { context: 'after live update' });
  });

  it('a DMP outage live: « nouvel essai à HH:MM » (Paris time) from the feed, then the next attempt accepted', async () => {
    const m = await mount(state({ submissions: [submission('d1', 1, { state: 'sending', attempts: 1 })] }));
    await until(() => m.client.followers === 1, 'the feed followed');
    const changes: DmpStatusChangeEvent[] = [];
    m.el.addEventListener('dmp-status-change', (e) => changes.push(e));
    // the worker's transient failure: retrying, next attempt at 13:05 UTC = 14:05 in Paris (winter)
    m.client.emit('sub-d1-1-dmp', { state: 'retrying', nextAttemptAt: '2026-12-01T13:05:00Z', attempts: 1, reason: { code: 'http-503', fr: 'Le DMP n’a pas répondu.', en: 'The DMP did not answer.' } });
    await until(() => m.part('state-retrying'), 'retrying shown');
    assert.match(m.part('live')!.textContent!, /PPS, version 1 — DMP : nouvel essai prévu\./);
    // the time comes with the version's re-read, without a reload or a manual refresh
    await until(() => /DMP nouvel essai à 14:05/.test(m.text()), 'the next attempt’s time shown');
    assert.equal(m.client.calls.filter((c) => c.method === 'patients.get').length, 1, 'no reload of the element');
    assert.deepEqual(actionsOf(m), [], 'nothing to do while it retries by itself');
    await expectNoAxeViolations(m.el, { context: 'retrying live' });
    m.client.emit('sub-d1-1-dmp', { state: 'sending', nextAttemptAt: undefined, attempts: 2 });
    await until(() => m.part('state-sending'), 'the next attempt shown');
    assert.doesNotMatch(m.text(), /nouvel essai/);
    m.client.emit('sub-d1-1-dmp', { state: 'accepted', dmp: { entryUUID: 'urn:uuid:d1-1', status: 'Approved' } });
    await until(() => m.part('state-accepted'), 'accepted shown');
    assert.deepEqual(changes.map((c) => c.detail.state), ['retrying', 'sending', 'accepted']);
  });

  it('an event of a version not listed reads the list again', async () => {
    const s = state({ submissions: [accepted('d1', 1)] });
    const m = await mount(s);
    await until(() => m.client.followers === 1, 'the feed followed');
    s.documents.push(doc('d2', 'frcp', 1, '2026-12-02T09:00:00Z'));
    s.versions.push(version('d2', 1));
    s.submissions.push(submission('d2', 1, { state: 'queued' }));
    m.client.emit('sub-d2-1-dmp', { state: 'sending' });
    await until(() => m.root.querySelector('[data-row="d2#1"] [part~="state-sending"]'), 'the new version listed');
  });

  it('resumes after a drop from the last event id, after the pause on the clock; stops when removed', async () => {
    const m = await mount(state({ submissions: [submission('d1', 1, { state: 'queued' })] }));
    await until(() => m.client.followers === 1, 'the feed followed');
    m.client.emit('sub-d1-1-dmp', { state: 'sending' });
    await until(() => m.part('state-sending'), 'sending shown');
    m.client.dropFeed();
    await until(() => m.part('feed-state'), 'the reconnecting notice');
    assert.equal(m.client.follows.length, 1, 'no reconnection before the pause');
    await m.clock.tick(FEED_RECONNECT_MS);
    await until(() => m.client.follows.length === 2, 'the second follow');
    assert.equal(m.client.follows[0]!.lastEventId, undefined);
    assert.equal(m.client.follows[1]!.lastEventId, '100');
    await until(() => m.part('feed-state') === null, 'live again');
    m.el.remove();
    assert.equal(m.client.follows[1]!.signal?.aborted, true, 'the feed stops when the element leaves the page');
    await until(() => m.client.followers === 0, 'no follower left');
  });
});

describe('<dmp-status> confirmation dialog (EX_3.3-1045)', () => {
  it('keyboard: Escape cancels and gives the focus back; Tab + Enter confirms', async () => {
    const m = await mount(state({ submissions: [accepted('d1', 1, ['INVISIBLE_PATIENT'])] }));
    const opener = m.part('action-visibleToPatient') as HTMLButtonElement;
    opener.focus();
    await sendKeys({ press: 'Enter' });
    const dialog = m.part('dialog') as HTMLDialogElement;
    await until(() => dialog.open, 'the dialog open');
    await m.el.updateComplete;
    assert.equal(deepActiveElement(), m.part('cancel'), 'the safe choice has the focus');
    assert.match(dialog.textContent!, /Cette action est définitive/);
    await expectNoAxeViolations(m.el, { context: 'dialog open' });
    await sendKeys({ press: 'Escape' });
    await until(() => !dialog.open, 'the dialog closed');
    await m.el.updateComplete;
    await until(() => deepActiveElement() === m.part('action-visibleToPatient'), 'focus back on the opener');
    assert.equal(m.client.calls.filter((c) => c.method === 'submissions.changeVisibility').length, 0);

    await sendKeys({ press: 'Enter' });
    await until(() => dialog.open, 'the dialog open again');
    await m.el.updateComplete;
    await sendKeys({ press: 'Tab' });
    assert.equal(deepActiveElement(), m.part('confirm'));
    await sendKeys({ press: 'Enter' });
    await until(() => m.client.calls.some((c) => c.method === 'submissions.changeVisibility'), 'the SDK call');
    assert.deepEqual(m.client.calls.find((c) => c.method === 'submissions.changeVisibility')!.args, ['d1', 1, { visibleToPatient: true }]);
    await until(() => m.part('alert') === null, 'the alert gone');
    assert.deepEqual(actionsOf(m), ['mask', 'archive', 'delete']);
    await until(() => deepActiveElement() === m.part('row-title'), 'focus on the row’s heading once the opener is gone');
  });

  it('delete asks for confirmation too', async () => {
    const m = await mount(state({ submissions: [accepted('d1', 1)] }));
    m.part('action-delete')!.click();
    const dialog = m.part('dialog') as HTMLDialogElement;
    await until(() => dialog.open, 'the dialog open');
    m.part('confirm')!.click();
    await until(() => m.client.calls.some((c) => c.method === 'submissions.delete'), 'the delete call');
    await until(() => m.parts('row').length === 0, 'the deleted entry hidden (old versions option off)');
  });
});

describe('<dmp-status> English', () => {
  it('follows lang="en"', async () => {
    const m = await mount(
      state({ submissions: [submission('d1', 1, { state: 'retrying', nextAttemptAt: '2026-12-01T13:05:00Z' }), submission('d1', 1, { channel: 'mss:dr.martin@test.mssante.fr', state: 'refused', reason: { code: 'X', fr: 'Refusé.', en: 'Mailbox unknown.' } })] }),
      { lang: 'en' },
    );
    assert.equal(m.part('cue')?.textContent?.trim(), 'Documents can be sent to this DMP');
    assert.match(m.text(), /DMP retrying at 14:05/);
    assert.match(m.text(), /MSSanté \(dr\.martin@test\.mssante\.fr\) refused — Reason: Mailbox unknown\./);
    assert.match(m.text(), /show archived documents/);
    await expectNoAxeViolations(m.el, { context: 'English' });
  });
});

describe('<dmp-status> context', () => {
  it('takes its client and locale from <dcc-provider>', async () => {
    const client = new FakeDmpClient(state({ submissions: [accepted('d1', 1)] }));
    const provider = await fixture(html`<dcc-provider locale="en" .client=${client}><dmp-status patient-id=${PATIENT_ID}></dmp-status></dcc-provider>`);
    const el = provider.querySelector('dmp-status')!;
    await until(() => el.shadowRoot!.querySelector('[part~="cue"]'), 'the cue');
    assert.equal(el.shadowRoot!.querySelector('[part~="cue"]')!.textContent!.trim(), 'Documents can be sent to this DMP');
    await until(() => client.followers === 1, 'the feed followed through the provider’s client');
    await expectNoAxeViolations(el, { context: 'inside dcc-provider' });
  });

  it('reads again when moved in the page, and follows the feed again', async () => {
    const m = await mount(state({ submissions: [accepted('d1', 1)] }));
    await until(() => m.client.followers === 1, 'the feed followed');
    const parent = m.el.parentElement!;
    m.el.remove();
    await until(() => m.client.followers === 0, 'the feed stopped');
    parent.append(m.el);
    await until(() => m.client.calls.filter((c) => c.method === 'patients.get').length === 2, 'a second read');
    await until(() => m.client.followers === 1, 'the feed followed again');
  });
});
