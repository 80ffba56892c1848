// The rules of a document's life: a draft is saved when its shape is right (it may be
// incomplete); /validate runs the full check (model rules → CDA → the kit's seven layers);
// /sign makes the professional legal authenticator and checks the rebuilt CDA again; /submit
// queues a signed version for the DMP, for a patient whose identity is qualified.
// Each action is a transition of the current version (TRANSITIONS); a new action (replace,
// DMP outcome…) is one more entry and one more method here, the routes stay thin.
import { randomUUID } from 'node:crypto';
import { parseCda, uuidToOid, xdsUniqueId } from '@dcc-kit/cda';
import { HttpProblem, issue, problems } from '../http.js';
import type { Activity, Professional } from '../auth/professional.js';
import type { CdaHeader, DocumentRepository, NewVersionPlan, NewVersionState, SignedVersion, TransitionChange, TransitionPrecondition } from '../store/documents-repository.js';
import type { PatientRepository } from '../store/patients-repository.js';
import type { InTransaction } from '../store/driver.js';
import type { Actor, DocumentRecord, DocumentStatus, DocumentType, Page, Patient, VersionRecord } from '../store/records.js';
import type { PageQuery } from '../middleware/paging.js';
import { checkDraft, setIdFromModel, setIdToInstance, type DocumentChecker } from './document-checker.js';
import type { ProblemIssue } from '../http.js';
import { whyNotSubmittable } from './identity-rules.js';
import { unwrap } from './write-result.js';
import { replacementModel, resolveReason, type ReplacementReason, type ReplacementTarget } from './replacement.js';

/** What a client may send with a new version: the model, and the reason when it replaces a signed version. */
export interface NewVersionInput {
  model: unknown;
  replacementReason?: { reason?: { code?: string; codeSystem?: string }; precision?: string };
}

export const DOCUMENT_STATUSES: readonly DocumentStatus[] = ['draft', 'validated', 'signed', 'submitted'];

/** Which version statuses each action starts from, where it leads, and its audit action. */
export const TRANSITIONS = {
  validate: { from: ['draft', 'validated'], to: 'validated', action: 'document.validate', done: 'validated' },
  sign: { from: ['validated'], to: 'signed', action: 'document.sign', done: 'signed' },
  submit: { from: ['signed'], to: 'submitted', action: 'document.submit', done: 'submitted' },
} as const satisfies Record<string, { from: readonly DocumentStatus[]; to: DocumentStatus; action: string; done: string }>;
export type LifecycleAction = keyof typeof TRANSITIONS;

/** A document and one of its versions, after a write. */
export interface DocumentVersion {
  document: DocumentRecord;
  version: VersionRecord;
}

/** What a draft save answers: what /validate will refuse, when there is anything (see checkDraft). */
export interface DraftWarnings {
  warnings: ProblemIssue[];
}

/** Who signs: the professional and the activity chosen in the session (if any). */
export interface Signer {
  professional: Professional;
  activeActivityId?: string | null;
}

export class DocumentLifecycle {
  constructor(
    private readonly documents: DocumentRepository,
    private readonly patients: PatientRepository,
    private readonly checker: DocumentChecker,
    private readonly config: { allowTestIdentities: boolean; signerProfessions?: readonly string[] },
  ) {}

  /**
   * A draft is refused only when it is not a document of its kind (400 with model paths);
   * whatever else /validate will refuse comes back as warnings: nothing typed is lost.
   */
  private checkDraft(type: DocumentType, model: unknown): ProblemIssue[] {
    const { refused, warnings } = checkDraft(type, model, { allowTestIdentities: this.config.allowTestIdentities });
    if (refused.length) throw problems.badRequest('The model does not match the expected structure.', refused);
    return warnings;
  }

  /** The new document, with the draft's warnings (also given to `then`, in the transaction). */
  async create(input: { patientId: string; type: DocumentType; model: unknown }, actor: Actor, then?: InTransaction<DocumentRecord & DraftWarnings>): Promise<DocumentRecord & DraftWarnings> {
    const warnings = this.checkDraft(input.type, input.model);
    const patient = await this.patients.get(input.patientId, actor.structures);
    if (!patient) throw problems.notFound('Patient');
    // The setId is the XDS-friendly OID the CDA will carry (`2.25.` form of a UUID).
    const setId = setIdFromModel(input.model) ?? uuidToOid(randomUUID());
    const withWarnings = (doc: DocumentRecord) => ({ ...doc, warnings });
    return withWarnings(unwrap(await this.documents.create({ ...input, setId }, actor, then && ((tx, doc) => then(tx, withWarnings(doc)))), 'Patient'));
  }

  list(structures: readonly string[], filter: { patientId?: string; type?: string; status?: string }, paging: PageQuery): Promise<Page<DocumentRecord>> {
    return this.documents.list({ structures, ...filter, limit: paging.limit, after: paging.after });
  }

  /** The document, if `id` names one of the caller's structures; else 404. */
  async get(id: string | undefined, structures: readonly string[]): Promise<DocumentRecord> {
    const doc = id ? await this.documents.get(id, structures) : undefined;
    if (!doc) throw problems.notFound('Document');
    return doc;
  }

