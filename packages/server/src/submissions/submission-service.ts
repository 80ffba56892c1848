// The rules of DMP / MSSanté submission seen from the API: what /submit enqueues (rows and
// jobs in the version's transaction), the per-version list, retrying a parked submission, and
// the DMP actions on an accepted document (visibility, archive, unarchive, delete) — these are
// direct calls to the DMP: the professional waits for the DMP's answer, and a refusal comes back
// as a problem naming the field.
import { randomUUID } from 'node:crypto';
import { HttpProblem, issue, problems } from '../http.js';
import type { SqlDriver, SqlExecutor } from '../store/driver.js';
import { recordAudit } from '../store/audit-repository.js';
import type { Actor, DocumentRecord } from '../store/records.js';
import type { SubmissionRecord, SubmissionRepository } from '../store/submissions-repository.js';
import { DMP_QUEUE, MSS_QUEUE, type JobQueue } from './job-queue.js';
import { asPortFailure, VISIBILITY_FLAGS, type ActingParty, type DmpPatientStatus, type DmpPort, type VisibilityFlag } from './ports.js';
import { actingParty, inSecretConnection, isMinorOn, patientCx } from './submission-context.js';

/** What the submit body chooses: visibility flags and MSSanté recipients. */
export interface SubmitChoices {
  visibility?: VisibilityFlag[];
  mss?: { patient?: boolean; recipients?: string[] };
}

export type VisibilityChange = { maskedToProfessionals?: boolean; visibleToPatient?: true; visibleToLegalRepresentatives?: true };
export type StatusAction = 'archive' | 'unarchive' | 'delete';

const MAILBOX = /^[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,190}\.[A-Za-z]{2,}$/;

/** EX_2.1-1050 and the flags' spelling: a problem naming `visibility` (or its item). */
export function checkVisibilityFlags(flags: readonly string[], path = 'visibility'): VisibilityFlag[] {
  const issues = flags.flatMap((f, i) =>
    (VISIBILITY_FLAGS as readonly string[]).includes(f) ? [] : [issue(`${path}[${i}]`, 'enum', `Indicateur de visibilité inconnu.`, `Unknown visibility flag.`)],
  );
  if (issues.length) throw problems.badRequest('Unknown visibility flag.', issues);
  if (flags.includes('INVISIBLE_PATIENT') && flags.includes('MASQUE_PS'))
    throw problems.unprocessable('visibility-not-allowed', 'A document cannot be both hidden from professionals and invisible to the patient (EX_2.1-1050).', [
      issue(path, 'EX_2.1-1050', 'Un document ne peut pas être à la fois masqué aux professionnels et non visible du patient.', 'A document cannot be both masked to professionals and invisible to the patient.'),
    ]);
  return [...new Set(flags)] as VisibilityFlag[];
}

export class SubmissionService {
  constructor(
    private readonly driver: SqlDriver,
    private readonly rows: SubmissionRepository,
    private readonly queue: JobQueue,
    private readonly config: { dmp?: DmpPort; mssConfigured: boolean; secteurActivite: string; /** a minor's age at submit; default: the system clock */ now?: () => Date },
  ) {}

