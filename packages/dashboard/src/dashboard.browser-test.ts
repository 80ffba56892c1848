// <dcc-dashboard> in every state, axe-clean in each: 12 months of figures (the table's numbers
// equal the chart's data, both views and both volets), loading, empty, error and its retry
// with the keyboard, offline and back online, a superseded request aborted (its late answer
// never shown), the filters and the CSV export with the keyboard only (the download's name and
// bytes), a period the contract refuses, the context of <dcc-provider>, English.
import '@dcc-kit/elements/testing/mocha-globals.js';
import { html } from 'lit';
import { sendKeys } from '@web/test-runner-commands';
import { assert, expectNoAxeViolations, fixture, FakeClock, deepActiveElement } from '@dcc-kit/elements/testing';
import '@dcc-kit/elements/define/dcc-provider.js';
import './dashboard.js';
import type { DccDashboard } from './dashboard.component.js';
import type { DashboardExportEvent, DashboardFilterChangeEvent, DashboardLoadEvent } from './dashboard-events.js';
import { FakeIndicatorsClient, FakeProblemError, SAMPLE_ESTABLISHMENTS, manyEstablishments, sampleRows } from './testing/index.js';

// 6 December 2026 in Paris: the default period is January to December 2026.
const NOW = Date.parse('2026-12-06T10:00:00Z');
const ROWS = sampleRows('2026-01', '2026-12');

async function until(check: () => unknown, what: string, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

interface Mounted {
  el: DccDashboard;
  client: FakeIndicatorsClient;
  root: ShadowRoot;
  part<T extends HTMLElement = HTMLElement>(name: string): T | null;
  text(): string;
}

async function mount(client: FakeIndicatorsClient, options: { lang?: string; waitFor?: string } = {}): Promise<Mounted> {
  const clock = new FakeClock(NOW);
  const el = await fixture<DccDashboard>(html`<dcc-dashboard .client=${client} .clock=${clock}></dcc-dashboard>`, options.lang ? { lang: options.lang } : {});
  const root = el.shadowRoot!;
  const part = <T extends HTMLElement>(name: string) => root.querySelector<T>(`[part~="${name}"]`);
  if (options.waitFor !== '') await until(() => part(options.waitFor ?? 'figures'), options.waitFor ?? 'the figures');
  await el.updateComplete;
  return { el, client, root, part, text: () => (root.textContent ?? '').replace(/\s+/g, ' ') };
}

/** The table's body as { month → { column → number } }. */
function tableFigures(root: ShadowRoot): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  for (const tr of root.querySelectorAll<HTMLTableRowElement>('tbody tr')) {
    const cells = new Map<string, number>();
    for (const td of tr.querySelectorAll<HTMLTableCellElement>('td')) {
      // What the user reads (French digit grouping removed), not only the data attribute.
      cells.set(td.dataset.column!, Number(td.textContent!.replace(/[\s\u202f\u00a0]/g, '')));
    }
    out.set(tr.dataset.month!, cells);
  }
  return out;
}

/** The chart's marks as { series → { month → value } }. */
function chartFigures(root: ShadowRoot): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  for (const mark of root.querySelectorAll<SVGElement>('svg[part~="chart-svg"] .mark')) {
    const series = mark.dataset.series!;
    if (!out.has(series)) out.set(series, new Map());
    out.get(series)!.set(mark.dataset.month!, Number(mark.dataset.value));
  }
  return out;
}

function expectChartEqualsTable(root: ShadowRoot, series: readonly string[], context: string): void {
  const table = tableFigures(root);
  const chart = chartFigures(root);
  assert.deepEqual([...chart.keys()], [...series], `${context}: the chart's series`);
  for (const key of series) {
    const marks = chart.get(key)!;
    assert.deepEqual([...marks.keys()], [...table.keys()], `${context}: ${key} has one mark per month of the table`);
    for (const [month, value] of marks) assert.equal(value, table.get(month)!.get(key), `${context}: ${key} of ${month}`);
  }
}

