/**
 * A `Clock` that tests move forward themselves (`tick(ms)`), so that a test of an 800 ms
 * debounce takes no 800 ms. Timers of 0 ms are not held: they only yield to the browser (the
 * progressive render, a validation "as soon as possible") and run on the next real task, as
 * they would with the real clock; every timer that waits runs only when the test advances time.
 */
import type { Clock, TimerHandle } from '../clock.js';

interface PendingTimer {
  readonly id: number;
  readonly due: number;
  readonly callback: () => void;
}

export class FakeClock implements Clock {
  private current: number;
  private nextId = 1;
  private readonly pending = new Map<number, PendingTimer>();
  private readonly yielding = new Map<number, ReturnType<typeof setTimeout>>();

  /** Starts at `start` (default: the real time now, so that stored dates stay plausible). */
  constructor(start = Date.now()) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  setTimeout(callback: () => void, ms: number): TimerHandle {
    const id = this.nextId++;
    if (!(ms > 0)) {
      this.yielding.set(
        id,
        globalThis.setTimeout(() => {
          this.yielding.delete(id);
          callback();
        }, 0),
      );
      return id;
    }
    this.pending.set(id, { id, due: this.current + ms, callback });
    return id;
  }

  clearTimeout(handle: TimerHandle | undefined): void {
    if (typeof handle !== 'number') return;
    this.pending.delete(handle);
    const real = this.yielding.get(handle);
    if (real !== undefined) globalThis.clearTimeout(real);
    this.yielding.delete(handle);
  }

  /** Timers waiting for time to pass. */
  get pendingCount(): number {
    return this.pending.size;
  }

  /**
   * Moves time forward by `ms`, running every timer due on the way in order of due time (a
   * timer set by a callback runs too when it falls due within the same `ms`). Awaits a
   * microtask turn after each callback so that the promise chains they start can proceed.
   */
  async tick(ms: number): Promise<void> {
    const end = this.current + ms;
    for (;;) {
      let next: PendingTimer | undefined;
      for (const timer of this.pending.values()) if (timer.due <= end && (!next || timer.due < next.due || (timer.due === next.due && timer.id < next.id))) next = timer;
      if (!next) break;
      this.pending.delete(next.id);
      this.current = Math.max(this.current, next.due);
      next.callback();
      await Promise.resolve();
    }
    this.current = end;
  }

  /** Runs every waiting timer (time jumps to the last one). */
  async runAll(): Promise<void> {
    let last = this.current;
    for (const timer of this.pending.values()) last = Math.max(last, timer.due);
    await this.tick(last - this.current);
  }
}
