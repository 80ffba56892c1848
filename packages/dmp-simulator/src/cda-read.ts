// What the submitted CDA says, read by the simulator itself (independently of the connector's
// metadata derivation, so the coherence check of §5.3 stage 5 is not tautological).
import { element, elements, parseXml, text } from './xml.js';

export const INS_OIDS = {
  nir: '1.2.250.1.213.1.4.8',
  nia: '1.2.250.1.213.1.4.9',
  nirTest: '1.2.250.1.213.1.4.10',
  nirDemo: '1.2.250.1.213.1.4.11',
  insC: '1.2.250.1.213.1.4.2',
} as const;
const INS_OID_SET = new Set<string>(Object.values(INS_OIDS));
export const PS_ID_ROOT = '1.2.250.1.71.4.2.1';
export const STRUCTURE_ID_ROOT = '1.2.250.1.71.4.2.2';

export interface CdaCode { code: string; codeSystem: string; displayName?: string }
export interface CdaId { root: string; extension?: string }

export interface CdaView {
  /** The ANS "auto-présentable" variant: the ClinicalDocument sits inside an XSLT. */
  autoPresentable: boolean;
  templateIds: CdaId[];
  id?: CdaId;
  code?: CdaCode;
  title?: string;
  effectiveTime?: string;
  confidentialityCode?: CdaCode;
  languageCode?: string;
  setId?: CdaId;
  versionNumber?: number;
  ins?: { matricule: string; oid: string };
  serviceStart?: string;
  serviceStop?: string;
  serviceEventCodes: CdaCode[];
  healthcareFacilityType?: CdaCode;
  practiceSetting?: CdaCode;
  authorPersonIds: string[];
  authorStructureIds: string[];
  legalAuthenticatorId?: string;
  /** relatedDocument[@typeCode='RPLC']/parentDocument/id */
  replaces?: CdaId;
}

export class CdaUnreadable extends Error {}

function idOf(el: Element | undefined): CdaId | undefined {
  if (!el) return undefined;
  const root = el.getAttribute('root');
  if (!root) return undefined;
  const extension = el.getAttribute('extension');
  return extension ? { root, extension } : { root };
}

function codeOf(el: Element | undefined): CdaCode | undefined {
  if (!el) return undefined;
  const code = el.getAttribute('code');
  const codeSystem = el.getAttribute('codeSystem');
  if (!code || !codeSystem) return undefined;
  const displayName = el.getAttribute('displayName');
  return displayName ? { code, codeSystem, displayName } : { code, codeSystem };
}

/** `root` alone, or `root^extension` — the XDS uniqueId form of a CDA II. */
export function iiString(id: CdaId): string {
  return id.extension ? `${id.root}^${id.extension}` : id.root;
}

export function readCda(bytes: Uint8Array): CdaView {
  let doc: Document;
  try {
    doc = parseXml(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (error) {
    throw new CdaUnreadable(error instanceof Error ? error.message : String(error));
  }
  // A plain CDA has ClinicalDocument as root; the ANS "autoprésentable" variant nests it in an XSLT.
  const root = element('/hl7:ClinicalDocument', doc);
  const cd = root ?? element('//hl7:ClinicalDocument', doc);
  if (!cd) throw new CdaUnreadable('no urn:hl7-org:v3 ClinicalDocument element');

  const insIds = elements('hl7:recordTarget/hl7:patientRole/hl7:id', cd)
    .map(idOf)
    .filter((id): id is CdaId => id !== undefined && INS_OID_SET.has(id.root) && id.extension !== undefined);
  const insId = insIds[0];
  const serviceEvent =
    element('hl7:documentationOf/hl7:serviceEvent[hl7:effectiveTime/hl7:low/@value]', cd) ??
    element('hl7:documentationOf/hl7:serviceEvent', cd);
  const versionText = text('hl7:versionNumber/@value', cd);
  const view: CdaView = {
    autoPresentable: root === undefined,
    templateIds: elements('hl7:templateId', cd).map(idOf).filter((x): x is CdaId => x !== undefined),
    serviceEventCodes: elements('hl7:documentationOf/hl7:serviceEvent/hl7:code', cd).map(codeOf).filter((x): x is CdaCode => x !== undefined),
    authorPersonIds: elements('hl7:author/hl7:assignedAuthor/hl7:id', cd)
      .filter((e) => e.getAttribute('root') === PS_ID_ROOT)
      .map((e) => e.getAttribute('extension') ?? '')
      .filter(Boolean),
    authorStructureIds: elements('hl7:author/hl7:assignedAuthor/hl7:representedOrganization/hl7:id', cd)
      .filter((e) => e.getAttribute('root') === STRUCTURE_ID_ROOT)
      .map((e) => e.getAttribute('extension') ?? '')
      .filter(Boolean),
  };
  const set = <K extends keyof CdaView>(key: K, value: CdaView[K] | undefined): void => {
    if (value !== undefined && value !== '') view[key] = value;
  };
  set('id', idOf(element('hl7:id', cd)));
  set('code', codeOf(element('hl7:code', cd)));
  set('title', text('hl7:title', cd)?.replace(/\s+/g, ' '));
  set('effectiveTime', text('hl7:effectiveTime/@value', cd));
  set('confidentialityCode', codeOf(element('hl7:confidentialityCode', cd)));
  set('languageCode', text('hl7:languageCode/@code', cd));
  set('setId', idOf(element('hl7:setId', cd)));
  set('versionNumber', versionText !== undefined && /^\d+$/.test(versionText) ? Number(versionText) : undefined);
  set('ins', insId ? { matricule: insId.extension!, oid: insId.root } : undefined);
  if (serviceEvent) {
    set('serviceStart', text('hl7:effectiveTime/hl7:low/@value', serviceEvent));
    set('serviceStop', text('hl7:effectiveTime/hl7:high/@value', serviceEvent));
  }
  set('healthcareFacilityType', codeOf(element('hl7:componentOf/hl7:encompassingEncounter/hl7:location/hl7:healthCareFacility/hl7:code', cd)));
  set('practiceSetting', codeOf(
    element('hl7:documentationOf/hl7:serviceEvent/hl7:performer/hl7:assignedEntity/hl7:representedOrganization/hl7:standardIndustryClassCode', cd),
  ));
  const legal = element('hl7:legalAuthenticator/hl7:assignedEntity/hl7:id', cd);
  if (legal?.getAttribute('root') === PS_ID_ROOT) set('legalAuthenticatorId', legal.getAttribute('extension') ?? undefined);
  set('replaces', idOf(element("hl7:relatedDocument[@typeCode='RPLC']/hl7:parentDocument/hl7:id", cd)));
  return view;
}

/**
 * HL7 TS → XDS DTM in UTC, at the precision of the source (dmp-mes.md §1.5):
 * '20190218094914+0100' → '20190218084914'. Without an offset the value is returned unchanged.
 */
export function hl7ToUtc(ts: string): string | undefined {
  const m = /^(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:\.\d+)?([+-]\d{4})?$/.exec(ts);
  if (!m) return undefined;
  const digits = ts.replace(/[.+-].*$/, '');
  if (!m[7] || !m[4]) return digits;
  const sign = m[7].startsWith('-') ? -1 : 1;
  const offsetMinutes = sign * (Number(m[7].slice(1, 3)) * 60 + Number(m[7].slice(3, 5)));
  const local = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5] ?? 0), Number(m[6] ?? 0));
  const utc = new Date(local - offsetMinutes * 60_000);
  const full = utc.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return full.slice(0, digits.length);
}
