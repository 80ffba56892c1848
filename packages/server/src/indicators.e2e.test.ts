// GET /indicators over real HTTP: documents created in an editors' session and through a
// connector (bearer token) counted under their channel, establishment and 3C; the CSV of a
// regional report; problems naming the bad query parameter; who reads which establishment.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DR_LABORDE, DR_LEFORT, DR_LE_GUEN } from '@dcc-kit/psc-emulator';
import { pscLogin } from '@dcc-kit/psc-emulator/login';
import { ApiClient, example, patientFromModel, postgresTarget, startStack, type Stack, type StoreKind } from './testing/harness.js';
import type { IndicatorsReport } from './services/indicators.js';
import { INDICATORS_CSV_HEADER } from './services/indicators-csv.js';

const ICO = '492805973';
type Problem = { type: string; errors?: Array<{ path: string }> };

/** The current month in France and the one before: the period the documents created now fall in. */
function period(): { from: string; to: string } {
  const f = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit' });
  const month = (d: Date) => {
    const parts = f.formatToParts(d);
    return `${parts.find((p) => p.type === 'year')!.value}-${parts.find((p) => p.type === 'month')!.value}`;
  };
  return { from: month(new Date(Date.now() - 32 * 86_400_000)), to: month(new Date()) };
}

for (const kind of ['pglite', 'postgres'] as StoreKind[]) {
  const skip = kind === 'postgres' ? (postgresTarget().skip ?? false) : false;
  describe(`GET /indicators (${kind})`, { skip }, () => {
    let stack: Stack;
    let lefort: ApiClient;
    const { from, to } = period();
    const q = `from=${from}&to=${to}`;

    before(async () => {
      stack = await startStack(kind, { server: { indicatorReaders: [DR_LE_GUEN.userinfo.SubjectNameID] } });
      lefort = new ApiClient(stack.url);
      await lefort.login(DR_LEFORT);
      const pps = example('pps', '01-');
      const frcp = example('frcp', '01-');
      const patient = await lefort.post<{ id: string }>('/patients', patientFromModel(pps, ICO));
      assert.equal(patient.status, 201);
      // Two documents in the editors' session, one through a connector (bearer token).
      for (const [type, model] of [['pps', pps], ['frcp', frcp]] as const)
        assert.equal((await lefort.post('/documents', { patientId: patient.body.id, type, model })).status, 201);
      const { tokens } = await pscLogin({ discoveryUrl: stack.psc.discoveryUrl, clientId: 'dcc-server', clientSecret: 'test-secret', redirectUri: `${stack.url}/auth/callback`, user: DR_LEFORT.userinfo.SubjectNameID });
      const connector = new ApiClient(stack.url);
      connector.bearer = tokens.access_token;
      assert.equal((await connector.request('POST', '/documents', { json: { patientId: patient.body.id, type: 'pps', model: pps }, withoutApiVersion: true })).status, 201);
    });
    after(() => stack?.close());

    test('JSON: the documents under their month, establishment, 3C, volet and channel', async () => {
      const res = await lefort.get<IndicatorsReport>(`/indicators?${q}`);
      assert.equal(res.status, 200);
      const counted = res.body.rows.map((r) => [r.finess, r.center3c, r.volet, r.channel, r.created, r.professionals]);
      assert.deepEqual(counted, [
        [ICO, '1494809312', 'pps', 'connector', 1, 1],
        [ICO, '1494809312', 'pps', 'editor', 1, 1],
        [ICO, '520114', 'frcp', 'editor', 1, 1],
      ]);
      assert.deepEqual(res.body.establishments, [{ finess: ICO, name: "Institut de Cancérologie de l'Ouest (ICO) – site Paul Papin" }]);
      assert.deepEqual(res.body.centers3c.map((c) => c.id), ['1494809312', '520114']);
      const now = res.body.months.filter((m) => m.month === to);
      assert.deepEqual(now.map((m) => [m.volet, m.created, m.connector, m.editor]), [['pps', 2, 1, 1], ['frcp', 1, 0, 1]]);
      assert.equal(res.body.months.length, from === to ? 2 : 4);
      const only3c = await lefort.get<IndicatorsReport>(`/indicators?${q}&center3c=520114`);
      assert.deepEqual(only3c.body.rows.map((r) => r.volet), ['frcp']);
      assert.deepEqual(only3c.body.filters, { center3c: '520114' });
    });

    test('CSV: BOM, `;`, CRLF, the documented header, an attachment named after the period', async () => {
      for (const [path, headers] of [[`/indicators?${q}&format=csv`, {}], [`/indicators?${q}`, { accept: 'text/csv' }]] as const) {
        const res = await fetch(new URL(path, stack.url), { headers: { cookie: lefort.cookieHeader(), ...headers } });
        assert.equal(res.status, 200);
        assert.match(res.headers.get('content-type')!, /^text\/csv; charset=utf-8/);
        assert.equal(res.headers.get('content-disposition'), `attachment; filename="indicateurs-dcc-${from}-${to}.csv"`);
        const bytes = new Uint8Array(await res.arrayBuffer());
        assert.deepEqual([...bytes.slice(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM');
        const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
        const lines = text.slice(1).split('\r\n');
        assert.equal(lines.pop(), '', 'every line ends with CRLF');
        assert.ok(!lines.some((l) => l.includes('\n')));
        assert.equal(lines[0], INDICATORS_CSV_HEADER.join(';'));
        assert.deepEqual(lines.slice(1).map((l) => l.split(';').slice(1, 8)), [
          [ICO, "Institut de Cancérologie de l'Ouest (ICO) – site Paul Papin", '1494809312', '3C ICO – CHU d’Angers (Centre de coordination en cancérologie)', 'PPS', 'Connecteur', '1'],
          [ICO, "Institut de Cancérologie de l'Ouest (ICO) – site Paul Papin", '1494809312', '3C ICO – CHU d’Angers (Centre de coordination en cancérologie)', 'PPS', 'Éditeur web', '1'],
          [ICO, "Institut de Cancérologie de l'Ouest (ICO) – site Paul Papin", '520114', '3C ICO-CHU Angers', 'FRCP', 'Éditeur web', '1'],
        ]);
      }
    });

    test('a bad query is a 400 naming the parameter; no session is a 401', async () => {
      const bad = await lefort.get<Problem>('/indicators?from=2026-1&to=2026-02&finess=ABC');
      assert.equal(bad.status, 400);
      assert.deepEqual(bad.body.errors!.map((e) => e.path), ['from', 'finess']);
      const long = await lefort.get<Problem>('/indicators?from=2020-01&to=2026-01');
      assert.deepEqual(long.body.errors!.map((e) => e.path), ['to']);
      assert.equal((await new ApiClient(stack.url).get(`/indicators?${q}`)).status, 401);
    });

    test('another structure’s professional sees none of these figures; a regional reader sees them all', async () => {
      const laborde = new ApiClient(stack.url);
      await laborde.login(DR_LABORDE);
      const theirs = await laborde.get<IndicatorsReport>(`/indicators?${q}`);
      assert.deepEqual([theirs.body.rows, theirs.body.establishments], [[], []]);
      const regional = new ApiClient(stack.url);
      await regional.login(DR_LE_GUEN);
      const all = await regional.get<IndicatorsReport>(`/indicators?${q}`);
      assert.equal(all.body.rows.reduce((n, r) => n + r.created, 0), 3);
    });
  });
}
