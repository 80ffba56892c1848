// <dcc-dashboard>: the regional indicators (issue 14, TDB) month by month — PPS and Fiche RCP
// created, validated, signed, deposited, refused, distinct professionals, connector vs web
// editors — as an accessible table (the source of the figures) and a chart of the same figures
// with a text alternative, filtered by period, establishment and 3C, with the CSV export. No
// side effects: the tag is defined by ./dashboard.ts.
import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { LocalizeController, dccContext, describeError, realClock, type Clock, type DccContextValue } from '@dcc-kit/elements';
import { isDashboardClient, type DashboardClient, type IndicatorVolet, type IndicatorsQuery, type IndicatorsReport, type MonthTotals } from './indicators-types.js';
import {
  CHART_VIEWS,
  MAX_PERIOD_MONTHS,
  PICKER_MONTHS_BACK,
  TABLE_COLUMNS,
  VOLETS,
  ADDITIVE_COLUMNS,
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
  seriesKeys,
  toQuery,
  totalsOf,
  type ChartView,
  type PeriodProblem,
} from './dashboard-model.js';
import { IndicatorsController } from './indicators-controller.js';
import { DashboardErrorEvent, DashboardExportEvent, DashboardFilterChangeEvent, DashboardLoadEvent } from './dashboard-events.js';
import { registerDashboardStrings, type DashboardStrings } from './dashboard-strings.js';
import { dashboardStyles } from './dashboard-styles.js';
import { legendMarker, renderChart } from './indicators-chart.js';

/** How long a downloaded CSV's object URL stays valid (ms): the browser has started the download by then. */
export const DOWNLOAD_URL_LIFETIME_MS = 30_000;

/**
 * @summary The regional indicators month by month — PPS and Fiche RCP created, validated,
 * signed, deposited, refused, distinct professionals, connector vs web editors — as an
 * accessible table and a chart of the same figures, filtered by period, establishment (FINESS)
 * and 3C, with the CSV export (issue 14, TDB).
 * @tag dcc-dashboard
 *
 * @event dcc-dashboard-filter-change - `{ query }`: the user changed the period, the establishment or the 3C; the element asks for the new figures.
 * @event dcc-dashboard-load - `{ query, report }`: a report was received and is shown.
 * @event dcc-dashboard-export - `{ query, fileName, csv }`: the CSV arrived and is about to be downloaded as `fileName`. Cancelable: `preventDefault()` stops the download.
 * @event dcc-dashboard-error - `{ operation, query, message, status? }`: loading the figures (`load`) or the CSV (`export`) failed.
 *
 * @property {DashboardClient} client - An `@dcc-kit/sdk` client (`createDccClient`) or any object with `indicators.get` and `indicators.csv`; wins over the `<dcc-provider>`'s client.
 * @property {string} fromMonth - First month of the period, `YYYY-MM` (attribute `from-month`); default: 11 months before the current one.
 * @property {string} toMonth - Last month of the period, `YYYY-MM` (attribute `to-month`); default: the current month (Paris).
 * @property {string} finess - Only this establishment (attribute `finess`); empty: every establishment.
 * @property {string} center3c - Only this 3C (attribute `center3c`); empty: every 3C.
 * @property {string} volet - `pps` (default) or `frcp`: the volet the chart and the table show.
 * @property {string} view - `production` (default: created, validated, signed, deposited, refused) or `channel` (connector vs editors): what the chart draws.
 * @property {Clock} clock - Time source of the default period and timers (wins over `<dcc-provider>`; default: the browser's).
 * @property {string} lang - `fr` (default) or `en`; otherwise follows the context locale, then the closest `[lang]`.
 *
 * @csspart base - The whole element.
 * @csspart title - The element's heading.
 * @csspart live - The live region announcing loads and exports (visually hidden).
 * @csspart filters - The filters (period, establishment, 3C).
 * @csspart from-month - The first month's select.
 * @csspart to-month - The last month's select.
 * @csspart establishment - The establishment's select.
 * @csspart center3c - The 3C's select.
 * @csspart period-error - Why the period cannot be asked for.
 * @csspart export - The CSV export button.
 * @csspart display - The display options (volet, chart view).
 * @csspart status - The loading / updating line.
 * @csspart error - A load's or export's error message.
 * @csspart retry - The retry button of a failed load.
 * @csspart offline - The offline notice.
 * @csspart empty - The "nothing in this period" message.
 * @csspart figures - The chart and the table.
 * @csspart chart - The chart's figure (caption, SVG, summary, legend).
 * @csspart chart-svg - The SVG.
 * @csspart chart-summary - The chart's text alternative.
 * @csspart legend - The chart's legend.
 * @csspart table-wrap - The table's scroll container.
 * @csspart table - The table of the figures.
 * @csspart generated-at - When the platform computed the figures.
 *
 * @cssproperty --dcc-color-text - Text colour.
 * @cssproperty --dcc-color-background - Background.
 * @cssproperty --dcc-color-surface - Table header background.
 * @cssproperty --dcc-color-border - Borders and grid lines.
 * @cssproperty --dcc-color-primary - Buttons.
 * @cssproperty --dcc-color-error - Errors.
 * @cssproperty --dcc-color-warning - The offline notice.
 * @cssproperty --dcc-color-muted - Status and secondary text.
 * @cssproperty --dcc-chart-color-1 - First series (created; connector).
 * @cssproperty --dcc-chart-color-2 - Second series (validated; editors).
 * @cssproperty --dcc-chart-color-3 - Third series (signed).
 * @cssproperty --dcc-chart-color-4 - Fourth series (deposited).
 * @cssproperty --dcc-chart-color-5 - Fifth series (refused).
 * @cssproperty --dcc-font-family - Font family.
 * @cssproperty --dcc-font-size - Base font size.
 * @cssproperty --dcc-space-s - Small spacing.
 * @cssproperty --dcc-space-m - Medium spacing.
 * @cssproperty --dcc-space-l - Large spacing.
 * @cssproperty --dcc-radius - Corner radius.
 * @cssproperty --dcc-focus-ring - Focus outline.
 */
