#!/usr/bin/env node
// The regional indicators' query (GET /indicators, issue 14) on 100,000 stored document
// versions (a generated history over 24 months: documents, versions, validations, signatures,
// DMP outcomes), on PGlite and on PostgreSQL: the median time of the report over the whole
// history, over 12 months, over one month, and over 12 months for one establishment; on
// PostgreSQL the plan of the whole-history query (EXPLAIN ANALYZE). Prints; asserts nothing.
// BENCH_INDICATOR_VERSIONS changes the size (default 100000).
import { onEachStore } from './stores.mjs';

const { openStore, IndicatorsService, INDICATOR_FIGURES_SQL } = await import('@dcc-kit/server');
// The generator of the indicator tests (this package's own test support).
const { writeHistory } = await import('../dist/testing/indicator-data.js');

const VERSIONS = Number(process.env.BENCH_INDICATOR_VERSIONS ?? 100_000);
const RUNS = 3;
const START = new Date('2024-12-31T23:00:00Z'); // 1 January 2025 in Paris
const SPAN_MS = 730 * 86_400_000;

async function median(fn) {
  await fn(); // warm: plan cache, buffers
  const ms = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return ms[Math.floor(ms.length / 2)];
}

console.log(`Indicators (GET /indicators) on ${VERSIONS.toLocaleString('en')} stored document versions, median of ${RUNS}:`);
await onEachStore('dcc_bench_indicators', async (label, storeOptions) => {
  const store = await openStore(storeOptions);
  try {
    const t0 = performance.now();
    // About 2 versions per document on average (1 to 3): documents ≈ versions / 2, written in
    // chunks until the count is reached.
    let versions = 0;
    let seed = 1;
    while (versions < VERSIONS) {
      const documents = Math.max(1, Math.min(5000, Math.round((VERSIONS - versions) / 2)));
      const h = await store.driver.transaction((tx) => writeHistory(tx, { seed: seed++, documents, start: START, spanMs: SPAN_MS, batch: 1000 }));
      versions += h.versions;
    }
    if (store.kind === 'postgres') await store.driver.exec('ANALYZE');
    console.log(`  ${label}: ${versions.toLocaleString('en')} versions written in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const service = new IndicatorsService(store.indicators, new Set(['regional']));
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
      const ms = await median(async () => {
        rows = (await service.report(query, reader ?? everyone)).rows.length;
      });
      console.log(`  ${label}: ${what}: ${ms.toFixed(1)} ms (${rows} rows)`);
    }
    if (store.kind === 'postgres') {
      // With the settings the repository gives the query (JIT off, work_mem 64 MB).
      const plan = await store.driver.transaction(async (tx) => {
        await tx.query(`SELECT set_config('jit', 'off', true), set_config('work_mem', '64MB', true)`);
        return tx.query(`EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) ${INDICATOR_FIGURES_SQL}`, ['2025-07', '2026-06', null, null, null]);
      });
      const lines = plan.map((r) => String(r['QUERY PLAN']));
      console.log('  PostgreSQL plan, 12 months (scans and summary):');
      for (const line of lines) if (/Index Scan|Seq Scan|Execution Time|Planning Time|HashAggregate|GroupAggregate|Sort Method|Batches/.test(line)) console.log(`    ${line.trim()}`);
    }
  } finally {
    await store.close();
  }
});
