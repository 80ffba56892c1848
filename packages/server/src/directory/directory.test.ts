// GET /directory/* against the real Annuaire Santé fixture server over HTTP: the mapped shapes
// (checked against openapi.json by the harness), paging with the opaque cursor, the query
// checks, and the one 503 problem the editors fall back to manual entry on.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { DR_LEFORT } from '@dcc-kit/psc-emulator';
import { startAnnuaireSimulator, type AnnuaireSimulator } from '@dcc-kit/annuaire-simulator';
import { ApiClient, startStack, type Stack } from '../testing/harness.js';
import { DirectoryService, organizationQuery, practitionerQuery } from './directory-service.js';

let annuaire: AnnuaireSimulator;
let stack: Stack;
let unconfigured: Stack;
let impatient: Stack;
let client: ApiClient;

before(async () => {
  annuaire = await startAnnuaireSimulator();
  console.log(`annuaire simulator on ${annuaire.baseUrl}`);
  // No cache here: the fault tests must reach the directory.
  stack = await startStack('pglite', { server: { directory: { url: annuaire.baseUrl, apiKey: annuaire.apiKey, cacheSeconds: 0 } } });
  client = new ApiClient(stack.url);
  await client.login(DR_LEFORT);
});
after(async () => {
  await stack?.close();
  await unconfigured?.close();
  await impatient?.close();
  await annuaire?.close();
});

interface Professional {
  idNatPs: string;
  name: { family: string; given?: string };
  authorSpecialty?: { code: string };
  structures: { idNatStruct?: string; name?: string }[];
}
interface List<T> {
  items: T[];
  nextCursor: string | null;
  total?: number;
}

test('behind authentication', async () => {
  const anonymous = await new ApiClient(stack.url).get('/directory/practitioners?q=lefort');
  assert.equal(anonymous.status, 401);
});

test('practitioners by name and by RPPS: the model-shaped professional with its structures', async () => {
  const byName = await client.get<List<Professional>>('/directory/practitioners?q=Camille%20Lefort');
  assert.equal(byName.status, 200);
  assert.deepEqual(byName.body.items.map((p) => p.idNatPs), ['810209801199']);
  const lefort = byName.body.items[0]!;
  assert.equal(lefort.authorSpecialty?.code, 'G15_10/SM36');
  assert.deepEqual(lefort.structures.map((s) => s.idNatStruct), ['1492805973', '349231874600012']);
  const byRpps = await client.get<List<Professional>>('/directory/practitioners?q=10937588894');
  assert.deepEqual(byRpps.body.items.map((p) => p.name.family), ['LE GUEN']);
  const specialists = await client.get<List<Professional>>('/directory/practitioners?specialty=SM36&limit=50');
  assert.ok(specialists.body.items.length >= 3);
  assert.ok(annuaire.requests.some((r) => r.query.includes('qualification-code=')));
});

test('organisations by name, FINESS typed in q, and postal code', async () => {
  const byName = await client.get<List<{ name: string; idNatStruct: string }>>('/directory/organizations?q=bergoni%C3%A9');
  assert.deepEqual(byName.body.items.map((o) => o.idNatStruct), ['1338521651']);
  const byFiness = await client.get<List<{ name: string }>>('/directory/organizations?q=492805973');
  assert.equal(byFiness.body.items.length, 1);
  const byPostalCode = await client.get<List<{ postalCode: string }>>('/directory/organizations?postalCode=69&limit=50');
  assert.ok(byPostalCode.body.items.length >= 2 && byPostalCode.body.items.every((o) => o.postalCode.startsWith('69')));
});

test('paging: nextCursor walks the directory’s pages to the end; a forged cursor is a 400', async () => {
  const seen: string[] = [];
  let path = '/directory/practitioners?q=martin&limit=2';
  let total: number | undefined;
  for (let i = 0; i < 10; i++) {
    const page = await client.get<List<Professional>>(path);
    assert.equal(page.status, 200);
    total ??= page.body.total;
    seen.push(...page.body.items.map((p) => p.idNatPs));
    if (!page.body.nextCursor) break;
    path = `/directory/practitioners?cursor=${encodeURIComponent(page.body.nextCursor)}&limit=2`;
  }
  assert.ok(total !== undefined && total >= 5);
  assert.equal(seen.length, total);
  assert.equal(new Set(seen).size, total);
  const forged = Buffer.from(JSON.stringify(['p', '//evil.test/x'])).toString('base64url');
  assert.equal((await client.get(`/directory/practitioners?cursor=${forged}`)).status, 400);
  const wrongKind = Buffer.from(JSON.stringify(['o', '_page?id=x_2'])).toString('base64url');
  assert.equal((await client.get(`/directory/practitioners?cursor=${wrongKind}`)).status, 400);
});

