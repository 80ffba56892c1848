// MssSender: one message per call over SMTP (nodemailer's SMTP connection and composer), with
// the MSSanté refusals decided before anything leaves (never a document INVISIBLE_PATIENT to
// the patient's mailbox, dmp-mes.md §3.5/§4.4), timeouts, AbortSignal, and errors classified
// transient (4xx, connection, timeout) or permanent (5xx, refusals).
import type { ConnectionOptions } from 'node:tls';
import SMTPConnection from 'nodemailer/lib/smtp-connection/index.js';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import type { VisibilityFlag } from '@dcc-kit/dmp/metadata';
import { errorFromSmtpReply, MssError, mssRefusal } from './errors.js';
import { insOfPatientMailbox, isEmailAddress, isPatientMailbox } from './mailbox.js';
import { mssMessageParts, xdmFromCda } from './compose.js';
import type { XdmSender } from './xdm.js';

export interface MssSmtpOptions {
  host: string;
  port: number;
  /** Implicit TLS (465). Without it, STARTTLS is used when the server offers it. */
  secure?: boolean;
  /** Refuse to send without STARTTLS. */
  requireTLS?: boolean;
  auth?: { user: string; pass: string };
  /** Client certificate (applicative mailbox, IGC-Santé ORG_AUTH_CLI), CA, servername… */
  tls?: ConnectionOptions;
}

export interface MssSenderOptions {
  smtp: MssSmtpOptions;
  /** X-MSS-NIL: the product reference in the ANS convergence catalogue. */
  nil: string;
  sender: XdmSender;
  now?: () => Date;
  /** Whole-send deadline in ms (connection + submission). Default 60 000. */
  timeoutMs?: number;
  /** Connection and greeting timeout in ms. Default 10 000. */
  connectionTimeoutMs?: number;
}

export interface MssSendInput {
  cda: Uint8Array;
  visibility: readonly VisibilityFlag[];
  to: string[];
  from: string;
  submissionSetUniqueId: string;
  sourceId: string;
  replyTo?: string;
  /** X-MSS-MES: FIN — the patient may not answer. */
  noReply?: boolean;
  /** Ask for an MDN (Disposition-Notification-To) at this address. */
  dispositionNotificationTo?: string;
  /** The minor patient's secret connection: nothing to the patient mailbox (PFI matrix, §3.5). */
  secretConnection?: boolean;
  /**
   * Message-ID (`<…@…>`, brackets optional). Keep the same one with the job across retries: a
   * re-send after a lost answer then carries the Message-ID of the first attempt, which receivers
   * (and the simulator's sink) use to recognise a duplicate. Default: a fresh one.
   */
  messageId?: string;
  /** ebRIM ids of METADATA.XML (default random). */
  entryUUID?: string;
  submissionSetUUID?: string;
}

export interface MssSendResult {
  messageId: string;
  accepted: string[];
  /** Recipients the server refused while accepting others (a refusal of all throws). */
  rejected: Array<{ address: string; error: MssError }>;
}

interface SmtpErrorLike extends Error { code?: string; responseCode?: number; response?: string; rejected?: string[]; rejectedErrors?: SmtpErrorLike[]; recipient?: string }

export class MssSender {
  readonly #options: MssSenderOptions;

  constructor(options: MssSenderOptions) {
    if (!options.nil?.trim() || !options.smtp?.host || !options.smtp.port) throw mssRefusal('MSS_CONFIG', { location: !options.nil?.trim() ? 'nil' : 'smtp' });
    this.#options = options;
  }

