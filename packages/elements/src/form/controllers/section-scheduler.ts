// The progressive first render of a schema form: the first section in the first update, the
// others a few per task after the first paint, all at once when focus enters the form or a
// link needs them. `revision` lets the host re-render the sections already there only when
// something else changed (`guard`).
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Clock, TimerHandle } from '../../clock.js';

/**
 * Sections rendered by the first update (the first one fills the first screen); the others are
 * rendered right after the first paint, SECTIONS_PER_STEP per task (a full PPS has about 8,000
 * elements: creating them all before the first paint took most of the first render; one
 * section per task made the whole longer, each task paying its own style and layout pass). Until then a following
 * section shows its heading (reachable from the links and by heading navigation) and is
 * `aria-busy`; the section links, the error summary links and `focusPath()` render every
 * section before moving focus, focus entering the form renders them at once (Tab order), and
 * `renderComplete` resolves once all are there.
 */
export const FIRST_SECTIONS = 1;
export const SECTIONS_PER_STEP = 2;

export interface SectionSchedulerHost extends ReactiveControllerHost {
  readonly isConnected: boolean;
  readonly hasUpdated: boolean;
}

export interface SectionSchedulerOptions {
  /** How many sections the form has. */
  count(): number;
  clock(): Clock;
}

export class SectionScheduler implements ReactiveController {
  private renderedCount = FIRST_SECTIONS;
  private stepping = false;
  /** Changes with every update request except the one rendering one more step of sections. */
  revision = 0;
  private timer: { cancel(): void } | undefined;
  private readonly waiters: (() => void)[] = [];

  constructor(
    private readonly host: SectionSchedulerHost,
    private readonly options: SectionSchedulerOptions,
  ) {
    host.addController(this);
  }

  /** How many sections are rendered. */
  get rendered(): number {
    return this.renderedCount;
  }

  get pending(): boolean {
    return this.renderedCount < this.options.count();
  }

  /** The host calls this from `requestUpdate`: any update but a step re-renders the sections there. */
  updateRequested(): void {
    if (!this.stepping) this.revision++;
  }

  hostConnected(): void {
    if (this.host.hasUpdated) this.schedule();
  }

  hostUpdated(): void {
    this.schedule();
  }

  hostDisconnected(): void {
    this.timer?.cancel();
    this.timer = undefined;
  }

  /** Renders the next sections in a task of their own (a few at a time, so input stays responsive). */
  schedule(): void {
    if (!this.pending) {
      for (const resolve of this.waiters.splice(0)) resolve();
      return;
    }
    if (this.timer || !this.host.isConnected) return;
    const clock = this.options.clock();
    const next = (): void => {
      this.timer = undefined;
      this.setRendered(this.renderedCount + SECTIONS_PER_STEP);
    };
    // The first step waits for the first paint (what is rendered shows first); the next ones
    // follow in tasks of their own (input events are handled between two steps, and the
    // browser paints between them when a frame is due).
    let timeout: TimerHandle | undefined;
    let frame: number | undefined;
    if (this.renderedCount <= FIRST_SECTIONS) frame = requestAnimationFrame(() => (timeout = clock.setTimeout(next, 0)));
    else timeout = clock.setTimeout(next, 0);
    this.timer = {
      cancel: () => {
        if (frame !== undefined) cancelAnimationFrame(frame);
        clock.clearTimeout(timeout);
      },
    };
  }

  /** Renders every section now (before moving focus to a field or a section). */
  async renderAll(): Promise<void> {
    if (this.pending) {
      this.timer?.cancel();
      this.timer = undefined;
      this.setRendered(this.options.count());
    }
    await this.host.updateComplete;
  }

  /** Resolves once every section is rendered. */
  async complete(): Promise<void> {
    await this.host.updateComplete;
    while (this.pending) {
      await new Promise<void>((resolve) => this.waiters.push(resolve));
      await this.host.updateComplete;
    }
  }

  private setRendered(count: number): void {
    this.renderedCount = count;
    // Rendering more sections creates them without re-rendering those already there.
    this.stepping = true;
    try {
      this.host.requestUpdate();
    } finally {
      this.stepping = false;
    }
  }
}
