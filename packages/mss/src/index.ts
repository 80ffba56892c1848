// @dcc-kit/mss — MSSanté sending of a PPS or Fiche RCP (dmp-mes.md §4, §8).
export { PATIENT_MAILBOX_DOMAIN, patientMailbox, isPatientMailbox, insOfPatientMailbox, isEmailAddress } from './mailbox.js';
export { buildXdmZip, indexHtml, readmeText, XDM_ATTACHMENT_NAME, XDM_SUBSET, XDM_PATHS } from './xdm.js';
export type { XdmInput, XdmSender } from './xdm.js';
export { XDM_SUBJECT_PREFIX, MSS_HEADERS, mssInsFlag, mssSubject, mssHeaders, mssBody } from './message.js';
export type { MssHeaderOptions } from './message.js';
export { xdmFromCda, metadataFromCda, packXdm, mssMessageParts, intendedRecipientOf } from './compose.js';
export type { XdmFromCdaOptions, PreparedXdm, DerivedMetadata, MssMessageParts } from './compose.js';
export { MssSender, encodeSubject } from './sender.js';
export { smtpOptionsFromUrl } from './smtp-url.js';
export type { MssSenderOptions, MssSmtpOptions, MssSendInput, MssSendResult } from './sender.js';
export { MssError, MSS_REASONS, errorFromSmtpReply } from './errors.js';
export type { MssErrorInit } from './errors.js';