/** Sums of the fixture rows, computed here independently of the element. */
function expected(volet: 'pps' | 'frcp', month: string, pick: (r: (typeof ROWS)[number]) => number, rows = ROWS): number {
  return rows.filter((r) => r.volet === volet && r.month === month).reduce((s, r) => s + pick(r), 0);
}

describe('<dcc-dashboard> figures', () => {
  it('shows 12 months of the default period in a table and a chart of exactly the same figures', async () => {
    const m = await mount(new FakeIndicatorsClient(ROWS));
    assert.deepEqual(m.client.calls.map((c) => [c.method, c.query]), [['get', { from: '2026-01', to: '2026-12' }]]);
    const table = tableFigures(m.root);
    assert.equal(table.size, 12);
    assert.equal(table.get('2026-03')!.get('created'), expected('pps', '2026-03', (r) => r.created));
    assert.equal(table.get('2026-03')!.get('connector'), expected('pps', '2026-03', (r) => (r.channel === 'connector' ? r.created : 0)));
    assert.equal(table.get('2026-11')!.get('deposited'), expected('pps', '2026-11', (r) => r.deposited));
    expectChartEqualsTable(m.root, ['created', 'validated', 'signed', 'deposited', 'refused'], 'PPS production');
    // Totals: the sum of the months (distinct professionals are not added up).
    const total = m.root.querySelector<HTMLElement>('tfoot td[data-column="created"]')!;
    assert.equal(Number(total.dataset.value), [...table.values()].reduce((s, r) => s + r.get('created')!, 0));
    assert.match(m.root.querySelector('tfoot td[data-column="professionals"]')!.textContent!, /non cumulable/);
    // The chart is one image named by its caption and described by its text alternative.
    const svg = m.part('chart-svg')!;
    assert.equal(svg.getAttribute('role'), 'img');
    assert.match(m.root.getElementById(svg.getAttribute('aria-labelledby')!)!.textContent!, /PPS par mois — Production, de janvier 2026 à décembre 2026/);
    assert.match(m.root.getElementById(svg.getAttribute('aria-describedby')!)!.textContent!, /créés, .* validés, .* signés, .* déposés dans le DMP, .* refusés/);
    assert.match(m.root.querySelector('caption')!.textContent!, /PPS par mois, de janvier 2026 à décembre 2026 \(tous les établissements, tous les 3C\)/);
    await expectNoAxeViolations(m.el, { context: '12 months' });
  });

  it('the channel view and the Fiche RCP draw the table’s figures too', async () => {
    const m = await mount(new FakeIndicatorsClient(ROWS));
    m.root.querySelector<HTMLInputElement>('input[name="view"][value="channel"]')!.click();
    await m.el.updateComplete;
    expectChartEqualsTable(m.root, ['connector', 'editor'], 'PPS channel');
    m.root.querySelector<HTMLInputElement>('input[name="volet"][value="frcp"]')!.click();
    await m.el.updateComplete;
    assert.equal(tableFigures(m.root).get('2026-05')!.get('created'), expected('frcp', '2026-05', (r) => r.created));
    expectChartEqualsTable(m.root, ['connector', 'editor'], 'FRCP channel');
    assert.match(m.root.querySelector('caption')!.textContent!, /^\s*Fiche RCP par mois/);
    await expectNoAxeViolations(m.el, { context: 'channel view, Fiche RCP' });
    assert.equal(m.client.calls.length, 1, 'the display options read no new figures');
  });

  it('one establishment: the filter asks for it and the caption says which', async () => {
    const only = [SAMPLE_ESTABLISHMENTS[0]!];
    const m = await mount(new FakeIndicatorsClient(sampleRows('2026-01', '2026-12', only), only));
    const select = m.part<HTMLSelectElement>('establishment')!;
    assert.deepEqual([...select.options].map((o) => o.textContent!.trim()), ['Tous les établissements', 'Clinique fictive de l’Anjou (490000011)']);
    select.value = '490000011';
    select.dispatchEvent(new Event('change'));
    await until(() => m.client.calls.length === 2 && m.el.report?.filters.finess === '490000011', 'the filtered report');
    await m.el.updateComplete;
    assert.deepEqual(m.client.calls[1]!.query, { from: '2026-01', to: '2026-12', finess: '490000011' });
    assert.match(m.root.querySelector('caption')!.textContent!, /Clinique fictive de l’Anjou \(490000011\), tous les 3C/);
    await expectNoAxeViolations(m.el, { context: 'one establishment' });
  });

  it('many establishments: every one and every 3C offered, the options kept once filtered', async () => {
    const many = manyEstablishments(60);
    const m = await mount(new FakeIndicatorsClient(sampleRows('2026-01', '2026-12', many), many));
    const establishment = m.part<HTMLSelectElement>('establishment')!;
    assert.equal(establishment.options.length, 61);
    assert.equal(m.part<HTMLSelectElement>('center3c')!.options.length, 5);
    establishment.value = many[7]!.finess;
    establishment.dispatchEvent(new Event('change'));
    await until(() => m.el.report?.filters.finess === many[7]!.finess, 'the filtered report');
    await m.el.updateComplete;
    assert.equal(m.part<HTMLSelectElement>('establishment')!.options.length, 61, 'the other establishments stay offered');
    await expectNoAxeViolations(m.el, { context: 'many establishments' });
  });
});

