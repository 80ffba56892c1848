// Client-side pacing of the Annuaire Santé's documented limit (17 calls/s per application,
// spec §4.1/§4.6): a token bucket, and the back-off delay between retries. Time comes from an
// injected clock and sleep so that tests never wait.

export interface Timing {
  /** Milliseconds since an arbitrary origin. */
  now: () => number;
  /** Resolves after `ms`; rejects with the signal's reason when it aborts first. */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export const realTiming: Timing = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

/**
 * At most `perSecond` calls in any second (a sliding window of the last calls' times): the
 * directory counts calls per second and application (spec §4.1), and a token bucket with a burst
 * would let up to twice that through in one second. `take()` waits on the injected sleep until
 * the oldest of the last `perSecond` calls is a second old; calls are served in order.
 */
export class RateLimiter {
  private readonly recent: number[] = [];
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly perSecond: number,
    private readonly timing: Timing,
  ) {
    if (!(perSecond >= 1)) throw new RangeError('RateLimiter: perSecond must be at least 1.');
  }

  /** Waits for a slot; calls are served in order. */
  take(signal?: AbortSignal): Promise<void> {
    const turn = this.queue.then(() => this.takeNow(signal));
    // The next caller waits for this one's turn, not for its failure.
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private async takeNow(signal?: AbortSignal): Promise<void> {
    for (;;) {
      if (signal?.aborted) throw signal.reason;
      const now = this.timing.now();
      while (this.recent.length > 0 && (this.recent[0] as number) <= now - 1000) this.recent.shift();
      if (this.recent.length < this.perSecond) {
        this.recent.push(now);
        return;
      }
      await this.timing.sleep((this.recent[0] as number) + 1000 - now, signal);
    }
  }
}

/**
 * Delay before retry `attempt` (1-based): the server's Retry-After when given (capped at
 * `maxMs`), else exponential from `baseMs` with full jitter from the injected `random`.
 */
export function backoffMs(attempt: number, retryAfterSeconds: number | undefined, options: { baseMs: number; maxMs: number; random: () => number }): number {
  if (retryAfterSeconds !== undefined) return Math.min(options.maxMs, Math.max(0, retryAfterSeconds * 1000));
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * options.random());
}

/** Retry-After as seconds: delta-seconds or an HTTP date (against `now`); undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - nowMs) / 1000));
}
