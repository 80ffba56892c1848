// The model check of a schema form: debounced after each edit, at once when the user leaves a
// field, the latest issues, which fields the user has left (their errors show), and whether
// every error shows (after a whole-form check) with the summary. Timers run on the host's clock.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ModelIssue } from '@dcc-kit/cda/core';
import { TimerSlot, type Clock } from '../../clock.js';
import { isUnder, parsePath, pathToString } from '../schema.js';

export interface ValidationControllerOptions {
  /** The time source of the debounce. */
  clock(): Clock;
  /** Runs the model check (loading the validator on first need). */
  check(): Promise<readonly ModelIssue[]>;
  /** Called after each check (the host refreshes its validity). */
  checked(): void;
}

/** Delay of the check after an edit (typing several keys runs one check). */
export const VALIDATION_DEBOUNCE_MS = 250;

export class ValidationController implements ReactiveController {
  private currentIssues: readonly ModelIssue[] = [];
  private wasValidated = false;
  private everyError = false;
  private summaryShown = false;
  private readonly timer = new TimerSlot();
  private promise: Promise<void> = Promise.resolve();
  /** Fields the user has left. */
  private readonly touched = new Set<string>();
  /** Every ancestor path of a touched field (group errors show once something inside was left). */
  private readonly touchedPrefixes = new Set<string>();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: ValidationControllerOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    // The validator (a separate chunk) is loaded now so that validity is known before any submit.
    this.schedule(0);
  }

  /** The latest model issues (empty when valid or not yet checked). */
  get issues(): readonly ModelIssue[] {
    return this.currentIssues;
  }
  /** Replaces the issues (a whole-form check or a failed build); the host re-renders. */
  set issues(next: readonly ModelIssue[]) {
    if (next !== this.currentIssues) this.host.requestUpdate();
    this.currentIssues = next;
  }
  /** True once a check has run. */
  get validated(): boolean {
    return this.wasValidated;
  }
  set validated(value: boolean) {
    // Only the errors of fields the user left, or of every field after a whole-form check, depend
    // on it (render/field-errors.ts): the first check after connection, with nothing left yet,
    // re-rendered every section already there for nothing.
    if (value !== this.wasValidated && (this.everyError || this.touched.size > 0)) this.host.requestUpdate();
    this.wasValidated = value;
  }
  /** Every error shows (not only those of fields the user left). */
  get showAll(): boolean {
    return this.everyError;
  }
  set showAll(value: boolean) {
    if (value !== this.everyError) this.host.requestUpdate();
    this.everyError = value;
  }
  get summaryVisible(): boolean {
    return this.summaryShown;
  }
  set summaryVisible(value: boolean) {
    if (value !== this.summaryShown) this.host.requestUpdate();
    this.summaryShown = value;
  }

  /** Resolves when the check of the latest change has run. */
  get complete(): Promise<void> {
    return this.promise;
  }

  /** Checks after `delay` ms (a newer request replaces an older one). */
  schedule(delay: number): void {
    this.promise = new Promise((resolve) => {
      this.timer.set(this.options.clock(), () => {
        this.run().then(resolve, resolve);
      }, delay);
    });
  }

  /** Checks now (a field was left), dropping a pending debounce. */
  checkNow(): Promise<void> {
    this.cancel();
    this.promise = this.run().catch(() => undefined);
    return this.promise;
  }

  /** Drops a pending debounced check (the caller runs its own). */
  cancel(): void {
    this.timer.clear();
  }

  async run(): Promise<void> {
    const issues = await this.options.check();
    this.setIssues(issues);
    this.validated = true;
    this.options.checked();
    if (this.summaryVisible && this.issues.length === 0) this.summaryVisible = false;
  }

  /** Replaces the issues only when they changed: an identical result must not re-render the form. */
  private setIssues(next: readonly ModelIssue[]): void {
    const key = (list: readonly ModelIssue[]) => list.map((i) => `${i.path}\u0000${i.code}\u0000${i.message.fr}`).join('\u0001');
    if (next.length === this.issues.length && key(next) === key(this.issues)) return;
    this.issues = next;
  }

  /** The user left the field at `pathText`. */
  touch(pathText: string): void {
    this.touched.add(pathText);
    const path = parsePath(pathText);
    for (let i = 0; i <= path.length; i++) this.touchedPrefixes.add(pathToString(path.slice(0, i)));
  }

  isTouched(pathText: string): boolean {
    return this.touched.has(pathText);
  }

  /** A new model: nothing touched, errors and summary hidden again. */
  reset(): void {
    this.touched.clear();
    this.touchedPrefixes.clear();
    this.showAll = false;
    this.summaryVisible = false;
  }

  /** Issues to show on a control at `pathText` (leaf: everything under it; group: exactly it). */
  visibleIssues(pathText: string, exact: boolean): ModelIssue[] {
    if (this.issues.length === 0) return [];
    if (exact) {
      if (!this.showAll && !this.touchedPrefixes.has(pathText)) return [];
      return this.issues.filter((i) => i.path === pathText);
    }
    if (!this.showAll && !this.touched.has(pathText)) return [];
    return this.issues.filter((i) => isUnder(i.path, pathText));
  }
}
