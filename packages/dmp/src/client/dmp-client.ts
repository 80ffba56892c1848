// The DMP client (dmp-mes.md §2–3): one SOAP 1.2 exchange per transaction, each with a freshly
// signed VIHF, over undici with mutual TLS. Node only.
import { randomUUID } from 'node:crypto';
import type { Dispatcher } from 'undici';
import type { Code } from '../metadata/index.js';
import { cx } from '../metadata/index.js';
import { ACTIONS, type DmpService } from '../soap/namespaces.js';
import { soapEnvelope, plainSoapContentType } from '../soap/envelope.js';
import { buildMtom, type MtomAttachment } from '../soap/mtom.js';
import { readSoapAnswer, registryOutcome, expectSuccess, type SoapAnswer } from '../soap/response.js';
import { DmpError } from '../soap/dmp-error.js';
import { signedVihf } from '../security/vihf.js';
import { ClientDispatcher, post, type TlsMaterial } from './transport.js';
import { patientStatusRequestXml, parsePatientStatus, type DmpPatientStatus } from './patient-status.js';
import { findDocumentsRequestXml, parseRegistryDocuments, type RegistryDocument } from './find-documents.js';
import { oidFromUuid, provideAndRegisterRequest, statusUpdateRequest, visibilityUpdateRequest, type ProvideAndRegisterInput } from './requests.js';
import type { VisibilityFlag } from '../metadata/index.js';
import type { RegistryErrorItem } from '../soap/dmp-error.js';

export interface DmpClientOptions {
  /** Base URL, e.g. 'https://…/si-dmp-server/v2/services'; /patients, /registry, /repository are appended. */
  endpoint: string;
  /** Mutual TLS (PEM strings): client certificate and key, CA of the DMP's server certificate. */
  tls?: TlsMaterial;
  /** Organisation signing key/certificate (PEM) for the VIHF and the XAdES. */
  signing: { key: string; certificate: string };
  lps: { name: string; version: string; instanceId: string; homologationId: string };
  /** Per request, default 30 000 ms. */
  timeoutMs?: number;
  now?: () => Date;
  /** An undici dispatcher (overrides `tls`). */
  dispatcher?: Dispatcher;
  /** SubmissionSet sourceId (OID of the sending system) of ITI-57 updates, which carry no sourceId of their own. */
  sourceId?: string;
  /** Hash of the VIHF and XAdES signatures: 'sha256' (default) or 'sha1' for a platform that accepts only SHA-1 ([?] §7.4). */
  signatureHash?: 'sha256' | 'sha1';
}

export interface ProvideAndRegisterResult {
  entryUUID: string;
  uniqueId: string;
  submissionSetUniqueId: string;
  signatureEntryUUID?: string;
  /** Registry warnings of an accepted submission. */
  warnings: RegistryErrorItem[];
  /**
   * True when the registry said the submission set was already stored (a re-send after a lost
   * answer that kept the submission set uniqueId): submissions are atomic, so it was accepted.
   */
  alreadyStored: boolean;
}

/** Who the VIHF asserts (indirect authentication: the organisation vouches for the user). */
export interface ActingParty {
  /** PS_IdNat of the responsible professional ('8' + RPPS). */
  nameId: string;
  displayName: string;
  /** TRE_G15 profession (+ TRE_R01 savoir-faire for médecins). */
  roles: Code[];
  /** Identifiant_Structure (Struct_IdNat, e.g. '1' + FINESS). */
  structureId: string;
  /** 'SA01^1.2.250.1.71.4.2.4' */
  secteurActivite: string;
  mode?: 'INDIRECTE' | 'DIRECTE' | 'INDIRECTE_RENFORCEE';
  purposeOfUse?: 'normal';
}

export interface Ins { matricule: string; oid: string }

export function insCx(ins: Ins): string {
  return cx(ins.matricule, ins.oid, 'NH');
}

export class DmpClient {
  protected readonly options: DmpClientOptions;
  private readonly transport: ClientDispatcher;
  protected readonly now: () => Date;

