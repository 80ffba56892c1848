// Errors of MSSanté sending, with a stable code and a plain-language reason in French and
// English. Messages are constants: they never carry an address, an INS or a name (they end in
// logs and in the API's problem+json).

export interface MssErrorInit {
  code: string;
  transient: boolean;
  /** SMTP reply code when the server answered (e.g. 550, 451). */
  smtpCode?: number;
  /** Recipients concerned (addresses: personal data, not for logs). */
  recipients?: string[];
  /** Field of the input or of the document at fault (JSON path or XPath-ish). */
  location?: string;
  cause?: unknown;
}

interface Reason { fr: string; en: string; transient: boolean }

/** Reasons per code. SIM_MSS_* are the simulator sink's refusals (packages/dmp-simulator/MSS-SINK.md). */
export const MSS_REASONS: Readonly<Record<string, Reason>> = {
  MSS_INVISIBLE_TO_PATIENT: { transient: false, fr: "Le document est non visible par le patient : il ne peut pas être envoyé à sa messagerie Mon espace santé.", en: 'The document is not visible to the patient: it cannot be sent to their Mon espace santé mailbox.' },
  MSS_SECRET_CONNECTION: { transient: false, fr: "Le patient mineur a demandé le secret : le document ne peut pas être envoyé à sa messagerie Mon espace santé.", en: 'The minor patient asked for secrecy: the document cannot be sent to their Mon espace santé mailbox.' },
  MSS_BAD_PATIENT_ADDRESS: { transient: false, fr: "L'adresse de messagerie patient n'est pas un matricule INS valide suivi de @patient.mssante.fr.", en: 'The patient mailbox address is not a valid INS number followed by @patient.mssante.fr.' },
  MSS_PATIENT_MISMATCH: { transient: false, fr: "L'adresse de messagerie patient ne correspond pas à l'INS du patient du document.", en: "The patient mailbox address does not match the INS of the document's patient." },
  MSS_NO_INS: { transient: false, fr: "Le document ne porte pas d'INS : il ne peut pas être envoyé à une messagerie patient.", en: 'The document carries no INS: it cannot be sent to a patient mailbox.' },
  MSS_SEVERAL_PATIENTS: { transient: false, fr: 'Un message MSSanté ne concerne qu’un seul patient : une seule adresse patient par message.', en: 'An MSSanté message concerns one patient: one patient mailbox per message.' },
  MSS_BAD_ADDRESS: { transient: false, fr: "Une adresse de destinataire ou d'expéditeur n'est pas une adresse électronique valide.", en: 'A recipient or sender address is not a valid e-mail address.' },
  MSS_BAD_MESSAGE_ID: { transient: false, fr: "L'identifiant de message (Message-ID) fourni n'a pas la forme <partie@domaine>.", en: 'The Message-ID given is not of the form <part@domain>.' },
  MSS_NO_RECIPIENT: { transient: false, fr: 'Aucun destinataire MSSanté.', en: 'No MSSanté recipient.' },
  MSS_BAD_DOCUMENT: { transient: false, fr: "Les métadonnées du document ne peuvent pas être déduites du CDA.", en: 'The metadata of the document cannot be derived from the CDA.' },
  MSS_CONFIG: { transient: false, fr: "La configuration MSSanté est incomplète (serveur, adresse d'expéditeur ou référence X-MSS-NIL).", en: 'The MSSanté configuration is incomplete (server, sender address or X-MSS-NIL reference).' },
  timeout: { transient: true, fr: "Le serveur MSSanté n'a pas répondu à temps ; nouvel essai plus tard.", en: 'The MSSanté server did not answer in time; will retry later.' },
  connection: { transient: true, fr: 'Connexion au serveur MSSanté impossible ou interrompue ; nouvel essai plus tard.', en: 'Could not connect to the MSSanté server, or the connection dropped; will retry later.' },
  aborted: { transient: true, fr: "L'envoi a été interrompu avant sa fin ; il pourra être repris.", en: 'The sending was interrupted before it ended; it can be resumed.' },
  tls: { transient: false, fr: "La connexion TLS avec le serveur MSSanté a échoué : certificat du serveur non reconnu ou certificat de la boîte d'envoi refusé.", en: "The TLS connection to the MSSanté server failed: the server's certificate is not trusted or the sending mailbox's certificate was refused." },
  auth: { transient: false, fr: "Le serveur MSSanté a refusé l'authentification de la boîte d'envoi.", en: 'The MSSanté server refused the authentication of the sending mailbox.' },
  'smtp-4xx': { transient: true, fr: 'Le serveur MSSanté refuse temporairement le message ; nouvel essai plus tard.', en: 'The MSSanté server temporarily refuses the message; will retry later.' },
  'smtp-5xx': { transient: false, fr: 'Le serveur MSSanté refuse définitivement le message.', en: 'The MSSanté server permanently refuses the message.' },
  SIM_MSS_BAD_PATIENT_ADDRESS: { transient: false, fr: "Adresse patient refusée : le matricule INS de l'adresse n'est pas valide.", en: 'Patient address refused: the INS number of the address is not valid.' },
  SIM_MSS_SEVERAL_PATIENTS: { transient: false, fr: 'Message refusé : plusieurs patients destinataires.', en: 'Message refused: several patient recipients.' },
  SIM_MSS_NO_XDM_ATTACHMENT: { transient: false, fr: 'Message refusé : pièce jointe IHE_XDM.zip absente.', en: 'Message refused: no IHE_XDM.zip attachment.' },
  SIM_MSS_BAD_ZIP: { transient: false, fr: "Message refusé : l'archive IHE_XDM.zip est illisible.", en: 'Message refused: the IHE_XDM.zip archive cannot be read.' },
  SIM_MSS_ZIP_MISSING_FILE: { transient: false, fr: "Message refusé : un fichier obligatoire manque dans l'archive IHE_XDM.zip.", en: 'Message refused: a mandatory file is missing from IHE_XDM.zip.' },
  SIM_MSS_BAD_METADATA: { transient: false, fr: 'Message refusé : METADATA.XML est illisible ou incomplet.', en: 'Message refused: METADATA.XML cannot be read or is incomplete.' },
  SIM_MSS_HASH_MISMATCH: { transient: false, fr: "Message refusé : l'empreinte d'un document ne correspond pas à METADATA.XML.", en: 'Message refused: the hash of a document does not match METADATA.XML.' },
  SIM_MSS_SIZE_MISMATCH: { transient: false, fr: "Message refusé : la taille d'un document ne correspond pas à METADATA.XML.", en: 'Message refused: the size of a document does not match METADATA.XML.' },
  SIM_MSS_BAD_DOCUMENT: { transient: false, fr: 'Message refusé : le document CDA joint est illisible.', en: 'Message refused: the attached CDA document cannot be read.' },
  SIM_MSS_PATIENT_ID_MISMATCH: { transient: false, fr: "Message refusé : l'identifiant patient de METADATA.XML diffère de l'INS du document.", en: 'Message refused: the patient id of METADATA.XML differs from the INS of the document.' },
  SIM_MSS_PATIENT_MISMATCH: { transient: false, fr: "Message refusé : l'adresse patient ne correspond pas à l'INS du document.", en: "Message refused: the patient address does not match the document's INS." },
  SIM_MSS_CODECDA_MISMATCH: { transient: false, fr: "Message refusé : l'en-tête X-MSS-CODECDA manque ou diffère des codes des documents.", en: 'Message refused: the X-MSS-CODECDA header is missing or differs from the codes of the documents.' },
  SIM_MSS_INS_HEADER: { transient: false, fr: "Message refusé : l'en-tête X-MSS-INS manque ou ne correspond pas au document.", en: 'Message refused: the X-MSS-INS header is missing or does not match the document.' },
  SIM_MSS_NIL_MISSING: { transient: false, fr: "Message refusé : l'en-tête X-MSS-NIL manque.", en: 'Message refused: the X-MSS-NIL header is missing.' },
  SIM_MSS_BAD_SUBJECT: { transient: false, fr: "Message refusé : l'objet ne commence pas par XDM/1.0/DDM.", en: 'Message refused: the subject does not start with XDM/1.0/DDM.' },
  SIM_MSS_INVISIBLE_TO_PATIENT: { transient: false, fr: 'Message refusé : document non visible par le patient envoyé à sa messagerie.', en: 'Message refused: a document not visible to the patient was sent to their mailbox.' },
};

