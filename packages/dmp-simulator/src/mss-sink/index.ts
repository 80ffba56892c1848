// The MSSanté sink (dmp-mes.md §5.7): an SMTP submission server on smtp-server that parses each
// message with postal-mime, checks it, answers 250 or a 5xx carrying the SIM_MSS_* code, and
// keeps every message (accepted or refused) readable as JSON.
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import PostalMime from 'postal-mime';
import { SinkRefusal, SINK_REFUSALS, type SinkRefusalCode } from './codes.js';
import { checkPatientAddress, validateMessage, type LookupEntry, type ValidationFindings, type ZipListing } from './validate.js';
import type { XdmDocumentMetadata } from './metadata-reader.js';

export { SINK_REFUSALS, SinkRefusal } from './codes.js';
export type { SinkRefusalCode } from './codes.js';
export type { LookupEntry, ZipListing } from './validate.js';

export interface MssSinkOptions {
  host?: string;
  port?: number;
  /** The DMP side's stored entry of a document uniqueId (its confidentiality codes), for SIM_MSS_INVISIBLE_TO_PATIENT. */
  lookupEntry?: LookupEntry;
  now?: () => Date;
  /** Maximum message size in bytes (default 20 MiB). */
  maxSize?: number;
  /**
   * STARTTLS with this server certificate, required before MAIL FROM (530 otherwise); with `ca`,
   * the client must present a certificate issued by it (an applicative mailbox's ORG_AUTH_CLI).
   */
  tls?: { key: string; cert: string; ca?: string };
}

export type MailVerdict =
  | { accepted: true }
  | { accepted: false; code: SinkRefusalCode | 'SIM_MSS_TEMPORARY'; smtpCode: number; reason: string; location?: string };

/** One received message as the admin API shows it (the documents' content is not exposed). */
export interface StoredMail {
  id: string;
  receivedAt: string;
  envelope: { mailFrom: string; rcptTo: string[] };
  /** Whether the message came over TLS (STARTTLS). */
  secure: boolean;
  messageId?: string;
  subject?: string;
  from?: string;
  to: string[];
  /** Header values by lower-case name (first occurrence), Subject decoded. */
  headers: Record<string, string>;
  attachments: Array<{ filename: string | null; mimeType: string; size: number }>;
  /** Files of IHE_XDM.zip with their size and SHA-1, when it could be read. */
  zip?: ZipListing[];
  /** The DocumentEntries of METADATA.XML as read (URI, hash, size, uniqueId, patientId, confidentiality) + the CDA code. */
  documents?: Array<XdmDocumentMetadata & { code?: string }>;
  intendedRecipients?: string[];
  verdict: MailVerdict;
  /**
   * The MDN (RFC 8098) an integrating receiver would return when the message asks for one
   * (Disposition-Notification-To) and is accepted: recorded here, not sent.
   */
  mdn?: { to: string; disposition: string; originalMessageId?: string };
  /** Id of an earlier accepted message with the same Message-ID (a re-send after a lost answer). */
  duplicateOf?: string;
}

export interface MssSink {
  host: string;
  port: number;
  /** Every message that reached DATA, oldest first (copies). */
  messages(): StoredMail[];
  /** Bytes of an attachment of a stored message (tests read IHE_XDM.zip back; not in the JSON). */
  attachmentBytes(mailId: string, filename: string): Uint8Array | undefined;
  /** Forget stored messages and pending faults. */
  clear(): void;
  /** The next `count` messages get a temporary refusal (451 4.3.0 SIM_MSS_TEMPORARY), for retry tests. */
  injectTemporaryFailure(count?: number): void;
  close(): Promise<void>;
}

interface SmtpReplyError extends Error { responseCode?: number }

function replyError(code: number, text: string): SmtpReplyError {
  const error: SmtpReplyError = new Error(text);
  error.responseCode = code;
  return error;
}

function toBytes(content: ArrayBuffer | Uint8Array | string): Uint8Array {
  if (typeof content === 'string') return new TextEncoder().encode(content);
  return content instanceof Uint8Array ? content : new Uint8Array(content);
}

