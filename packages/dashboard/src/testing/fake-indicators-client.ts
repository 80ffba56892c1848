// An in-memory DashboardClient for the browser tests: answers from fixture rows (filters
// applied), records every call with its signal, and can hold answers until the test releases
// them (a superseded request, the loading state) or fail them as the SDK's errors look.
import type { DashboardClient, IndicatorRow, IndicatorsCallOptions, IndicatorsQuery, IndicatorsReport } from '../indicators-types.js';
import { SAMPLE_CENTERS, SAMPLE_ESTABLISHMENTS, reportCsv, reportFor, type FixtureEstablishment } from './indicators-fixtures.js';

export interface FakeCall {
  readonly method: 'get' | 'csv';
  readonly query: IndicatorsQuery;
  readonly signal: AbortSignal | undefined;
}

/** An error shaped like the SDK's DccError. */
export class FakeProblemError extends Error {
  constructor(
    readonly status: number,
    readonly problem: { type: string; title: string; status: number; detail?: string },
  ) {
    super(`${problem.title} (${status})`);
  }
}

interface Held {
  readonly call: FakeCall;
  release(): void;
}

export class FakeIndicatorsClient implements DashboardClient {
  readonly calls: FakeCall[] = [];
  /** When true, answers wait for `releaseAll()` / `release(i)`. */
  hold = false;
  /** The next calls fail with this error (until set back to undefined). */
  failWith: Error | undefined;
  private held: Held[] = [];

  constructor(
    public rows: readonly IndicatorRow[],
    public establishments: readonly FixtureEstablishment[] = SAMPLE_ESTABLISHMENTS,
  ) {}

  readonly indicators = {
    get: (query: IndicatorsQuery, options?: IndicatorsCallOptions): Promise<IndicatorsReport> =>
      this.answer({ method: 'get', query, signal: options?.signal }, () => reportFor(query, this.rows, this.establishments, SAMPLE_CENTERS)),
    csv: (query: IndicatorsQuery, options?: IndicatorsCallOptions): Promise<string> =>
      this.answer({ method: 'csv', query, signal: options?.signal }, () => reportCsv(reportFor(query, this.rows, this.establishments, SAMPLE_CENTERS))),
  };

  /** Calls still held. */
  get pending(): readonly FakeCall[] {
    return this.held.map((h) => h.call);
  }

  release(index = 0): void {
    const [h] = this.held.splice(index, 1);
    h?.release();
  }

  releaseAll(): void {
    const all = this.held;
    this.held = [];
    for (const h of all) h.release();
  }

  private answer<T>(call: FakeCall, value: () => T): Promise<T> {
    this.calls.push(call);
    const failure = this.failWith;
    return new Promise<T>((resolve, reject) => {
      const settle = () => (failure ? reject(failure) : resolve(value()));
      // As fetch does: an aborted signal rejects with an AbortError, at once.
      call.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')), { once: true });
      if (this.hold) this.held.push({ call, release: settle });
      else queueMicrotask(settle);
    });
  }
}
