// The whole path over real HTTP, nothing faked: PSC login → patient → PPS → validate → sign
// (seven layers) → submit → the worker → @dcc-kit/dmp's client → the DMP simulator; then a
// replacement version (same document, reason) signed and submitted: the simulator holds v2
// Approved and v1 Deprecated, and the server's rows say so. One store (PGlite): each signature
// takes seconds.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DR_LEFORT } from '@dcc-kit/psc-emulator';
import { startDmpSimulator, type DmpSimulator } from '@dcc-kit/dmp-simulator';
import { createTestPki } from '@dcc-kit/dmp-simulator/pki';
import { ApiClient, example, patientFromModel, startStack, type Stack } from '../testing/harness.js';
import { dmpPort } from './adapters.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers read field by field in assertions
type Json = Record<string, any>;
const ICO = '492805973';

describe('full path: sign → submit → DMP simulator, then a replacement deprecates v1', () => {
  let sim: DmpSimulator;
  let stack: Stack;
  let lefort: ApiClient;
  let port: ReturnType<typeof dmpPort>;
  const admin = async (method: string, path: string, body?: unknown): Promise<Json> => {
    const res = await fetch(`${sim.adminUrl}${path}`, { method, ...(body ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {}) });
    const text = await res.text();
    assert.ok(res.ok, `${method} ${path}: ${text}`);
    return text ? (JSON.parse(text) as Json) : {};
  };

  before(async () => {
    const pki = await createTestPki();
    sim = await startDmpSimulator({ trust: { vihfCertificates: [pki.signing.cert] }, smtp: false });
    port = dmpPort({ sourceId: '1.2.250.1.213.1.1.9', client: { endpoint: sim.url, signing: { key: pki.signing.key, certificate: pki.signing.cert }, lps: { name: 'dcc-kit', version: '0.1.0', instanceId: 'e2e', homologationId: 'TEST' } } });
    stack = await startStack('pglite', { server: { submissions: { dmp: port, pollMs: 50, retry: { retryDelaySeconds: 1 } } } });
    lefort = new ApiClient(stack.url);
    await lefort.login(DR_LEFORT);
  });
  after(async () => {
    await stack?.close();
    await port?.close();
    await sim?.close();
  });

  const submissionOf = async (id: string, n: number): Promise<Json> => {
    const end = Date.now() + 60_000;
    for (;;) {
      const row = (await lefort.get<Json>(`/documents/${id}/versions/${n}/submissions`)).body.items.find((s: Json) => s.channel === 'dmp');
      if (['accepted', 'refused', 'parked'].includes(row.state)) return row;
      if (Date.now() > end) assert.fail(`still ${row.state}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  test('v1 accepted, v2 replaces it in the DMP', async () => {
    const model = example('pps', '01-');
    const p = model.patient as Json;
    await admin('POST', '/patients', {
      insMatricule: p.ins.value,
      insOid: '1.2.250.1.213.1.4.10',
      traits: { birthFamily: p.birthFamilyName, firstGiven: p.firstBirthGivenName, birthDate: String(p.birthDate).replace(/-/g, ''), sex: p.gender },
    });
    const patient = await lefort.post<Json>('/patients', patientFromModel(model, ICO));
    assert.equal(patient.status, 201, patient.text);
    const { document: _header, ...body } = model;
    const created = await lefort.post<Json>('/documents', { patientId: patient.body.id, type: 'pps', model: body });
    assert.equal(created.status, 201, created.text);
    const id = String(created.body.id);
    let etag = created.headers.get('etag')!;
    const signAndSubmit = async (n: number) => {
      for (const step of ['validate', 'sign', 'submit']) {
        const r = await lefort.post<Json>(`/documents/${id}/versions/${n}/${step}`, undefined, { 'if-match': etag });
        assert.equal(r.status, 200, `${step}: ${r.text.slice(0, 2000)}`);
        etag = r.headers.get('etag')!;
      }
      return (await lefort.get<Json>(`/documents/${id}/versions/${n}`)).body;
    };
    const v1 = await signAndSubmit(1);
    const s1 = await submissionOf(id, 1);
    assert.equal(s1.state, 'accepted', JSON.stringify(s1.reason));

    const v2draft = await lefort.post<Json>(`/documents/${id}/versions`, { model: body, replacementReason: { reason: { code: 'MED-560' }, precision: 'Décalage de la radiothérapie' } }, { 'if-match': etag });
    assert.equal(v2draft.status, 201, v2draft.text);
    etag = v2draft.headers.get('etag')!;
    const v2 = await signAndSubmit(2);
    const s2 = await submissionOf(id, 2);
    assert.equal(s2.state, 'accepted', JSON.stringify(s2.reason));

    const entries = (await admin('GET', `/entries?patientId=${p.ins.value}`)) as Json[];
    assert.equal(entries.find((e) => e.uniqueId === v1.cdaDocumentId)?.status, 'Deprecated');
    assert.equal(entries.find((e) => e.uniqueId === v2.cdaDocumentId)?.status, 'Approved');
    const after1 = (await lefort.get<Json>(`/documents/${id}/versions/1/submissions`)).body.items[0];
    assert.equal(after1.dmp.status, 'Deprecated');
  });
});
