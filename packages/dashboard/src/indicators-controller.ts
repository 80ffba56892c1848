// The indicators request as a reactive controller: one report at a time for the current query,
// a new query aborting the request it supersedes (its answer can no longer overwrite the newer
// one), the offline state from the browser's online/offline events (the last figures stay
// shown; the query is asked again when the connection comes back), and the abort of whatever
// is in flight when the host leaves the page.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { DashboardClient, IndicatorsQuery, IndicatorsReport } from './indicators-types.js';
import { sameQuery } from './dashboard-model.js';

export type IndicatorsStatus = 'idle' | 'loading' | 'ready' | 'error' | 'offline';

export interface IndicatorsControllerOptions {
  /** Called when a report arrived for the current query. */
  onReport?(report: IndicatorsReport, query: IndicatorsQuery): void;
  /** Called when the current query failed (never for an aborted, superseded one). */
  onError?(error: unknown, query: IndicatorsQuery): void;
  /** The browser's connectivity (tests may replace it). */
  isOnline?(): boolean;
}

export class IndicatorsController implements ReactiveController {
  status: IndicatorsStatus = 'idle';
  /** The last report received (kept while a newer query loads, fails or waits for the network). */
  report: IndicatorsReport | undefined;
  /** The query of `report`. */
  reportQuery: IndicatorsQuery | undefined;
  /** The query asked last (loading, failed or shown). */
  query: IndicatorsQuery | undefined;
  error: unknown;
  private client: DashboardClient | undefined;
  private abort: AbortController | undefined;
  private readonly onOnline = () => this.online();
  private readonly onOffline = () => this.offline();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: IndicatorsControllerOptions = {},
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    globalThis.addEventListener?.('online', this.onOnline);
    globalThis.addEventListener?.('offline', this.onOffline);
  }

  hostDisconnected(): void {
    globalThis.removeEventListener?.('online', this.onOnline);
    globalThis.removeEventListener?.('offline', this.onOffline);
    // Connected again later: an aborted request is asked again (idle), a shown report stays.
    if (this.status === 'loading') {
      this.cancel();
      this.query = undefined;
      this.status = 'idle';
    }
  }

  private isOnline(): boolean {
    return this.options.isOnline ? this.options.isOnline() : typeof navigator === 'undefined' || navigator.onLine !== false;
  }

  /**
   * Asks for `query` unless it is the one already shown or loading (`force`: ask again, the
   * retry button). A request still running for another query is aborted.
   */
  load(client: DashboardClient, query: IndicatorsQuery, force = false): Promise<void> {
    const unchanged = client === this.client && sameQuery(query, this.query) && (this.status === 'ready' || this.status === 'loading');
    if (unchanged && !force) return Promise.resolve();
    this.cancel();
    this.client = client;
    this.query = query;
    this.error = undefined;
    if (!this.isOnline()) {
      this.setStatus('offline');
      return Promise.resolve();
    }
    const abort = new AbortController();
    this.abort = abort;
    this.setStatus('loading');
    return client.indicators.get(query, { signal: abort.signal }).then(
      (report) => {
        if (abort.signal.aborted) return;
        this.abort = undefined;
        this.report = report;
        this.reportQuery = query;
        this.setStatus('ready');
        this.options.onReport?.(report, query);
      },
      (error: unknown) => {
        if (abort.signal.aborted) return;
        this.abort = undefined;
        this.error = error;
        // A failure because the network went away is the offline state, not an error of the platform.
        this.setStatus(this.isOnline() ? 'error' : 'offline');
        if (this.status === 'error') this.options.onError?.(error, query);
      },
    );
  }

  /** Asks for the current query again. */
  retry(): Promise<void> {
    return this.client && this.query ? this.load(this.client, this.query, true) : Promise.resolve();
  }

  /** Aborts the request in flight, if any. */
  cancel(): void {
    this.abort?.abort();
    this.abort = undefined;
  }

  private offline(): void {
    if (this.status === 'loading') this.cancel();
    if (this.status !== 'idle') this.setStatus('offline');
  }

  private online(): void {
    if (this.status === 'offline' || this.status === 'error') void this.retry();
  }

  private setStatus(status: IndicatorsStatus): void {
    this.status = status;
    this.host.requestUpdate();
  }
}
