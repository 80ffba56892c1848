// The offline directory (demo's msw mode, stories) answers what the backend's client reads from
// the fixture server over real HTTP: same records, same matches; and the backend's query checks,
// paging and 503.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AnnuaireClient } from '@dcc-kit/annuaire';
import type { AnnuaireSimulator } from './simulator.js';
import { startSimulatorUnderTest } from './frozen-time.test.util.js';
import { directoryRecords } from './records.js';
import { answerDirectorySearch, directoryUnavailableAnswer, type DirectoryRecords } from './offline-directory.js';

let sim: AnnuaireSimulator;
let client: AnnuaireClient;
let records: DirectoryRecords;
before(async () => {
  ({ sim, client } = await startSimulatorUnderTest());
  records = directoryRecords();
});
after(() => sim.close());

type List = { items: Array<{ idNatPs?: string; idNatStruct?: string; name?: unknown }>; nextCursor: string | null; total: number };
const offline = (list: 'practitioners' | 'organizations', query: string) => answerDirectorySearch(records, list, new URLSearchParams(query));

test('the records are what the backend’s client maps from the fixture server, entry for entry', async () => {
  for (const name of ['LEFORT', 'MARTIN', 'Rochette']) {
    const online = await client.searchPractitioners({ name: [name] }, { count: 50 });
    const answer = offline('practitioners', `q=${name}&limit=50`);
    assert.equal(answer.status, 200);
    assert.deepEqual((answer.body as List).items, online.items, name);
  }
  for (const name of ['CHU', 'Institut']) {
    const online = await client.searchOrganizations({ name }, { count: 50 });
    assert.deepEqual((offline('organizations', `q=${encodeURIComponent(name)}&limit=50`).body as List).items, online.items, name);
  }
  const byRpps = offline('practitioners', 'q=10209801199').body as List;
  assert.deepEqual(byRpps.items.map((p) => p.idNatPs), ['810209801199']);
});

test('paging: nextCursor walks the list to the end; the pages add up to the total', () => {
  const first = offline('practitioners', 'q=MARTIN&limit=2').body as List;
  assert.ok(first.total > 2, `namesakes for paging: ${first.total}`);
  const seen = [...first.items];
  let cursor = first.nextCursor;
  while (cursor) {
    const page = offline('practitioners', `cursor=${cursor}&limit=2`).body as List;
    seen.push(...page.items);
    cursor = page.nextCursor;
  }
  assert.equal(seen.length, first.total);
  assert.equal(new Set(seen.map((p) => p.idNatPs)).size, first.total);
});

test('the backend’s checks name their parameter; down is its 503 directory-unavailable', () => {
  const pathOf = (a: { body: unknown }) => (a.body as { errors: Array<{ path: string }> }).errors[0]!.path;
  assert.equal(pathOf(offline('practitioners', 'q=a')), 'q');
  assert.equal(pathOf(offline('organizations', '')), 'q');
  assert.equal(pathOf(offline('organizations', 'q=chu&limit=99')), 'limit');
  assert.equal(pathOf(offline('organizations', 'cursor=forged')), 'cursor');
  assert.equal(offline('organizations', 'q=zzzzzz').status, 200);
  assert.deepEqual((offline('organizations', 'q=zzzzzz').body as List).items, []);
  const down = directoryUnavailableAnswer();
  assert.equal(down.status, 503);
  assert.match((down.body as { type: string }).type, /\/directory-unavailable$/);
  assert.ok(Number(down.headers['retry-after']) >= 1);
});