  /**
   * Sends `input.cda` as IHE_XDM.zip to `input.to` in one message.
   * @throws MssError — refusals before sending (permanent), SMTP replies (4xx transient, 5xx permanent), timeouts and connection errors (transient).
   */
  async send(input: MssSendInput, signal?: AbortSignal): Promise<MssSendResult> {
    this.#check(input);
    const prepared = xdmFromCda(input.cda, {
      sender: this.#options.sender,
      submissionSetUniqueId: input.submissionSetUniqueId,
      sourceId: input.sourceId,
      visibility: input.visibility,
      recipients: input.to,
      ...(this.#options.now ? { now: this.#options.now } : {}),
      ...(input.entryUUID ? { entryUUID: input.entryUUID } : {}),
      ...(input.submissionSetUUID ? { submissionSetUUID: input.submissionSetUUID } : {}),
    });
    this.#checkPatient(input, prepared.facts.ins?.matricule);
    const parts = mssMessageParts(prepared, {
      nil: this.#options.nil,
      sender: this.#options.sender,
      ...(input.noReply ? { noReply: true } : {}),
      ...(input.dispositionNotificationTo ? { dispositionNotificationTo: input.dispositionNotificationTo } : {}),
    });
    const node = new MailComposer({
      from: input.from,
      to: input.to,
      ...(input.replyTo ? { replyTo: input.replyTo } : {}),
      date: (this.#options.now ?? (() => new Date()))(),
      ...(input.messageId ? { messageId: input.messageId.startsWith('<') ? input.messageId : `<${input.messageId}>` } : {}),
      // Only the non-ASCII words are RFC 2047-encoded, so `XDM/1.0/DDM+` stays readable in the raw
      // header for receivers that route on it without decoding.
      headers: { ...parts.headers, Subject: { prepared: true, value: encodeSubject(parts.subject) } },
      text: parts.text,
      attachments: [{ filename: parts.attachment.filename, contentType: parts.attachment.contentType, content: Buffer.from(parts.attachment.content) }],
    }).compile();
    const raw = withMssHeaderCase(await new Promise<Buffer>((resolve, reject) => node.build((err, buf) => (err ? reject(err) : resolve(buf)))));
    const messageId = node.messageId();
    return this.#submit({ from: input.from, to: input.to }, raw, messageId, signal);
  }

  #check(input: MssSendInput): void {
    if (!input.to.length) throw mssRefusal('MSS_NO_RECIPIENT', { location: 'to' });
    if (input.messageId !== undefined && !/^<?[^<>\s@]+@[^<>\s@]+>?$/.test(input.messageId)) throw mssRefusal('MSS_BAD_MESSAGE_ID', { location: 'messageId' });
    for (const [i, address] of [input.from, ...input.to, ...(input.replyTo ? [input.replyTo] : [])].entries()) {
      if (!isEmailAddress(address)) throw mssRefusal('MSS_BAD_ADDRESS', { location: i === 0 ? 'from' : i <= input.to.length ? `to[${i - 1}]` : 'replyTo' });
    }
    const patients = input.to.filter(isPatientMailbox);
    if (patients.length > 1) throw mssRefusal('MSS_SEVERAL_PATIENTS', { location: 'to', recipients: patients });
    const [patient] = patients;
    if (patient === undefined) return;
    // Visibility first: it needs no parsing and is the refusal the spec insists on.
    if (input.visibility.includes('INVISIBLE_PATIENT')) throw mssRefusal('MSS_INVISIBLE_TO_PATIENT', { location: 'visibility', recipients: [patient] });
    if (input.secretConnection) throw mssRefusal('MSS_SECRET_CONNECTION', { location: 'secretConnection', recipients: [patient] });
    if (insOfPatientMailbox(patient) === undefined) throw mssRefusal('MSS_BAD_PATIENT_ADDRESS', { location: `to[${input.to.indexOf(patient)}]`, recipients: [patient] });
  }

  #checkPatient(input: MssSendInput, matricule: string | undefined): void {
    const patient = input.to.find(isPatientMailbox);
    if (patient === undefined) return;
    const location = `to[${input.to.indexOf(patient)}]`;
    if (matricule === undefined) throw mssRefusal('MSS_NO_INS', { location: 'ClinicalDocument/recordTarget/patientRole/id', recipients: [patient] });
    if (insOfPatientMailbox(patient) !== matricule.toUpperCase()) throw mssRefusal('MSS_PATIENT_MISMATCH', { location, recipients: [patient] });
  }