  listVersions(doc: DocumentRecord, paging: PageQuery): Promise<Page<VersionRecord>> {
    return this.documents.listVersions(doc.id, { limit: paging.limit, after: paging.after });
  }

  /**
   * Saves version n+1. Once a version is signed, every later version replaces it (dmp-mes.md
   * §2.3): the server sets the model's setId, versionNumber and replaces from the signed CDA;
   * the first one after the signature needs `replacementReason` (later drafts keep it).
   */
  async addVersion(doc: DocumentRecord, expected: number, input: NewVersionInput, actor: Actor): Promise<DocumentVersion & DraftWarnings> {
    const warnings = this.checkDraft(doc.type, input.model);
    if (doc.version !== expected) throw problems.preconditionFailed();
    const plan = (state: NewVersionState): NewVersionPlan => {
      const { document, lastSigned } = state;
      const replacing = document.status === 'signed' || document.status === 'submitted';
      if (!lastSigned) {
        if (input.replacementReason !== undefined)
          throw problems.unprocessable('nothing-to-replace', 'No version of this document is signed: there is nothing to replace.', [
            issue('replacementReason', 'not-applicable', "Aucune version n'est signée : il n'y a rien à remplacer, retirez le motif.", 'No version is signed: there is nothing to replace; remove the reason.'),
          ]);
        return { model: input.model, action: 'document.version.create' };
      }
      const reason: ReplacementReason =
        input.replacementReason !== undefined || replacing || !state.current.replacementReason ? resolveReason(input.replacementReason) : state.current.replacementReason;
      const target = replacementTarget(lastSigned);
      return {
        model: replacementModel(document.type, input.model, target, reason),
        replacement: { ...target, reason },
        action: replacing ? 'document.version.replace' : 'document.version.create',
      };
    };
    return { ...unwrap(await this.documents.addVersion(doc.id, expected, actor, plan), 'Document'), warnings };
  }

  async getVersion(doc: DocumentRecord, n: number, structures: readonly string[]): Promise<VersionRecord & { cda?: string }> {
    const version = await this.documents.getVersion(doc.id, n, structures);
    if (!version) throw problems.notFound('Version');
    return version;
  }

  /** The CDA of a version that passed /validate (404 when it never did). */
  async cda(doc: DocumentRecord, n: number, structures: readonly string[]): Promise<string> {
    const version = await this.documents.getVersion(doc.id, n, structures);
    if (!version?.cda) throw problems.notFound(version ? 'CDA (the version was never validated)' : 'Version');
    return version.cda;
  }

  /** Common preamble of every action: the current version, the expected document version and status. */
  private async current(doc: DocumentRecord, n: number, expected: number, action: LifecycleAction, actor: Actor) {
    const version = await this.getVersion(doc, n, actor.structures);
    const { from, done } = TRANSITIONS[action];
    if (doc.version !== expected) throw problems.preconditionFailed();
    if (n !== doc.currentVersion) throw problems.conflict('not-current-version', `Only the current version (${doc.currentVersion}) can be ${done}.`);
    if (!(from as readonly DocumentStatus[]).includes(version.status))
      throw problems.conflict('invalid-transition', `Version ${n} is ${version.status}; it cannot be ${done} (needs ${from.join(' or ')}).`);
    const patient = await this.patients.get(doc.patientId, actor.structures);
    if (!patient) throw problems.notFound('Patient');
    return { doc, version, patient };
  }

  private transition(
    doc: DocumentRecord,
    n: number,
    expected: number,
    action: LifecycleAction,
    actor: Actor,
    extra: Omit<TransitionChange, 'from' | 'to' | 'action'>,
    precondition?: TransitionPrecondition,
    then?: InTransaction<DocumentVersion>,
  ) {
    const { from, to, action: audit } = TRANSITIONS[action];
    return this.documents.transition(doc.id, n, expected, { from: [...from], to, action: audit, ...extra }, actor, precondition, then);
  }

  /** `then` (each action): runs in the transition's transaction, with its result (the Idempotency-Key's answer). */
  async validate(document: DocumentRecord, n: number, expected: number, actor: Actor, then?: InTransaction<DocumentVersion>): Promise<DocumentVersion> {
    const { doc, version, patient } = await this.current(document, n, expected, 'validate', actor);
    const prepared = this.checker.prepare(version.model, doc.setId, patient);
    if (prepared.issues.length) throw problems.unprocessable('invalid-model', 'The document is not valid.', prepared.issues);
    const outcome = await this.checker.check(doc.type, prepared.model, new Date(), this.config.allowTestIdentities);
    if (!outcome.ok) {
      await this.documents.recordFailedValidation(doc.id, n, outcome.validation, actor);
      throw problems.unprocessable(outcome.validation ? 'conformance-failed' : 'invalid-model', 'The document is not valid.', outcome.issues);
    }
    return unwrap(await this.transition(doc, n, expected, 'validate', actor, { validation: outcome.validation, cda: outcome.xml }, undefined, then), 'Document');
  }