test('bad queries name their parameter', async () => {
  for (const [path, field] of [
    ['/directory/practitioners?q=a', 'q'],
    ['/directory/practitioners?rpps=10209801190', 'rpps'],
    ['/directory/practitioners', 'q'],
    ['/directory/organizations?finess=754567860', 'finess'],
    ['/directory/organizations?limit=500&q=ico', 'limit'],
  ] as const) {
    const r = await client.get<{ errors: { path: string }[] }>(path);
    assert.equal(r.status, 400, path);
    assert.equal(r.body.errors[0]?.path, field, path);
  }
});

test('directory down, rate-limited or refusing our key → 503 directory-unavailable with Retry-After; nothing of the query in the logs', async () => {
  try {
    for (const faults of [{ down: 'unavailable' as const }, { down: 'reset' as const }, { rateLimited: { retryAfterSeconds: 120 } }]) {
      annuaire.setFaults(faults);
      const r = await client.get<{ type: string }>('/directory/practitioners?q=Rochette');
      assert.equal(r.status, 503, JSON.stringify(faults));
      assert.match(r.body.type, /\/directory-unavailable$/);
      assert.ok(Number(r.headers.get('retry-after')) >= 1);
    }
  } finally {
    annuaire.setFaults({});
  }
  assert.doesNotMatch(stack.logText(), /rochette/i);
});

test('a directory slower than the deadline → 503 directory-unavailable (one retry, then the user types by hand)', async () => {
  // Its own server with a short deadline, so the test waits ~2 × 300 ms, not 2 × 5 s.
  impatient = await startStack('pglite', { server: { directory: { url: annuaire.baseUrl, apiKey: annuaire.apiKey, cacheSeconds: 0, timeoutMs: 300 } } });
  const c = new ApiClient(impatient.url);
  await c.login(DR_LEFORT);
  const calls = annuaire.requests.length;
  annuaire.setFaults({ delayMs: 3000 });
  try {
    const r = await c.get<{ type: string }>('/directory/organizations?q=ico');
    assert.equal(r.status, 503, r.text);
    assert.match(r.body.type, /\/directory-unavailable$/);
    assert.ok(Number(r.headers.get('retry-after')) >= 1);
    assert.equal(annuaire.requests.length - calls, 2, 'the call and its one retry');
  } finally {
    annuaire.setFaults({});
  }
});

test('without DCC_ANNUAIRE_URL the routes answer 503 directory-unavailable', async () => {
  unconfigured = await startStack('pglite');
  const c = new ApiClient(unconfigured.url);
  await c.login(DR_LEFORT);
  const r = await c.get<{ type: string }>('/directory/organizations?q=ico');
  assert.equal(r.status, 503);
  assert.match(r.body.type, /\/directory-unavailable$/);
});

test('what the user types becomes an identifier when it is one, else name words', () => {
  assert.deepEqual(practitionerQuery({ q: '10209801199', limit: 10 }), { rpps: '10209801199' });
  assert.deepEqual(practitionerQuery({ q: '810209801199', limit: 10 }), { idNatPs: '810209801199' });
  assert.deepEqual(practitionerQuery({ q: '012600631', limit: 10 }), { adeli: '012600631' });
  assert.deepEqual(practitionerQuery({ q: '10209801190', limit: 10 }), { name: ['10209801190'] });
  assert.deepEqual(practitionerQuery({ q: ' Le  Guen ', specialty: 'SM24', limit: 10 }), { name: ['Le', 'Guen'], specialty: 'SM24' });
  assert.deepEqual(organizationQuery({ q: '492805973', limit: 10 }), { finess: '492805973' });
  assert.deepEqual(organizationQuery({ q: '73282932000074', limit: 10 }), { siret: '73282932000074' });
  assert.deepEqual(organizationQuery({ q: '1492805973', limit: 10 }), { idNatStruct: '1492805973' });
  assert.deepEqual(organizationQuery({ q: 'CHU de Nantes', limit: 10 }), { name: 'CHU de Nantes' });
});

test('the short cache answers a repeated query without the directory, until it expires', async () => {
  let now = 1_900_000_000_000;
  const service = new DirectoryService({ url: annuaire.baseUrl, apiKey: annuaire.apiKey, cacheSeconds: 60 }, () => now);
  const upstream = () => annuaire.requests.filter((r) => r.path.endsWith('/Organization')).length;
  const before = upstream();
  const first = await service.searchOrganizations({ q: 'bergonié', limit: 5 });
  assert.equal(upstream(), before + 1);
  now += 59_000;
  assert.deepEqual(await service.searchOrganizations({ q: 'bergonié', limit: 5 }), first);
  assert.equal(upstream(), before + 1, 'served from the cache');
  now += 2_000;
  await service.searchOrganizations({ q: 'bergonié', limit: 5 });
  assert.equal(upstream(), before + 2, 'expired: asked again');
  // A failure is never cached: the next search asks again.
  annuaire.setFaults({ down: 'unavailable' });
  try {
    await assert.rejects(service.searchOrganizations({ q: 'nantes', limit: 5 }), (e: unknown) => (e as { status?: number }).status === 503);
  } finally {
    annuaire.setFaults({});
  }
  assert.equal((await service.searchOrganizations({ q: 'nantes', limit: 5 })).items.length > 0, true);
});
