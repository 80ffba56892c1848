#!/usr/bin/env node
// The regional indicators' query (GET /indicators, issue 14) on 100,000 stored document
// versions (a generated history over 24 months: documents, versions, validations, signatures,
// DMP outcomes), on PGlite and on PostgreSQL: the median time of the report over the whole
// history, over 12 months, over one month, and over 12 months for one establishment (the
// report reads the per-document rows of migration 008, kept by the writes; seeding is not in
// the figure); their count and, on PostgreSQL, the plan of the 12-month query (EXPLAIN ANALYZE).
// The load average is printed beside the figures (the machine may be shared). Prints; asserts
// nothing. BENCH_INDICATOR_VERSIONS changes the size (default 100000).
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { onEachStore } from './stores.mjs';

const { openDriver, migrate, IndicatorsRepository, IndicatorsService, INDICATOR_FIGURES_SQL, INDICATOR_REPORT_SETTINGS } = await import('@dcc-kit/server');
// The generator of the indicator tests (this package's own test support).
const { writeHistory } = await import('../dist/testing/indicator-data.js');

const VERSIONS = Number(process.env.BENCH_INDICATOR_VERSIONS ?? 100_000);
const RUNS = 5;
const START = new Date('2024-12-31T23:00:00Z'); // 1 January 2025 in Paris
const SPAN_MS = 730 * 86_400_000;

// PostgreSQL's CPU is in its server processes: the backends of the bench's database, read from
// /proc when the server runs on this machine (the throw-away one does); undefined otherwise.
async function serverCpuMs(driver) {
  if (driver.kind !== 'postgres') return undefined;
  try {
    const rows = await driver.query('SELECT pid FROM pg_stat_activity WHERE datname = current_database()');
    let ticks = 0;
    for (const { pid } of rows) {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    }
    return ticks * (1000 / 100); // USER_HZ = 100 on Linux
  } catch {
    return undefined;
  }
}

async function median(fn, driver) {
  await fn(); // warm: plan cache, buffers
  const ms = [];
  const cpu = [];
  const server = [];
  for (let i = 0; i < RUNS; i++) {
    const s0 = await serverCpuMs(driver);
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    await fn();
    const c = process.cpuUsage(c0);
    ms.push(performance.now() - t0);
    cpu.push((c.user + c.system) / 1000);
    const s1 = await serverCpuMs(driver);
    if (s0 !== undefined && s1 !== undefined) server.push(s1 - s0);
  }
  const mid = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { ms: mid(ms), cpu: mid(cpu), server: server.length ? mid(server) : undefined };
}
const cpuText = ({ cpu, server }) => `this process's CPU ${cpu.toFixed(1)} ms${server === undefined ? '' : `, PostgreSQL's CPU ${server.toFixed(0)} ms`}`;

