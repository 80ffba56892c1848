// Refusals of the MSSanté sink (dmp-mes.md §5.7). SIM_MSS_* are our own stand-ins: there is no
// public list of MSSanté operator refusal codes. One table, so they can be swapped.

export interface SinkRefusalSpec { smtpCode: number; enhanced: string; en: string }

export const SINK_REFUSALS = {
  SIM_MSS_BAD_PATIENT_ADDRESS: { smtpCode: 550, enhanced: '5.1.1', en: 'patient mailbox local part is not a 15-character INS with a valid key' },
  SIM_MSS_SEVERAL_PATIENTS: { smtpCode: 550, enhanced: '5.7.1', en: 'one patient per message: several patient mailboxes or several patients in the documents' },
  SIM_MSS_NIL_MISSING: { smtpCode: 554, enhanced: '5.6.0', en: 'header X-MSS-NIL missing' },
  SIM_MSS_BAD_SUBJECT: { smtpCode: 554, enhanced: '5.6.0', en: 'subject does not start with XDM/1.0/DDM' },
  SIM_MSS_NO_XDM_ATTACHMENT: { smtpCode: 554, enhanced: '5.6.0', en: 'no IHE_XDM.zip attachment' },
  SIM_MSS_BAD_ZIP: { smtpCode: 554, enhanced: '5.6.0', en: 'IHE_XDM.zip is not a readable zip' },
  SIM_MSS_ZIP_MISSING_FILE: { smtpCode: 554, enhanced: '5.6.0', en: 'a file is missing from IHE_XDM.zip' },
  SIM_MSS_BAD_METADATA: { smtpCode: 554, enhanced: '5.6.0', en: 'METADATA.XML is not a SubmitObjectsRequest with complete DocumentEntries' },
  SIM_MSS_SIZE_MISMATCH: { smtpCode: 554, enhanced: '5.6.0', en: 'size in METADATA.XML differs from the file' },
  SIM_MSS_HASH_MISMATCH: { smtpCode: 554, enhanced: '5.6.0', en: 'hash in METADATA.XML differs from the SHA-1 of the file' },
  SIM_MSS_BAD_DOCUMENT: { smtpCode: 554, enhanced: '5.6.0', en: 'attached document is not a readable CDA' },
  SIM_MSS_PATIENT_ID_MISMATCH: { smtpCode: 554, enhanced: '5.6.0', en: 'METADATA.XML patientId differs from the INS of the CDA' },
  SIM_MSS_PATIENT_MISMATCH: { smtpCode: 550, enhanced: '5.7.1', en: 'patient mailbox differs from the INS of the CDA' },
  SIM_MSS_CODECDA_MISMATCH: { smtpCode: 554, enhanced: '5.6.0', en: 'header X-MSS-CODECDA missing or not the codes of the CDA' },
  SIM_MSS_INS_HEADER: { smtpCode: 554, enhanced: '5.6.0', en: 'header X-MSS-INS missing or inconsistent with the CDA' },
  SIM_MSS_INVISIBLE_TO_PATIENT: { smtpCode: 550, enhanced: '5.7.1', en: 'document not visible to the patient sent to the patient mailbox' },
} as const satisfies Record<string, SinkRefusalSpec>;

export type SinkRefusalCode = keyof typeof SINK_REFUSALS;

/** A validation failure: the code, and where (a zip path, a header name, a metadata field). */
export class SinkRefusal extends Error {
  constructor(readonly code: SinkRefusalCode, readonly location?: string) {
    super(`${code}: ${SINK_REFUSALS[code].en}${location ? ` (${location})` : ''}`);
    this.name = 'SinkRefusal';
  }
  get smtpCode(): number {
    return SINK_REFUSALS[this.code].smtpCode;
  }
  /** The SMTP reply text after the code: enhanced status, then the SIM code (clients parse it). */
  get replyText(): string {
    return `${SINK_REFUSALS[this.code].enhanced} ${this.message}`;
  }
}
