// The MSSanté message around IHE_XDM.zip (dmp-mes.md §4.2, corrected by §8): subject
// `XDM/1.0/DDM+…`, X-MSS-* headers, a short French body. Pure: gives the parts that the
// sender hands to nodemailer's composer.
import { checkInsMatricule, isInsOid } from '@dcc-kit/cda/identity';
import type { CdaFacts, DocumentEntry } from '@dcc-kit/dmp/metadata';
import { XDM_ATTACHMENT_NAME } from './names.js';

export const XDM_SUBJECT_PREFIX = 'XDM/1.0/DDM';

/** Header names (Référentiel socle MSSanté #2 §3.8). */
export const MSS_HEADERS = {
  nil: 'X-MSS-NIL',
  codeCda: 'X-MSS-CODECDA',
  ins: 'X-MSS-INS',
  mes: 'X-MSS-MES',
} as const;

/**
 * `O` only when the CDA carries the INS matricule with a valid key, an INS OID and the four
 * traits (birth family name, first given name, birth date, sex) — §8; `N` otherwise.
 */
export function mssInsFlag(facts: Pick<CdaFacts, 'ins' | 'patient'>): 'O' | 'N' {
  const { ins, patient } = facts;
  const qualified =
    ins !== undefined &&
    checkInsMatricule(ins.matricule) === undefined &&
    isInsOid(ins.oid) &&
    Boolean(patient.birthFamilyName && patient.firstGivenName && patient.birthDate && patient.sex);
  return qualified ? 'O' : 'N';
}

/** '19470930…' or '1947-09-30' → '30/09/1947' (French order, as the subject convention shows). */
function frenchDate(value: string | undefined): string | undefined {
  const m = value ? /^(\d{4})-?(\d{2})-?(\d{2})/.exec(value) : null;
  return m ? `${m[3]}/${m[2]}/${m[1]}` : undefined;
}

/** `XDM/1.0/DDM+<title> <NOM> <Prénom> <JJ/MM/AAAA>`; the parts the CDA lacks are left out. */
export function mssSubject(entry: Pick<DocumentEntry, 'title'>, facts: Pick<CdaFacts, 'patient'>): string {
  const parts = [
    entry.title,
    facts.patient.birthFamilyName?.toUpperCase(),
    facts.patient.firstGivenName,
    frenchDate(facts.patient.birthDate),
  ].filter((p): p is string => Boolean(p && p.trim()));
  return `${XDM_SUBJECT_PREFIX}+${parts.join(' ')}`.replace(/[\r\n]+/g, ' ');
}

export interface MssHeaderOptions {
  nil: string;
  /** X-MSS-MES: FIN — the patient may not answer. */
  noReply?: boolean;
  /** Ask for a read/processing notification (MDN, RFC 8098) at this address. */
  dispositionNotificationTo?: string;
}

/** The X-MSS headers of a message carrying one CDA (+ Disposition-Notification-To when asked). */
export function mssHeaders(facts: Pick<CdaFacts, 'ins' | 'patient' | 'cdaCodes'>, options: MssHeaderOptions): Record<string, string> {
  const headers: Record<string, string> = {
    [MSS_HEADERS.nil]: options.nil,
    [MSS_HEADERS.codeCda]: facts.cdaCodes.join(','),
    [MSS_HEADERS.ins]: mssInsFlag(facts),
  };
  if (options.noReply) headers[MSS_HEADERS.mes] = 'FIN';
  if (options.dispositionNotificationTo) headers['Disposition-Notification-To'] = options.dispositionNotificationTo;
  return headers;
}

/** Short French body: what is attached and who sends it, no health data beyond the title. */
export function mssBody(entry: Pick<DocumentEntry, 'title'>, sender: { organisation: string; contact?: string }, noReply: boolean): string {
  return [
    'Bonjour,',
    '',
    `Vous trouverez en pièce jointe le document « ${entry.title} », transmis par ${sender.organisation}.`,
    `Il est contenu dans l'archive ${XDM_ATTACHMENT_NAME} (format IHE XDM), lisible par les logiciels de santé et par Mon espace santé.`,
    ...(noReply ? ['', "Ce message n'appelle pas de réponse."] : []),
    ...(sender.contact ? ['', `Contact : ${sender.contact}`] : []),
    '',
    'Message envoyé par messagerie sécurisée de santé (MSSanté).',
    '',
  ].join('\n');
}