console.log(`Indicators (GET /indicators) on ${VERSIONS.toLocaleString('en')} stored document versions, median of ${RUNS}:`);
// The history is written as an upgraded store holds it: through migrations 001–007 (whose
// triggers derive the facts), then migration 008 builds its per-document rows from it in one
// set-based backfill (the same rows its triggers keep; indicator-document-months.test.ts checks
// both). Row by row through the triggers is much slower on PGlite; neither way is part of the
// figures (the writes' cost through the triggers is printed apart).
await onEachStore('dcc_bench_indicators', async (label, storeOptions) => {
  const driver = await openDriver(storeOptions);
  try {
    await migrate(driver, { through: 7 });
    const t0 = performance.now();
    // About 2 versions per document on average (1 to 3): documents ≈ versions / 2, written in
    // chunks until the count is reached.
    let versions = 0;
    let seed = 1;
    while (versions < VERSIONS) {
      const documents = Math.max(1, Math.min(5000, Math.round((VERSIONS - versions) / 2)));
      const h = await driver.transaction((tx) => writeHistory(tx, { seed: seed++, documents, start: START, spanMs: SPAN_MS, batch: 1000 }));
      versions += h.versions;
    }
    const t1 = performance.now();
    await migrate(driver);
    const t2 = performance.now();
    if (driver.kind === 'postgres') await driver.exec('ANALYZE');
    const [size] = await driver.query('SELECT (SELECT count(*) FROM indicator_document_months)::integer AS months, (SELECT count(*) FROM indicator_document_month_professionals)::integer AS professionals, (SELECT count(*) FROM documents)::integer AS documents');
    console.log(`  ${label}: ${versions.toLocaleString('en')} versions (${size.documents} documents) written in ${((t1 - t0) / 1000).toFixed(1)} s, per-document rows backfilled (migration 008) in ${((t2 - t1) / 1000).toFixed(1)} s: ${size.months} document × month rows, ${size.professionals} document × month × professional rows`);
    const service = new IndicatorsService(new IndicatorsRepository(driver), new Set(['regional']));
    const everyone = { idNatPs: 'regional', structures: [] };
    for (const [what, q] of [
      ['24 months, every establishment', { from: '2025-01', to: '2026-12' }],
      ['12 months, every establishment', { from: '2025-07', to: '2026-06' }],
      ['1 month, every establishment', { from: '2026-03', to: '2026-03' }],
      ['12 months, one establishment', { from: '2025-07', to: '2026-06', finess: '445075658' }],
      ['12 months, one structure (non-regional reader)', { from: '2025-07', to: '2026-06', reader: { idNatPs: 'x', structures: ['338521651'] } }],
    ]) {
      const { reader, ...query } = q;
      let rows = 0;
      const m = await median(async () => {
        rows = (await service.report(query, reader ?? everyone)).rows.length;
      }, driver);
      // PGlite runs in this process (its CPU is the query's); PostgreSQL's is in its server processes (10 ms ticks).
      console.log(`  ${label}: ${what}: ${m.ms.toFixed(1)} ms (${rows} rows; ${cpuText(m)}; load average ${loadavg()[0].toFixed(1)})`);
    }
    // The tables as autovacuum leaves them on PostgreSQL (all-visible pages: the covering
    // indexes give index-only scans). PGlite has no autovacuum: its figures above are those of a
    // PGlite store; the line below shows what a VACUUM would give it.
    await driver.exec('VACUUM ANALYZE indicator_document_months, indicator_document_month_professionals');
    {
      const m = await median(() => service.report({ from: '2025-07', to: '2026-06' }, everyone), driver);
      console.log(`  ${label}: 12 months, every establishment, after VACUUM: ${m.ms.toFixed(1)} ms (${cpuText(m)}; load average ${loadavg()[0].toFixed(1)})`);
    }
    // What the per-document rows cost the writes: 1,000 more documents through its triggers, against the
    // same written before migration 008 (above: versions per second either way).
    const t3 = performance.now();
    const more = await driver.transaction((tx) => writeHistory(tx, { seed: 999, documents: 1000, start: START, spanMs: SPAN_MS, batch: 1000 }));
    const withTriggers = (performance.now() - t3) / 1000;
    console.log(`  ${label}: writes: ${(versions / ((t1 - t0) / 1000)).toFixed(0)} versions/s before 008, ${(more.versions / withTriggers).toFixed(0)} versions/s through its triggers (load average ${loadavg()[0].toFixed(1)})`);
    if (driver.kind === 'postgres') {
      // With the settings the repository gives the query (INDICATOR_REPORT_SETTINGS).
      const plan = await driver.transaction(async (tx) => {
        await tx.query(`SELECT ${INDICATOR_REPORT_SETTINGS.postgres}`);
        return tx.query(`EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) ${INDICATOR_FIGURES_SQL}`, ['2025-07', '2026-06', null, null, null]);
      });
      const lines = plan.map((r) => String(r['QUERY PLAN']));
      console.log('  PostgreSQL plan, 12 months (scans and summary):');
      for (const line of lines) if (/Index Scan|Index Only Scan|Bitmap Heap Scan|Seq Scan|Heap Fetches|Execution Time|Planning Time|HashAggregate|GroupAggregate|Sort Method|Batches/.test(line)) console.log(`    ${line.trim()}`);
    }
  } finally {
    await driver.close();
  }
});
