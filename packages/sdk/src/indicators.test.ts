// indicators.* over real HTTP: the real server (PGlite in memory), PSC emulator tokens, a
// document created through the SDK (a connector: bearer token) counted in the JSON report and
// the CSV (BOM kept), a bad period as a DccValidationError naming the parameter, cancellation.
// The server is loaded at run time (as integration.test.ts).
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { loadExample } from '@dcc-kit/cda/examples';
import { patientToApi, type ModelPatient } from '@dcc-kit/cda/identity';
import { DR_LEFORT, startPscEmulator, type PscEmulator } from '@dcc-kit/psc-emulator';
import { pscLogin } from '@dcc-kit/psc-emulator/login';
import { createDccClient, type DccClient } from './client.js';
import { DccAbortError, DccValidationError } from './errors.js';
import { createOidcTokenProvider } from './oidc.js';
import type { DocumentModel, IndicatorsReport, PatientInput } from './types.js';

interface ServerModule {
  createServer(options: Record<string, unknown>): { listen(port?: number): Promise<{ url: string }>; close(): Promise<void> };
  openStore(options: { memory: true }): Promise<{ close(): Promise<void> }>;
  professionalFromUserInfo(userinfo: Record<string, unknown>): { activities: { id: string; structureId: string }[] };
}
const SERVER_SPECIFIER = '@dcc-kit/server';
const server = await (async (): Promise<ServerModule | string> => {
  try {
    return (await import(SERVER_SPECIFIER)) as ServerModule;
  } catch (error) {
    if (process.env.CI) throw error;
    return `@dcc-kit/server is not built (${error instanceof Error ? error.message : 'import failed'}): skipped`;
  }
})();

const month = (d: Date): string => {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit' }).formatToParts(d);
  return `${parts.find((p) => p.type === 'year')!.value}-${parts.find((p) => p.type === 'month')!.value}`;
};

describe('indicators.* against the real server', { skip: typeof server === 'string' ? server : false }, () => {
  const s = server as ServerModule;
  let psc: PscEmulator;
  let app: { close(): Promise<void> };
  let store: { close(): Promise<void> };
  let client: DccClient;
  const period = { from: month(new Date()), to: month(new Date()) };

  before(async () => {
    store = await s.openStore({ memory: true });
    const pscRef: { current?: PscEmulator } = {};
    const created = s.createServer({
      store,
      sessionKey: randomBytes(32),
      logger: () => {},
      identity: { statusFromHost: true },
      oidc: () => ({ discoveryUrl: pscRef.current!.discoveryUrl, clientId: 'dcc-server', clientSecret: 'server-secret', allowInsecureRequests: true }),
    });
    app = created;
    const baseUrl = (await created.listen(0)).url;
    const vendor = { client_id: 'vendor-backend', client_secret: 'vendor-secret', redirect_uris: ['http://127.0.0.1:9/vendor/callback'] };
    psc = await startPscEmulator({ clients: [{ client_id: 'dcc-server', client_secret: 'server-secret', redirect_uris: [`${baseUrl}/auth/callback`] }, vendor] });
    pscRef.current = psc;
    const { config, tokens } = await pscLogin({ discoveryUrl: psc.discoveryUrl, clientId: vendor.client_id, clientSecret: vendor.client_secret, redirectUri: vendor.redirect_uris[0]!, user: DR_LEFORT.userinfo.SubjectNameID });
    const activity = s.professionalFromUserInfo(DR_LEFORT.userinfo as unknown as Record<string, unknown>).activities[0]!;
    client = createDccClient({ baseUrl, tokenProvider: createOidcTokenProvider({ config, tokens }), activityId: activity.id, retry: { maxRetries: 1, baseDelayMs: 10, maxDelayMs: 100 }, timeoutMs: 30_000 });
    const model = loadExample('pps', '01-').input;
    const patient = await client.patients.create({ ...patientToApi(model.patient as ModelPatient), identityStatus: 'qualified', structureId: activity.structureId } as PatientInput);
    await client.documents.create({ patientId: patient.data.id, type: 'pps', model: model as DocumentModel });
  });

  after(async () => {
    await app?.close();
    await psc?.close();
    await store?.close();
  });

  it('get: the report, the document counted under the connector channel', async () => {
    const report: IndicatorsReport = await client.indicators.get(period);
    assert.deepEqual(report.period, period);
    assert.deepEqual(report.rows.map((r) => [r.month, r.finess, r.center3c, r.volet, r.channel, r.created]), [[period.from, '492805973', '1494809312', 'pps', 'connector', 1]]);
    assert.deepEqual(report.months.map((m) => [m.volet, m.created, m.connector, m.editor]), [['pps', 1, 1, 0], ['frcp', 0, 0, 0]]);
    const filtered = await client.indicators.get({ ...period, finess: '338521651' });
    assert.deepEqual([filtered.rows, filtered.filters], [[], { finess: '338521651' }]);
  });

  it('csv: the text with its BOM, `;` and CRLF', async () => {
    const csv = await client.indicators.csv(period);
    assert.ok(csv.startsWith('\uFEFFMois;FINESS établissement;'));
    const lines = csv.split('\r\n');
    assert.equal(lines.length, 3, 'header, one row, final CRLF');
    assert.equal(lines[1]!.split(';')[0], period.from);
  });

  it('a bad period → DccValidationError naming the parameter; an aborted call → DccAbortError', async () => {
    await assert.rejects(client.indicators.get({ from: '2026-05', to: '2026-01' }), (e: unknown) => e instanceof DccValidationError && e.fieldErrors.some((f) => f.path === 'to'));
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(client.indicators.csv(period, { signal: controller.signal }), DccAbortError);
  });
});
