// A signed document takes a new version that replaces it (dmp-mes.md §2.3): same setId,
// versionNumber + 1, relatedDocument RPLC/parentDocument/id = the signed CDA's id, the update
// reason given by the client and nothing else of the header. The signed version stays signed and
// unchanged. Each store; the CDAs go through the seven layers at /validate and /sign.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { DR_LEFORT } from '@dcc-kit/psc-emulator';
import { buildWithModel, isOid, parseFrcp, parsePps, uuidToOid } from '@dcc-kit/cda';
import { replacementTarget } from './services/document-lifecycle.js';
import { migrate, type SqlDriver } from './store/driver.js';
import type { VersionRecord } from './store/records.js';
import { ApiClient, checker, example, openTestDriver, patientFromModel, postgresTarget, startStack, type Stack, type StoreKind } from './testing/harness.js';

const ICO = '492805973';
type Json = Record<string, unknown>;
type Issue = { path: string; code: string };
type Problem = { type: string; status: number; errors?: Issue[] };
/** A version as the API answers it: the stored record's fields, its model and validation as JSON. */
type VersionBody = Pick<VersionRecord, 'number' | 'status' | 'cdaDocumentId' | 'cdaSetId' | 'cdaVersionNumber' | 'replacesVersion' | 'replacesCdaDocumentId' | 'replacementReason'> & {
  model: { document?: Json; status?: Json };
  validation?: { valid: boolean; layers: unknown[] };
};

/** The example's model without its header ids (a replacement's are the server's to set). */
function bodyOf(volet: 'pps' | 'frcp', prefix: string): Json {
  const model = example(volet, prefix);
  delete model.document;
  return model;
}

const rplcParent = (xml: string) => /<relatedDocument typeCode="RPLC"><parentDocument><id root="([^"]+)"\/>/.exec(xml)?.[1];

test('replacementTarget: from the stored facts, or from the CDA when they were not backfilled (UUID ids named in their 2.25 form)', () => {
  const model = example('pps', '02-'); // its id and setId are UUIDs
  const header = model.document as { id: { root: string }; setId: { root: string } };
  const { xml } = buildWithModel('pps', model, { now: () => new Date('2025-01-15T09:00:00Z'), newId: () => randomUUID() });
  // A CDA signed before 2.25 ids carried the UUIDs themselves.
  const legacy = xml.replace(`<id root="${uuidToOid(header.id.root)}"/>`, `<id root="${header.id.root}"/>`).replace(`<setId root="${uuidToOid(header.setId.root)}"/>`, `<setId root="${header.setId.root}"/>`);
  assert.notEqual(legacy, xml);
  assert.deepEqual(replacementTarget({ number: 4, header: {}, cda: legacy }), {
    replacesVersion: 4,
    replacesCdaDocumentId: uuidToOid(header.id.root),
    setId: uuidToOid(header.setId.root),
    versionNumber: 2,
  });
  assert.deepEqual(replacementTarget({ number: 2, header: { documentId: '1.2.3^X', setId: '2.25.7', versionNumber: 5 }, cda: '' }), {
    replacesVersion: 2,
    replacesCdaDocumentId: '1.2.3^X',
    setId: '2.25.7',
    versionNumber: 6,
  });
});

