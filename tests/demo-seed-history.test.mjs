// The demo's year of indicator history (scripts/demo-seed.mjs, seedIndicatorHistory) on a real
// in-memory store: written once (a second start keeps it), within the 12 months before `now`,
// several establishments and 3C per structure, settled DMP outcomes only (no job left for the
// worker), and the report Dr LEFORT reads showing them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { IndicatorsService, openStore } from '@dcc-kit/server';
import { seedIndicatorHistory } from '../scripts/demo-seed.mjs';

test('seedIndicatorHistory: once, the last 12 months, several establishments and 3C, in the report', { timeout: 300_000 }, async () => {
  const store = await openStore({ memory: true });
  try {
    const now = new Date('2026-06-15T10:00:00Z');
    assert.equal(await seedIndicatorHistory(store, { now, perStructure: 30 }), 90);
    assert.equal(await seedIndicatorHistory(store, { now, perStructure: 30 }), 0, 'a store holding the history keeps it');
    const [span] = await store.driver.query(`SELECT min(created_at) AS first, max(created_at) AS last FROM documents WHERE set_id LIKE 'demo-history-%'`);
    assert.ok(span.first.getTime() >= now.getTime() - 366 * 86_400_000 && span.last.getTime() <= now.getTime());
    const states = await store.driver.query(`SELECT DISTINCT state FROM dmp_submissions ORDER BY state`);
    assert.deepEqual(states.map((s) => s.state).filter((s) => s !== 'accepted' && s !== 'refused'), [], 'settled outcomes only');
    // What Dr LEFORT (ICO) sees: her structure's establishments and 3C, month by month.
    const report = await new IndicatorsService(store.indicators, new Set()).report({ from: '2025-07', to: '2026-06' }, { idNatPs: 'x', structures: ['492805973'] });
    assert.ok(report.establishments.length >= 2 && report.centers3c.length >= 2, JSON.stringify([report.establishments, report.centers3c]));
    assert.ok(report.rows.some((r) => r.deposited > 0) && report.rows.some((r) => r.channel === 'connector'));
    assert.ok(report.months.filter((m) => m.created > 0).length >= 6, 'activity over the year');
  } finally {
    await store.close();
  }
});