export class DccDashboard extends LitElement {
  static override styles = dashboardStyles;

  @property({ attribute: false }) accessor client: DashboardClient | undefined = undefined;
  @property({ attribute: 'from-month', reflect: true }) accessor fromMonth: string | undefined = undefined;
  @property({ attribute: 'to-month', reflect: true }) accessor toMonth: string | undefined = undefined;
  @property({ reflect: true }) accessor finess = '';
  @property({ reflect: true }) accessor center3c = '';
  @property({ reflect: true }) accessor volet: IndicatorVolet = 'pps';
  @property({ reflect: true }) accessor view: ChartView = 'production';
  @property({ attribute: false }) accessor clock: Clock | undefined = undefined;

  @consume({ context: dccContext, subscribe: true })
  @state()
  protected accessor dcc: DccContextValue | undefined = undefined;

  @state() private accessor establishments: ReadonlyMap<string, string | null> = new Map();
  @state() private accessor centers: ReadonlyMap<string, string | null> = new Map();
  @state() private accessor exporting = false;
  @state() private accessor exportError: string | undefined = undefined;
  @state() private accessor liveMessage = '';

  protected readonly localize = new LocalizeController<DashboardStrings>(this);
  private readonly indicators = new IndicatorsController(this, {
    onReport: (report, query) => this.onReport(report, query),
    onError: (error, query) => this.onLoadError(error, query),
  });

  constructor() {
    super();
    registerDashboardStrings();
  }

  /** The report shown (the last one received), if any. */
  get report(): IndicatorsReport | undefined {
    return this.indicators.report;
  }

  /** Asks for the current filters' figures again. */
  reload(): Promise<void> {
    const client = this.activeClient();
    const query = this.currentQuery();
    return client && query ? this.indicators.load(client, query, true) : Promise.resolve();
  }

  private activeClient(): DashboardClient | undefined {
    if (this.client) return this.client;
    const fromContext = this.dcc?.client;
    return isDashboardClient(fromContext) ? fromContext : undefined;
  }