  /**
   * Checks the choices and returns what the submit transition runs in its transaction: one DMP
   * row and job, one MSSanté row and job per recipient (the patient's mailbox unless the
   * document is invisible to the patient). MSSanté does not wait for the DMP's answer: the
   * two channels are independent (a closed DMP does not stop the care team's copy).
   */
  async enqueuer(choices: SubmitChoices, actor: Actor): Promise<(tx: SqlExecutor, doc: DocumentRecord) => Promise<void>> {
    const visibility = checkVisibilityFlags(choices.visibility ?? []);
    const toPatient = choices.mss?.patient ?? false;
    if (toPatient && visibility.includes('INVISIBLE_PATIENT'))
      throw problems.unprocessable('mss-patient-not-allowed', 'A document invisible to the patient is never sent to the patient’s mailbox.', [
        issue('mss.patient', 'invisible-patient', 'Document non visible du patient : pas d’envoi à sa messagerie.', 'The document is not visible to the patient: it is not sent to their mailbox.'),
      ]);
    const recipients = choices.mss?.recipients ?? [];
    const bad = recipients.flatMap((r, i) => (MAILBOX.test(r) ? [] : [issue(`mss.recipients[${i}]`, 'format', 'Adresse MSSanté invalide.', 'Invalid MSSanté address.')]));
    if (bad.length) throw problems.badRequest('Invalid MSSanté address.', bad);
    await this.queue.ready();
    const channels = ['dmp', ...(toPatient ? ['mss:patient'] : []), ...[...new Set(recipients.map((r) => r.toLowerCase()))].map((r) => `mss:${r}`)];
    return async (tx, doc) => {
      if (toPatient && visibility.includes('INVISIBLE_REPRESENTANTS_LEGAUX')) await this.refuseSecretConnectionMail(tx, doc.patientId);
      for (const channel of channels) {
        const dmp = channel === 'dmp';
        const configured = dmp ? this.config.dmp !== undefined : this.config.mssConfigured;
        const row = await this.rows.insert(tx, {
          documentId: doc.id,
          versionNumber: doc.currentVersion,
          structureId: await structureOf(tx, doc.id),
          patientId: doc.patientId,
          setId: doc.setId,
          channel,
          visibility,
          ...(configured ? {} : { stateDetail: dmp ? 'dmp-not-configured' : 'mss-not-configured' }),
          requestedBy: actor.idNatPs,
        });
        const jobId = await this.queue.send(tx.jobDb, dmp ? DMP_QUEUE : MSS_QUEUE, { submissionId: row.id }, dmp ? doc.setId : `${doc.setId}|${channel}`);
        await tx.query('UPDATE dmp_submissions SET job_id = $2 WHERE id = $1', [row.id, jobId]);
      }
    };
  }

  /**
   * A minor's secret connection (a minor's document hidden from the legal representatives):
   * never a copy to her Mon espace santé mailbox, which they may read (dmp-mes.md §2.2, the
   * MSSanté matrix: the patient's mailbox only when CONNEXION_SECRETE=N). Refused in the submit's
   * transaction, so nothing is queued.
   */
  private async refuseSecretConnectionMail(tx: SqlExecutor, patientId: string): Promise<void> {
    const rows = await tx.query<{ birth_date: string | null }>(`SELECT data->'traits'->>'birthDate' AS birth_date FROM patients WHERE id = $1`, [patientId]);
    if (!isMinorOn(rows[0]?.birth_date ?? undefined, (this.config.now ?? (() => new Date()))())) return;
    throw problems.unprocessable('mss-patient-not-allowed', 'A minor’s document hidden from the legal representatives is never sent to the patient’s mailbox.', [
      issue('mss.patient', 'secret-connection', 'Mineur en connexion secrète : pas d’envoi à sa messagerie, que ses représentants légaux peuvent lire.', 'Minor in secret connection: not sent to their mailbox, which the legal representatives may read.'),
    ]);
  }

  forVersion(doc: DocumentRecord, n: number): Promise<SubmissionRecord[]> {
    return this.rows.forVersion(doc.id, n);
  }

  async get(id: string, structures: readonly string[]): Promise<SubmissionRecord> {
    const row = await this.rows.get(id, structures);
    if (!row) throw problems.notFound('Submission');
    return row;
  }

  /**
   * A parked submission goes back to the queue (a new job, same key). The later versions of its
   * document parked behind it follow one by one: each is re-queued when the one before it is
   * answered (the worker does it), so the replacement still follows its parent.
   */
  async retry(id: string, actor: Actor): Promise<SubmissionRecord> {
    await this.queue.ready();
    return this.driver.transaction(async (tx) => {
      const row = await this.rows.lock(tx, id);
      if (!row || !actor.structures.includes(row.structureId)) throw problems.notFound('Submission');
      if (row.state !== 'parked')
        throw problems.conflict('submission-not-parked', `Only a parked submission can be retried (this one is ${row.state}).`);
      const again = await requeueSubmission(tx, this.rows, this.queue, row, { retriedBy: actor.idNatPs });
      await recordAudit(tx, actor, { action: 'submission.retry', resourceType: 'document', resourceId: row.documentId, version: row.versionNumber, structureId: row.structureId, patientId: row.patientId, documentId: row.documentId });
      return again;
    });
  }

