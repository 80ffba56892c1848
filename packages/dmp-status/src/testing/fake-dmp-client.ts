// An in-memory DmpStatusClient for the browser tests: patients, documents, versions and
// submissions held in plain objects, the change feed as a channel the test pushes events into
// (honouring the AbortSignal, as the SDK's iterator does), every call recorded. A failure is
// thrown as the SDK's errors look (status + RFC 9457 problem).
// The records themselves come from ./records.ts (shared with the stories).
import type { DmpPatientStatus, Document, Patient, ServerSentEvent, Submission, SubmissionEvent, VersionSummary, VisibilityChange } from '@dcc-kit/sdk';
import type { DmpStatusClient } from '../dmp-status-model.js';
import { AT, visibilityAfter } from './records.js';

export interface FakeState {
  patient: Patient;
  dmp: DmpPatientStatus | { error: { status: number; title: string; detail?: string } };
  documents: Document[];
  versions: VersionSummary[];
  submissions: Submission[];
}

export interface FollowCall {
  lastEventId: string | number | undefined;
  signal: AbortSignal | undefined;
}

/** An error shaped like the SDK's DccError. */
export class FakeProblemError extends Error {
  constructor(
    readonly status: number,
    readonly problem: { type: string; title: string; status: number; detail?: string; errors?: { path: string; code: string; message: { fr: string; en: string } }[] },
  ) {
    super(`${problem.title} (${status})`);
  }
}

export class FakeDmpClient implements DmpStatusClient {
  readonly calls: { method: string; args: unknown[] }[] = [];
  readonly follows: FollowCall[] = [];
  /** Set to make the next action fail. */
  failNext: FakeProblemError | undefined;
  private listeners = new Set<(e: ServerSentEvent<SubmissionEvent> | 'end') => void>();
  private nextEventId = 100;

  constructor(readonly state: FakeState) {}

  private record(method: string, ...args: unknown[]): void {
    this.calls.push({ method, args });
  }

  readonly patients = {
    get: async (id: string) => {
      this.record('patients.get', id);
      return { data: this.state.patient };
    },
  };

  readonly documents = {
    list: (query: { patientId?: string }) => {
      this.record('documents.list', query);
      const items = this.state.documents.filter((d) => d.patientId === query.patientId);
      return (async function* () {
        yield* items;
      })();
    },
    listVersions: (id: string) => {
      this.record('documents.listVersions', id);
      const items = this.state.versions.filter((v) => v.documentId === id);
      return (async function* () {
        yield* items;
      })();
    },
  };

  private action(name: string, documentId: string, n: number, change: (s: Submission) => Submission) {
    this.record(name, documentId, n);
    if (this.failNext) {
      const error = this.failNext;
      this.failNext = undefined;
      return Promise.reject(error);
    }
    const index = this.state.submissions.findIndex((s) => s.documentId === documentId && s.versionNumber === n && s.channel === 'dmp');
    const next = change(this.state.submissions[index]!);
    this.state.submissions[index] = next;
    return Promise.resolve({ data: next });
  }

  readonly submissions = {
    forVersion: async (id: string, n: number) => {
      this.record('submissions.forVersion', id, n);
      return { data: { items: this.state.submissions.filter((s) => s.documentId === id && s.versionNumber === n) } };
    },
    retry: async (submissionId: string) => {
      this.record('submissions.retry', submissionId);
      if (this.failNext) {
        const error = this.failNext;
        this.failNext = undefined;
        throw error;
      }
      const index = this.state.submissions.findIndex((s) => s.id === submissionId);
      const next = { ...this.state.submissions[index]!, state: 'queued' as const };
      delete (next as Partial<Submission>).reason;
      delete (next as Partial<Submission>).stateDetail;
      this.state.submissions[index] = next;
      return { data: next };
    },
    patientDmpStatus: async (id: string) => {
      this.record('submissions.patientDmpStatus', id);
      const dmp = this.state.dmp;
      if ('error' in dmp) throw new FakeProblemError(dmp.error.status, { type: 'about:blank', ...dmp.error });
      return { data: dmp };
    },
    changeVisibility: (id: string, n: number, body: VisibilityChange) =>
      this.action('submissions.changeVisibility', id, n, (s) => {
        this.calls.at(-1)!.args.push(body);
        return { ...s, visibility: visibilityAfter(s.visibility, body) };
      }),
    archive: (id: string, n: number) => this.action('submissions.archive', id, n, (s) => ({ ...s, dmp: { ...s.dmp!, status: 'Archived' } })),
    unarchive: (id: string, n: number) => this.action('submissions.unarchive', id, n, (s) => ({ ...s, dmp: { ...s.dmp!, status: 'Approved' } })),
    delete: (id: string, n: number) => this.action('submissions.delete', id, n, (s) => ({ ...s, dmp: { ...s.dmp!, status: 'Deleted' } })),
    events: (follow: { lastEventId?: string | number; signal?: AbortSignal }): AsyncIterable<ServerSentEvent<SubmissionEvent>> => {
      this.follows.push({ lastEventId: follow.lastEventId, signal: follow.signal });
      const listeners = this.listeners;
      return {
        [Symbol.asyncIterator]() {
          const queue: (ServerSentEvent<SubmissionEvent> | 'end')[] = [];
          let wake: (() => void) | undefined;
          const listener = (e: ServerSentEvent<SubmissionEvent> | 'end') => {
            queue.push(e);
            wake?.();
          };
          listeners.add(listener);
          follow.signal?.addEventListener('abort', () => listener('end'), { once: true });
          return {
            async next(): Promise<IteratorResult<ServerSentEvent<SubmissionEvent>>> {
              while (queue.length === 0) await new Promise<void>((r) => (wake = r));
              const item = queue.shift()!;
              if (item === 'end') {
                listeners.delete(listener);
                return { done: true, value: undefined };
              }
              return { done: false, value: item };
            },
            async return(): Promise<IteratorResult<ServerSentEvent<SubmissionEvent>>> {
              listeners.delete(listener);
              return { done: true, value: undefined };
            },
          };
        },
      };
    },
  };

  /** Number of iterators currently following the feed. */
  get followers(): number {
    return this.listeners.size;
  }

  /** Changes a submission in the store and pushes its feed event. */
  emit(submissionId: string, change: Partial<Submission>, kind = 'state'): void {
    const index = this.state.submissions.findIndex((s) => s.id === submissionId);
    const sub = { ...this.state.submissions[index]!, ...change };
    this.state.submissions[index] = sub;
    const id = String(this.nextEventId++);
    const data: SubmissionEvent = {
      seq: Number(id),
      at: AT,
      structureId: sub.structureId,
      submissionId: sub.id,
      documentId: sub.documentId,
      versionNumber: sub.versionNumber,
      channel: sub.channel,
      state: sub.state,
      kind,
      data: {},
    };
    for (const l of [...this.listeners]) l({ id, event: 'submission', data });
  }

  /** Ends every open feed iterator (a dropped connection). */
  dropFeed(): void {
    for (const l of [...this.listeners]) l('end');
  }
}