  private timeSource(): Clock {
    return this.clock ?? this.dcc?.clock ?? realClock;
  }

  /** The filters as the contract's query, or undefined while the period is not one the platform accepts. */
  private currentQuery(): IndicatorsQuery | undefined {
    if (periodProblem(this.fromMonth, this.toMonth)) return undefined;
    return toQuery({ from: this.fromMonth!, to: this.toMonth!, finess: this.finess, center3c: this.center3c });
  }

  protected override willUpdate(changed: PropertyValues): void {
    this.localize.contextLocale = this.dcc?.locale;
    if (this.fromMonth === undefined || this.toMonth === undefined) {
      const period = defaultPeriod(this.timeSource().now());
      this.fromMonth ??= period.from;
      this.toMonth ??= period.to;
    }
    if (!VOLETS.includes(this.volet)) this.volet = 'pps';
    if (!CHART_VIEWS.includes(this.view)) this.view = 'production';
    const client = this.activeClient();
    const query = this.currentQuery();
    // The controller ignores a query it already shows or loads; a new one aborts the old request.
    if (client && query && (changed.has('client') || changed.has('dcc') || changed.has('fromMonth') || changed.has('toMonth') || changed.has('finess') || changed.has('center3c') || this.indicators.status === 'idle'))
      void this.indicators.load(client, query);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Moved in the page: a request aborted by the removal is asked again (the controller is idle).
    if (this.hasUpdated) this.requestUpdate();
  }

  private onReport(report: IndicatorsReport, query: IndicatorsQuery): void {
    this.establishments = mergeOptions(this.establishments, report.establishments.map((e) => ({ id: e.finess, name: e.name })));
    this.centers = mergeOptions(this.centers, report.centers3c);
    const created = totalsOf(monthsOf(report, this.volet)).created ?? 0;
    this.announce(this.localize.term('dashboard.loaded', this.voletLabel(), this.periodText(report.period.from, report.period.to), created));
    this.dispatchEvent(new DashboardLoadEvent({ query, report }));
  }

  private onLoadError(error: unknown, query: IndicatorsQuery): void {
    const described = describeError(error, this.localize.lang());
    this.dispatchEvent(
      new DashboardErrorEvent({ operation: 'load', query, message: described.text, ...(described.status === undefined ? {} : { status: described.status }) }),
    );
  }

  private announce(message: string): void {
    // The same text twice in a row is still announced: clear, then set on the next update.
    if (message === this.liveMessage) {
      this.liveMessage = '';
      void this.updateComplete.then(() => (this.liveMessage = message));
    } else this.liveMessage = message;
  }

  // ---- user actions ----

  private setFilter(name: 'fromMonth' | 'toMonth' | 'finess' | 'center3c', value: string): void {
    if (this[name] === value) return;
    this[name] = value;
    const query = this.currentQuery();
    if (query) this.dispatchEvent(new DashboardFilterChangeEvent({ query }));
  }

  private onRetry(): void {
    void this.reload();
    // The button goes while loading: the focus goes to the heading, never to the page's body.
    void this.updateComplete.then(() => {
      if (!this.renderRoot.querySelector('[part~="retry"]')) this.renderRoot.querySelector<HTMLElement>('[part~="title"]')?.focus();
    });
  }

  private async onExport(): Promise<void> {
    const client = this.activeClient();
    const query = this.currentQuery();
    if (this.exporting || !client || !query) return;
    this.exporting = true;
    this.exportError = undefined;
    this.announce(this.localize.term('dashboard.exporting'));
    try {
      const csv = await client.indicators.csv(query);
      const fileName = csvFileName(query);
      const event = new DashboardExportEvent({ query, fileName, csv });
      this.dispatchEvent(event);
      if (!event.defaultPrevented) this.download(fileName, csv);
      this.announce(this.localize.term('dashboard.exported', fileName));
    } catch (error) {
      const described = describeError(error, this.localize.lang());
      this.exportError = this.localize.term('dashboard.exportFailed', described.text);
      this.dispatchEvent(
        new DashboardErrorEvent({ operation: 'export', query, message: described.text, ...(described.status === undefined ? {} : { status: described.status }) }),
      );
    } finally {
      this.exporting = false;
    }
  }

