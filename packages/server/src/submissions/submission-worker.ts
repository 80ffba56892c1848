// The worker: takes submission jobs from pg-boss and carries each to the DMP (TD0.2, then
// ITI-41) or to one MSSanté recipient, writing every state change of the row, its event and
// the job's settlement in ONE transaction. Several processes on one database share the work
// (pg-boss hands a job to one of them); a process killed mid-job stops its heartbeats and the
// job comes back to another attempt, which re-sends the same entry (same entryUUID and
// uniqueId: the registry answers "already there" as accepted — spec §8).
import type { Job } from 'pg-boss';
import type { SqlDriver, SqlExecutor } from '../store/driver.js';
import type { SubmissionChange, SubmissionReason, SubmissionRecord, SubmissionRepository } from '../store/submissions-repository.js';
import { DMP_QUEUE, MSS_QUEUE, type JobData, type JobQueue, type QueueName } from './job-queue.js';
import { asPortFailure, type DmpPort, type MssPort, type VisibilityFlag } from './ports.js';
import { actingParty, inSecretConnection, submissionFacts } from './submission-context.js';
import { requeueSubmission } from './submission-service.js';
import { whyNotSubmittable } from '../services/identity-rules.js';
import type { IdentityStatus } from '../store/records.js';

export interface WorkerOptions {
  dmp?: DmpPort;
  mss?: MssPort;
  secteurActivite: string;
  /** Jobs handled at once per queue (default 4). */
  concurrency?: number;
  /** Idle poll interval in ms (default 1000). */
  pollMs?: number;
  /** Time allowed to one DMP or SMTP call (default 60 s). */
  callTimeoutMs?: number;
  /** How often rows whose job was lost are looked for (ms, default 60 000), and how old they must be (default 10 min). */
  sweepMs?: number;
  staleMs?: number;
  /** The clock (a minor's age on the day of the deposit); default: the system's. */
  now?: () => Date;
}

/** The claim of a job lapsed (heartbeat lost, another attempt runs it): roll back, leave it alone. */
class ClaimLapsed extends Error {}

const reasonOf = (error: unknown): SubmissionReason => {
  const f = asPortFailure(error);
  return {
    code: f.code,
    fr: f.messageFr ?? `Échec temporaire (${f.code}).`,
    en: f.messageEn ?? `Temporary failure (${f.code}).`,
    ...(f.location ? { field: f.location } : {}),
  };
};

export class SubmissionWorker {
  private running = false;
  private loops: Promise<void>[] = [];
  private wake: (() => void) | undefined;
  private sweeper: NodeJS.Timeout | undefined;

  constructor(
    private readonly driver: SqlDriver,
    private readonly rows: SubmissionRepository,
    private readonly queue: JobQueue,
    private readonly options: WorkerOptions,
  ) {}

  /** Starts polling the queues whose channel is configured (an unconfigured channel's jobs wait, never lost). */
  start(): void {
    if (this.running) return;
    this.running = true;
    if (this.options.dmp) this.loops.push(this.loop(DMP_QUEUE));
    if (this.options.mss) this.loops.push(this.loop(MSS_QUEUE));
    this.sweeper = setInterval(() => void this.sweep().catch(() => undefined), this.options.sweepMs ?? 60_000);
    this.sweeper.unref();
  }

