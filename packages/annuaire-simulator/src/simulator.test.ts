// The fixture server over real HTTP (port 0), read by the real client: the §4.5 shapes, the
// searches of §4.2/§4.4, paging, the API key, the rate limit and the fault switch.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkAdeli, checkFiness, checkRpps, checkSiret } from '@dcc-kit/cda/identity';
import { loadExample } from '@dcc-kit/cda/examples';
import { AnnuaireClient, AnnuaireError } from '@dcc-kit/annuaire';
import { startAnnuaireSimulator, type AnnuaireSimulator } from './simulator.js';
import { defaultSeed } from './seed.js';
import { frozenNow, noWait, startSimulatorUnderTest } from './frozen-time.test.util.js';

let sim: AnnuaireSimulator;
let client: AnnuaireClient;
// The simulator's rate-limit clock is frozen unless a test's waits move it (frozen-time.test.util.ts).
before(async () => ({ sim, client } = await startSimulatorUnderTest()));
after(() => sim.close());

test('the seed: a few dozen entries, every identifier valid, the examples’ and PSC users’ ones included', () => {
  const seed = defaultSeed();
  assert.ok(seed.professionals.length >= 30 && seed.organizations.length >= 15, `${seed.professionals.length} / ${seed.organizations.length}`);
  for (const p of seed.professionals) assert.ok(p.rpps ? checkRpps(p.rpps) === undefined : checkAdeli(p.adeli ?? '') === undefined, p.id);
  for (const o of seed.organizations) assert.ok(o.finess ? checkFiness(o.finess) === undefined : checkSiret(o.siret ?? '') === undefined, o.id);
  const author = (loadExample('pps', '01').input as { author: { professional: { idNatPs: string } } }).author.professional.idNatPs;
  assert.ok(seed.professionals.some((p) => `8${p.rpps}` === author));
  for (const psc of ['10209801199', '10430519933', '10937588894', '10523187440']) assert.ok(seed.professionals.some((p) => p.rpps === psc), psc);
});

test('without ESANTE-API-KEY: 401 with an OperationOutcome; the client says unauthorized', async () => {
  const res = await fetch(`${sim.baseUrl}/Practitioner?name=lefort`);
  assert.equal(res.status, 401);
  assert.equal(((await res.json()) as { resourceType: string }).resourceType, 'OperationOutcome');
  await assert.rejects(new AnnuaireClient({ baseUrl: sim.baseUrl, apiKey: 'wrong', timing: noWait }).searchPractitioners({ name: 'x' }), { kind: 'unauthorized' });
});

test('a searchset Bundle: total, self and next links, entries with fullUrl, resource and search mode', async () => {
  const res = await fetch(`${sim.baseUrl}/Practitioner?family=martin&_count=2&_revinclude=PractitionerRole:practitioner`, { headers: { 'ESANTE-API-KEY': sim.apiKey } });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /^application\/fhir\+json/);
  const bundle = (await res.json()) as { resourceType: string; type: string; total: number; link: { relation: string; url: string }[]; entry: { fullUrl: string; resource: { resourceType: string }; search: { mode: string } }[] };
  assert.equal(bundle.resourceType, 'Bundle');
  assert.equal(bundle.type, 'searchset');
  assert.ok(bundle.total >= 5);
  assert.deepEqual(bundle.link.map((l) => l.relation), ['self', 'next']);
  assert.match(bundle.link[1]?.url ?? '', /\/fhir\/v2\/_page\?id=/);
  assert.equal(bundle.entry.filter((e) => e.search.mode === 'match').length, 2);
  assert.ok(bundle.entry.every((e) => e.fullUrl.endsWith(`/${e.resource.resourceType}/${(e.resource as { id?: string }).id}`)));
  assert.ok(bundle.entry.some((e) => e.search.mode === 'include' && e.resource.resourceType === 'PractitionerRole'));
});

test('practitioners by RPPS, ADELI, specialty and name (accents and case ignored, words ANDed)', async () => {
  const byRpps = await client.searchPractitioners({ rpps: '10209801199' });
  assert.deepEqual(byRpps.items.map((p) => p.idNatPs), ['810209801199']);
  assert.deepEqual(byRpps.items[0]?.structures.map((s) => s.idNatStruct), ['1492805973', '349231874600012']);
  const byAdeli = await client.searchPractitioners({ adeli: '759124159' });
  assert.deepEqual(byAdeli.items.map((p) => [p.idNatPs, p.name.family]), [['0759124159', 'ROUSSEL']]);
  const oncologists = await client.searchPractitioners({ specialty: 'SM36' }, { count: 100 });
  assert.ok(oncologists.items.length >= 3 && oncologists.items.every((p) => p.specialty?.code === 'SM36'));
  const accents = await client.searchPractitioners({ name: 'brehier' });
  assert.deepEqual(accents.items.map((p) => p.name.family), ['BRÉHIER']);
  const both = await client.search('Practitioner', [['name', 'martin'], ['name', 'sophie']]);
  assert.equal(both.total, 1);
});

