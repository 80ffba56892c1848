// Reading INSi requests and writing answers and faults (SOAP 1.2, WS-Addressing).
import { randomUUID } from 'node:crypto';
import { NS, childrenNamed, elementChildren, escapeXml, parseXml, textOf } from '@dcc-kit/dmp/soap';
import { INSI_ELEMENTS, INSI_NS } from '@dcc-kit/ins/protocol';
import type { SimIdentity, SearchTraits } from './identities.js';

/** A request the simulator cannot serve: answered with a Sender fault naming where. */
export class BadRequest extends Error {
  constructor(readonly location: string, message: string) {
    super(message);
  }
}

export interface InsiRequest {
  action: string;
  messageId: string;
  /** ContexteLPS/LPS/IDAM: the software authorisation number. */
  authorisationNumber: string;
  body: Element;
}

const header = (env: Element, ns: string, name: string): Element | undefined => {
  const h = childrenNamed(env, NS.soap, 'Header')[0];
  return h ? childrenNamed(h, ns, name)[0] : undefined;
};

export function readRequest(text: string): InsiRequest {
  let doc: Document;
  try {
    doc = parseXml(text, 'request');
  } catch {
    throw new BadRequest('soap:Envelope', 'not well-formed XML');
  }
  const env = doc.documentElement;
  if (env.namespaceURI !== NS.soap || env.localName !== 'Envelope') throw new BadRequest('soap:Envelope', 'not a SOAP 1.2 envelope');
  const action = textOf(header(env, NS.wsa, 'Action'));
  if (!action) throw new BadRequest('wsa:Action', 'missing');
  const messageId = textOf(header(env, NS.wsa, 'MessageID'));
  if (!messageId) throw new BadRequest('wsa:MessageID', 'missing');
  const lps = header(env, INSI_NS.ctxlps, 'ContexteLPS');
  if (!lps) throw new BadRequest('ctxlps:ContexteLPS', 'missing');
  const idam = childrenNamed(childrenNamed(lps, INSI_NS.ctxlps, 'LPS')[0] ?? lps, INSI_NS.ctxlps, 'IDAM')[0];
  const soapBody = childrenNamed(env, NS.soap, 'Body')[0];
  const body = soapBody ? elementChildren(soapBody)[0] : undefined;
  if (!body) throw new BadRequest('soap:Body', 'empty');
  return { action, messageId, authorisationNumber: textOf(idam), body };
}