  /**
   * A row still to do whose pg-boss job is gone or finished (e.g. failed by pg-boss after more
   * crashes than retries) would wait forever: it is parked (`job-lost`), so a human sees it and
   * `retry` re-queues it. Rows untouched for `staleMs` only (default 10 min).
   */
  async sweep(staleMs = this.options.staleMs ?? 10 * 60_000): Promise<number> {
    let parked = 0;
    const channels = [...(this.options.dmp ? ['dmp'] : []), ...(this.options.mss ? ['mss'] : [])];
    const rows = await this.driver.query<{ id: string; channel: string; job_id: string | null }>(
      `SELECT id, channel, job_id FROM dmp_submissions WHERE state IN ('queued', 'sending', 'retrying') AND updated_at < now() - ($1::integer * interval '1 millisecond')
         AND split_part(channel, ':', 1) = ANY($2::text[]) ORDER BY seq LIMIT 200`,
      [Math.round(staleMs), channels],
    );
    for (const r of rows) {
      const queue: QueueName = r.channel === 'dmp' ? DMP_QUEUE : MSS_QUEUE;
      const job = r.job_id ? await this.queue.job(queue, r.job_id) : null;
      if (job && (job.state === 'created' || job.state === 'retry' || job.state === 'active')) continue;
      await this.driver.transaction(async (tx) => {
        const row = await this.rows.lock(tx, r.id);
        if (!row || !['queued', 'sending', 'retrying'].includes(row.state) || row.jobId !== r.job_id) return;
        await this.rows.change(tx, r.id, { state: 'parked', stateDetail: 'job-lost', reason: JOB_LOST });
        parked += 1;
      });
    }
    return parked;
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.sweeper) clearInterval(this.sweeper);
    this.wake?.();
    await Promise.allSettled(this.loops);
    this.loops = [];
  }

  private async loop(queue: QueueName): Promise<void> {
    const concurrency = this.options.concurrency ?? 4;
    const inFlight = new Set<Promise<void>>();
    while (this.running) {
      let jobs: Job<JobData>[] = [];
      try {
        if (inFlight.size < concurrency) jobs = await this.queue.fetch(queue, concurrency - inFlight.size);
      } catch {
        // database unavailable for a moment: poll again later
      }
      for (const job of jobs) {
        const p = this.handle(queue, job).finally(() => inFlight.delete(p));
        inFlight.add(p);
      }
      if (!jobs.length || inFlight.size >= concurrency) {
        await Promise.race([
          new Promise<void>((resolve) => {
            this.wake = resolve;
            setTimeout(resolve, this.options.pollMs ?? 1000).unref();
          }),
          ...(inFlight.size >= concurrency ? [...inFlight] : []),
        ]);
      }
    }
    await Promise.allSettled([...inFlight]);
  }

  /** One job, with heartbeats while it runs. Never throws. */
  async handle(queue: QueueName, job: Job<JobData>): Promise<void> {
    const beat = setInterval(() => void this.queue.touch(queue, job).catch(() => undefined), (this.queue.heartbeatSeconds * 1000) / 3);
    try {
      if (queue === DMP_QUEUE) await this.dmpJob(job);
      else await this.mssJob(job);
    } catch {
      // ClaimLapsed, or the database failed mid-way: the job's heartbeat stops and pg-boss gives
      // it back; the row keeps its last committed state.
    } finally {
      clearInterval(beat);
    }
  }

  /** Settles the job and changes the row in one transaction. */
  private settle(queue: QueueName, job: Job<JobData>, id: string, how: 'complete' | 'retry', change: (tx: SqlExecutor, startAfter?: Date) => Promise<void>): Promise<void> {
    return this.driver.transaction(async (tx) => {
      if (how === 'complete') {
        if (!(await this.queue.complete(tx.jobDb, queue, job))) throw new ClaimLapsed();
        await change(tx);
      } else {
        const r = await this.queue.failForRetry(tx.jobDb, queue, job, { submissionId: id });
        if (!r) throw new ClaimLapsed();
        await change(tx, r.startAfter);
      }
    });
  }

  /** Marks the row `sending` (or finishes at once when there is nothing to do). Returns the row to work on. */
  private async claim(queue: QueueName, job: Job<JobData>): Promise<SubmissionRecord | undefined> {
    const id = job.data.submissionId;
    return this.driver.transaction(async (tx) => {
      const row = await this.rows.lock(tx, id);
      if (!row || row.state === 'accepted' || row.state === 'refused' || row.state === 'parked' || (row.jobId && row.jobId !== job.id)) {
        // finished already, or an older job of a row re-queued since: nothing to send
        if (!(await this.queue.complete(tx.jobDb, queue, job))) throw new ClaimLapsed();
        return undefined;
      }
      if (queue === DMP_QUEUE) {
        // Strict order per document: key_strict_fifo holds later jobs while an earlier one is
        // active or retrying; an earlier version parked (its job done) holds them here.
        const waiting = (await this.rows.earlierOfSet(tx, row.setId, row.seq)).find((r) => r.state !== 'accepted' && r.state !== 'refused');
        if (waiting) {
          if (!(await this.queue.complete(tx.jobDb, queue, job))) throw new ClaimLapsed();
          await this.rows.change(tx, id, { state: 'parked', stateDetail: 'waiting-for-earlier-version', reason: waitingReason(waiting.versionNumber) });
          return undefined;
        }
      }
      return this.rows.change(tx, id, { state: 'sending', stateDetail: null, attempts: row.attempts + 1, nextAttemptAt: null });
    });
  }

  /** The end of an attempt that failed: retry later, or park when retries are exhausted. */
  private async failed(queue: QueueName, job: Job<JobData>, row: SubmissionRecord, error: unknown): Promise<void> {
    const reason = reasonOf(error);
    const failure = asPortFailure(error);
    if (!failure.transient) return this.finish(queue, job, row, { state: 'refused', reason });
    if (job.retryCount >= this.queue.retry.retryLimit)
      return this.settle(queue, job, row.id, 'complete', async (tx) => void (await this.rows.change(tx, row.id, { state: 'parked', stateDetail: 'retries-exhausted', reason })));
    return this.settle(queue, job, row.id, 'retry', async (tx, startAfter) => void (await this.rows.change(tx, row.id, { state: 'retrying', nextAttemptAt: startAfter ?? null, reason })));
  }

  private finish(queue: QueueName, job: Job<JobData>, row: SubmissionRecord, change: SubmissionChange, more?: (tx: SqlExecutor) => Promise<void>): Promise<void> {
    return this.settle(queue, job, row.id, 'complete', async (tx) => {
      await this.rows.change(tx, row.id, change);
      await more?.(tx);
      await this.releaseNext(tx, row, change.state);
    });
  }

  /** An answered DMP version lets the next version parked behind it go (one at a time, in order). */
  private async releaseNext(tx: SqlExecutor, row: SubmissionRecord, state: SubmissionChange['state']): Promise<void> {
    if (row.channel !== 'dmp' || (state !== 'accepted' && state !== 'refused')) return;
    const next = (await this.rows.waitingBehind(tx, row.setId, row.seq))[0];
    if (next) await requeueSubmission(tx, this.rows, this.queue, next, { after: row.id });
  }

  private async dmpJob(job: Job<JobData>): Promise<void> {
    const dmp = this.options.dmp!;
    const row = await this.claim(DMP_QUEUE, job);
    if (!row) return;
    const facts = await submissionFacts(this.driver, row.documentId, row.versionNumber);
    if (!facts) return this.finish(DMP_QUEUE, job, row, { state: 'refused', reason: NOT_SIGNED });
    const notQualified = whyNotSubmittable({ identityStatus: facts.identityStatus as IdentityStatus });
    if (notQualified)
      return this.finish(DMP_QUEUE, job, row, {
        state: 'refused',
        reason: { code: 'identity-not-qualified', fr: notQualified.fr, en: notQualified.en, field: 'identityStatus' },
      });
    const party = actingParty(facts.signedBy, row.structureId, this.options.secteurActivite);
    const timeout = this.options.callTimeoutMs ?? 60_000;
    try {
      const status = await dmp.patientStatus(facts.ins, party, AbortSignal.timeout(timeout));
      const closed = status.dmp !== 'active' ? status.dmp : !status.canFeed ? 'blocked' : undefined;
      if (closed) return this.finish(DMP_QUEUE, job, row, { state: 'parked', stateDetail: `dmp-${closed}`, reason: DMP_CLOSED[closed] });
      const earlier = await this.rows.earlierOfSet(this.driver, row.setId, row.seq);
      const parent = [...earlier].reverse().find((r) => r.state === 'accepted' && r.dmp && (r.dmp.status ?? 'Approved') === 'Approved');
      const secretConnection = inSecretConnection(row.visibility, facts.birthDate, (this.options.now ?? (() => new Date()))());
      const accepted = await dmp.provideAndRegister(
        {
          cda: facts.cda,
          visibility: row.visibility as VisibilityFlag[],
          entryUUID: row.entryUUID,
          submissionSetUniqueId: row.submissionSetId,
          ...(parent ? { replaces: { entryUUID: parent.dmp!.entryUUID } } : {}),
          ...(secretConnection ? { secretConnection } : {}),
        },
        party,
        AbortSignal.timeout(timeout),
      );
      return this.finish(DMP_QUEUE, job, row, { state: 'accepted', reason: null, dmp: { entryUUID: accepted.entryUUID, logicalId: accepted.entryUUID, metadataVersion: 1, status: 'Approved' } }, async (tx) => {
        if (parent) await this.rows.change(tx, parent.id, { state: 'accepted', dmpStatus: 'Deprecated' }, 'deprecated', { by: row.id });
      });
    } catch (error) {
      if (error instanceof ClaimLapsed) throw error;
      return this.failed(DMP_QUEUE, job, row, error);
    }
  }

  private async mssJob(job: Job<JobData>): Promise<void> {
    const mss = this.options.mss!;
    const row = await this.claim(MSS_QUEUE, job);
    if (!row) return;
    const facts = await submissionFacts(this.driver, row.documentId, row.versionNumber);
    if (!facts) return this.finish(MSS_QUEUE, job, row, { state: 'refused', reason: NOT_SIGNED });
    const address = row.channel === 'mss:patient' ? `${facts.ins.matricule}@patient.mssante.fr` : row.channel.slice('mss:'.length);
    try {
      await mss.send({ cda: facts.cda, visibility: row.visibility as VisibilityFlag[], to: [address], submissionSetUniqueId: row.submissionSetId, messageId: `<${row.id}@submissions.dcc-kit>` }, AbortSignal.timeout(this.options.callTimeoutMs ?? 60_000));
      return this.finish(MSS_QUEUE, job, row, { state: 'accepted', reason: null });
    } catch (error) {
      if (error instanceof ClaimLapsed) throw error;
      return this.failed(MSS_QUEUE, job, row, error);
    }
  }
}

