// The indicators' SQL against a generated history (issue 14, "What must hold"): seeded random
// documents, versions, validations, signatures and DMP outcomes across months, establishments,
// 3C and channels; the expected figures are computed in plain JavaScript from the events the
// generator wrote, never from the database (testing/indicator-expected.ts). On PGlite and on PostgreSQL.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { migrate, type SqlDriver } from './store/driver.js';
import { openTestDriver, openTestStore, postgresTarget, type StoreKind } from './testing/harness.js';
import { writeHistory, STRUCTURES } from './testing/indicator-data.js';
import { expectedFigures as expected } from './testing/indicator-expected.js';
import { IndicatorsService, parseIndicatorsQuery } from './services/indicators.js';
import { indicatorsCsv } from './services/indicators-csv.js';
import { HttpProblem } from './http.js';

const REGIONAL = '810000000999';
const query = (s: string) => parseIndicatorsQuery(new URLSearchParams(s));

describe('indicators query', () => {
  test('a checked period and filters; each bad parameter named in the problem', () => {
    assert.deepEqual(query('from=2025-11&to=2026-04&finess=2A0000123&center3c=520114'), { from: '2025-11', to: '2026-04', finess: '2A0000123', center3c: '520114' });
    assert.deepEqual(query('from=2026-01&to=2026-01&format=csv'), { from: '2026-01', to: '2026-01' });
    const paths = (s: string) => {
      try {
        query(s);
      } catch (error) {
        assert.ok(error instanceof HttpProblem);
        assert.equal(error.status, 400);
        return error.errors!.map((e) => `${e.path}:${e.code}`);
      }
      assert.fail(`${s} was accepted`);
    };
    assert.deepEqual(paths(''), ['from:required', 'to:required']);
    assert.deepEqual(paths('from=2026-13&to=26-01'), ['from:format', 'to:format']);
    assert.deepEqual(paths('from=2026-04&to=2026-03'), ['to:range']);
    assert.deepEqual(query('from=2023-01&to=2025-12'), { from: '2023-01', to: '2025-12' }, 'exactly 36 months');
    assert.deepEqual(paths('from=2023-01&to=2026-01'), ['to:range']);
    assert.deepEqual(paths('from=2026-01&to=2026-02&finess=12345678&center3c=a%20b&format=xml'), ['finess:format', 'center3c:format', 'format:enum']);
    assert.deepEqual(paths('from=2026-01&from=2026-02&to=2026-03'), ['from:duplicate']);
  });
});