export class MssError extends Error {
  /** true: 4xx replies, timeouts, connection errors → retry later. */
  readonly transient: boolean;
  readonly code: string;
  readonly smtpCode?: number;
  readonly recipients?: string[];
  readonly location?: string;
  readonly messageFr: string;
  readonly messageEn: string;

  constructor(init: MssErrorInit) {
    const reason = MSS_REASONS[init.code];
    const messageEn = reason?.en ?? (init.smtpCode ? `The MSSanté server answered ${init.smtpCode}.` : 'MSSanté sending failed.');
    super(`${init.code}${init.smtpCode ? ` (SMTP ${init.smtpCode})` : ''}${init.location ? ` at ${init.location}` : ''}: ${messageEn}`, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'MssError';
    this.code = init.code;
    this.transient = init.transient;
    if (init.smtpCode !== undefined) this.smtpCode = init.smtpCode;
    if (init.recipients !== undefined) this.recipients = init.recipients;
    if (init.location !== undefined) this.location = init.location;
    this.messageEn = messageEn;
    this.messageFr = reason?.fr ?? (init.smtpCode ? `Le serveur MSSanté a répondu ${init.smtpCode}.` : "L'envoi MSSanté a échoué.");
  }
}

/** An error of the fixed catalogue (refusals decided before sending). */
export function mssRefusal(code: keyof typeof MSS_REASONS & string, extra: Omit<MssErrorInit, 'code' | 'transient'> = {}): MssError {
  return new MssError({ code, transient: MSS_REASONS[code]?.transient ?? false, ...extra });
}

const SIM_CODE = /\b(SIM_MSS_[A-Z_]+)\b/;

/**
 * Classifies an SMTP reply: 4xx transient, 5xx permanent; the code is the SIM_MSS_* code named in
 * the reply text when there is one (the simulator's sink), else `smtp-4xx` / `smtp-5xx`.
 */
export function errorFromSmtpReply(smtpCode: number, responseText: string, recipients?: string[], cause?: unknown): MssError {
  const transient = smtpCode >= 400 && smtpCode < 500;
  const simCode = SIM_CODE.exec(responseText)?.[1];
  const code = simCode !== undefined && MSS_REASONS[simCode] ? simCode : transient ? 'smtp-4xx' : 'smtp-5xx';
  return new MssError({ code, transient, smtpCode, ...(recipients ? { recipients } : {}), cause });
}
