// The indicators' per-document rows (migration 008) stay exactly what the source tables say:
// after a generated history, after writes through the repositories (a document created, a later
// version naming another establishment and 3C, validations), replacements, DMP state changes,
// moved moments and deletes, the two tables equal the `*_recomputed` views (the same rows
// computed from documents, versions and submissions); the backfill of a store written before 008
// gives the figures computed in plain JavaScript; concurrent writes lose no count; and, on
// PostgreSQL, a signature held open after its writes does not hold another signature of the
// same establishment and month (no row is shared between documents on the write path).
// On PGlite and on PostgreSQL.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { migrate, type SqlDriver, type SqlExecutor } from './store/driver.js';
import { IndicatorsRepository, INDICATOR_LABELS_SQL } from './store/indicators-repository.js';
import { openTestDriver, openTestStore, postgresTarget, type StoreKind } from './testing/harness.js';
import { writeHistory } from './testing/indicator-data.js';
import { expectedFigures } from './testing/indicator-expected.js';
import { IndicatorsService } from './services/indicators.js';

const KEPT: ReadonlyArray<readonly [string, string]> = [
  ['indicator_document_months', 'document_id, month, structure_id, finess, center3c, volet, channel, events, created, validated, signed, deposited, refused'],
  ['indicator_document_month_professionals', 'document_id, month, professional, structure_id, finess, center3c, volet, channel, events'],
];

// The filters' labels as a plain GROUP BY over every document (what INDICATOR_LABELS_SQL's index
// probes must give).
const LABELS_BY_SCAN = `
SELECT 'finess' AS kind, finess AS id, max(establishment_name) AS name FROM documents
 WHERE finess IS NOT NULL AND ($1::text[] IS NULL OR structure_id = ANY($1::text[])) GROUP BY finess
UNION ALL
SELECT '3c', center3c, max(center3c_name) FROM documents
 WHERE center3c IS NOT NULL AND ($1::text[] IS NULL OR structure_id = ANY($1::text[])) GROUP BY center3c
ORDER BY 1, 2`;

/** Each kept table holds exactly the rows of its `_recomputed` view (both differences empty); the labels equal a scan's. */
async function assertRollupExact(db: SqlExecutor, when: string): Promise<void> {
  for (const structures of [null, ['492805973'], ['338521651'], ['000000000']]) {
    const probed = (await db.query(INDICATOR_LABELS_SQL, [structures])).map((r) => ({ ...r }));
    const scanned = (await db.query(LABELS_BY_SCAN, [structures])).map((r) => ({ ...r }));
    assert.deepEqual(probed, scanned, `${when}: labels for ${JSON.stringify(structures)}`);
  }
  for (const [table, columns] of KEPT) {
    const extra = await db.query(`SELECT ${columns} FROM ${table} EXCEPT ALL SELECT ${columns} FROM ${table}_recomputed`);
    const missing = await db.query(`SELECT ${columns} FROM ${table}_recomputed EXCEPT ALL SELECT ${columns} FROM ${table}`);
    assert.deepEqual([extra.length, missing.length], [0, 0], `${when}: ${table} differs from its recomputation: ${JSON.stringify({ extra: extra.slice(0, 3), missing: missing.slice(0, 3) })}`);
  }
  const [counts] = await db.query('SELECT (SELECT count(*) FROM indicator_document_months)::integer AS m, (SELECT count(*) FROM indicator_document_months WHERE events <= 0)::integer AS empty');
  assert.ok(Number(counts!.m) > 0, `${when}: rows exist`);
  assert.equal(Number(counts!.empty), 0, `${when}: no row without an event`);
}

const MODEL_A = { custodian: { idNatStruct: '1330000001', name: 'Établissement A' }, careNetwork: { coordinationCentre3C: { organization: { idNatStruct: '1494809312', name: '3C ICO' } } } };
const MODEL_B = { custodian: { idNatStruct: '1445075658', name: 'CHU de Nantes' }, careNetwork: { coordinationCentre3C: { organization: { idNatStruct: '1330000009', name: '3C Nantes' } } } };