  /** TD0.2, live, for a patient of the caller's structures. */
  async patientStatus(patient: { insValue: string; insOid: string; structureId: string }, actor: ActingParty): Promise<DmpPatientStatus> {
    const dmp = this.requireDmp();
    try {
      return await dmp.patientStatus({ matricule: patient.insValue, oid: patient.insOid }, actor, AbortSignal.timeout(30_000));
    } catch (error) {
      throw dmpProblem(error);
    }
  }

  /** Visibility change (TD3.3a/b) of the accepted DMP entry of version `n`. */
  async changeVisibility(doc: DocumentRecord, n: number, change: VisibilityChange, actor: Actor): Promise<SubmissionRecord> {
    return this.onAccepted(doc, n, actor, 'visibility', async (row, ctx) => {
      const flags = new Set<VisibilityFlag>(row.visibility as VisibilityFlag[]);
      if (change.maskedToProfessionals === true) flags.add('MASQUE_PS');
      if (change.maskedToProfessionals === false) flags.delete('MASQUE_PS');
      if (change.visibleToPatient) flags.delete('INVISIBLE_PATIENT');
      if (change.visibleToLegalRepresentatives) flags.delete('INVISIBLE_REPRESENTANTS_LEGAUX');
      const visibility = checkVisibilityFlags([...flags], 'maskedToProfessionals');
      if (visibility.length === row.visibility.length && visibility.every((f) => row.visibility.includes(f)))
        throw problems.conflict('visibility-unchanged', 'The document already has this visibility.');
      const newEntryUUID = `urn:uuid:${randomUUID()}`;
      await this.requireDmp().updateVisibility(
        {
          cda: ctx.cda,
          logicalId: row.dmp!.logicalId ?? row.dmp!.entryUUID,
          previousVersion: row.dmp!.metadataVersion ?? 1,
          visibility,
          newEntryUUID,
          ...(ctx.secretConnection ? { secretConnection: true } : {}),
        },
        ctx.party,
        AbortSignal.timeout(60_000),
      );
      return { state: 'accepted', visibility, dmp: { ...row.dmp!, entryUUID: newEntryUUID, metadataVersion: (row.dmp!.metadataVersion ?? 1) + 1 } };
    });
  }

  /** Archive / unarchive / delete (TD3.3c/d) of the accepted DMP entry of version `n`. */
  async changeStatus(doc: DocumentRecord, n: number, action: StatusAction, actor: Actor): Promise<SubmissionRecord> {
    return this.onAccepted(doc, n, actor, action, async (row, ctx) => {
      const status = row.dmp!.status ?? 'Approved';
      const [from, to] = action === 'archive' ? ['Approved', 'Archived'] : action === 'unarchive' ? ['Archived', 'Approved'] : [status, 'Deleted'];
      if (status !== from || (from !== 'Approved' && from !== 'Archived'))
        throw problems.conflict('dmp-status-conflict', `The DMP entry is ${status}: it cannot be ${action}d.`);
      await this.requireDmp().updateStatus(
        { entryUUID: row.dmp!.entryUUID, from: from as 'Approved' | 'Archived', to: to as 'Approved' | 'Archived' | 'Deleted', patientId: ctx.patientCx, ...(ctx.secretConnection ? { secretConnection: true } : {}) },
        ctx.party,
        AbortSignal.timeout(60_000),
      );
      return { state: 'accepted', dmpStatus: to };
    });
  }

  private requireDmp(): DmpPort {
    if (!this.config.dmp) throw new HttpProblem(503, 'dmp-not-configured', 'DMP non configuré', 'No DMP endpoint is configured on this server (DCC_DMP_URL).');
    return this.config.dmp;
  }