  #submit(envelope: { from: string; to: string[] }, raw: Buffer, messageId: string, signal?: AbortSignal): Promise<MssSendResult> {
    const { smtp } = this.#options;
    const connectionTimeout = this.#options.connectionTimeoutMs ?? 10_000;
    if (signal?.aborted) return Promise.reject(mssRefusal('aborted'));
    return new Promise<MssSendResult>((resolve, reject) => {
      const connection = new SMTPConnection({
        host: smtp.host,
        port: smtp.port,
        secure: smtp.secure ?? false,
        ...(smtp.requireTLS ? { requireTLS: true } : {}),
        ...(smtp.tls ? { tls: smtp.tls } : {}),
        connectionTimeout,
        greetingTimeout: connectionTimeout,
        socketTimeout: this.#options.timeoutMs ?? 60_000,
      });
      let settled = false;
      const finish = (error: MssError | undefined, result?: MssSendResult): void => {
        if (settled) return;
        settled = true;
        clearTimeout(deadline);
        signal?.removeEventListener('abort', onAbort);
        if (error) {
          connection.close();
          reject(error);
        } else {
          connection.quit();
          resolve(result!);
        }
      };
      const onAbort = (): void => finish(mssRefusal('aborted'));
      signal?.addEventListener('abort', onAbort, { once: true });
      const deadline = setTimeout(() => finish(mssRefusal('timeout')), this.#options.timeoutMs ?? 60_000);
      connection.on('error', (err: SmtpErrorLike) => finish(classify(err, envelope.to)));
      connection.connect(() => {
        const send = (): void =>
          connection.send(envelope, raw, (err, info) => {
            if (err) return finish(classify(err as SmtpErrorLike, envelope.to));
            const rejectedErrors = ((info as { rejectedErrors?: SmtpErrorLike[] }).rejectedErrors ?? []);
            const rejected = info.rejected.map((address, i) => {
              const e = rejectedErrors.find((r) => r.recipient === address) ?? rejectedErrors[i];
              return { address, error: e ? classify(e, [address]) : errorFromSmtpReply(550, '', [address]) };
            });
            finish(undefined, { messageId, accepted: info.accepted, rejected });
          });
        if (smtp.auth) connection.login({ user: smtp.auth.user, pass: smtp.auth.pass }, (err) => (err ? finish(classify(err as SmtpErrorLike, envelope.to)) : send()));
        else send();
      });
    });
  }
}

/**
 * RFC 2047: the ASCII words before the first non-ASCII one stay as they are, the rest becomes
 * `=?UTF-8?B?…?=` words of at most 45 bytes of text each (never splitting a character), folded.
 */
export function encodeSubject(subject: string): string {
  const clean = subject.replace(/[\r\n]+/g, ' ');
  const first = clean.search(/\S*[^\x20-\x7e]/);
  if (first < 0) return clean;
  const words: string[] = [];
  let chunk = '';
  for (const char of clean.slice(first)) {
    if (Buffer.byteLength(chunk + char) > 45) {
      words.push(chunk);
      chunk = '';
    }
    chunk += char;
  }
  words.push(chunk);
  return clean.slice(0, first) + words.map((w) => `=?UTF-8?B?${Buffer.from(w, 'utf8').toString('base64')}?=`).join('\r\n ');
}

/**
 * nodemailer writes header names in Camel-Case (`X-Mss-Nil`). Names are case-insensitive
 * (RFC 5322 §1.2.2), but the référentiel spells them `X-MSS-*`, and a receiver that compares
 * them exactly must not miss them: restore the spelling in the top-level header block only.
 */
function withMssHeaderCase(raw: Buffer): Buffer {
  const end = raw.indexOf('\r\n\r\n');
  const head = raw.subarray(0, end).toString('latin1').replace(/^X-Mss-(Nil|Codecda|Ins|Mes):/gim, (_m, name: string) => `X-MSS-${name.toUpperCase()}:`);
  return Buffer.concat([Buffer.from(head, 'latin1'), raw.subarray(end)]);
}

/** nodemailer's error → MssError: the SMTP reply decides when there is one. */
function classify(err: SmtpErrorLike, recipients: string[]): MssError {
  if (err.code === 'EENVELOPE' && err.rejectedErrors?.length) {
    // Every recipient refused: the first reply decides; all refused recipients are named.
    const first = err.rejectedErrors[0]!;
    return errorFromSmtpReply(first.responseCode ?? 550, first.response ?? first.message, err.rejected ?? recipients, err);
  }
  if (typeof err.responseCode === 'number' && err.responseCode >= 400) return errorFromSmtpReply(err.responseCode, err.response ?? err.message, recipients, err);
  if (err.code === 'EAUTH') return new MssError({ code: 'auth', transient: false, cause: err });
  // Certificate problems are configuration, not weather: retrying will not help.
  if (err.code === 'ETLS' || /certificate|self[- ]signed|unable to verify|alert/i.test(err.message)) return new MssError({ code: 'tls', transient: false, cause: err });
  if (err.code === 'ETIMEDOUT') return new MssError({ code: 'timeout', transient: true, cause: err });
  return new MssError({ code: 'connection', transient: true, cause: err });
}
