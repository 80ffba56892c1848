// @dcc-kit/dashboard: the <dcc-dashboard> class and its types. No side effect: import
// '@dcc-kit/dashboard/dashboard.js' to define the tag.
export { DccDashboard, DOWNLOAD_URL_LIFETIME_MS } from './dashboard.component.js';
export {
  DashboardFilterChangeEvent,
  DashboardLoadEvent,
  DashboardExportEvent,
  DashboardErrorEvent,
  type DashboardFilterChangeDetail,
  type DashboardLoadDetail,
  type DashboardExportDetail,
  type DashboardErrorDetail,
} from './dashboard-events.js';
export {
  MAX_PERIOD_MONTHS,
  DEFAULT_PERIOD_MONTHS,
  MEASURES,
  CHANNELS,
  TABLE_COLUMNS,
  CHART_VIEWS,
  addMonths,
  monthsBetween,
  monthOf,
  defaultPeriod,
  periodProblem,
  toQuery,
  csvFileName,
  monthsOf,
  totalsOf,
  chartSeries,
  valueScale,
  type Measure,
  type Channel,
  type TableColumn,
  type ChartView,
  type ChartSeries,
  type ChartPoint,
  type PeriodProblem,
} from './dashboard-model.js';
export { IndicatorsController, type IndicatorsStatus, type IndicatorsControllerOptions } from './indicators-controller.js';
export { registerDashboardStrings, type DashboardStrings } from './dashboard-strings.js';
export {
  isDashboardClient,
  type DashboardClient,
  type IndicatorsQuery,
  type IndicatorsReport,
  type IndicatorRow,
  type MonthTotals,
  type IndicatorVolet,
  type IndicatorChannel,
  type IndicatorsCallOptions,
  type YearMonth,
} from './indicators-types.js';
