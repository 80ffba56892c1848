// The time source of every debounce and timer of the elements (draft saves, validation,
// progressive rendering). Injectable so that tests advance time instead of sleeping
// (`FakeClock` of `@dcc-kit/elements/testing`) and so that a host can run several editors on
// one scheduler; the default is the browser's own.

/** A timer handle as returned by `Clock.setTimeout` (opaque). */
export type TimerHandle = unknown;

export interface Clock {
  /** Milliseconds since the epoch (as `Date.now()`). */
  now(): number;
  /** Runs `callback` once after `ms` milliseconds (as `window.setTimeout`). */
  setTimeout(callback: () => void, ms: number): TimerHandle;
  /** Cancels a timer of this clock; `undefined` or an already-run handle are ignored. */
  clearTimeout(handle: TimerHandle | undefined): void;
}

/** The browser's clock. */
export const realClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout> | undefined),
};

/** One pending timer of a controller: a new one replaces it, and it is cancelled on the clock that set it. */
export class TimerSlot {
  private pending: { clock: Clock; handle: TimerHandle } | undefined;

  /** Runs `callback` after `ms` on `clock`, cancelling the timer set before. */
  set(clock: Clock, callback: () => void, ms: number): void {
    this.clear();
    const handle = clock.setTimeout(() => {
      this.pending = undefined;
      callback();
    }, ms);
    this.pending = { clock, handle };
  }

  clear(): void {
    this.pending?.clock.clearTimeout(this.pending.handle);
    this.pending = undefined;
  }
}
