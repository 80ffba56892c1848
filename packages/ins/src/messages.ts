// The INSi request bodies and headers, and the reading of the answers (identity-auth.md §1.9).
import { randomUUID } from 'node:crypto';
import { checkInsMatricule, crossCheckInsTraits, describeInsOid } from '@dcc-kit/cda/identity';
import { NS, childrenNamed, elementChildren, escapeXml, textOf } from '@dcc-kit/dmp/soap';
import { INSI_ELEMENTS, INSI_NS, SEARCH_CODES, VERIFY_CODES } from './protocol.js';
import { InsiError } from './errors.js';
import type { InsiIdentity, InsiIns, InsiSearchResult, InsiTraits, InsiVerifyResult } from './types.js';

/** Who calls: the software (LPS) and its CNDA authorisation number, in ContexteLPS. */
export interface LpsIdentity {
  name: string;
  version: string;
  /** UUID of this installation. */
  instanceId: string;
  /** CNDA software authorisation number (IDAM, R="4"); an unknown one gets fault desir_550. */
  authorisationNumber: string;
  /** Emetteur of the contexts (the organisation's id, e.g. its FINESS). */
  emitter: string;
}

const NAME = /^[A-Z]+(?:(?:-{1,2}|[' ])[A-Z]+)*$/;
const DATE = /^\d{4}-(?:0\d|1[0-2])-(?:[0-2]\d|3[01])$/;
const COG = /^(?:\d{2}|2A|2B)\d{3}$/;

/** Throws InsiError invalid-request naming the first field INSi would refuse (never its value). */
export function checkTraits(traits: InsiTraits, path = 'traits'): void {
  const bad = (field: string, detail: string): never => {
    throw new InsiError({ kind: 'invalid-request', code: 'traits', location: `${path}.${field}`, detail });
  };
  if (typeof traits.birthName !== 'string' || !NAME.test(traits.birthName)) bad('birthName', 'upper-case letters, hyphen, apostrophe or space');
  if (!Array.isArray(traits.firstNames)) bad('firstNames', 'a list of first names');
  traits.firstNames.forEach((name, i) => {
    if (typeof name !== 'string' || !NAME.test(name)) bad(`firstNames[${i}]`, 'upper-case letters, hyphen, apostrophe or space');
  });
  if (traits.sex !== 'M' && traits.sex !== 'F') bad('sex', 'M or F');
  if (typeof traits.birthDate !== 'string' || !DATE.test(traits.birthDate)) bad('birthDate', 'YYYY-MM-DD (00 for an unknown month or day)');
  if (traits.birthPlaceCode !== undefined && !COG.test(traits.birthPlaceCode)) bad('birthPlaceCode', 'a 5-character COG code');
}

function traitsXml(traits: InsiTraits): string {
  return (
    `<NomNaissance>${escapeXml(traits.birthName)}</NomNaissance>` +
    traits.firstNames.map((n) => `<Prenom>${escapeXml(n)}</Prenom>`).join('') +
    `<Sexe>${traits.sex}</Sexe><DateNaissance>${traits.birthDate}</DateNaissance>` +
    (traits.birthPlaceCode ? `<LieuNaissance>${traits.birthPlaceCode}</LieuNaissance>` : '')
  );
}

/** RECSANSVITALE: the search by traits. */
export function searchRequestXml(traits: InsiTraits): string {
  return `<${INSI_ELEMENTS.searchByTraits} xmlns="${INSI_NS.recSans}">${traitsXml(traits)}</${INSI_ELEMENTS.searchByTraits}>`;
}

/** Our vérification message [?]: the stored matricule, its OID and the traits to compare. */
export function verifyRequestXml(ins: { value: string; oid: string }, traits: InsiTraits): string {
  return (
    `<${INSI_ELEMENTS.verify} xmlns="${INSI_NS.verif}">` +
    `<Matricule><NumIdentifiant>${escapeXml(ins.value.slice(0, 13))}</NumIdentifiant><Cle>${escapeXml(ins.value.slice(13))}</Cle></Matricule>` +
    `<OID>${escapeXml(ins.oid)}</OID>${traitsXml(traits)}</${INSI_ELEMENTS.verify}>`
  );
}

/** The ContexteLPS and ContexteBAM header blocks (§1.9). */
export function contextHeaders(lps: LpsIdentity, now: Date): string[] {
  const time = now.toISOString();
  return [
    `<ctxlps:ContexteLPS xmlns:ctxlps="${INSI_NS.ctxlps}" Nature="CTXLPS" Version="01_00">` +
      `<ctxlps:Id>${randomUUID()}</ctxlps:Id><ctxlps:Temps>${time}</ctxlps:Temps><ctxlps:Emetteur>${escapeXml(lps.emitter)}</ctxlps:Emetteur>` +
      `<ctxlps:LPS><ctxlps:IDAM R="4">${escapeXml(lps.authorisationNumber)}</ctxlps:IDAM><ctxlps:Version>${escapeXml(lps.version)}</ctxlps:Version>` +
      `<ctxlps:Instance>${escapeXml(lps.instanceId)}</ctxlps:Instance><ctxlps:Nom>${escapeXml(`urn:lps:${lps.name}:${lps.version}`)}</ctxlps:Nom></ctxlps:LPS>` +
      `</ctxlps:ContexteLPS>`,
    `<ctxbam:ContexteBAM xmlns:ctxbam="${INSI_NS.ctxbam}" Version="01_02">` +
      `<ctxbam:Id>${randomUUID()}</ctxbam:Id><ctxbam:Temps>${time}</ctxbam:Temps><ctxbam:Emetteur>${escapeXml(lps.emitter)}</ctxbam:Emetteur><ctxbam:COUVERTURE/>` +
      `</ctxbam:ContexteBAM>`,
  ];
}

// ── Answers ───────────────────────────────────────────────────────────────────────────────────────────────────

const invalid = (location: string, detail: string): InsiError => new InsiError({ kind: 'invalid-response', code: 'invalid-response', location, detail });

function child(parent: Element, name: string, path: string): Element {
  const found = childrenNamed(parent, parent.namespaceURI ?? '', name)[0];
  if (!found) throw invalid(`${path}/${name}`, 'missing element');
  return found;
}

const optionalText = (parent: Element, name: string): string | undefined => {
  const el = childrenNamed(parent, parent.namespaceURI ?? '', name)[0];
  const text = textOf(el);
  return el && text !== '' ? text : undefined;
};

function readCr(payload: Element, path: string): { code: string; label: string } {
  const cr = child(payload, 'CR', path);
  return { code: textOf(child(cr, 'CodeCR', `${path}/CR`)), label: textOf(child(cr, 'LibelleCR', `${path}/CR`)) };
}

function readIns(el: Element, path: string): InsiIns {
  const id = child(el, 'IdIndividu', path);
  const value = textOf(child(id, 'NumIdentifiant', `${path}/IdIndividu`)) + textOf(child(id, 'Cle', `${path}/IdIndividu`));
  const oid = textOf(child(el, 'OID', path));
  if (!describeInsOid(oid)) throw invalid(`${path}/OID`, 'not an INS OID');
  const from = optionalText(el, 'DateDeb');
  const to = optionalText(el, 'DateFin');
  return { value, oid, ...(from ? { from } : {}), ...(to ? { to } : {}) };
}

/** The identity of a RESULTAT with CodeCR 00. */
function readIdentity(payload: Element): InsiIdentity {
  const base = INSI_ELEMENTS.result;
  const individu = child(payload, 'INDIVIDU', base);
  const path = `${base}/INDIVIDU`;
  const ins = readIns(child(individu, 'INSACTIF', path), `${path}/INSACTIF`);
  const history = childrenNamed(individu, individu.namespaceURI ?? '', 'INSHISTO').map((h) => readIns(h, `${path}/INSHISTO`));
  const tiq = child(individu, 'TIQ', path);
  const tiqPath = `${path}/TIQ`;
  const list = optionalText(tiq, 'ListePrenom') ?? optionalText(tiq, 'Prenom');
  if (!list) throw invalid(`${tiqPath}/ListePrenom`, 'missing element');
  const sex = textOf(child(tiq, 'Sexe', tiqPath));
  if (sex !== 'M' && sex !== 'F') throw invalid(`${tiqPath}/Sexe`, 'not M or F');
  const birthPlaceCode = optionalText(tiq, 'LieuNaissance');
  const traits = {
    birthName: textOf(child(tiq, 'NomNaissance', tiqPath)),
    firstNames: list.split(/\s+/),
    sex,
    birthDate: textOf(child(tiq, 'DateNaissance', tiqPath)),
    ...(birthPlaceCode ? { birthPlaceCode } : {}),
  } as InsiIdentity['traits'];
  const kind = describeInsOid(ins.oid)?.kind ?? 'NIR';
  return {
    ins,
    history,
    traits,
    keyValid: checkInsMatricule(ins.value) === undefined,
    findings: crossCheckInsTraits({ matricule: ins.value, kind, sex: traits.sex, birthDate: traits.birthDate, ...(birthPlaceCode ? { birthPlaceCode } : {}) }),
  };
}

function expectPayload(payload: Element, ns: string, name: string): void {
  if (payload.namespaceURI !== ns || payload.localName !== name) throw invalid('soap:Body', `expected ${name}`);
}

/** A search's RESULTAT → typed result. */
export function readSearchResult(payload: Element): InsiSearchResult {
  expectPayload(payload, INSI_NS.resultat, INSI_ELEMENTS.result);
  const { code, label } = readCr(payload, INSI_ELEMENTS.result);
  if (code === SEARCH_CODES.found) return { outcome: 'found', code, label, identity: readIdentity(payload) };
  if (code === SEARCH_CODES.none) return { outcome: 'none', code, label };
  if (code === SEARCH_CODES.several) return { outcome: 'several', code, label };
  throw invalid(`${INSI_ELEMENTS.result}/CR/CodeCR`, 'unknown result code');
}

/** A vérification's RESULTATVERIF → typed result. */
export function readVerifyResult(payload: Element): InsiVerifyResult {
  expectPayload(payload, INSI_NS.verif, INSI_ELEMENTS.verifyResult);
  const { code, label } = readCr(payload, INSI_ELEMENTS.verifyResult);
  if (code === VERIFY_CODES.ok) return { outcome: 'ok', code, label };
  if (code === VERIFY_CODES.ko) {
    const mismatches = childrenNamed(payload, payload.namespaceURI ?? '', 'Ecart').map((e) => textOf(e));
    return { outcome: 'ko', code, label, mismatches };
  }
  throw invalid(`${INSI_ELEMENTS.verifyResult}/CR/CodeCR`, 'unknown result code');
}

/** A SOAP 1.2 Fault → InsiError (Receiver: unavailable; Sender: fault), with the desir code and the location. */
export function faultError(fault: Element, httpStatus: number): InsiError {
  const code = childrenNamed(fault, NS.soap, 'Code')[0];
  const value = code ? textOf(childrenNamed(code, NS.soap, 'Value')[0]).replace(/^.*:/, '') : '';
  const detail = childrenNamed(fault, NS.soap, 'Detail')[0];
  const erreur = detail ? elementChildren(detail).find((e) => e.localName === 'Erreur') : undefined;
  const desir = erreur?.getAttribute('code') || (value === 'Receiver' ? 'soap-receiver' : 'soap-sender');
  const location = erreur?.getAttribute('location') || undefined;
  const reason = textOf(childrenNamed(childrenNamed(fault, NS.soap, 'Reason')[0] ?? fault, NS.soap, 'Text')[0]);
  return new InsiError({
    kind: value === 'Receiver' ? 'unavailable' : 'fault',
    code: desir,
    httpStatus,
    detail: `SOAP Fault ${value || '?'}: ${reason}`.slice(0, 300),
    ...(location ? { location } : {}),
  });
}
