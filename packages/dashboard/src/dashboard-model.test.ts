/// <reference types="node" />
// The pure rules of <dcc-dashboard>: month arithmetic, the contract's period limits, the query,
// the table's months (zeros filled in), totals, the chart's series (the table's figures) and
// scale, the filter options kept across filtered reports.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  addMonths,
  chartSeries,
  csvFileName,
  defaultPeriod,
  isEmptyReport,
  mergeOptions,
  monthOf,
  monthsBetween,
  monthsOf,
  periodProblem,
  sameQuery,
  toQuery,
  totalsOf,
  valueScale,
} from './dashboard-model.js';
import type { IndicatorsReport, MonthTotals } from './indicators-types.js';

const month = (m: string, volet: 'pps' | 'frcp', over: Partial<MonthTotals> = {}): MonthTotals => ({
  month: m,
  volet,
  created: 0,
  validated: 0,
  signed: 0,
  deposited: 0,
  refused: 0,
  professionals: 0,
  connector: 0,
  editor: 0,
  ...over,
});

const report = (over: Partial<IndicatorsReport> = {}): IndicatorsReport => ({
  period: { from: '2025-11', to: '2026-02' },
  filters: {},
  generatedAt: '2026-03-01T00:00:00Z',
  rows: [],
  months: [],
  establishments: [],
  centers3c: [],
  ...over,
});

test('months: arithmetic across years, ranges, Paris month of an instant', () => {
  assert.equal(addMonths('2025-12', 1), '2026-01');
  assert.equal(addMonths('2026-01', -13), '2024-12');
  assert.deepEqual(monthsBetween('2025-11', '2026-02'), ['2025-11', '2025-12', '2026-01', '2026-02']);
  assert.deepEqual(monthsBetween('2026-02', '2026-01'), []);
  // 31 Dec 23:30 UTC is already January in Paris.
  assert.equal(monthOf(Date.parse('2025-12-31T23:30:00Z')), '2026-01');
  assert.deepEqual(defaultPeriod(Date.parse('2026-12-06T10:00:00Z')), { from: '2026-01', to: '2026-12' });
  assert.throws(() => addMonths('2026-13', 1), /YYYY-MM/);
});

test('period: format, order and the 36-month limit of the contract', () => {
  assert.equal(periodProblem('2026-01', '2026-12'), undefined);
  assert.equal(periodProblem('2026-1', '2026-12'), 'first');
  assert.equal(periodProblem('2026-01', ''), 'last');
  assert.equal(periodProblem('2026-02', '2026-01'), 'order');
  assert.equal(periodProblem('2024-01', '2026-12'), undefined, '36 months is allowed');
  assert.equal(periodProblem('2023-12', '2026-12'), 'tooLong', '37 months is not');
});

test('query: empty filters left out; same query; the contract file name', () => {
  assert.deepEqual(toQuery({ from: '2026-01', to: '2026-12', finess: '', center3c: undefined }), { from: '2026-01', to: '2026-12' });
  const q = toQuery({ from: '2026-01', to: '2026-12', finess: '492805973', center3c: '3c-ico' });
  assert.deepEqual(q, { from: '2026-01', to: '2026-12', finess: '492805973', center3c: '3c-ico' });
  assert.ok(sameQuery(q, { ...q }));
  assert.ok(!sameQuery(q, { ...q, finess: '330781196' }));
  assert.ok(!sameQuery(undefined, q));
  assert.equal(csvFileName(q), 'indicateurs-dcc-2026-01-2026-12.csv');
});

test('monthsOf: one volet, every month of the period in order, missing months as zeros', () => {
  const r = report({ months: [month('2026-01', 'pps', { created: 3 }), month('2025-11', 'pps', { created: 1 }), month('2026-01', 'frcp', { created: 9 })] });
  const pps = monthsOf(r, 'pps');
  assert.deepEqual(pps.map((m) => [m.month, m.created]), [['2025-11', 1], ['2025-12', 0], ['2026-01', 3], ['2026-02', 0]]);
  assert.deepEqual(monthsOf(r, 'frcp').map((m) => m.created), [0, 0, 9, 0]);
});

test('totals add the additive columns only; the chart series are the table figures', () => {
  const months = [month('2026-01', 'pps', { created: 4, deposited: 2, professionals: 3, connector: 1, editor: 3 }), month('2026-02', 'pps', { created: 6, refused: 1, professionals: 5, connector: 6 })];
  const totals = totalsOf(months);
  assert.deepEqual(totals, { created: 10, validated: 0, signed: 0, deposited: 2, refused: 1, connector: 7, editor: 3 });
  assert.ok(!('professionals' in totals), 'distinct professionals do not add up');
  const production = chartSeries(months, 'production');
  assert.deepEqual(production.map((s) => s.key), ['created', 'validated', 'signed', 'deposited', 'refused']);
  assert.deepEqual(production[0]!.points, [{ month: '2026-01', value: 4 }, { month: '2026-02', value: 6 }]);
  const channel = chartSeries(months, 'channel');
  assert.deepEqual(channel.map((s) => [s.key, s.points.map((p) => p.value)]), [['connector', [1, 6]], ['editor', [3, 0]]]);
});

test('empty report: no row and only zeros', () => {
  assert.ok(isEmptyReport(report({ months: [month('2026-01', 'pps')] })));
  assert.ok(!isEmptyReport(report({ months: [month('2026-01', 'pps', { refused: 1 })] })));
});

test('value scale: a round top above the maximum, whole ticks from 0', () => {
  assert.deepEqual(valueScale(0), { top: 1, ticks: [0, 1] });
  assert.deepEqual(valueScale(3), { top: 3, ticks: [0, 1, 2, 3] });
  const s = valueScale(87);
  assert.equal(s.top, 100);
  assert.deepEqual(s.ticks, [0, 20, 40, 60, 80, 100]);
  const big = valueScale(12_345);
  assert.ok(big.top >= 12_345 && big.top <= 15_000, String(big.top));
  assert.equal(big.ticks[0], 0);
  assert.equal(big.ticks.at(-1), big.top);
});

test('filter options: kept across filtered reports, names filled in, sorted by name', () => {
  let known = mergeOptions(new Map(), [{ id: '492805973', name: 'ICO Angers' }, { id: '330781196', name: null }]);
  known = mergeOptions(known, [{ id: '330781196', name: 'Institut Bergonié' }]);
  known = mergeOptions(known, [{ id: '440000289', name: 'CHU de Nantes' }]);
  assert.deepEqual([...known], [['440000289', 'CHU de Nantes'], ['492805973', 'ICO Angers'], ['330781196', 'Institut Bergonié']]);
});