describe('<dcc-dashboard> states', () => {
  it('loading, then the figures', async () => {
    const client = new FakeIndicatorsClient(ROWS);
    client.hold = true;
    const m = await mount(client, { waitFor: 'status' });
    assert.match(m.part('status')!.textContent!, /Chargement des indicateurs…/);
    assert.equal(m.part('figures'), null);
    await expectNoAxeViolations(m.el, { context: 'loading' });
    client.releaseAll();
    await until(() => m.part('figures'), 'the figures');
    await m.el.updateComplete;
    assert.equal(m.part('status'), null);
    assert.match(m.part('live')!.textContent!, /Indicateurs chargés, de janvier 2026 à décembre 2026 : \d+ PPS créés\./);
  });

  it('empty: nothing in the period', async () => {
    const m = await mount(new FakeIndicatorsClient([]), { waitFor: 'empty' });
    assert.match(m.part('empty')!.textContent!, /Aucun PPS ni fiche RCP sur cette période pour ces filtres\./);
    assert.equal(m.part('table'), null);
    await expectNoAxeViolations(m.el, { context: 'empty' });
  });

  it('error: the problem in French with its status, and « Réessayer » with the keyboard', async () => {
    const client = new FakeIndicatorsClient(ROWS);
    client.failWith = new FakeProblemError(503, { type: 'about:blank', title: 'Service Unavailable', status: 503, detail: 'La base de données ne répond pas.' });
    const errors: string[] = [];
    const m = await mount(client, { waitFor: 'retry' });
    m.el.addEventListener('dcc-dashboard-error', (e) => errors.push(e.detail.operation));
    assert.equal(m.part('load-error')!.getAttribute('role'), 'alert');
    assert.match(m.part('load-error')!.textContent!, /Les indicateurs n’ont pas pu être chargés : La base de données ne répond pas\. \(erreur 503\)/);
    await expectNoAxeViolations(m.el, { context: 'error' });
    client.failWith = undefined;
    m.part('retry')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => m.part('figures'), 'the figures after the retry');
    assert.equal(client.calls.length, 2);
    await m.el.updateComplete;
    assert.equal(deepActiveElement(), m.part('title'), 'the focus is not lost when the retry button goes');
    assert.deepEqual(errors, []);
  });

  it('offline: says so, keeps the last figures, asks again when the connection is back', async () => {
    const client = new FakeIndicatorsClient(ROWS);
    const m = await mount(client);
    const online = Object.getOwnPropertyDescriptor(navigator, 'onLine');
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
    try {
      window.dispatchEvent(new Event('offline'));
      await m.el.updateComplete;
      assert.match(m.part('offline')!.textContent!, /hors ligne : les chiffres affichés sont ceux du dernier chargement/);
      assert.ok(m.part('table'), 'the last figures stay');
      // A filter changed while offline: nothing is asked, the notice stays.
      m.el.toMonth = '2026-11';
      await m.el.updateComplete;
      assert.equal(client.calls.length, 1);
      assert.ok(m.part('offline'));
      await expectNoAxeViolations(m.el, { context: 'offline' });
    } finally {
      if (online) Object.defineProperty(navigator, 'onLine', online);
      else delete (navigator as unknown as Record<string, unknown>).onLine;
    }
    window.dispatchEvent(new Event('online'));
    await until(() => m.el.report?.period.to === '2026-11', 'the figures asked again online');
    await m.el.updateComplete;
    assert.equal(m.part('offline'), null);
    assert.deepEqual(client.calls[1]!.query, { from: '2026-01', to: '2026-11' });
  });

  it('a superseded request is aborted and its late answer never shown', async () => {
    const client = new FakeIndicatorsClient(ROWS);
    const m = await mount(client);
    client.hold = true;
    const loads: string[] = [];
    m.el.addEventListener('dcc-dashboard-load', (e: DashboardLoadEvent) => loads.push(e.detail.query.finess ?? 'all'));
    m.el.finess = '490000011';
    await m.el.updateComplete;
    m.el.finess = '440000017';
    await m.el.updateComplete;
    assert.equal(client.pending.length, 2);
    const [first, second] = client.pending;
    assert.ok(first!.signal?.aborted, 'the first request was aborted');
    assert.ok(!second!.signal?.aborted);
    assert.match(m.part('status')!.textContent!, /Mise à jour des indicateurs…/);
    client.releaseAll();
    await until(() => m.el.report?.filters.finess === '440000017', 'the newer report');
    await m.el.updateComplete;
    assert.deepEqual(loads, ['440000017']);
    assert.match(m.root.querySelector('caption')!.textContent!, /Hôpital fictif de l’Estuaire/);
  });

  it('a period the contract refuses is said and not asked for', async () => {
    const m = await mount(new FakeIndicatorsClient(ROWS));
    m.el.fromMonth = '2023-01';
    await m.el.updateComplete;
    assert.match(m.part('period-error')!.textContent!, /La période ne peut pas dépasser 36 mois\./);
    assert.equal(m.part<HTMLSelectElement>('from-month')!.getAttribute('aria-invalid'), 'true');
    m.el.fromMonth = '2027-01';
    await m.el.updateComplete;
    assert.match(m.part('period-error')!.textContent!, /Le premier mois doit précéder le dernier\./);
    assert.equal(m.client.calls.length, 1);
    assert.equal(m.part('export')!.getAttribute('aria-disabled'), 'true');
    await expectNoAxeViolations(m.el, { context: 'period refused' });
  });
});

