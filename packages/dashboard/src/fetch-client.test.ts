/// <reference types="node" />
// The fetch client of GET /indicators against the fictitious route (the same the stories and
// the demo's offline mode answer with): the query's parameters, JSON and CSV (BOM kept), the
// caller's signal passed on, a refused query thrown with its status and problem.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createIndicatorsFetchClient, IndicatorsHttpError } from './fetch-client.js';
import { answerIndicators, sampleRows } from './testing/index.js';

const rows = sampleRows('2026-01', '2026-03');

function client(seen: { url: string; init: RequestInit | undefined }[]) {
  return createIndicatorsFetchClient({
    baseUrl: 'https://platform.example/api',
    fetch: async (input, init) => {
      const url = new URL(String(input));
      seen.push({ url: url.href, init });
      const answer = answerIndicators(url, new Headers(init?.headers).get('accept'), { rows, generatedAt: '2026-04-01T00:00:00Z' });
      return new Response(answer.body, { status: answer.status, headers: { 'content-type': answer.contentType, ...answer.headers } });
    },
  });
}

test('get: the query as parameters, the report as JSON, the signal passed on', async () => {
  const seen: { url: string; init: RequestInit | undefined }[] = [];
  const abort = new AbortController();
  const report = await client(seen).indicators.get({ from: '2026-01', to: '2026-03', finess: '490000011' }, { signal: abort.signal });
  assert.equal(seen[0]!.url, 'https://platform.example/api/indicators?from=2026-01&to=2026-03&finess=490000011');
  assert.equal(seen[0]!.init?.signal, abort.signal);
  assert.deepEqual(report.period, { from: '2026-01', to: '2026-03' });
  assert.deepEqual(report.filters, { finess: '490000011' });
  assert.ok(report.rows.length > 0 && report.rows.every((r) => r.finess === '490000011'));
  assert.equal(report.months.length, 6, '3 months × 2 volets');
});

test('csv: format=csv, the text with its BOM, `;` and CRLF', async () => {
  const seen: { url: string; init: RequestInit | undefined }[] = [];
  const text = await client(seen).indicators.csv({ from: '2026-01', to: '2026-03' });
  assert.match(seen[0]!.url, /format=csv/);
  assert.equal(text.charCodeAt(0), 0xfeff);
  assert.match(text, /^\uFEFFMois;FINESS établissement;Raison sociale établissement;Identifiant 3C;Nom 3C;Volet;Canal;Documents créés;/);
  assert.ok(text.endsWith('\r\n'));
});

test('a refused query: the status and the problem naming the parameter', async () => {
  await assert.rejects(client([]).indicators.get({ from: '2026-05', to: '2026-03' }), (error: unknown) => {
    assert.ok(error instanceof IndicatorsHttpError);
    assert.equal(error.status, 400);
    assert.match(error.problem?.detail ?? '', /from/);
    return true;
  });
});
