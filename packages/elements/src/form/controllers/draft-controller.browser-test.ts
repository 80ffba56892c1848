// DraftController on a stub host with a fake clock: one save per burst of edits once the
// debounce has passed (never before), edits already saved are not written again, the draft is
// restored with undo, and nothing is written once the session is gone.
import '../../testing/mocha-globals.js';
import type { ReactiveController } from 'lit';
import { assert } from '../../testing/assert.js';
import { FakeClock } from '../../testing/fake-clock.js';
import { DraftStore, draftIdFor } from '../../drafts/index.js';
import type { DccSession } from '../../context.js';
import { DraftController, DRAFT_DEBOUNCE_MS } from './draft-controller.js';

class StubHost extends EventTarget {
  readonly controllers: ReactiveController[] = [];
  updateComplete: Promise<boolean> = Promise.resolve(true);
  addController(controller: ReactiveController): void {
    this.controllers.push(controller);
  }
  removeController(): void {}
  requestUpdate(): void {}
}

const session: DccSession = { userId: 'user-draft-controller', draftKey: 'ZHJhZnQtY29udHJvbGxlci10ZXN0LWtleS0wMTIzNDU' };

function setUp() {
  const host = new StubHost();
  const clock = new FakeClock();
  const state = { data: { comment: 'a' } as Record<string, unknown>, session: session as DccSession | undefined, replaced: [] as unknown[] };
  const drafts = new DraftController(host, {
    clock: () => clock,
    draftId: (documentId, patientKey) => draftIdFor('pps', documentId, patientKey),
    madeAt: () => undefined,
    documentId: () => 'doc-ctl',
    serverVersion: () => undefined,
    session: () => state.session,
    maxAgeMs: () => undefined,
    data: () => state.data,
    patient: () => undefined,
    replaceData: (next) => {
      state.replaced.push(next);
      state.data = next;
    },
    term: (key) => key,
  });
  let saves = 0;
  host.addEventListener('dcc-draft-saved', () => saves++);
  return { host, clock, state, drafts, saves: () => saves };
}

describe('DraftController', () => {
  beforeEach(() => DraftStore.purgeAll());
  after(() => DraftStore.purgeAll());

  // First in the file (a page of its own): the store's chunk is not loaded yet, nothing asked for it.
  it('keeps an edit made before the store chunk is loaded and saves it once it is there', async () => {
    const { host, clock, state, drafts, saves } = setUp();
    state.data = { comment: 'tapé tout de suite' };
    drafts.edited(); // the controller asks for the chunk now
    const saved = new Promise((resolve) => host.addEventListener('dcc-draft-saved', resolve, { once: true }));
    await clock.tick(DRAFT_DEBOUNCE_MS);
    await saved;
    assert.equal(saves(), 1);
    const stored = await new DraftStore({ keyMaterial: session.draftKey, userId: session.userId }).load<{ data: { comment: string } }>('pps:doc-ctl');
    assert.equal(stored?.value.data.comment, 'tapé tout de suite');
  });

  it('saves once per burst of edits, after the debounce of the injected clock', async () => {
    const { host, clock, state, drafts, saves } = setUp();
    drafts.edited();
    await clock.tick(DRAFT_DEBOUNCE_MS - 1);
    state.data = { comment: 'ab' };
    drafts.edited();
    await clock.tick(DRAFT_DEBOUNCE_MS - 1);
    assert.equal(saves(), 0, 'nothing before the debounce of the last edit');
    const saved = new Promise((resolve) => host.addEventListener('dcc-draft-saved', resolve, { once: true }));
    await clock.tick(1);
    await saved;
    assert.equal(saves(), 1);
    await drafts.save();
    assert.equal(saves(), 1, 'edits already saved are not written again');
    const stored = await new DraftStore({ keyMaterial: session.draftKey, userId: session.userId }).load<{ data: { comment: string } }>('pps:doc-ctl');
    assert.equal(stored?.value.data.comment, 'ab');
  });

  it('restores the draft of its document, with undo', async () => {
    const first = setUp();
    first.state.data = { comment: 'brouillon' };
    first.drafts.edited();
    await first.drafts.save();
    const { host, state, drafts } = setUp();
    const restored = new Promise((resolve) => host.addEventListener('dcc-draft-restored', resolve, { once: true }));
    drafts.hostUpdated();
    await restored;
    assert.deepEqual(state.data, { comment: 'brouillon' });
    assert.equal(drafts.banner?.kind, 'restored');
    assert.ok(drafts.canUndo);
    await drafts.bannerAction('undo');
    assert.deepEqual(state.data, { comment: 'a' });
    assert.equal(drafts.banner?.kind, 'info');
  });

  it('writes nothing once the session is gone', async () => {
    const { clock, state, drafts, saves } = setUp();
    drafts.edited();
    state.session = undefined;
    drafts.sessionChanged();
    await clock.runAll();
    drafts.flush();
    await drafts.save();
    assert.equal(saves(), 0);
    assert.equal(await new DraftStore({ keyMaterial: session.draftKey, userId: session.userId }).load('pps:doc-ctl'), undefined);
  });
});