describe('<dcc-dashboard> keyboard, export, context, English', () => {
  it('the filters and the export with the keyboard only: the CSV downloaded under the contract’s name', async () => {
    const client = new FakeIndicatorsClient(ROWS);
    const m = await mount(client);
    const exports: DashboardExportEvent['detail'][] = [];
    m.el.addEventListener('dcc-dashboard-export', (e) => exports.push(e.detail));
    const filterChanges: DashboardFilterChangeEvent['detail']['query'][] = [];
    m.el.addEventListener('dcc-dashboard-filter-change', (e) => filterChanges.push(e.detail.query));
    const downloads: { name: string; href: string }[] = [];
    m.root.addEventListener('click', (e) => {
      const a = e.target as HTMLAnchorElement;
      if (a.localName !== 'a') return;
      e.preventDefault();
      downloads.push({ name: a.download, href: a.href });
    });
    m.part('from-month')!.focus();
    // « Du mois »: one month later (February); Tab to « Au mois », one month earlier (November).
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Tab' });
    assert.equal(deepActiveElement(), m.part('to-month'));
    await sendKeys({ press: 'ArrowUp' });
    await sendKeys({ press: 'Tab' });
    assert.equal(deepActiveElement(), m.part('establishment'));
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Tab' });
    assert.equal(deepActiveElement(), m.part('center3c'));
    await sendKeys({ press: 'Tab' });
    assert.equal(deepActiveElement(), m.part('export'));
    await until(() => m.el.report?.period.from === '2026-02' && m.el.report.period.to === '2026-11' && m.el.report.filters.finess, 'the filtered report');
    const finess = m.el.report!.filters.finess!;
    assert.deepEqual(filterChanges, [
      { from: '2026-02', to: '2026-12' },
      { from: '2026-02', to: '2026-11' },
      { from: '2026-02', to: '2026-11', finess },
    ]);
    await sendKeys({ press: 'Enter' });
    await until(() => downloads.length === 1, 'the download');
    const query = { from: '2026-02', to: '2026-11', finess };
    assert.deepEqual(client.calls.at(-1)!.method, 'csv');
    assert.deepEqual(client.calls.at(-1)!.query, query);
    assert.equal(exports[0]!.fileName, 'indicateurs-dcc-2026-02-2026-11.csv');
    assert.equal(downloads[0]!.name, 'indicateurs-dcc-2026-02-2026-11.csv');
    const bytes = new Uint8Array(await (await fetch(downloads[0]!.href)).arrayBuffer());
    assert.deepEqual([...bytes.slice(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 with BOM');
    assert.equal(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes), exports[0]!.csv);
    await m.el.updateComplete;
    assert.match(m.part('live')!.textContent!, /Fichier indicateurs-dcc-2026-02-2026-11\.csv téléchargé\./);
    assert.equal(deepActiveElement(), m.part('export'), 'the focus stays on the button');
  });

  it('an export the host handles itself (preventDefault) downloads nothing; a failed export is said', async () => {
    const client = new FakeIndicatorsClient(ROWS);
    const m = await mount(client);
    const clicks: string[] = [];
    m.root.addEventListener('click', (e) => {
      if ((e.target as Element).localName === 'a') {
        e.preventDefault();
        clicks.push('a');
      }
    });
    m.el.addEventListener('dcc-dashboard-export', (e) => e.preventDefault(), { once: true });
    m.part('export')!.click();
    await until(() => client.calls.some((c) => c.method === 'csv'), 'the csv call');
    await m.el.updateComplete;
    assert.deepEqual(clicks, []);
    client.failWith = new FakeProblemError(401, { type: 'about:blank', title: 'Unauthorized', status: 401 });
    m.part('export')!.click();
    await until(() => m.part('export-error'), 'the export error');
    assert.match(m.part('export-error')!.textContent!, /L’export n’a pas pu être fait : Unauthorized \(erreur 401\)/);
    await expectNoAxeViolations(m.el, { context: 'export failed' });
  });

  it('takes its client and locale from <dcc-provider>', async () => {
    const client = new FakeIndicatorsClient(ROWS);
    const provider = await fixture(html`<dcc-provider locale="en" .client=${client}><dcc-dashboard .clock=${new FakeClock(NOW)}></dcc-dashboard></dcc-provider>`);
    const el = provider.querySelector('dcc-dashboard')!;
    await until(() => el.shadowRoot!.querySelector('[part~="figures"]'), 'the figures');
    assert.equal(client.calls.length, 1);
    assert.match(el.shadowRoot!.querySelector('[part~="title"]')!.textContent!, /Regional dashboard/);
  });

  it('English', async () => {
    const m = await mount(new FakeIndicatorsClient(ROWS), { lang: 'en' });
    assert.match(m.part('title')!.textContent!, /Regional dashboard/);
    assert.match(m.root.querySelector('caption')!.textContent!, /PPS per month, January 2026 to December 2026 \(all establishments, all 3Cs\)/);
    assert.deepEqual(
      [...m.root.querySelectorAll('thead th')].map((th) => th.textContent!.trim()),
      ['Month', 'Created', 'Validated', 'Signed', 'Deposited (accepted by the DMP)', 'Refused by the DMP', 'Distinct professionals', 'Created through a connector', 'Created through the web editors'],
    );
    assert.match(m.part('export')!.textContent!, /Export as CSV/);
    await expectNoAxeViolations(m.el, { context: 'English' });
  });
});