  /** Saves `text` as `fileName` through a Blob URL (no data: URL, nothing inline: strict CSP). */
  private download(fileName: string, text: string): void {
    const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = fileName;
    a.hidden = true;
    this.renderRoot.append(a);
    a.click();
    a.remove();
    this.timeSource().setTimeout(() => URL.revokeObjectURL(url), DOWNLOAD_URL_LIFETIME_MS);
  }

  // ---- texts ----

  private voletLabel(volet: IndicatorVolet = this.volet): string {
    return this.localize.term(`dashboard.volet.${volet}`);
  }

  private monthLong(month: string): string {
    return this.localize.date(month);
  }

  private monthShort(month: string): string {
    const [y, m] = month.split('-').map(Number);
    return new Intl.DateTimeFormat(this.localize.lang() === 'fr' ? 'fr-FR' : 'en-GB', { month: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(y!, m! - 1, 1)));
  }

  private number(value: number): string {
    return new Intl.NumberFormat(this.localize.lang() === 'fr' ? 'fr-FR' : 'en-GB').format(value);
  }

  private periodText(from: string, to: string): string {
    return this.localize.term('dashboard.period', this.monthLong(from), this.monthLong(to));
  }

  private optionLabel(id: string, name: string | null | undefined): string {
    return name ? this.localize.term('dashboard.option', name, id) : id;
  }

  private scopeText(report: IndicatorsReport): string {
    const t = this.localize;
    const { finess, center3c } = report.filters;
    if (!finess && !center3c) return t.term('dashboard.scope.all');
    const establishment = finess ? this.optionLabel(finess, this.establishments.get(finess)) : t.term('dashboard.scope.anyEstablishment');
    const center = center3c ? this.optionLabel(center3c, this.centers.get(center3c)) : t.term('dashboard.scope.anyCenter');
    return t.term('dashboard.scope', establishment, center);
  }

  private periodProblemText(problem: PeriodProblem): string {
    const t = this.localize;
    // No « from » followed by a quote anywhere in the bundle: the CDN test reads it as a bare import.
    if (problem === 'tooLong') return t.term('dashboard.period.tooLong', MAX_PERIOD_MONTHS);
    if (problem === 'order') return t.term('dashboard.period.order');
    return t.term(problem === 'first' ? 'dashboard.period.invalidFirst' : 'dashboard.period.invalidLast');
  }

  // ---- rendering ----

  override render(): TemplateResult {
    const t = this.localize;
    return html`<section part="base" aria-labelledby="title">
      <h2 id="title" part="title" tabindex="-1">${t.term('dashboard.title')}</h2>
      <p part="live" class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this.liveMessage}</p>
      ${this.activeClient() ? html`${this.renderFilters()} ${this.renderDisplay()} ${this.renderState()} ${this.renderFigures()}` : html`<p part="error">${t.term('dashboard.noClient')}</p>`}
    </section>`;
  }

  private monthChoices(): string[] {
    const current = monthOf(this.timeSource().now());
    const months = monthsBetween(addMonths(current, -PICKER_MONTHS_BACK), current);
    for (const chosen of [this.fromMonth, this.toMonth]) if (chosen && !months.includes(chosen) && /^\d{4}-\d{2}$/.test(chosen)) months.push(chosen);
    return months.sort();
  }

  private renderMonthSelect(name: 'fromMonth' | 'toMonth', months: readonly string[], describedBy: string | undefined): TemplateResult {
    const value = this[name] ?? '';
    return html`<label class="field"
      >${this.localize.term(name === 'fromMonth' ? 'dashboard.fromMonth' : 'dashboard.toMonth')}
      <select
        part=${name === 'fromMonth' ? 'from-month' : 'to-month'}
        name=${name === 'fromMonth' ? 'from-month' : 'to-month'}
        aria-describedby=${describedBy ?? nothing}
        aria-invalid=${describedBy ? 'true' : 'false'}
        @change=${(e: Event) => this.setFilter(name, (e.target as HTMLSelectElement).value)}
      >
        ${months.map((m) => html`<option value=${m} ?selected=${m === value}>${this.monthLong(m)}</option>`)}
      </select></label
    >`;
  }

