// Nothing typed is lost (over real HTTP, both stores): a draft is never refused for being
// incomplete or for breaking the model's rules — it is saved as typed and the problems come
// back as warnings with their paths —; only a body that is not a document (not an object, an
// unknown field, a field of the wrong JSON type) is refused, with the field path. /validate
// still refuses the draft until it is mended.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DR_LEFORT } from '@dcc-kit/psc-emulator';
import { ApiClient, example, patientFromModel, postgresTarget, startStack, type Stack, type StoreKind } from './testing/harness.js';

const ICO = '492805973';
type Json = Record<string, unknown>;
type Issue = { path: string; code: string };
type Problem = { status: number; errors?: Issue[] };

function suite(kind: StoreKind) {
  const target = kind === 'postgres' ? postgresTarget() : {};
  describe(`draft save (${kind})`, { skip: target.skip ?? false }, () => {
    let stack: Stack;
    let lefort: ApiClient;
    let patientId: string;

    before(async () => {
      stack = await startStack(kind);
      lefort = new ApiClient(stack.url);
      await lefort.login(DR_LEFORT);
      const patient = await lefort.post<Json>('/patients', patientFromModel(example('pps', '01-'), ICO));
      assert.equal(patient.status, 201, patient.text);
      patientId = String(patient.body.id);
    });
    after(async () => stack?.close());

    test('an almost empty draft is saved, with what it lacks as warnings', async () => {
      const model = { patient: { birthFamilyName: 'ROUSSEAU' } };
      const created = await lefort.post<Json & { warnings: Issue[] }>('/documents', { patientId, type: 'pps', model });
      assert.equal(created.status, 201, created.text);
      assert.ok(created.body.warnings.some((w) => w.code === 'required'), created.text.slice(0, 300));
      const v1 = await lefort.get<Json>(`/documents/${String(created.body.id)}/versions/1`);
      assert.deepEqual(v1.body.model, model);
      assert.equal(v1.body.warnings, undefined, 'warnings are said at save, not stored');
      const frcp = await lefort.post<Json & { warnings: Issue[] }>('/documents', { patientId, type: 'frcp', model: {} });
      assert.equal(frcp.status, 201, frcp.text);
      assert.ok(frcp.body.warnings.length > 0);
    });

    test('a draft breaking model rules is saved as typed, with the problems as warnings; /validate refuses it', async () => {
      const pps = example('pps', '01-');
      const created = await lefort.post<Json>('/documents', { patientId, type: 'pps', model: pps });
      assert.equal(created.status, 201, created.text);
      assert.equal(created.body.warnings, undefined, 'a complete draft has none');
      const id = String(created.body.id);
      // What a clinician can type or paste: a value outside its list, a date in French order, a
      // vertical tab pasted from a word processor, a comment over the length bound.
      const typed = structuredClone(pps) as Json & { patient: Json };
      typed.patient.gender = 'X';
      typed.patient.birthDate = '14/06/1973';
      typed.patient.birthFamilyName = 'ROUS\u000bSEAU';
      typed.patientComment = 'x'.repeat(20_001);
      const saved = await lefort.post<Json & { warnings: Issue[] }>(`/documents/${id}/versions`, { model: typed }, { 'if-match': created.headers.get('etag')! });
      assert.equal(saved.status, 201, saved.text.slice(0, 500));
      const warned = new Map(saved.body.warnings.map((w) => [w.path, w.code]));
      assert.equal(warned.get('model.patient.gender'), 'enum');
      assert.ok(warned.has('model.patient.birthDate'), saved.text.slice(0, 500));
      assert.equal(warned.get('model.patient.birthFamilyName'), 'characters');
      assert.equal(warned.get('model.patientComment'), 'too-long');
      const stored = await lefort.get<Json>(`/documents/${id}/versions/2`);
      assert.deepEqual(stored.body.model, typed, 'stored exactly as typed');
      const refused = await lefort.post<Problem>(`/documents/${id}/versions/2/validate`, undefined, { 'if-match': saved.headers.get('etag')! });
      assert.equal(refused.status, 422);
      assert.ok(refused.body.errors?.some((e) => e.path === 'model.patient.gender'), JSON.stringify(refused.body).slice(0, 500));
    });

    test('only what is not a document is refused, with the field path', async () => {
      const notAnObject = await lefort.post<Problem>('/documents', { patientId, type: 'pps', model: 'texte' });
      assert.deepEqual([notAnObject.status, notAnObject.body.errors?.map((e) => e.path)], [400, ['model']]);
      const wrongType = await lefort.post<Problem>('/documents', { patientId, type: 'pps', model: { patient: { birthFamilyName: 12 }, tumours: {} } });
      assert.equal(wrongType.status, 400);
      assert.deepEqual(wrongType.body.errors?.map((e) => `${e.path} ${e.code}`).sort(), ['model.patient.birthFamilyName type', 'model.tumours type']);
      const unknown = await lefort.post<Problem>('/documents', { patientId, type: 'pps', model: { patinet: {} } });
      assert.deepEqual([unknown.status, unknown.body.errors?.map((e) => `${e.path} ${e.code}`)], [400, ['model.patinet unknown-field']]);
    });
  });
}

suite('pglite');
suite('postgres');
