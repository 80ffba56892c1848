// The pg-boss queues of the submissions, on the store's own database (PGlite or PostgreSQL):
// one queue per channel, policy key_strict_fifo keyed by the document setId, so a version never
// overtakes an earlier version of the same document; retries with exponential backoff and
// jitter (pg-boss: delay·(2ⁿ/2 + 2ⁿ/2·random), capped); job heartbeats, so a job held by a
// killed process comes back after `heartbeatSeconds` instead of the expiry.
import { PgBoss, fromPglite, type Job, type JobWithMetadata } from 'pg-boss';
import type { JobDb, SqlDriver } from '../store/driver.js';

export const DMP_QUEUE = 'dcc-dmp-submissions';
export const MSS_QUEUE = 'dcc-mss-submissions';
export type QueueName = typeof DMP_QUEUE | typeof MSS_QUEUE;

export interface RetryPolicy {
  /** Attempts after the first one before the submission is parked (default 8). */
  retryLimit: number;
  /** First delay in seconds (default 2), doubled per attempt with jitter. */
  retryDelaySeconds: number;
  /** Cap of a delay in seconds (default 300). */
  retryDelayMaxSeconds: number;
}
export const DEFAULT_RETRY: RetryPolicy = { retryLimit: 8, retryDelaySeconds: 2, retryDelayMaxSeconds: 300 };

export interface JobData {
  submissionId: string;
}

export interface JobQueueOptions {
  retry?: Partial<RetryPolicy>;
  /** Seconds without a heartbeat before a held job is given back (pg-boss minimum 10). */
  heartbeatSeconds?: number;
  /** How often pg-boss's supervisor looks for lost heartbeats and expired jobs (seconds, default 5). */
  superviseIntervalSeconds?: number;
  /** pg-boss's own errors (maintenance, supervision): told to the operator, never thrown. */
  onError?: (error: unknown) => void;
}

export class JobQueue {
  readonly retry: RetryPolicy;
  readonly heartbeatSeconds: number;
  private boss: PgBoss | undefined;
  private starting: Promise<PgBoss> | undefined;
  private stopped = false;

  constructor(
    private readonly driver: SqlDriver,
    private readonly options: JobQueueOptions = {},
  ) {
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.heartbeatSeconds = Math.max(10, options.heartbeatSeconds ?? 10);
  }

  /**
   * Starts pg-boss once (installs its schema, creates the queues); later calls wait for the same
   * start. After `stop()` it refuses: a pg-boss started then would be nobody's to stop, and its
   * timers would keep the process alive.
   */
  ready(): Promise<PgBoss> {
    if (this.stopped) return Promise.reject(new Error('The job queue is stopped.'));
    this.starting ??= this.start().catch((error) => {
      this.starting = undefined;
      throw error;
    });
    return this.starting;
  }

  private async start(): Promise<PgBoss> {
    const backend = this.driver.jobBackend;
    const timing = {
      superviseIntervalSeconds: this.options.superviseIntervalSeconds ?? 5,
      monitorIntervalSeconds: this.options.superviseIntervalSeconds ?? 5,
      schedule: false,
    };
    const boss =
      backend.kind === 'pglite'
        ? new PgBoss({ db: fromPglite(backend.pglite as Parameters<typeof fromPglite>[0]), backend: 'pglite', ...timing })
        : new PgBoss({ connectionString: backend.connectionString, max: 4, ...(backend.schema ? { schema: backend.schema } : {}), ...timing });
    // pg-boss reports maintenance errors as events; unheard, an 'error' event ends the process.
    boss.on('error', (error) => this.options.onError?.(error));
    await boss.start();
    for (const name of [DMP_QUEUE, MSS_QUEUE])
      await boss.createQueue(name, {
        policy: 'key_strict_fifo',
        retryLimit: this.retry.retryLimit,
        retryDelay: this.retry.retryDelaySeconds,
        retryBackoff: true,
        retryDelayMax: this.retry.retryDelayMaxSeconds,
        heartbeatSeconds: this.heartbeatSeconds,
        expireInSeconds: 15 * 60,
        // a parked submission's job is completed; keep finished jobs a day for inspection
        deleteAfterSeconds: 24 * 3600,
      });
    if (!this.stopped) this.boss = boss;
    return boss;
  }

  /** Sends a job in the caller's transaction (`db`): it exists exactly when the transaction commits. */
  async send(db: JobDb, queue: QueueName, data: JobData, setId: string): Promise<string> {
    const boss = await this.ready();
    const id = await boss.send(queue, data, { singletonKey: setId, db });
    if (!id) throw new Error('pg-boss did not create the job');
    return id;
  }

  async fetch(queue: QueueName, batchSize: number): Promise<Job<JobData>[]> {
    const boss = await this.ready();
    return boss.fetch<JobData>(queue, { batchSize });
  }

  async touch(queue: QueueName, job: Job<JobData>): Promise<void> {
    await this.boss?.touch(queue, { id: job.id, retryCount: job.retryCount });
  }

  /** Completes this attempt in the caller's transaction; false when the claim lapsed (another attempt holds the job). */
  async complete(db: JobDb, queue: QueueName, job: Job<JobData>): Promise<boolean> {
    const boss = await this.ready();
    const r = await boss.complete(queue, { id: job.id, retryCount: job.retryCount }, null, { db });
    return affected(r) > 0;
  }

  /**
   * Fails this attempt in the caller's transaction: pg-boss puts the job in `retry` with its
   * next start time (backoff + jitter), which it returns; undefined when the claim lapsed.
   */
  async failForRetry(db: JobDb, queue: QueueName, job: Job<JobData>, output: object): Promise<{ startAfter: Date } | undefined> {
    const boss = await this.ready();
    const r = await boss.fail(queue, { id: job.id, retryCount: job.retryCount }, output, { db });
    if (affected(r) === 0) return undefined;
    const after = await boss.getJobById<JobData>(queue, job.id, { db });
    return { startAfter: after?.startAfter ? new Date(after.startAfter) : new Date() };
  }

  async job(queue: QueueName, id: string): Promise<JobWithMetadata<JobData> | null> {
    const boss = await this.ready();
    return boss.getJobById<JobData>(queue, id);
  }

  /** The jobs of a queue, oldest first (tests and the crash/bench counts). */
  async jobs(queue: QueueName): Promise<JobWithMetadata<JobData>[]> {
    const boss = await this.ready();
    return boss.findJobs<JobData>(queue, { limit: 100_000 });
  }

  /** Stops pg-boss, the one started or the one still starting (a stop during the start waits for it). */
  async stop(): Promise<void> {
    this.stopped = true;
    const starting = this.starting;
    this.boss = undefined;
    this.starting = undefined;
    const boss = await starting?.catch(() => undefined);
    // On PostgreSQL pg-boss owns its pool (closed here); on PGlite the database is the store's.
    await boss?.stop({ graceful: false, close: this.driver.jobBackend.kind === 'postgres' }).catch(() => undefined);
  }
}

/** pg-boss's settle commands answer `{ affected }` at run time; its declared type is empty. */
const affected = (r: unknown): number => Number((r as { affected?: number }).affected ?? 0);