  private renderFilters(): TemplateResult {
    const t = this.localize;
    const months = this.monthChoices();
    const problem = periodProblem(this.fromMonth, this.toMonth);
    const errorId = problem ? 'period-error' : undefined;
    const establishments = new Map(this.establishments);
    if (this.finess && !establishments.has(this.finess)) establishments.set(this.finess, null);
    const centers = new Map(this.centers);
    if (this.center3c && !centers.has(this.center3c)) centers.set(this.center3c, null);
    const busy = this.exporting || !this.currentQuery();
    return html`<fieldset part="filters">
      <legend>${t.term('dashboard.filters')}</legend>
      ${this.renderMonthSelect('fromMonth', months, errorId)} ${this.renderMonthSelect('toMonth', months, errorId)}
      <label class="field"
        >${t.term('dashboard.establishment')}
        <select part="establishment" name="finess" @change=${(e: Event) => this.setFilter('finess', (e.target as HTMLSelectElement).value)}>
          <option value="" ?selected=${!this.finess}>${t.term('dashboard.allEstablishments')}</option>
          ${[...establishments].map(([id, name]) => html`<option value=${id} ?selected=${id === this.finess}>${this.optionLabel(id, name)}</option>`)}
        </select></label
      >
      <label class="field"
        >${t.term('dashboard.center3c')}
        <select part="center3c" name="center3c" @change=${(e: Event) => this.setFilter('center3c', (e.target as HTMLSelectElement).value)}>
          <option value="" ?selected=${!this.center3c}>${t.term('dashboard.allCenters')}</option>
          ${[...centers].map(([id, name]) => html`<option value=${id} ?selected=${id === this.center3c}>${this.optionLabel(id, name)}</option>`)}
        </select></label
      >
      <button type="button" part="export" aria-disabled=${busy ? 'true' : 'false'} @click=${() => void this.onExport()}>
        ${this.exporting ? t.term('dashboard.exporting') : t.term('dashboard.export')}
      </button>
      ${problem
        ? html`<p id="period-error" part="period-error" role="alert">
            ${this.periodProblemText(problem)}
          </p>`
        : nothing}
    </fieldset>
    ${this.exportError ? html`<p part="error export-error" role="alert">${this.exportError}</p>` : nothing}`;
  }

  private renderDisplay(): TemplateResult {
    const t = this.localize;
    return html`<fieldset part="display">
      <legend>${t.term('dashboard.display')}</legend>
      <fieldset>
        <legend>${t.term('dashboard.volet')}</legend>
        ${VOLETS.map(
          (v) => html`<label
            ><input type="radio" name="volet" value=${v} .checked=${this.volet === v} @change=${() => (this.volet = v)} /> ${t.term(`dashboard.volet.${v}`)}</label
          >`,
        )}
      </fieldset>
      <fieldset>
        <legend>${t.term('dashboard.view')}</legend>
        ${CHART_VIEWS.map(
          (v) => html`<label
            ><input type="radio" name="view" value=${v} .checked=${this.view === v} @change=${() => (this.view = v)} /> ${t.term(`dashboard.view.${v}`)}</label
          >`,
        )}
      </fieldset>
    </fieldset>`;
  }

  private renderState(): TemplateResult | typeof nothing {
    const t = this.localize;
    const { status, report, error } = this.indicators;
    switch (status) {
      case 'loading':
        return html`<p part="status" aria-busy="true">${report ? t.term('dashboard.updating') : t.term('dashboard.loading')}</p>`;
      case 'offline':
        return html`<p part="offline" role="status">${report ? t.term('dashboard.offlineStale') : t.term('dashboard.offline')}</p>`;
      case 'error':
        return html`<div part="error load-error" role="alert">
          <p>${t.term('dashboard.loadFailed', describeError(error, t.lang()).text)}</p>
          <button type="button" part="retry" @click=${() => this.onRetry()}>${t.term('dashboard.retry')}</button>
        </div>`;
      default:
        return nothing;
    }
  }