test('inactive entries only when asked, with ids and active only', async () => {
  assert.equal((await client.searchPractitioners({ family: 'ancien' })).total, 0);
  const inactive = await client.searchPractitioners({ rpps: defaultSeed().professionals.find((p) => !p.active)?.rpps as string, active: false });
  assert.equal(inactive.items[0]?.active, false);
  assert.equal(inactive.items[0]?.name.family, '');
});

test('organisations by FINESS (bare or system|value), SIRET, name:contains and postal code prefix', async () => {
  assert.deepEqual((await client.searchOrganizations({ finess: '338521651' })).items.map((o) => o.name), ['Institut Bergonié']);
  const raw = await client.search('Organization', [['identifier', '338521651']]);
  assert.equal(raw.total, 1);
  assert.deepEqual((await client.searchOrganizations({ siret: '73282932000074' })).items.map((o) => o.idNatStruct), ['373282932000074']);
  const threeC = await client.searchOrganizations({ name: 'coordination' });
  assert.ok(threeC.items.some((o) => o.name?.startsWith('3C ICO')));
  const lyon = await client.searchOrganizations({ postalCode: '69' }, { count: 100 });
  assert.ok(lyon.items.length >= 2 && lyon.items.every((o) => o.postalCode?.startsWith('69')));
});

test('paging follows link[rel=next] to the end, bounded by maxPages', async () => {
  const first = await client.searchPractitioners({ family: 'martin' }, { count: 2 });
  const all: string[] = [];
  for await (const p of client.allPractitioners({ family: 'martin' }, { count: 2 })) all.push(p.idNatPs);
  assert.equal(all.length, first.total);
  assert.equal(new Set(all).size, all.length);
  const bounded = new AnnuaireClient({ baseUrl: sim.baseUrl, apiKey: sim.apiKey, timing: noWait, maxPages: 2 });
  const some: string[] = [];
  for await (const p of bounded.allPractitioners({ family: 'martin' }, { count: 2 })) some.push(p.idNatPs);
  assert.equal(some.length, 4);
  const gone = await fetch(`${sim.baseUrl}/_page?id=nope_2`, { headers: { 'ESANTE-API-KEY': sim.apiKey } });
  assert.equal(gone.status, 410);
});

test('an unknown parameter is a 400 OperationOutcome, not an unfiltered search', async () => {
  await assert.rejects(client.search('Practitioner', [['nmae', 'x']]), (e: unknown) => e instanceof AnnuaireError && e.kind === 'bad-request' && e.status === 400 && e.outcome?.issue[0]?.code === 'not-supported');
});

test('past 17 calls in a second: 429 with Retry-After; the client waits it and succeeds', async () => {
  const limited = await startAnnuaireSimulator({ now: frozenNow });
  try {
    const statuses: number[] = [];
    for (let i = 0; i < 18; i++) statuses.push((await fetch(`${limited.baseUrl}/Organization?_count=1`, { headers: { 'ESANTE-API-KEY': limited.apiKey } })).status);
    assert.deepEqual(statuses, [...Array(17).fill(200), 429]);
    const res = await fetch(`${limited.baseUrl}/Organization`, { headers: { 'ESANTE-API-KEY': limited.apiKey } });
    assert.equal(res.headers.get('retry-after'), '1');
    // A client without its own pacing (burst beyond 17) relies on Retry-After; the fake sleep moves the simulator's clock.
    const eager = new AnnuaireClient({ baseUrl: limited.baseUrl, apiKey: limited.apiKey, timing: noWait, rate: 1e6 });
    const page = await eager.searchOrganizations({ finess: '338521651' });
    assert.equal(page.items.length, 1);
  } finally {
    await limited.close();
  }
});

test('fault switch: down (503 or reset) → unavailable after the retries; rate-limited → rate-limited', async () => {
  try {
    sim.setFaults({ down: 'unavailable' });
    await assert.rejects(client.searchPractitioners({ name: 'x' }), (e: unknown) => e instanceof AnnuaireError && e.kind === 'unavailable' && e.status === 503);
    sim.setFaults({ down: 'reset' });
    await assert.rejects(client.searchPractitioners({ name: 'x' }), { kind: 'unavailable' });
    sim.setFaults({ rateLimited: { retryAfterSeconds: 60 } });
    await assert.rejects(client.searchPractitioners({ name: 'x' }), (e: unknown) => e instanceof AnnuaireError && e.kind === 'rate-limited' && e.retryAfterSeconds === 60);
    const admin = await fetch(`${sim.url}/admin/faults`, { method: 'PUT', body: JSON.stringify({ down: false }) });
    assert.equal(admin.status, 200);
    assert.equal((await client.searchPractitioners({ rpps: '10209801199' })).items.length, 1);
  } finally {
    sim.setFaults({});
  }
});

test('a slow directory is cut at the client’s deadline', async () => {
  const impatient = new AnnuaireClient({ baseUrl: sim.baseUrl, apiKey: sim.apiKey, timing: noWait, timeoutMs: 50, maxRetries: 0 });
  sim.setFaults({ delayMs: 2000 });
  try {
    await assert.rejects(impatient.searchOrganizations({ name: 'x' }), (e: unknown) => e instanceof AnnuaireError && e.kind === 'unavailable' && /deadline/.test(e.message));
  } finally {
    sim.setFaults({});
  }
});