  private async onAccepted(
    doc: DocumentRecord,
    n: number,
    actor: Actor,
    action: string,
    run: (row: SubmissionRecord, ctx: { cda: Uint8Array; party: ActingParty; patientCx: string; secretConnection: boolean }) => Promise<Parameters<SubmissionRepository['change']>[2]>,
  ): Promise<SubmissionRecord> {
    this.requireDmp();
    const row = (await this.rows.forVersion(doc.id, n)).find((r) => r.channel === 'dmp');
    if (!row) throw problems.notFound('DMP submission');
    if (row.state !== 'accepted' || !row.dmp) throw problems.conflict('not-in-dmp', `The version is not in the DMP (its submission is ${row.state}).`);
    const facts = await this.driver.query<{ cda: string; signed_by: string; ins_value: string; ins_oid: string; birth_date: string | null }>(
      `SELECT v.cda, v.signed_by, p.ins_value, p.ins_oid, p.data->'traits'->>'birthDate' AS birth_date FROM document_versions v JOIN patients p ON p.id = $3 WHERE v.document_id = $1 AND v.number = $2`,
      [doc.id, n, doc.patientId],
    );
    const f = facts[0]!;
    // The entry as the DMP holds it (the stored row, before this change) says whether the action is made in secret connection, by the deposit's own rule.
    const secretConnection = inSecretConnection(row.visibility, f.birth_date ?? undefined, (this.config.now ?? (() => new Date()))());
    let change;
    try {
      change = await run(row, {
        cda: new TextEncoder().encode(f.cda),
        party: actingParty(actor.idNatPs, row.structureId, this.config.secteurActivite),
        patientCx: patientCx(f.ins_value, f.ins_oid),
        secretConnection,
      });
    } catch (error) {
      throw error instanceof HttpProblem ? error : dmpProblem(error);
    }
    return this.driver.transaction(async (tx) => {
      await this.rows.lock(tx, row.id);
      const updated = await this.rows.change(tx, row.id, change, action, { by: actor.idNatPs });
      await recordAudit(tx, actor, { action: `submission.${action}`, resourceType: 'document', resourceId: doc.id, version: n, structureId: row.structureId, patientId: doc.patientId, documentId: doc.id });
      return updated;
    });
  }
}

/**
 * Puts a row back in the queue with a new job (same key). One row per transaction: jobs sent in
 * one transaction share pg-boss's `created_on`, which would leave their FIFO order to chance.
 */
export async function requeueSubmission(tx: SqlExecutor, rows: SubmissionRepository, queue: JobQueue, row: SubmissionRecord, data: Record<string, unknown>): Promise<SubmissionRecord> {
  const dmp = row.channel === 'dmp';
  const jobId = await queue.send(tx.jobDb, dmp ? DMP_QUEUE : MSS_QUEUE, { submissionId: row.id }, dmp ? row.setId : `${row.setId}|${row.channel}`);
  return rows.change(tx, row.id, { state: 'queued', stateDetail: null, jobId, nextAttemptAt: null, reason: null }, 'state', data);
}

async function structureOf(tx: SqlExecutor, documentId: string): Promise<string> {
  const rows = await tx.query<{ structure_id: string }>('SELECT structure_id FROM documents WHERE id = $1', [documentId]);
  return rows[0]!.structure_id;
}

/** A DMP failure as the API shows it: 503 when it may pass (Retry-After), 422 with the DMP's reason and field otherwise. */
export function dmpProblem(error: unknown): HttpProblem {
  const f = asPortFailure(error);
  if (f.transient) return new HttpProblem(503, 'dmp-unavailable', 'DMP indisponible', `The DMP did not answer (${f.code}); try again later.`, undefined, { 'retry-after': '30' });
  return problems.unprocessable('dmp-refused', f.messageEn ?? `The DMP refused the request (${f.code}).`, [
    issue(f.location ?? '', f.code, f.messageFr ?? 'Le DMP a refusé la demande.', f.messageEn ?? 'The DMP refused the request.'),
  ]);
}
