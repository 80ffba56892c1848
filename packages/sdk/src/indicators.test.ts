// indicators.* over real HTTP: the real server (PGlite in memory), PSC emulator tokens, a
// document created through the SDK (a connector: bearer token) counted in the JSON report and
// the CSV (BOM kept), a bad period as a DccValidationError naming the parameter, cancellation.
// The server is loaded at run time (as integration.test.ts).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadExample } from '@dcc-kit/cda/examples';
import { patientToApi, type ModelPatient } from '@dcc-kit/cda/identity';
import { DR_LEFORT } from '@dcc-kit/psc-emulator';
import type { DccClient } from './client.js';
import { DccAbortError, DccValidationError } from './errors.js';
import { loadOptional, startServerStack, type ServerModule, type ServerStack } from './server-stack.test.util.js';
import type { DocumentModel, IndicatorsReport, PatientInput } from './types.js';

const server = await loadOptional<ServerModule>('@dcc-kit/server');

const month = (d: Date): string => {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit' }).formatToParts(d);
  return `${parts.find((p) => p.type === 'year')!.value}-${parts.find((p) => p.type === 'month')!.value}`;
};

describe('indicators.* against the real server', { skip: typeof server === 'string' ? server : false }, () => {
  const s = server as ServerModule;
  let stack: ServerStack;
  let client: DccClient;
  const period = { from: month(new Date()), to: month(new Date()) };

  before(async () => {
    stack = await startServerStack(s, { identity: { statusFromHost: true } });
    client = await stack.clientFor(DR_LEFORT);
    const structureId = s.professionalFromUserInfo(DR_LEFORT.userinfo as unknown as Record<string, unknown>).activities[0]!.structureId;
    const model = loadExample('pps', '01-').input;
    const patient = await client.patients.create({ ...patientToApi(model.patient as ModelPatient), identityStatus: 'qualified', structureId } as PatientInput);
    await client.documents.create({ patientId: patient.data.id, type: 'pps', model: model as DocumentModel });
  });

  after(async () => stack?.close());

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