function suite(kind: StoreKind) {
  const target = kind === 'postgres' ? postgresTarget() : {};

  describe(`replacement of a signed version (${kind})`, { skip: target.skip ?? false }, () => {
    let stack: Stack;
    let lefort: ApiClient;
    before(async () => {
      stack = await startStack(kind);
      lefort = new ApiClient(stack.url);
      await lefort.login(DR_LEFORT);
    });
    after(async () => stack?.close());

    /** validate then sign version n; gives the signed version and the new ETag. */
    async function validateAndSign(id: string, n: number, etag: string): Promise<{ version: VersionBody; etag: string }> {
      const validated = await lefort.post<VersionBody>(`/documents/${id}/versions/${n}/validate`, undefined, { 'if-match': etag });
      assert.equal(validated.status, 200, validated.text.slice(0, 3000));
      const signed = await lefort.post<VersionBody>(`/documents/${id}/versions/${n}/sign`, undefined, { 'if-match': validated.headers.get('etag')! });
      assert.equal(signed.status, 200, signed.text.slice(0, 3000));
      assert.equal(signed.body.validation?.valid, true);
      assert.equal(signed.body.validation?.layers.length, 7, 'the signed CDA went through the seven layers');
      return { version: signed.body, etag: signed.headers.get('etag')! };
    }

    test('PPS: v1 signed → replacement with its reason → signed v2 with the same setId, versionNumber 2, RPLC to v1', async () => {
      const model = example('pps', '01-');
      const patient = await lefort.post<Json>('/patients', patientFromModel(model, ICO));
      assert.equal(patient.status, 201, patient.text);
      // No setId in the model: the server's is a 2.25 OID.
      const created = await lefort.post<Json>('/documents', { patientId: patient.body.id, type: 'pps', model: bodyOf('pps', '01-') });
      assert.equal(created.status, 201, created.text);
      const id = String(created.body.id);
      const setId = String(created.body.setId);
      assert.ok(isOid(setId) && setId.startsWith('2.25.'), 'a new document has a 2.25 setId');

      const v1 = await validateAndSign(id, 1, created.headers.get('etag')!);
      assert.equal(v1.version.cdaSetId, setId);
      assert.equal(v1.version.cdaVersionNumber, 1);
      assert.ok(v1.version.cdaDocumentId?.startsWith('2.25.') && isOid(v1.version.cdaDocumentId));
      const v1Cda = (await lefort.get(`/documents/${id}/versions/1/cda`)).text;
      assert.ok(v1Cda.includes(`<id root="${v1.version.cdaDocumentId}"/>`));

      const path = `/documents/${id}/versions`;
      // Without a reason: 422 naming the field; nothing written.
      const noReason = await lefort.post<Problem>(path, { model: bodyOf('pps', '01-') }, { 'if-match': v1.etag });
      assert.equal(noReason.status, 422, noReason.text);
      assert.match(noReason.body.type, /\/replacement-reason-required$/);
      assert.deepEqual(noReason.body.errors?.map((e) => e.path), ['replacementReason']);
      // A reason outside JDV_MotifMiseAJour_CISIS.
      const badReason = await lefort.post<Problem>(path, { model: bodyOf('pps', '01-'), replacementReason: { reason: { code: 'NOPE' } } }, { 'if-match': v1.etag });
      assert.equal(badReason.status, 422);
      assert.deepEqual(badReason.body.errors?.map((e) => e.path), ['replacementReason.reason.code']);
      // The header fields are the server's: a contradicting value is refused with its path.
      const reason = { reason: { code: 'MED-560' }, precision: 'Décalage de la radiothérapie' };
      const contradicting = {
        ...bodyOf('pps', '01-'),
        document: { setId: { root: randomUUID() }, versionNumber: 1, replaces: { root: '1.2.250.1.999.1' }, id: { root: v1.version.cdaDocumentId } },
      };
      const mismatch = await lefort.post<Problem>(path, { model: contradicting, replacementReason: reason }, { 'if-match': v1.etag });
      assert.equal(mismatch.status, 422, mismatch.text);
      assert.deepEqual(mismatch.body.errors?.map((e) => e.path).sort(), ['model.document.id', 'model.document.replaces', 'model.document.setId', 'model.document.versionNumber']);
      // A stale If-Match: 412.
      const stale = await lefort.post<Problem>(path, { model: bodyOf('pps', '01-'), replacementReason: reason }, { 'if-match': created.headers.get('etag')! });
      assert.equal(stale.status, 412);
      assert.equal((await lefort.get<Json>(`/documents/${id}`)).body.currentVersion, 1, 'no refused request wrote a version');

      // The replacement: values that agree with the signed version are accepted (a UUID setId in its 2.25 form).
      const agreeing = { ...bodyOf('pps', '01-'), document: { setId: { root: setId }, versionNumber: 2 } };
      const v2 = await lefort.post<VersionBody>(path, { model: agreeing, replacementReason: reason }, { 'if-match': v1.etag });
      assert.equal(v2.status, 201, v2.text);
      assert.equal(v2.body.number, 2);
      assert.deepEqual(
        [v2.body.replacesVersion, v2.body.replacesCdaDocumentId, v2.body.cdaVersionNumber, v2.body.cdaSetId, v2.body.cdaDocumentId],
        [1, v1.version.cdaDocumentId, 2, setId, undefined],
      );
      assert.equal(v2.body.replacementReason?.reason.code, 'MED-560');
      assert.ok(v2.body.replacementReason?.reason.displayName, 'completed from the value set');
      assert.deepEqual(v2.body.model.document, { setId: { root: setId }, versionNumber: 2, replaces: { root: v1.version.cdaDocumentId } });
      assert.equal((v2.body.model.status?.updateReason as { reason: { code: string } }).reason.code, 'MED-560', 'the PPS carries the reason');
      const audit = await stack.store.driver.query<{ action: string }>(`SELECT action FROM audit_events WHERE document_id = $1 AND version = 2`, [id]);
      assert.deepEqual(audit.map((a) => a.action), ['document.version.replace']);

      // The old signed version stays signed and unchanged.
      const old = await lefort.get<VersionBody>(`/documents/${id}/versions/1`);
      assert.deepEqual([old.body.status, old.body.cdaDocumentId, old.body.cdaVersionNumber], ['signed', v1.version.cdaDocumentId, 1]);
      assert.equal((await lefort.get(`/documents/${id}/versions/1/cda`)).text, v1Cda);
      await assert.rejects(stack.store.driver.query(`UPDATE document_versions SET cda_document_id = 'x' WHERE document_id = $1 AND number = 1`, [id]), /immutable/);
      await assert.rejects(stack.store.driver.query(`UPDATE document_versions SET replaces_version = NULL WHERE document_id = $1 AND number = 2`, [id]), /immutable/);

      // A further draft before signing again keeps the target and the reason (no reason needed).
      const v3 = await lefort.post<VersionBody>(path, { model: bodyOf('pps', '01-') }, { 'if-match': v2.headers.get('etag')! });
      assert.equal(v3.status, 201, v3.text);
      assert.deepEqual([v3.body.replacesVersion, v3.body.cdaVersionNumber, v3.body.replacementReason?.reason.code], [1, 2, 'MED-560']);
      const audit3 = await stack.store.driver.query<{ action: string }>(`SELECT action FROM audit_events WHERE document_id = $1 AND version = 3`, [id]);
      assert.deepEqual(audit3.map((a) => a.action), ['document.version.create']);

      const signed = await validateAndSign(id, 3, v3.headers.get('etag')!);
      assert.deepEqual([signed.version.cdaSetId, signed.version.cdaVersionNumber, signed.version.replacesCdaDocumentId], [setId, 2, v1.version.cdaDocumentId]);
      assert.notEqual(signed.version.cdaDocumentId, v1.version.cdaDocumentId);
      const cda = (await lefort.get(`/documents/${id}/versions/3/cda`)).text;
      const parsed = parsePps(cda);
      assert.deepEqual(parsed.document?.setId, { root: setId });
      assert.equal(parsed.document?.versionNumber, 2);
      assert.deepEqual(parsed.document?.replaces, { root: v1.version.cdaDocumentId });
      assert.deepEqual(parsed.document?.id, { root: signed.version.cdaDocumentId });
      assert.equal(rplcParent(cda), v1.version.cdaDocumentId);
      assert.equal(parsed.status.updateReason?.reason.code, 'MED-560');
      // The stored v2 CDA, as the DMP will get it, judged again by the kit's seven layers.
      const verdict = await checker().conformance().validate(cda, { volet: 'pps', name: 'v2.xml' });
      assert.deepEqual([verdict.valid, verdict.layers.length], [true, 7], JSON.stringify(verdict.layers.flatMap((l) => l.errors)).slice(0, 2000));

      // The next replacement replaces v3 (versionNumber 3); v1 and v3 both stay signed.
      const v4 = await lefort.post<VersionBody>(path, { model: bodyOf('pps', '01-'), replacementReason: { reason: { code: '263855007' } } }, { 'if-match': signed.etag });
      assert.equal(v4.status, 201, v4.text);
      assert.deepEqual([v4.body.replacesVersion, v4.body.replacesCdaDocumentId, v4.body.cdaVersionNumber], [3, signed.version.cdaDocumentId, 3]);
      const list = await lefort.get<{ items: VersionBody[] }>(path);
      assert.deepEqual(list.body.items.map((v) => [v.number, v.status, v.replacesVersion ?? null]), [[4, 'draft', 3], [3, 'signed', 1], [2, 'draft', 1], [1, 'signed', null]]);
    });

    test('FRCP: the reason lives on the server version (no place in the CDA); the signed v2 names v1 and passes the seven layers', async () => {
      const model = example('frcp', '02-');
      const patient = await lefort.post<Json>('/patients', patientFromModel(model, ICO));
      assert.equal(patient.status, 201, patient.text);
      // The example gives its setId as a UUID: the document's setId is its 2.25 form, the one the CDA carries.
      const givenSetId = (model.document as { setId: { root: string } }).setId.root;
      const created = await lefort.post<Json>('/documents', { patientId: patient.body.id, type: 'frcp', model });
      assert.equal(created.status, 201, created.text);
      const id = String(created.body.id);
      assert.equal(created.body.setId, uuidToOid(givenSetId));
      const v1 = await validateAndSign(id, 1, created.headers.get('etag')!);
      assert.equal(v1.version.cdaSetId, uuidToOid(givenSetId));

      const noReason = await lefort.post<Problem>(`/documents/${id}/versions`, { model: bodyOf('frcp', '02-') }, { 'if-match': v1.etag });
      assert.deepEqual([noReason.status, noReason.body.errors?.map((e) => e.path)], [422, ['replacementReason']]);
      const v2 = await lefort.post<VersionBody>(`/documents/${id}/versions`, { model: bodyOf('frcp', '02-'), replacementReason: { reason: { code: 'MED-560' } } }, { 'if-match': v1.etag });
      assert.equal(v2.status, 201, v2.text);
      assert.deepEqual(v2.body.model.status, bodyOf('frcp', '02-').status, 'nothing added to the FRCP model but its header');
      const signed = await validateAndSign(id, 2, v2.headers.get('etag')!);
      const cda = (await lefort.get(`/documents/${id}/versions/2/cda`)).text;
      const parsed = parseFrcp(cda);
      assert.deepEqual([parsed.document?.setId?.root, parsed.document?.versionNumber, parsed.document?.replaces?.root], [uuidToOid(givenSetId), 2, v1.version.cdaDocumentId]);
      assert.equal(signed.version.replacementReason?.reason.code, 'MED-560');
    });

    test('a reason on a document that was never signed is refused (nothing to replace)', async () => {
      const model = example('pps', '04-');
      const patient = await lefort.post<Json>('/patients', patientFromModel(model, ICO));
      const created = await lefort.post<Json>('/documents', { patientId: patient.body.id, type: 'pps', model: bodyOf('pps', '04-') });
      const r = await lefort.post<Problem>(`/documents/${created.body.id}/versions`, { model: bodyOf('pps', '04-'), replacementReason: { reason: { code: 'MED-560' } } }, {
        'if-match': created.headers.get('etag')!,
      });
      assert.deepEqual([r.status, r.body.errors?.map((e) => e.path)], [422, ['replacementReason']]);
      const plain = await lefort.post<VersionBody>(`/documents/${created.body.id}/versions`, { model: bodyOf('pps', '04-') }, { 'if-match': created.headers.get('etag')! });
      assert.equal(plain.status, 201);
      assert.equal(plain.body.replacesVersion, undefined);
    });
  });

  describe(`migration 003 backfills signed versions from their CDA (${kind})`, { skip: target.skip ?? false }, () => {
    test('cda_document_id, cda_set_id and cda_version_number read from the stored CDA; unsigned rows untouched', async () => {
      const driver: SqlDriver = await openTestDriver(kind);
      try {
        await migrate(driver, { through: 2 });
        const [p, d] = [randomUUID(), randomUUID()];
        await driver.query(
          `INSERT INTO patients (id, structure_id, ins_value, ins_oid, identity_status, data, version, created_at, updated_at) VALUES ($1, 's', '1', '1.2', 'qualified', '{}'::jsonb, 1, now(), now())`,
          [p],
        );
        await driver.query(
          `INSERT INTO documents (id, patient_id, structure_id, type, set_id, current_version, status, version, created_at, updated_at) VALUES ($1, $2, 's', 'pps', 'S', 2, 'draft', 1, now(), now())`,
          [d, p],
        );
        const cda = (id: string, ext: string) =>
          `<ClinicalDocument xmlns="urn:hl7-org:v3"><templateId root="1.2.250.1.213.1.1.1.1"/><id root="${id}"${ext}/><setId root="1.2.3" extension="S"/><versionNumber value="4"/></ClinicalDocument>`;
        await driver.query(
          `INSERT INTO document_versions (document_id, number, model, created_at, created_by, status, cda, signed_at, signed_by) VALUES ($1, 1, '{}'::jsonb, now(), 'x', 'signed', $2, now(), 'x')`,
          [d, cda('2.25.42', ' extension="E1"')],
        );
        await driver.query(`INSERT INTO document_versions (document_id, number, model, created_at, created_by, status, cda) VALUES ($1, 2, '{}'::jsonb, now(), 'x', 'validated', $2)`, [
          d,
          cda('2.25.43', ''),
        ]);
        // An escaped character the patterns do not decode: left NULL (the server parses that CDA when it needs it).
        await driver.query(
          `INSERT INTO document_versions (document_id, number, model, created_at, created_by, status, cda, signed_at, signed_by) VALUES ($1, 3, '{}'::jsonb, now(), 'x', 'signed', $2, now(), 'x')`,
          [d, cda('2.25.44', ' extension="A&amp;B"')],
        );
        assert.deepEqual(await migrate(driver), ['003_replacements.sql', '004_dmp_submissions.sql', '005_identity_lifecycle.sql', '006_indicators.sql', '007_idempotency_holder.sql', '008_indicator_document_months.sql']); // 003 and the migrations after it
        const rows = await driver.query<Json>('SELECT number, cda_document_id, cda_set_id, cda_version_number FROM document_versions WHERE document_id = $1 ORDER BY number', [d]);
        assert.deepEqual(
          rows.map((r) => [r.number, r.cda_document_id, r.cda_set_id, r.cda_version_number]),
          [
            [1, '2.25.42^E1', '1.2.3^S', 4],
            [2, null, null, null],
            [3, null, null, null],
          ],
        );
      } finally {
        await driver.close();
      }
    });
  });
}

suite('pglite');
suite('postgres');