  async sign(document: DocumentRecord, n: number, expected: number, actor: Actor, signer: Signer, then?: InTransaction<DocumentVersion>): Promise<DocumentVersion> {
    const { doc, version, patient } = await this.current(document, n, expected, 'sign', actor);
    const activity = signingActivity(signer, patient, this.config.signerProfessions ?? DEFAULT_SIGNER_PROFESSIONS);
    const at = new Date();
    const prepared = this.checker.prepare(version.model, doc.setId, patient, { professional: signer.professional, activity, at });
    if (prepared.issues.length) throw problems.unprocessable('invalid-model', 'The document is not valid.', prepared.issues);
    const outcome = await this.checker.check(doc.type, prepared.model, at, this.config.allowTestIdentities);
    if (!outcome.ok) throw problems.unprocessable('signature-conformance-failed', 'The signed document does not pass the checks.', outcome.issues);
    return unwrap(
      await this.transition(doc, n, expected, 'sign', actor, {
        validation: outcome.validation,
        cda: outcome.xml,
        cdaHeader: outcome.header,
        signedBy: signer.professional.idNatPs,
        signedAt: at,
      }, undefined, then),
      'Document',
    );
  }

  /**
   * `enqueue` (from the submission service) writes the DMP / MSSanté rows and their jobs in
   * the same transaction as the version's `submitted` state: both or neither.
   */
  async submit(document: DocumentRecord, n: number, expected: number, actor: Actor, enqueue?: TransitionChange['enqueue'], then?: InTransaction<DocumentVersion>): Promise<DocumentVersion> {
    const { doc, patient } = await this.current(document, n, expected, 'submit', actor);
    // The stored status is the identity lifecycle's (services/identity.ts), never what the caller says.
    const notQualified = whyNotSubmittable(patient);
    if (notQualified)
      throw problems.unprocessable('identity-not-qualified', 'Only a patient with a qualified identity (INS qualifiée) can be submitted to the DMP.', [
        issue('identityStatus', 'identity-not-qualified', notQualified.fr, notQualified.en),
      ]);
    // Checked again inside the transaction, the patient row locked: a concurrent identity change cannot slip through.
    const stillQualified: TransitionPrecondition = async (tx, d) =>
      (await this.patients.isQualifiedForUpdate(tx, d.patientId)) ? undefined : { type: 'identity-not-qualified', detail: "The patient's identity is no longer qualified." };
    return unwrap(await this.transition(doc, n, expected, 'submit', actor, enqueue ? { enqueue } : {}, stillQualified, then), 'Document');
  }
}

/**
 * What a replacement of `signed` carries: its setId, its versionNumber + 1, its id as parent.
 * From the stored header; a version signed before migration 003 whose header the backfill
 * could not read has its CDA parsed (it was built by this server).
 */
export function replacementTarget(signed: SignedVersion): ReplacementTarget {
  let header = signed.header;
  if (header.documentId === undefined || header.setId === undefined || header.versionNumber === undefined) {
    const parsed = parseCda(signed.cda).document.document!;
    const read: CdaHeader = { documentId: xdsUniqueId(parsed.id!), setId: xdsUniqueId(parsed.setId!), versionNumber: parsed.versionNumber ?? 1 };
    header = read;
  }
  // A CDA signed before the 2.25 ids carries UUID roots: the replacement names them in their 2.25 form, as the builder writes them.
  return { replacesVersion: signed.number, replacesCdaDocumentId: xdsUniqueId(setIdToInstance(header.documentId!)), setId: xdsUniqueId(setIdToInstance(header.setId!)), versionNumber: header.versionNumber! + 1 };
}

/** PSC profession codes (TRE_G15) that may sign: `10` médecin. */
export const DEFAULT_SIGNER_PROFESSIONS: readonly string[] = ['10'];

/**
 * The activity a signature is given in: the one chosen (session or X-DCC-Activity), else the
 * professional's activity in the patient's structure. It must be in the structure that holds
 * the patient's document (the signed CDA's author organisation is then its custodian), and of
 * a profession that may sign; otherwise 403, with a type for each reason.
 */
export function signingActivity(signer: Signer, patient: Patient, professions: readonly string[]): Activity {
  const { activities } = signer.professional;
  const chosen = signer.activeActivityId ? activities.find((a) => a.id === signer.activeActivityId) : undefined;
  const inStructure = activities.filter((a) => a.structureId === patient.structureId);
  const activity = chosen ?? inStructure.find((a) => a.professionCode !== null && professions.includes(a.professionCode)) ?? inStructure[0];
  if (!activity || activity.structureId !== patient.structureId)
    throw new HttpProblem(403, 'not-acting-for-structure', 'Structure non représentée', "The active activity is not in the structure that holds the patient's document: choose an activity of that structure to sign.");
  if (activity.professionCode === null || !professions.includes(activity.professionCode))
    throw new HttpProblem(403, 'profession-may-not-sign', 'Profession non habilitée à signer', `Only these professions may sign: ${professions.join(', ')} (PSC profession codes).`);
  return activity;
}