  private renderFigures(): TemplateResult | typeof nothing {
    const report = this.indicators.report;
    if (!report) return nothing;
    const busy = this.indicators.status === 'loading';
    if (isEmptyReport(report)) return html`<p part="empty" aria-busy=${busy ? 'true' : 'false'}>${this.localize.term('dashboard.empty')}</p>`;
    const months = monthsOf(report, this.volet);
    return html`<div part="figures" aria-busy=${busy ? 'true' : 'false'}>
      ${this.renderChart(report, months)} ${this.renderTable(report, months)}
      <p part="generated-at">${this.localize.term('dashboard.generatedAt', this.localize.dateTime(report.generatedAt))}</p>
    </div>`;
  }

  private renderChart(report: IndicatorsReport, months: readonly MonthTotals[]): TemplateResult {
    const t = this.localize;
    const period = this.periodText(report.period.from, report.period.to);
    const totals = totalsOf(months);
    const volet = this.voletLabel();
    const summary =
      this.view === 'production'
        ? t.term('dashboard.chartSummary.production', volet, period, totals.created ?? 0, totals.validated ?? 0, totals.signed ?? 0, totals.deposited ?? 0, totals.refused ?? 0)
        : t.term('dashboard.chartSummary.channel', volet, period, totals.connector ?? 0, totals.editor ?? 0);
    const series = chartSeries(months, this.view);
    return html`<figure part="chart">
      <figcaption id="chart-title">${t.term('dashboard.chartTitle', volet, t.term(`dashboard.view.${this.view}`), period)}</figcaption>
      ${renderChart(
        series,
        {
          monthShort: (m) => this.monthShort(m),
          markTitle: (m, key, value) => t.term('dashboard.markTitle', this.monthLong(m), t.term(`dashboard.series.${key}`), this.number(value)),
          number: (v) => this.number(v),
        },
        'chart-title',
        'chart-summary',
      )}
      <ul part="legend" aria-label=${t.term('dashboard.legend')}>
        ${seriesKeys(this.view).map((key, i) => html`<li data-series=${key}>${legendMarker(i)} ${t.term(`dashboard.series.${key}`)}</li>`)}
      </ul>
      <p id="chart-summary" part="chart-summary">${summary}</p>
    </figure>`;
  }

  private renderTable(report: IndicatorsReport, months: readonly MonthTotals[]): TemplateResult {
    const t = this.localize;
    const totals = totalsOf(months);
    const caption = t.term('dashboard.tableCaption', this.voletLabel(), this.periodText(report.period.from, report.period.to), this.scopeText(report));
    // A scrollable region (a wide table on a narrow screen) must be reachable with the keyboard: focusable, named by the caption.
    return html`<div part="table-wrap" role="region" tabindex="0" aria-labelledby="table-caption">
      <table part="table">
        <caption id="table-caption">
          ${caption}
        </caption>
        <thead>
          <tr>
            <th scope="col">${t.term('dashboard.month')}</th>
            ${TABLE_COLUMNS.map((c) => html`<th scope="col" data-column=${c}>${t.term(`dashboard.column.${c}`)}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${months.map(
            (m) => html`<tr data-month=${m.month}>
              <th scope="row">${this.monthLong(m.month)}</th>
              ${TABLE_COLUMNS.map((c) => html`<td data-column=${c} data-value=${m[c]}>${this.number(m[c])}</td>`)}
            </tr>`,
          )}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">${t.term('dashboard.total')}</th>
            ${TABLE_COLUMNS.map((c) =>
              ADDITIVE_COLUMNS.has(c)
                ? html`<td data-column=${c} data-value=${totals[c] ?? 0}>${this.number(totals[c] ?? 0)}</td>`
                : html`<td data-column=${c}><span aria-hidden="true">—</span><span class="visually-hidden">${t.term('dashboard.notAdditive')}</span></td>`,
            )}
          </tr>
        </tfoot>
      </table>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dcc-dashboard': DccDashboard;
  }
}