const NAME = /^[A-Z]+(?:(?:-{1,2}|[' ])[A-Z]+)*$/;

/** The traits of a RECSANSVITALE or VERIFSANSVITALE, checked as INSi does (strict names, real date shape). */
export function readTraits(body: Element): SearchTraits {
  const ns = body.namespaceURI ?? '';
  const at = (name: string): string => `${body.localName}/${name}`;
  const one = (name: string, required: boolean): string | undefined => {
    const el = childrenNamed(body, ns, name)[0];
    if (!el && required) throw new BadRequest(at(name), 'missing');
    return el ? textOf(el) : undefined;
  };
  const birthName = one('NomNaissance', true)!;
  if (!NAME.test(birthName)) throw new BadRequest(at('NomNaissance'), 'not an INSi name');
  const firstNames = childrenNamed(body, ns, 'Prenom').map((e) => textOf(e));
  if (firstNames.some((n) => !NAME.test(n))) throw new BadRequest(at('Prenom'), 'not an INSi name');
  const sex = one('Sexe', true)!;
  if (sex !== 'M' && sex !== 'F') throw new BadRequest(at('Sexe'), 'M or F');
  const birthDate = one('DateNaissance', true)!;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(birthDate)) throw new BadRequest(at('DateNaissance'), 'YYYY-MM-DD');
  const birthPlaceCode = one('LieuNaissance', false);
  if (birthPlaceCode !== undefined && !/^[A-Za-z0-9]{5}$/.test(birthPlaceCode)) throw new BadRequest(at('LieuNaissance'), 'a 5-character COG');
  return { birthName, firstNames, sex, birthDate, ...(birthPlaceCode !== undefined ? { birthPlaceCode } : {}) };
}

/** The matricule and OID of a VERIFSANSVITALE. */
export function readVerifiedIns(body: Element): { matricule: string; oid: string } {
  const ns = body.namespaceURI ?? '';
  const m = childrenNamed(body, ns, 'Matricule')[0];
  if (!m) throw new BadRequest(`${body.localName}/Matricule`, 'missing');
  const num = textOf(childrenNamed(m, ns, 'NumIdentifiant')[0]);
  const key = textOf(childrenNamed(m, ns, 'Cle')[0]);
  if (!/^[0-9]{5}(?:[0-9]{2}|2A|2B)[0-9]{6}$/.test(num) || !/^\d{2}$/.test(key)) throw new BadRequest(`${body.localName}/Matricule`, 'NumIdentifiant (13) and Cle (2)');
  return { matricule: num + key, oid: textOf(childrenNamed(body, ns, 'OID')[0]) };
}

// ── Answers ───────────────────────────────────────────────────────────────────────────────────────────────────

export interface Answer { status: number; body: string }

function envelope(action: string, relatesTo: string | undefined, body: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>` +
    `<soap:Envelope xmlns:soap="${NS.soap}" xmlns:wsa="${NS.wsa}"><soap:Header>` +
    `<wsa:Action>${escapeXml(action)}</wsa:Action><wsa:MessageID>uuid:${randomUUID()}</wsa:MessageID>` +
    (relatesTo ? `<wsa:RelatesTo>${escapeXml(relatesTo)}</wsa:RelatesTo>` : '') +
    `</soap:Header><soap:Body>${body}</soap:Body></soap:Envelope>`
  );
}

const cr = (code: string, label: string): string => `<CR><CodeCR>${code}</CodeCR><LibelleCR>${escapeXml(label)}</LibelleCR></CR>`;

function insXml(tag: string, matricule: string, oid: string): string {
  return `<${tag}><IdIndividu><NumIdentifiant>${escapeXml(matricule.slice(0, 13))}</NumIdentifiant><Cle>${escapeXml(matricule.slice(13))}</Cle><TypeMatricule>NIR</TypeMatricule></IdIndividu><OID>${escapeXml(oid)}</OID></${tag}>`;
}

/** RESULTAT: 00 with the identity, 01 none, 02 several. */
export function searchAnswer(action: string, relatesTo: string, found: SimIdentity[]): Answer {
  let inner: string;
  if (found.length === 0) inner = cr('01', 'Aucune identite trouvee');
  else if (found.length > 1) inner = cr('02', 'Plusieurs identites trouvees');
  else {
    const id = found[0]!;
    inner =
      cr('00', 'OK') +
      `<INDIVIDU>${insXml('INSACTIF', id.matricule, id.oid)}${(id.history ?? []).map((h) => insXml('INSHISTO', h.matricule, h.oid)).join('')}` +
      `<TIQ><NomNaissance>${escapeXml(id.birthName)}</NomNaissance><Prenom>${escapeXml(id.firstNames[0] ?? '')}</Prenom><ListePrenom>${escapeXml(id.firstNames.join(' '))}</ListePrenom>` +
      `<Sexe>${id.sex}</Sexe><DateNaissance>${id.birthDate}</DateNaissance>${id.birthPlaceCode ? `<LieuNaissance>${id.birthPlaceCode}</LieuNaissance>` : ''}</TIQ></INDIVIDU>`;
  }
  return { status: 200, body: envelope(`${action}Response`, relatesTo, `<${INSI_ELEMENTS.result} xmlns="${INSI_NS.resultat}">${inner}</${INSI_ELEMENTS.result}>`) };
}

/** RESULTATVERIF: OK, or KO with the traits that differ. */
export function verifyAnswer(action: string, relatesTo: string, differences: string[] | undefined): Answer {
  const inner = differences === undefined || differences.length > 0
    ? cr('03', 'KO') + (differences ?? ['Matricule']).map((d) => `<Ecart>${d}</Ecart>`).join('')
    : cr('00', 'OK');
  return { status: 200, body: envelope(`${action}Response`, relatesTo, `<${INSI_ELEMENTS.verifyResult} xmlns="${INSI_NS.verif}">${inner}</${INSI_ELEMENTS.verifyResult}>`) };
}

/** A SOAP 1.2 fault as INSi writes them: subcode siram_xxx, detail siram:Erreur code="desir_xxx" (and where, ours). */
export function faultAnswer(side: 'Sender' | 'Receiver', fault: { subcode: string; code: string; text: string }, relatesTo?: string, location?: string): Answer {
  const body =
    `<soap:Fault><soap:Code><soap:Value>soap:${side}</soap:Value><soap:Subcode><soap:Value xmlns:siram="${INSI_NS.siram}">siram:${fault.subcode}</soap:Value></soap:Subcode></soap:Code>` +
    `<soap:Reason><soap:Text xml:lang="fr">${escapeXml(fault.text)}</soap:Text></soap:Reason>` +
    `<soap:Detail><siram:Erreur xmlns:siram="${INSI_NS.siram}" code="${fault.code}" severite="erreur" messageID="${escapeXml(relatesTo ?? '')}"${location ? ` location="${escapeXml(location)}"` : ''}>${escapeXml(fault.text)}</siram:Erreur></soap:Detail></soap:Fault>`;
  return { status: side === 'Sender' ? 400 : 500, body: envelope('http://www.w3.org/2005/08/addressing/soap/fault', relatesTo, body) };
}