const waitingReason = (n: number): SubmissionReason => ({
  code: 'waiting-for-earlier-version',
  fr: `La version ${n} du document n'est pas encore dans le DMP : relancez-la d'abord.`,
  en: `Version ${n} of the document is not in the DMP yet: retry it first.`,
  field: 'versionNumber',
});

const JOB_LOST: SubmissionReason = {
  code: 'job-lost',
  fr: "La tâche d'envoi a été perdue (trop d'interruptions) : relancez l'envoi.",
  en: 'The sending job was lost (too many interruptions): retry the submission.',
  field: 'state',
};

/** A queued version that is not (or no longer) signed: neither channel carries it. */
const NOT_SIGNED: SubmissionReason = { code: 'not-signed', fr: 'La version n’est pas signée.', en: 'The version is not signed.', field: 'status' };

const DMP_CLOSED: Record<string, SubmissionReason> = {
  closed: { code: 'dmp-closed', fr: 'Le DMP du patient est fermé : le document ne peut pas y être déposé.', en: "The patient's DMP is closed: the document cannot be deposited.", field: 'patient.dmp' },
  none: { code: 'dmp-none', fr: "Le patient n'a pas de DMP.", en: 'The patient has no DMP.', field: 'patient.dmp' },
  blocked: { code: 'dmp-ps-blocked', fr: 'Le patient a bloqué ce professionnel : il ne peut pas alimenter son DMP.', en: 'The patient blocked this professional: they cannot feed the DMP.', field: 'patient.dmp.authorisation' },
};