export async function startMssSink(options: MssSinkOptions = {}): Promise<MssSink> {
  const now = options.now ?? (() => new Date());
  const stored: StoredMail[] = [];
  const attachmentsById = new Map<string, Array<{ filename: string | null; content: Uint8Array }>>();
  let temporaryFailures = 0;

  const receive = async (raw: Buffer, session: SMTPServerSession): Promise<StoredMail> => {
    const rcptTo = session.envelope.rcptTo.map((a) => a.address);
    const mailFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
    const mail: StoredMail = { id: randomUUID(), receivedAt: now().toISOString(), envelope: { mailFrom, rcptTo }, secure: session.secure, to: [], headers: {}, attachments: [], verdict: { accepted: true } };
    if (temporaryFailures > 0) {
      temporaryFailures -= 1;
      mail.verdict = { accepted: false, code: 'SIM_MSS_TEMPORARY', smtpCode: 451, reason: 'temporary failure injected' };
      return mail;
    }
    const email = await PostalMime.parse(raw);
    const headers = new Map<string, string>();
    for (const h of email.headers) if (!headers.has(h.key)) headers.set(h.key, h.value.trim());
    if (email.subject !== undefined) headers.set('subject', email.subject);
    Object.assign(mail, {
      ...(email.messageId ? { messageId: email.messageId } : {}),
      ...(email.subject !== undefined ? { subject: email.subject } : {}),
      ...(email.from?.address ? { from: email.from.address } : {}),
      to: (email.to ?? []).flatMap((a) => ('address' in a && a.address ? [a.address] : [])),
      headers: Object.fromEntries(headers),
    });
    const attachments = email.attachments.map((a) => ({ filename: a.filename, mimeType: a.mimeType, content: toBytes(a.content) }));
    mail.attachments = attachments.map((a) => ({ filename: a.filename, mimeType: a.mimeType, size: a.content.byteLength }));
    attachmentsById.set(mail.id, attachments);
    const findings: ValidationFindings = {};
    try {
      validateMessage(
        { recipients: rcptTo, subject: email.subject, headers, attachments: attachments.map((a) => ({ ...(a.filename ? { filename: a.filename } : {}), content: a.content })) },
        findings,
        options.lookupEntry,
      );
    } catch (error) {
      if (!(error instanceof SinkRefusal)) throw error;
      mail.verdict = { accepted: false, code: error.code, smtpCode: error.smtpCode, reason: SINK_REFUSALS[error.code].en, ...(error.location ? { location: error.location } : {}) };
    }
    const notificationTo = headers.get('disposition-notification-to');
    if (mail.verdict.accepted && notificationTo) {
      mail.mdn = { to: notificationTo.replace(/^.*<([^>]*)>.*$/, '$1'), disposition: 'automatic-action/MDN-sent-automatically; processed', ...(email.messageId ? { originalMessageId: email.messageId } : {}) };
    }
    const first = mail.messageId ? stored.find((m) => m.verdict.accepted && m.messageId === mail.messageId) : undefined;
    if (first) mail.duplicateOf = first.id;
    if (findings.zip) mail.zip = findings.zip;
    if (findings.documents) mail.documents = findings.documents;
    if (findings.intendedRecipients) mail.intendedRecipients = findings.intendedRecipients;
    return mail;
  };

  const server = new SMTPServer({
    logger: false,
    banner: 'dcc-kit MSSanté sink (simulator)',
    ...(options.tls
      ? { key: options.tls.key, cert: options.tls.cert, ...(options.tls.ca ? { ca: options.tls.ca, requestCert: true, rejectUnauthorized: true } : {}) }
      : { disabledCommands: ['STARTTLS'], allowInsecureAuth: true }),
    authOptional: true,
    size: options.maxSize ?? 20 * 1024 * 1024,
    closeTimeout: 500, // a test tool: close() must not wait 30 s for idle clients
    disableReverseLookup: true, // loopback: no DNS round trip per connection
    onAuth(_auth, _session, callback) {
      callback(null, { user: 'sink' }); // any mailbox may submit: the sink checks messages, not accounts
    },
    onMailFrom(_address, session, callback) {
      if (options.tls && !session.secure) return callback(replyError(530, '5.7.0 Must issue a STARTTLS command first'));
      callback();
    },
    onRcptTo(address, _session, callback) {
      try {
        checkPatientAddress(address.address);
        callback();
      } catch (error) {
        callback(error instanceof SinkRefusal ? replyError(error.smtpCode, error.replyText) : (error as Error));
      }
    },
    onData(stream: SMTPServerDataStream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('error', (e) => callback(e));
      stream.on('end', () => {
        if (stream.sizeExceeded) return callback(replyError(552, '5.3.4 message too big'));
        receive(Buffer.concat(chunks), session).then(
          (mail) => {
            stored.push(mail);
            const v = mail.verdict;
            if (v.accepted) return callback();
            const text = v.code === 'SIM_MSS_TEMPORARY' ? `4.3.0 ${v.code}: ${v.reason}` : `${SINK_REFUSALS[v.code].enhanced} ${v.code}: ${v.reason}${v.location ? ` (${v.location})` : ''}`;
            callback(replyError(v.smtpCode, text));
          },
          () => callback(replyError(554, '5.6.0 SIM_MSS_BAD_MESSAGE: message cannot be parsed')),
        );
      });
    },
  });

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', () => {
    // a broken client connection must not bring the simulator down
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    host,
    port,
    messages: () => structuredClone(stored),
    attachmentBytes: (mailId, filename) => attachmentsById.get(mailId)?.find((a) => a.filename?.toLowerCase() === filename.toLowerCase())?.content.slice(),
    clear: () => {
      stored.length = 0;
      attachmentsById.clear();
      temporaryFailures = 0;
    },
    injectTemporaryFailure: (count = 1) => {
      temporaryFailures += count;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