for (const kind of ['pglite', 'postgres'] as StoreKind[]) {
  const skip = kind === 'postgres' ? (postgresTarget().skip ?? false) : false;
  describe(`indicator document months (${kind})`, { skip }, () => {
    test('kept exact under new versions, facts moving groups, replacements, DMP state changes, moved moments and deletes', async () => {
      const store = await openTestStore(kind);
      const db = store.driver;
      try {
        await db.transaction((tx) => writeHistory(tx, { seed: 8, documents: 150, start: new Date('2025-10-20T00:00:00Z'), spanMs: 120 * 86_400_000 }));
        await assertRollupExact(db, 'generated history');

        // Through the repositories, as the routes write.
        const actor = { idNatPs: '810100000001', structures: ['492805973'], requestId: 'r', channel: 'connector' as const };
        const p = await store.patients.create({ ins: { value: '273064900708440', oid: '1.2.250.1.213.1.4.10' }, identityStatus: 'qualified', traits: { birthName: 'FICTIF', firstNames: ['Test'], birthDate: '1970-01-01', sex: 'F' }, structureId: '492805973' }, actor);
        assert.ok(p.ok);
        const created = await store.documents.create({ patientId: p.value.id, type: 'pps', setId: 'R1', model: MODEL_A }, actor);
        assert.ok(created.ok);
        const id = created.value.id;
        await assertRollupExact(db, 'document created');
        const [g] = await db.query(`SELECT finess, center3c, channel, created FROM indicator_document_months WHERE document_id = $1`, [id]);
        assert.deepEqual({ ...g }, { finess: '330000001', center3c: '1494809312', channel: 'connector', created: 1 }, 'counted under its own group from its creation');
        const v2 = await store.documents.addVersion(id, 1, { ...actor, idNatPs: '810100000002' }, () => ({ model: MODEL_B, action: 'document.version.create' }));
        assert.ok(v2.ok);
        await assertRollupExact(db, 'a version naming another establishment and 3C');
        const moved = await db.query(`SELECT DISTINCT finess, center3c FROM indicator_document_months WHERE document_id = $1`, [id]);
        assert.deepEqual(moved.map((r) => ({ ...r })), [{ finess: '445075658', center3c: '1330000009' }], 'its rows moved to the new group');
        const validation = { valid: true, layers: [], checkedAt: new Date().toISOString() };
        assert.ok((await store.documents.transition(id, 2, 2, { from: ['draft'], to: 'validated', action: 'document.validate', validation }, { ...actor, idNatPs: '810100000003' })).ok);
        assert.ok((await store.documents.transition(id, 2, 3, { from: ['validated'], to: 'validated', action: 'document.validate', validation }, { ...actor, idNatPs: '810100000004' })).ok);
        assert.ok((await store.documents.transition(id, 2, 4, { from: ['validated'], to: 'signed', action: 'document.sign', signedBy: '810100000005', signedAt: new Date(), cda: '<x/>' }, actor)).ok);
        await assertRollupExact(db, 'validated twice and signed');

        // A replacement: version 3 replaces signed version 2, in a later month.
        await db.query(
          `INSERT INTO document_versions (document_id, number, model, created_at, created_by, status, replaces_version, validated_at, validated_by)
           VALUES ($1, 3, $2::jsonb, now() + interval '40 days', '810100000006', 'validated', 2, now() + interval '41 days', '810100000006')`,
          [id, JSON.stringify(MODEL_A)],
        );
        await assertRollupExact(db, 'replacement version');

        // DMP: queued → refused → accepted (moments stamped by migration 006); an MSSanté row (never counted) turned into a DMP one.
        const submit = (doc: string, version: number, channel: string) =>
          db.query(
            `INSERT INTO dmp_submissions (id, document_id, version_number, structure_id, patient_id, set_id, channel, state, visibility, entry_uuid, submission_set_id, requested_by, created_at, updated_at)
             VALUES (gen_random_uuid(), $1, $4, '492805973', $2, 'R1', $3, 'queued', '{}', 'e', 's', '810100000007', now(), now()) RETURNING id`,
            [doc, p.value.id, channel, version],
          );
        const [dmp] = await submit(id, 2, 'dmp');
        const [mss] = await submit(id, 3, 'mss:dr@x.mssante.fr');
        await db.query(`UPDATE dmp_submissions SET state = 'refused' WHERE id = $1`, [dmp!.id]);
        await assertRollupExact(db, 'refused');
        await db.query(`UPDATE dmp_submissions SET state = 'accepted' WHERE id = ANY($1::uuid[])`, [[dmp!.id, mss!.id]]);
        await db.query(`UPDATE dmp_submissions SET channel = 'dmp' WHERE id = $1`, [mss!.id]);
        await assertRollupExact(db, 'accepted, and a copy turned into a DMP submission');

        // Moments moved across months, facts changed by hand, on part of the generated history.
        await db.query(`UPDATE documents SET created_at = created_at - interval '35 days' WHERE seq % 7 = 0`);
        await db.query(`UPDATE document_versions SET validated_at = validated_at + interval '33 days', validated_by = '810100000009' WHERE signed_at IS NULL AND validated_at IS NOT NULL AND number % 2 = 1`);
        await db.query(`UPDATE dmp_submissions SET accepted_at = accepted_at + interval '31 days' WHERE accepted_at IS NOT NULL AND created_at::text < '2025-12'`);
        await db.query(`UPDATE documents SET center3c = NULL WHERE seq % 5 = 0`);
        await db.query(`UPDATE documents SET finess = '2A0000123', channel = 'editor' WHERE seq % 11 = 0`);
        await assertRollupExact(db, 'moments moved and facts changed');

        // Deletes: submissions, the last versions, whole documents.
        await db.query(`DELETE FROM submission_events`);
        await db.query(`DELETE FROM dmp_submissions WHERE document_id IN (SELECT id FROM documents WHERE seq % 3 = 0)`);
        await assertRollupExact(db, 'submissions deleted');
        // Versions are never deleted by the server (migration 001's trigger); an administrator's
        // purge (the trigger disabled in its transaction) keeps the rollup exact all the same.
        await db.transaction(async (tx) => {
          await tx.query('ALTER TABLE document_versions DISABLE TRIGGER document_versions_no_delete');
          await tx.query(`DELETE FROM document_versions v WHERE number > 1 AND NOT EXISTS (SELECT 1 FROM document_versions r WHERE r.document_id = v.document_id AND r.replaces_version = v.number)
                            AND NOT EXISTS (SELECT 1 FROM dmp_submissions s WHERE s.document_id = v.document_id) AND number = (SELECT max(number) FROM document_versions m WHERE m.document_id = v.document_id)`);
          await tx.query('ALTER TABLE document_versions ENABLE TRIGGER document_versions_no_delete');
        });
        await assertRollupExact(db, 'last versions deleted');
        await db.transaction(async (tx) => {
          await tx.query('ALTER TABLE document_versions DISABLE TRIGGER document_versions_no_delete');
          await tx.query(`CREATE TEMP TABLE gone ON COMMIT DROP AS SELECT id FROM documents d WHERE seq % 4 = 1 AND NOT EXISTS (SELECT 1 FROM dmp_submissions s WHERE s.document_id = d.id)`);
          await tx.query(`UPDATE document_versions SET replaces_version = NULL WHERE document_id IN (SELECT id FROM gone)`);
          await tx.query(`DELETE FROM document_versions WHERE document_id IN (SELECT id FROM gone)`);
          await tx.query(`DELETE FROM documents WHERE id IN (SELECT id FROM gone)`);
          await tx.query('ALTER TABLE document_versions ENABLE TRIGGER document_versions_no_delete');
        });
        await assertRollupExact(db, 'documents deleted');
      } finally {
        await store.close();
      }
    });

    test('concurrent writes to one group lose no count', async () => {
      const store = await openTestStore(kind);
      try {
        const actor = { idNatPs: '810100000001', structures: ['492805973'], requestId: 'r', channel: 'editor' as const };
        const p = await store.patients.create({ ins: { value: '273064900708440', oid: '1.2.250.1.213.1.4.10' }, identityStatus: 'qualified', traits: { birthName: 'FICTIF', firstNames: ['Test'], birthDate: '1970-01-01', sex: 'F' }, structureId: '492805973' }, actor);
        assert.ok(p.ok);
        const made = await Promise.all(
          Array.from({ length: 16 }, (_, i) => store.documents.create({ patientId: p.value.id, type: 'pps', setId: `C${i}`, model: MODEL_A }, { ...actor, idNatPs: `81010000001${i % 4}` })),
        );
        assert.ok(made.every((m) => m.ok));
        const [g] = await store.driver.query(
          `SELECT (count(*) FILTER (WHERE created > 0))::integer AS created, count(DISTINCT document_id)::integer AS documents FROM indicator_document_months WHERE finess = '330000001'`,
        );
        assert.deepEqual({ ...g }, { created: 16, documents: 16 });
        const [pros] = await store.driver.query(`SELECT count(DISTINCT professional)::integer AS n FROM indicator_document_month_professionals WHERE finess = '330000001'`);
        assert.equal(pros!.n, 4);
        await assertRollupExact(store.driver, 'concurrent creations');
      } finally {
        await store.close();
      }
    });

    // The failure of the per-group counters this design replaces: a signature whose transaction
    // stays open after its writes (its Idempotency-Key answer waiting on a row a retry holds)
    // held every other write of its establishment and month. PGlite has one connection and runs
    // one transaction at a time (driver.ts), so only PostgreSQL can show it.
    test('a signature held open after its writes does not hold another of the same establishment and month', { skip: kind === 'pglite' ? 'PGlite runs one transaction at a time' : false }, async () => {
      const store = await openTestStore(kind);
      try {
        const actor = { idNatPs: '810100000001', structures: ['492805973'], requestId: 'r', channel: 'editor' as const };
        const p = await store.patients.create({ ins: { value: '273064900708440', oid: '1.2.250.1.213.1.4.10' }, identityStatus: 'qualified', traits: { birthName: 'FICTIF', firstNames: ['Test'], birthDate: '1970-01-01', sex: 'F' }, structureId: '492805973' }, actor);
        assert.ok(p.ok);
        const validation = { valid: true, layers: [], checkedAt: new Date().toISOString() };
        const validated = async (setId: string): Promise<string> => {
          const made = await store.documents.create({ patientId: p.value.id, type: 'pps', setId, model: MODEL_A }, actor);
          assert.ok(made.ok);
          assert.ok((await store.documents.transition(made.value.id, 1, 1, { from: ['draft'], to: 'validated', action: 'document.validate', validation }, actor)).ok);
          return made.value.id;
        };
        const [first, second] = [await validated('H1'), await validated('H2')];
        const sign = (id: string, then?: () => Promise<void>) =>
          store.documents.transition(id, 1, 2, { from: ['validated'], to: 'signed', action: 'document.sign', signedBy: actor.idNatPs, signedAt: new Date(), cda: '<x/>' }, actor, undefined, then);

        let written!: () => void;
        const firstWritten = new Promise<void>((resolve) => (written = resolve));
        let release!: () => void;
        const released = new Promise<void>((resolve) => (release = resolve));
        let firstOpen = true;
        const held = sign(first, async () => {
          written();
          await released;
        }).finally(() => (firstOpen = false));
        try {
          await firstWritten;
          // The first signature's rows are written and its transaction is open: the second one,
          // a new document and its first version of the same establishment, complete all the same.
          let bound: ReturnType<typeof setTimeout> | undefined;
          const others = Promise.all([
            sign(second),
            store.documents.create({ patientId: p.value.id, type: 'pps', setId: 'H3', model: MODEL_A }, { ...actor, idNatPs: '810100000002' }),
          ]);
          const outcome = await Promise.race([
            others.then((r) => ({ done: r })),
            new Promise<{ waited: true }>((resolve) => (bound = setTimeout(() => resolve({ waited: true }), 15_000))),
          ]).finally(() => clearTimeout(bound));
          assert.ok('done' in outcome, 'the second signature waited on the first one');
          assert.ok(outcome.done.every((r) => r.ok));
          assert.equal(firstOpen, true, 'the first signature was still open');
        } finally {
          release();
        }
        assert.ok((await held).ok);
        const [signed] = await store.driver.query(`SELECT (count(*) FILTER (WHERE signed > 0))::integer AS n FROM indicator_document_months WHERE finess = '330000001'`);
        assert.equal(signed!.n, 2);
        await assertRollupExact(store.driver, 'signatures side by side');
      } finally {
        await store.close();
      }
    });

    test('migration 008 backfills a history written before it: the report gives the figures computed from the events', async () => {
      const driver: SqlDriver = await openTestDriver(kind);
      try {
        await migrate(driver, { through: 7 });
        const history = await driver.transaction((tx) => writeHistory(tx, { seed: 21, documents: 200, start: new Date('2025-09-15T00:00:00Z'), spanMs: 273 * 86_400_000 }));
        assert.equal((await driver.query(`SELECT to_regclass('indicator_document_months') AS t`))[0]!.t, null, 'no rollup before 008');
        assert.deepEqual(await migrate(driver), ['008_indicator_document_months.sql']);
        await assertRollupExact(driver, 'backfill');
        const service = new IndicatorsService(new IndicatorsRepository(driver), new Set(['regional']));
        for (const q of [{ from: '2025-11', to: '2026-04' }, { from: '2025-09', to: '2026-06', finess: '445075658' }, { from: '2026-01', to: '2026-03', center3c: '520114' }]) {
          const report = await service.report(q, { idNatPs: 'regional', structures: [] });
          const want = expectedFigures(history, q);
          assert.ok(want.rows.length > 5, JSON.stringify(q));
          assert.deepEqual(report.rows, want.rows, JSON.stringify(q));
          assert.deepEqual(report.months, want.months, JSON.stringify(q));
        }
      } finally {
        await driver.close();
      }
    });
  });
}
