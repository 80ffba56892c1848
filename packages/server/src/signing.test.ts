// Who may sign, and what a failing conformance engine answers. A signature is given by a
// physician (configurable PSC professions) acting for the structure that holds the patient's
// document: a nurse of that structure, or a doctor whose active activity is elsewhere, gets a
// 403 naming the reason. A conformance engine that throws or cannot evaluate a layer is the
// server's failure: 503 `conformance-unavailable` with Retry-After (never 422), the key freed
// for the retry, and a log line naming the error's class and code only. Each store.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DR_LEFORT, IDE_MARCHAND } from '@dcc-kit/psc-emulator';
import type { Validator } from '@dcc-kit/conformance';
import { parsePps } from '@dcc-kit/cda';
import { DocumentChecker } from './services/document-checker.js';
import { ApiClient, example, patientFromModel, postgresTarget, startStack, type Stack, type StoreKind } from './testing/harness.js';

const ICO = '492805973'; // the FINESS of ICO Angers: DR_LEFORT (and her private practice SIRET) and IDE_MARCHAND
type Json = Record<string, unknown>;
type Problem = { type: string; status: number };

/** A checker whose conformance engine is `validator` (the model rules and CDA build stay real). */
class CheckerWith extends DocumentChecker {
  constructor(private readonly engine: Pick<Validator, 'validate'>) {
    super();
  }
  override conformance(): Validator {
    return this.engine as Validator;
  }
}

/** A patient and a PPS (example 01) at ICO, by `client`; gives the document id and ETag. */
async function pps(client: ApiClient): Promise<{ id: string; etag: string }> {
  const model = example('pps', '01-');
  const patient = await client.post<Json>('/patients', patientFromModel(model, ICO));
  assert.equal(patient.status, 201, patient.text);
  const doc = await client.post<Json>('/documents', { patientId: patient.body.id, type: 'pps', model });
  assert.equal(doc.status, 201, doc.text);
  return { id: String(doc.body.id), etag: doc.headers.get('etag')! };
}

function suite(kind: StoreKind) {
  const target = kind === 'postgres' ? postgresTarget() : {};

  describe(`who may sign (${kind})`, { skip: target.skip ?? false }, () => {
    let stack: Stack;
    let lefort: ApiClient;
    let nurse: ApiClient;
    let doc: { id: string; etag: string };

    before(async () => {
      stack = await startStack(kind);
      lefort = new ApiClient(stack.url);
      nurse = new ApiClient(stack.url);
      await lefort.login(DR_LEFORT);
      await nurse.login(IDE_MARCHAND);
      doc = await pps(lefort);
      const validated = await lefort.post(`/documents/${doc.id}/versions/1/validate`, undefined, { 'if-match': doc.etag });
      assert.equal(validated.status, 200, validated.text);
      doc.etag = validated.headers.get('etag')!;
    });
    after(async () => stack?.close());

    test('a nurse of the structure sees the document but may not sign it (403 profession-may-not-sign)', async () => {
      assert.equal((await nurse.get(`/documents/${doc.id}`)).status, 200);
      const r = await nurse.post<Problem>(`/documents/${doc.id}/versions/1/sign`, undefined, { 'if-match': doc.etag });
      assert.equal(r.status, 403);
      assert.match(r.body.type, /\/profession-may-not-sign$/);
      assert.equal((await lefort.get<Json>(`/documents/${doc.id}`)).body.status, 'validated', 'nothing signed');
    });

    test('a doctor acting for her private practice may not sign the hospital’s document (403 not-acting-for-structure); acting for the hospital she may', async () => {
      const session = await lefort.get<{ professional: { activities: Array<{ id: string; structureId: string }> } }>('/auth/session');
      const activities = session.body.professional.activities;
      const practice = activities.find((a) => a.structureId !== ICO)!;
      const hospital = activities.find((a) => a.structureId === ICO)!;
      assert.equal((await lefort.put('/auth/session/activity', { activityId: practice.id })).status, 200);
      const refused = await lefort.post<Problem>(`/documents/${doc.id}/versions/1/sign`, undefined, { 'if-match': doc.etag });
      assert.equal(refused.status, 403);
      assert.match(refused.body.type, /\/not-acting-for-structure$/);
      assert.equal((await lefort.get<Json>(`/documents/${doc.id}`)).body.status, 'validated', 'nothing signed');

      assert.equal((await lefort.put('/auth/session/activity', { activityId: hospital.id })).status, 200);
      const signed = await lefort.post<Json>(`/documents/${doc.id}/versions/1/sign`, undefined, { 'if-match': doc.etag });
      assert.equal(signed.status, 200, signed.text);
      const cda = await lefort.request('GET', `/documents/${doc.id}/versions/1/cda`);
      const parsed = parsePps(cda.text);
      assert.equal(parsed.legalAuthenticator?.professional.idNatPs, DR_LEFORT.userinfo.SubjectNameID);
      assert.equal(parsed.legalAuthenticator?.professional.organization?.idNatStruct, `1${ICO}`, 'signed for the structure holding the document');
    });
  });

  describe(`a failing conformance engine (${kind})`, { skip: target.skip ?? false }, () => {
    let stack: Stack;
    let lefort: ApiClient;
    let mode: 'throw' | 'engine-error' = 'throw';
    const engine: Pick<Validator, 'validate'> = {
      async validate() {
        // The message quotes document content: it must reach neither the client nor the log.
        if (mode === 'throw') throw Object.assign(new TypeError('cannot read ROUSSEAU'), { code: 'ERR_WORKER_EXIT' });
        return {
          valid: false,
          layers: [{ layer: 'xsd', valid: false, errors: [], warnings: [], engineErrors: [{ message: 'xmllint crashed on ROUSSEAU' }] }],
        } as unknown as Awaited<ReturnType<Validator['validate']>>;
      },
    };

    before(async () => {
      stack = await startStack(kind, { server: { checker: new CheckerWith(engine) } });
      lefort = new ApiClient(stack.url);
      await lefort.login(DR_LEFORT);
    });
    after(async () => stack?.close());

    for (const failure of ['throw', 'engine-error'] as const)
      test(`engine ${failure} → 503 conformance-unavailable with Retry-After, the key free for a retry, class and code logged`, async () => {
        mode = failure;
        const doc = failure === 'throw' ? await pps(lefort) : await (async () => {
          const list = await lefort.get<{ items: Json[] }>('/documents');
          const d = list.body.items[0]!;
          return { id: String(d.id), etag: `"${String(d.version)}"` };
        })();
        const headers = { 'if-match': doc.etag, 'idempotency-key': `retry-${failure}` };
        for (let attempt = 0; attempt < 2; attempt++) {
          const r = await lefort.post<Problem>(`/documents/${doc.id}/versions/1/validate`, undefined, headers);
          assert.equal(r.status, 503, r.text);
          assert.match(r.body.type, /\/conformance-unavailable$/);
          assert.equal(r.headers.get('retry-after'), '30');
          assert.doesNotMatch(r.text, /ROUSSEAU/);
        }
        assert.equal((await lefort.get<Json>(`/documents/${doc.id}`)).body.status, 'draft');
        const line = stack.logs.filter((l) => l.route === '/documents/{id}/versions/{n}/validate' && l.status === 503).at(-1);
        assert.equal(line?.error, failure === 'throw' ? 'TypeError ERR_WORKER_EXIT' : 'ConformanceEngineError XSD');
        assert.doesNotMatch(stack.logText(), /ROUSSEAU/);
      });
  });
}

suite('pglite');
suite('postgres');
