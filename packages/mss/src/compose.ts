// From a CDA to what goes on the wire: metadata (via @dcc-kit/dmp), the XDM zip, the message
// parts. Shared by MssSender and `dcc package xdm`.
import { documentEntryFromCda, MetadataError, submissionSetFor, xtnEmail, type CdaFacts, type DocumentEntry, type SubmissionSet, type VisibilityFlag } from '@dcc-kit/dmp/metadata';
import { mssRefusal } from './errors.js';
import { buildXdmZip, XDM_ATTACHMENT_NAME, type XdmSender } from './xdm.js';
import { mssBody, mssHeaders, mssSubject } from './message.js';

export interface XdmFromCdaOptions {
  sender: XdmSender;
  submissionSetUniqueId: string;
  sourceId: string;
  visibility?: readonly VisibilityFlag[];
  /** Recipient addresses, written as SubmissionSet intendedRecipient (`||^NET^Internet^<address>`). */
  recipients?: readonly string[];
  now?: () => Date;
  entryUUID?: string;
  submissionSetUUID?: string;
}

export interface PreparedXdm {
  zip: Uint8Array;
  entry: DocumentEntry;
  facts: CdaFacts;
  submissionSet: SubmissionSet;
}

/** intendedRecipient of a bare e-mail address: XON|XCN|XTN with only the XTN (IHE ITI TF-3 4.2.3.3.10). */
export function intendedRecipientOf(address: string): string {
  return `||${xtnEmail(address)}`;
}

export interface DerivedMetadata { entry: DocumentEntry; facts: CdaFacts }

/**
 * The DocumentEntry and facts of the CDA (@dcc-kit/dmp's derivation, the same as for the DMP).
 * @throws MssError MSS_BAD_DOCUMENT with `location` = the first field the metadata could not be derived from (`cause.issues` lists all).
 */
export function metadataFromCda(cda: Uint8Array, visibility?: readonly VisibilityFlag[]): DerivedMetadata {
  try {
    return documentEntryFromCda(cda, visibility ? { visibility } : {});
  } catch (error) {
    if (error instanceof MetadataError) {
      const first = error.issues[0];
      throw mssRefusal('MSS_BAD_DOCUMENT', { ...(first ? { location: first.path } : {}), cause: error });
    }
    throw error;
  }
}

/** The SubmissionSet and IHE_XDM.zip of a CDA whose metadata are already derived. */
export function packXdm(cda: Uint8Array, derived: DerivedMetadata, options: Omit<XdmFromCdaOptions, 'visibility'>): PreparedXdm {
  const submissionSet = submissionSetFor(derived.entry, {
    uniqueId: options.submissionSetUniqueId,
    sourceId: options.sourceId,
    submissionTime: (options.now ?? (() => new Date()))(),
    ...(options.recipients?.length ? { intendedRecipients: options.recipients.map(intendedRecipientOf) } : {}),
  });
  const zip = buildXdmZip({
    cda,
    entry: derived.entry,
    submissionSet,
    sender: options.sender,
    ...(options.entryUUID ? { entryUUID: options.entryUUID } : {}),
    ...(options.submissionSetUUID ? { submissionSetUUID: options.submissionSetUUID } : {}),
  });
  return { zip, entry: derived.entry, facts: derived.facts, submissionSet };
}

/**
 * Metadata of the CDA and its IHE_XDM.zip.
 * @throws MssError MSS_BAD_DOCUMENT (see metadataFromCda).
 */
export function xdmFromCda(cda: Uint8Array, options: XdmFromCdaOptions): PreparedXdm {
  return packXdm(cda, metadataFromCda(cda, options.visibility), options);
}

export interface MssMessageParts {
  subject: string;
  headers: Record<string, string>;
  text: string;
  attachment: { filename: string; contentType: string; content: Uint8Array };
}

/** Subject, X-MSS headers, body and attachment of the message carrying `prepared`. */
export function mssMessageParts(prepared: PreparedXdm, options: { nil: string; sender: XdmSender; noReply?: boolean; dispositionNotificationTo?: string }): MssMessageParts {
  return {
    subject: mssSubject(prepared.entry, prepared.facts),
    headers: mssHeaders(prepared.facts, {
      nil: options.nil,
      ...(options.noReply ? { noReply: true } : {}),
      ...(options.dispositionNotificationTo ? { dispositionNotificationTo: options.dispositionNotificationTo } : {}),
    }),
    text: mssBody(prepared.entry, options.sender, options.noReply ?? false),
    attachment: { filename: XDM_ATTACHMENT_NAME, contentType: 'application/zip', content: prepared.zip },
  };
}