  constructor(options: DmpClientOptions) {
    if (!/^https?:\/\//.test(options.endpoint)) throw new Error(`DmpClient: endpoint must be an http(s) URL (got "${options.endpoint}")`);
    this.options = { ...options, endpoint: options.endpoint.replace(/\/+$/, '') };
    this.now = options.now ?? (() => new Date());
    this.transport = new ClientDispatcher(options);
  }

  /** Closes the TLS agent this client made (not a dispatcher it was given). */
  async close(): Promise<void> {
    await this.transport.close();
  }

  protected vihf(actor: ActingParty, patientId: string | undefined, secretConnection = false): string {
    return signedVihf(
      {
        nameId: actor.nameId,
        subjectId: actor.displayName,
        roles: actor.roles,
        structureId: actor.structureId,
        secteurActivite: actor.secteurActivite,
        mode: actor.mode ?? 'INDIRECTE',
        purposeOfUse: actor.purposeOfUse ?? 'normal',
        ...(patientId ? { patientId } : {}),
        secretConnection,
        lps: this.options.lps,
        now: this.now(),
        hash: this.options.signatureHash ?? 'sha256',
      },
      this.options.signing,
    );
  }

  /** One SOAP exchange; MTOM when there are attachments, plain SOAP 1.2 otherwise. */
  protected async exchange(service: DmpService, action: string, body: string, vihf: string, attachments: readonly MtomAttachment[] | undefined, signal: AbortSignal | undefined): Promise<SoapAnswer> {
    const url = `${this.options.endpoint}/${service}`;
    const envelope = soapEnvelope({ action, to: url, vihf, body });
    const message = attachments ? buildMtom(envelope, attachments, { action }) : { contentType: plainSoapContentType(action), body: envelope };
    const reply = await post({
      url,
      contentType: message.contentType,
      body: message.body,
      timeoutMs: this.options.timeoutMs ?? 30_000,
      ...(this.transport.dispatcher ? { dispatcher: this.transport.dispatcher } : {}),
      ...(signal ? { signal } : {}),
    });
    return readSoapAnswer(reply);
  }

  /** TD0.2: DMP existence and status, and this professional's authorisation. */
  async patientStatus(ins: Ins, actor: ActingParty, signal?: AbortSignal): Promise<DmpPatientStatus> {
    const body = patientStatusRequestXml({ ins, senderId: this.options.lps.instanceId, now: this.now(), id: randomUUID() });
    const answer = await this.exchange('patients', ACTIONS.patientStatus, body, this.vihf(actor, insCx(ins)), undefined, signal);
    return parsePatientStatus(answer.payload);
  }

  /** ITI-18 FindDocuments for the patient (Approved by default). */
  async findDocuments(ins: Ins, actor: ActingParty, options: { statuses?: string[] } = {}, signal?: AbortSignal): Promise<RegistryDocument[]> {
    const patientId = insCx(ins);
    const answer = await this.exchange('registry', ACTIONS.registryStoredQuery, findDocumentsRequestXml(patientId, options.statuses), this.vihf(actor, patientId), undefined, signal);
    if (answer.payload.localName !== 'AdhocQueryResponse') throw new DmpError({ code: 'invalid-response', detail: `expected AdhocQueryResponse, got ${answer.payload.localName}` });
    expectSuccess(registryOutcome(answer.payload));
    return parseRegistryDocuments(answer.payload);
  }

  /**
   * ITI-41 (TD2.1): the CDA, its XAdES signature entry and, for a new version, the RPLC of the
   * version replaced. A re-send of the same document (same entryUUID, uniqueId and bytes) is
   * answered Success by the registry (dmp-mes.md §8) and returned as accepted.
   */
  async provideAndRegister(input: Omit<ProvideAndRegisterInput, 'comments'> & { secretConnection?: boolean }, actor: ActingParty, signal?: AbortSignal): Promise<ProvideAndRegisterResult> {
    const request = provideAndRegisterRequest(input, { now: this.now(), signing: this.options.signing, hash: this.options.signatureHash ?? 'sha256' });
    const vihf = this.vihf(actor, request.entry.patientId, input.secretConnection ?? false);
    const answer = await this.exchange('repository', ACTIONS.provideAndRegister, request.body, vihf, request.attachments, signal);
    const base = { entryUUID: request.documents[0]?.id ?? input.entryUUID, uniqueId: request.entry.uniqueId, submissionSetUniqueId: input.submissionSetUniqueId, ...(request.signature ? { signatureEntryUUID: request.signature.entryUUID } : {}) };
    const outcome = registryOutcome(answer.payload);
    // [I] a Failure whose only error is the submission set's uniqueId already stored means an
    // earlier attempt of this very submission was stored whole (ITI-41 is atomic).
    if (outcome.status === 'Failure' && outcome.errors.length > 0 && outcome.errors.every((e) => e.errorCode === 'XDSDuplicateUniqueIdInRegistry' && (!e.location || /submissionset/i.test(e.location) || e.location === input.submissionSetUniqueId))) {
      return { ...base, warnings: [], alreadyStored: true };
    }
    return { ...base, warnings: expectSuccess(outcome), alreadyStored: false };
  }

  /**
   * ITI-57 TD3.3a/b: mask/unmask to professionals, lift the invisibility to the patient / legal
   * representatives. `secretConnection`: the entry is a minor's deposited in secret connection,
   * so the change is made in it too (the VIHF's confidentiality-code, §2.2).
   */
  async updateVisibility(input: { cda: Uint8Array; logicalId: string; previousVersion: number; visibility: readonly VisibilityFlag[]; newEntryUUID: string; submissionSetUniqueId?: string; secretConnection?: boolean }, actor: ActingParty, signal?: AbortSignal): Promise<void> {
    const { secretConnection = false, ...update } = input;
    const { body, entry } = visibilityUpdateRequest({ ...update, submissionSetUniqueId: input.submissionSetUniqueId ?? oidFromUuid(), sourceId: this.sourceId() }, { now: this.now() });
    const answer = await this.exchange('registry', ACTIONS.updateDocumentSet, body, this.vihf(actor, entry.patientId, secretConnection), undefined, signal);
    expectSuccess(registryOutcome(answer.payload));
  }

  /** ITI-57 TD3.3c/d: archive, un-archive, delete (UpdateAvailabilityStatus); `secretConnection` as for updateVisibility. */
  async updateStatus(input: { entryUUID: string; from: 'Approved' | 'Archived'; to: 'Approved' | 'Archived' | 'Deleted'; patientId: string; submissionSetUniqueId?: string; secretConnection?: boolean }, actor: ActingParty, signal?: AbortSignal): Promise<void> {
    const { secretConnection = false, ...update } = input;
    const body = statusUpdateRequest({ ...update, submissionSetUniqueId: input.submissionSetUniqueId ?? oidFromUuid(), sourceId: this.sourceId() }, { now: this.now(), submitter: actor });
    const answer = await this.exchange('registry', ACTIONS.updateDocumentSet, body, this.vihf(actor, input.patientId, secretConnection), undefined, signal);
    expectSuccess(registryOutcome(answer.payload));
  }

  private sourceId(): string {
    if (!this.options.sourceId) throw new Error('DmpClientOptions.sourceId is required for ITI-57 updates');
    return this.options.sourceId;
  }
}
