// Typed events of <dcc-dashboard>, declared in GlobalEventHandlersEventMap so that a host's
// addEventListener is typed.
import type { IndicatorsQuery, IndicatorsReport } from './indicators-types.js';

/** The user changed a filter (period, establishment, 3C); the element asks for the new figures. */
export interface DashboardFilterChangeDetail {
  readonly query: IndicatorsQuery;
}

export class DashboardFilterChangeEvent extends Event {
  static readonly type = 'dcc-dashboard-filter-change';
  constructor(readonly detail: DashboardFilterChangeDetail) {
    super(DashboardFilterChangeEvent.type, { bubbles: true, composed: true });
  }
}

/** A report was received and is shown. */
export interface DashboardLoadDetail {
  readonly query: IndicatorsQuery;
  readonly report: IndicatorsReport;
}

export class DashboardLoadEvent extends Event {
  static readonly type = 'dcc-dashboard-load';
  constructor(readonly detail: DashboardLoadDetail) {
    super(DashboardLoadEvent.type, { bubbles: true, composed: true });
  }
}

/**
 * The CSV arrived and is about to be downloaded as `fileName`. Cancelable: `preventDefault()`
 * stops the download (a host saving the file its own way).
 */
export interface DashboardExportDetail {
  readonly query: IndicatorsQuery;
  readonly fileName: string;
  /** The CSV text (UTF-8 BOM included). */
  readonly csv: string;
}

export class DashboardExportEvent extends Event {
  static readonly type = 'dcc-dashboard-export';
  constructor(readonly detail: DashboardExportDetail) {
    super(DashboardExportEvent.type, { bubbles: true, composed: true, cancelable: true });
  }
}

/** A call failed: `operation` `load` (the figures) or `export` (the CSV); the message shown, the HTTP status when the platform answered. */
export interface DashboardErrorDetail {
  readonly operation: 'load' | 'export';
  readonly query: IndicatorsQuery;
  readonly message: string;
  readonly status?: number;
}

export class DashboardErrorEvent extends Event {
  static readonly type = 'dcc-dashboard-error';
  constructor(readonly detail: DashboardErrorDetail) {
    super(DashboardErrorEvent.type, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'dcc-dashboard-filter-change': DashboardFilterChangeEvent;
    'dcc-dashboard-load': DashboardLoadEvent;
    'dcc-dashboard-export': DashboardExportEvent;
    'dcc-dashboard-error': DashboardErrorEvent;
  }
}