for (const kind of ['pglite', 'postgres'] as StoreKind[]) {
  const skip = kind === 'postgres' ? (postgresTarget().skip ?? false) : false;
  describe(`indicators on a generated history (${kind})`, { skip }, () => {
    test('every group, month total and filter matches the figures computed from the generated events', async () => {
      const store = await openTestStore(kind);
      try {
        // 2025-09-15 → 2026-06-15 (Paris): events before, inside and after the asked period.
        const history = await store.driver.transaction((tx) =>
          writeHistory(tx, { seed: 14, documents: 260, start: new Date('2025-09-15T00:00:00Z'), spanMs: 273 * 86_400_000 }),
        );
        // Around a month boundary in Paris: 22:30 UTC on 31 March is 00:30 on 1 April.
        const regional = new IndicatorsService(store.indicators, new Set([REGIONAL]), () => new Date('2026-06-01T08:00:00Z'));
        const everyone = { idNatPs: REGIONAL, structures: [] };
        const q = { from: '2025-11', to: '2026-04' };
        const report = await regional.report(q, everyone);
        const want = expected(history, q);
        assert.ok(want.rows.length > 40, `a varied history (${want.rows.length} groups)`);
        assert.ok(want.rows.some((r) => r.deposited > 0) && want.rows.some((r) => r.refused > 0) && want.rows.some((r) => r.center3c === null));
        assert.ok(want.rows.some((r) => r.channel === 'connector') && want.rows.some((r) => r.finess === '2A0000123'));
        assert.deepEqual(report.rows, want.rows);
        assert.deepEqual(report.months, want.months);
        assert.equal(report.months.length, 12, '6 months × 2 volets, zeros included');
        assert.deepEqual(report.period, q);
        assert.equal(report.generatedAt, '2026-06-01T08:00:00.000Z');
        // Filters: the labels of every establishment and 3C of the data, whatever the filter.
        assert.deepEqual(report.establishments.map((e) => e.finess), [...new Set(history.documents.map((d) => d.finess))].sort());
        assert.equal(report.establishments.find((e) => e.finess === '445075658')?.name, 'CHU de Nantes');
        assert.deepEqual(report.centers3c.map((c) => c.id), [...new Set(history.documents.flatMap((d) => (d.center3c ? [d.center3c] : [])))].sort());
        assert.equal(report.centers3c.find((c) => c.id === '520200')?.name, '3C Gironde');
        for (const filter of [{ finess: '445075658' }, { center3c: '520114' }, { finess: '492805973', center3c: '1494809312' }]) {
          const fq = { ...q, ...filter };
          const filtered = await regional.report(fq, everyone);
          assert.deepEqual(filtered.rows, expected(history, fq).rows, JSON.stringify(filter));
          assert.deepEqual(filtered.months, expected(history, fq).months, JSON.stringify(filter));
          assert.deepEqual(filtered.filters, filter);
        }
        // One month; and a period with no data: months of zeros, no rows.
        assert.deepEqual((await regional.report({ from: '2026-04', to: '2026-04' }, everyone)).rows, expected(history, { from: '2026-04', to: '2026-04' }).rows);
        const empty = await regional.report({ from: '2024-01', to: '2024-03' }, everyone);
        assert.deepEqual(empty.rows, []);
        assert.ok(empty.months.every((m) => m.created + m.validated + m.signed + m.deposited + m.refused + m.professionals + m.connector + m.editor === 0));
        // A professional who is not a regional reader sees the documents of their structures only.
        const local = await regional.report(q, { idNatPs: '810100000001', structures: [STRUCTURES[1]] });
        assert.deepEqual(local.rows, expected(history, q, [STRUCTURES[1]]).rows);
        assert.deepEqual(local.months, expected(history, q, [STRUCTURES[1]]).months);
        assert.ok(local.rows.length < report.rows.length);
        assert.deepEqual((await regional.report(q, { idNatPs: '810100000001', structures: ['999999999'] })).rows, []);
        // The CSV carries the same rows.
        const csv = indicatorsCsv(report);
        assert.ok(csv.startsWith('\uFEFFMois;FINESS établissement;'));
        assert.equal(csv.split('\r\n').length, report.rows.length + 2, 'header, one line per row, final CRLF');
      } finally {
        await store.close();
      }
    });

    test('the store records the facts: model → establishment and 3C (current version), channel, validation, DMP outcomes', async () => {
      const store = await openTestStore(kind);
      try {
        const connector = { idNatPs: '810209801199', structures: ['492805973'], requestId: 'r1', channel: 'connector' as const };
        const editor = { ...connector, requestId: 'r2', channel: 'editor' as const };
        const p = await store.patients.create({ ins: { value: '273064900708440', oid: '1.2.250.1.213.1.4.10' }, identityStatus: 'qualified', traits: { birthName: 'X', firstNames: ['Y'], birthDate: '1970-01-01', sex: 'F' }, structureId: '492805973' }, connector);
        assert.ok(p.ok);
        const ppsModel = { custodian: { idNatStruct: '1330000001', name: 'Établissement A' }, careNetwork: { coordinationCentre3C: { organization: { idNatStruct: '1494809312', name: '3C ICO' } } } };
        const draft = await store.documents.create({ patientId: p.value.id, type: 'pps', setId: 'S1', model: {} }, connector);
        const frcp = await store.documents.create({ patientId: p.value.id, type: 'frcp', setId: 'S2', model: { custodian: { idNatStruct: '3492318746000' }, meeting: { managerId: '520114', denomination: 'ONCO PDL / 3C ICO-CHU Angers / Sein' } } }, editor);
        assert.ok(draft.ok && frcp.ok);
        const facts = async (id: string) =>
          (await store.driver.query('SELECT finess, establishment_name, center3c, center3c_name, channel FROM documents WHERE id = $1', [id]))[0];
        assert.deepEqual({ ...(await facts(draft.value.id)) }, { finess: '492805973', establishment_name: null, center3c: null, center3c_name: null, channel: 'connector' });
        assert.deepEqual({ ...(await facts(frcp.value.id)) }, { finess: '492805973', establishment_name: null, center3c: '520114', center3c_name: '3C ICO-CHU Angers', channel: 'editor' });
        const v2 = await store.documents.addVersion(draft.value.id, 1, editor, () => ({ model: ppsModel, action: 'document.version.create' }));
        assert.ok(v2.ok);
        assert.deepEqual({ ...(await facts(draft.value.id)) }, { finess: '330000001', establishment_name: 'Établissement A', center3c: '1494809312', center3c_name: '3C ICO', channel: 'connector' });
        const validation = { valid: true, layers: [], checkedAt: new Date().toISOString() };
        const validated = await store.documents.transition(draft.value.id, 2, 2, { from: ['draft'], to: 'validated', action: 'document.validate', validation }, { ...editor, idNatPs: '810100000002' });
        assert.ok(validated.ok);
        const again = await store.documents.transition(draft.value.id, 2, 3, { from: ['validated'], to: 'validated', action: 'document.validate', validation }, { ...editor, idNatPs: '810100000003' });
        assert.ok(again.ok);
        const [v] = await store.driver.query('SELECT validated_at, validated_by FROM document_versions WHERE document_id = $1 AND number = 2', [draft.value.id]);
        assert.ok(v!.validated_at instanceof Date);
        assert.equal(v!.validated_by, '810100000002', 'the first validation is kept');
        // A submission's first acceptance / refusal is stamped whichever code changes its state.
        await store.driver.query(
          `INSERT INTO dmp_submissions (id, document_id, version_number, structure_id, patient_id, set_id, channel, state, visibility, entry_uuid, submission_set_id, requested_by, created_at, updated_at)
           VALUES (gen_random_uuid(), $1, 2, '492805973', $2, 'S1', 'dmp', 'queued', '{}', 'e', 's', '810100000002', now(), now())`,
          [draft.value.id, p.value.id],
        );
        const outcome = async () => (await store.driver.query('SELECT accepted_at, refused_at FROM dmp_submissions WHERE document_id = $1', [draft.value.id]))[0]!;
        assert.deepEqual({ ...(await outcome()) }, { accepted_at: null, refused_at: null });
        await store.driver.query(`UPDATE dmp_submissions SET state = 'refused' WHERE document_id = $1`, [draft.value.id]);
        const refused = await outcome();
        assert.ok(refused.refused_at instanceof Date && refused.accepted_at === null);
        await store.driver.query(`UPDATE dmp_submissions SET state = 'accepted' WHERE document_id = $1`, [draft.value.id]);
        const accepted = await outcome();
        assert.ok(accepted.accepted_at instanceof Date);
        assert.equal((accepted.refused_at as Date).getTime(), (refused.refused_at as Date).getTime(), 'the refusal stays recorded');
      } finally {
        await store.close();
      }
    });

    test('migration 006 backfills rows written before it: facts from the current version, validation from the audit, DMP outcomes from the events', async () => {
      const driver: SqlDriver = await openTestDriver(kind);
      try {
        await migrate(driver, { through: 5 });
        const [p, d, sub] = [randomUUID(), randomUUID(), randomUUID()];
        await driver.query(`INSERT INTO patients (id, structure_id, ins_value, ins_oid, identity_status, data, version, created_at, updated_at) VALUES ($1, '338521651', '1', '1.2', 'qualified', '{}'::jsonb, 1, now(), now())`, [p]);
        await driver.query(`INSERT INTO documents (id, patient_id, structure_id, type, set_id, current_version, status, version, created_at, updated_at) VALUES ($1, $2, '338521651', 'frcp', 'S', 2, 'submitted', 3, now(), now())`, [d, p]);
        await driver.query(`INSERT INTO document_versions (document_id, number, model, created_at, created_by, status) VALUES ($1, 1, '{}'::jsonb, now(), 'a', 'draft')`, [d]);
        await driver.query(
          `INSERT INTO document_versions (document_id, number, model, created_at, created_by, status, validation, signed_at, signed_by) VALUES ($1, 2, $2::jsonb, now(), 'a', 'submitted', '{"checkedAt":"2026-02-03T10:00:00.000Z"}'::jsonb, now(), 'b')`,
          [d, JSON.stringify({ custodian: { idNatStruct: '1445075658', name: 'CHU de Nantes' }, meeting: { managerId: '520200', denomination: 'ONCO / 3C Gironde / Sein' } })],
        );
        await driver.query(
          `INSERT INTO audit_events (at, actor, action, resource_type, resource_id, version, request_id, structure_id, patient_id, document_id) VALUES
             ('2026-02-01T09:00:00Z', 'v1', 'document.validate', 'document', $1::text, 2, 'r', '338521651', $2::uuid, $3::uuid),
             ('2026-02-02T09:00:00Z', 'v2', 'document.validate', 'document', $1::text, 2, 'r', '338521651', $2::uuid, $3::uuid)`,
          [d, p, d],
        );
        await driver.query(
          `INSERT INTO dmp_submissions (id, document_id, version_number, structure_id, patient_id, set_id, channel, state, visibility, entry_uuid, submission_set_id, requested_by, created_at, updated_at)
           VALUES ($1, $2, 2, '338521651', $3, 'S', 'dmp', 'accepted', '{}', 'e', 's', 'b', now(), '2026-03-09T00:00:00Z')`,
          [sub, d, p],
        );
        await driver.query(
          `INSERT INTO submission_events (at, structure_id, submission_id, document_id, version_number, channel, state, kind) VALUES ('2026-03-01T08:00:00Z', '338521651', $1, $2, 2, 'dmp', 'accepted', 'state')`,
          [sub, d],
        );
        assert.deepEqual(await migrate(driver), ['006_indicators.sql', '007_idempotency_holder.sql', '008_indicator_document_months.sql']); // 006 and the migrations after it
        const [doc] = await driver.query('SELECT finess, establishment_name, center3c, center3c_name, channel FROM documents WHERE id = $1', [d]);
        assert.deepEqual({ ...doc }, { finess: '445075658', establishment_name: 'CHU de Nantes', center3c: '520200', center3c_name: '3C Gironde', channel: 'editor' });
        const versions = await driver.query('SELECT number, validated_at, validated_by FROM document_versions WHERE document_id = $1 ORDER BY number', [d]);
        assert.deepEqual(versions.map((v) => [v.number, v.validated_at === null ? null : (v.validated_at as Date).toISOString(), v.validated_by]), [
          [1, null, null],
          [2, '2026-02-01T09:00:00.000Z', 'v1'],
        ]);
        const [outcome] = await driver.query('SELECT accepted_at, refused_at FROM dmp_submissions WHERE id = $1', [sub]);
        assert.deepEqual([(outcome!.accepted_at as Date).toISOString(), outcome!.refused_at], ['2026-03-01T08:00:00.000Z', null]);
      } finally {
        await driver.close();
      }
    });
  });
}
