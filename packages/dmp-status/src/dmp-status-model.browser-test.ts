// The pure rules of <dmp-status>: labels, display options, actions by state, feeding verdict,
// Paris time (winter and summer).
import '@dcc-kit/elements/testing/mocha-globals.js';
import { assert } from '@dcc-kit/elements/testing';
import { createDccClient } from '@dcc-kit/sdk';
import { availableActions, feedBlockers, isDmpStatusClient, isShown, parisTime, rowLabels, type DmpStatusClient, type VersionRow } from './dmp-status-model.js';
import { accepted, activeDmp, doc, submission, version } from './testing/index.js';

const row = (over: Partial<VersionRow> & { current?: number; n?: number } = {}): VersionRow => ({
  document: doc('d1', 'pps', over.current ?? 1),
  version: version('d1', over.n ?? 1),
  dmp: over.dmp,
  mss: over.mss ?? [],
});

describe('dmp-status model', () => {
  it('an @dcc-kit/sdk client is a DmpStatusClient (checked by the compiler and at run time)', () => {
    const client: DmpStatusClient = createDccClient({ baseUrl: 'http://127.0.0.1:9/' });
    assert.ok(isDmpStatusClient(client));
    assert.ok(!isDmpStatusClient({ getDocumentVersion: () => undefined }));
  });

  it('Paris time in winter (UTC+1) and summer (UTC+2)', () => {
    assert.equal(parisTime('2026-12-01T13:05:00Z', 'fr'), '14:05');
    assert.equal(parisTime('2026-07-01T13:05:00Z', 'fr'), '15:05');
    assert.equal(parisTime('2026-07-01T22:30:00Z', 'en'), '00:30');
  });

  it('labels in the EX_3.1-1080 order; a superseded version is old even when not deprecated', () => {
    assert.deepEqual(rowLabels(row({ dmp: accepted('d1', 1, ['INVISIBLE_REPRESENTANTS_LEGAUX', 'MASQUE_PS'], 'Archived') })), ['MASQUE_PS', 'INVISIBLE_REPRESENTANTS_LEGAUX', 'archived']);
    assert.deepEqual(rowLabels(row({ dmp: accepted('d1', 1, [], 'Deprecated'), current: 2 })), ['deprecated']);
    assert.deepEqual(rowLabels(row({ dmp: submission('d1', 1, { state: 'refused' }), current: 2 })), ['superseded']);
    // Flags of a row not (yet) in the DMP are the submit's choice, not a DMP state: no label.
    assert.deepEqual(rowLabels(row({ dmp: submission('d1', 1, { state: 'queued', visibility: ['MASQUE_PS'] }) })), []);
  });

  it('display options (EX_3.1-1030)', () => {
    const archived = row({ dmp: accepted('d1', 1, [], 'Archived') });
    const old = row({ dmp: accepted('d1', 1, [], 'Deprecated'), current: 2 });
    const deleted = row({ dmp: accepted('d1', 1, [], 'Deleted') });
    const approved = row({ dmp: accepted('d1', 1) });
    const none = { showArchived: false, showOld: false };
    assert.deepEqual([archived, old, deleted, approved].map((r) => isShown(r, none)), [false, false, false, true]);
    assert.deepEqual([archived, old, deleted].map((r) => isShown(r, { showArchived: true, showOld: false })), [true, false, false]);
    assert.deepEqual([archived, old, deleted].map((r) => isShown(r, { showArchived: false, showOld: true })), [false, true, true]);
  });

  it('actions by state', () => {
    const names = (r: VersionRow) => availableActions(r).map((a) => a.action);
    assert.deepEqual(names(row({ dmp: accepted('d1', 1, [], 'Archived') })), ['mask', 'unarchive', 'delete']);
    assert.deepEqual(names(row({ dmp: accepted('d1', 1, [], 'Deleted') })), []);
    assert.deepEqual(names(row({ dmp: accepted('d1', 1, [], 'Deprecated') })), []);
    assert.deepEqual(names(row({ dmp: accepted('d1', 1), mss: [submission('d1', 1, { channel: 'mss:patient', state: 'parked' })] })), ['retry', 'mask', 'archive', 'delete']);
    assert.deepEqual(names(row({ dmp: submission('d1', 1, { state: 'retrying' }) })), []);
  });

  it('feeding verdict', () => {
    assert.deepEqual(feedBlockers(activeDmp(), 'qualified'), []);
    assert.deepEqual(feedBlockers(activeDmp({ authorisation: 'INTERDIT', canFeed: false }), 'qualified'), ['blocked']);
    assert.deepEqual(feedBlockers(activeDmp({ dmp: 'closed', canFeed: false }), 'validated'), ['identity', 'closed']);
    assert.deepEqual(feedBlockers(activeDmp({ canFeed: false }), 'qualified'), ['other']);
    assert.deepEqual(feedBlockers(undefined, 'provisional'), ['identity']);
  });
});
