// What the submitted CDA says, read by the simulator itself (independently of the connector's
// metadata derivation, so the coherence check of §5.3 stage 5 is not tautological: a faithful
// platform reads with its own code, and a reader shared with `@dcc-kit/dmp/metadata` would let
// one bug pass both sides). Keep it separate even where it looks like the connector's reader.
import { createHash } from 'node:crypto';
import { SaxesParser } from 'saxes';
import { INS_C_OID, INS_OIDS as SPEC_INS_OIDS } from '@dcc-kit/dmp/metadata';

const HL7 = 'urn:hl7-org:v3';

/**
 * The INS OIDs the simulator recognises in a CDA: the project's one table
 * (`@dcc-kit/cda/identity`, re-exported by the connector's metadata) and the obsolete INS-C it
 * refuses. The OIDs are facts of the spec; the reading of the CDA stays the simulator's own.
 */
export const INS_OIDS = {
  nir: SPEC_INS_OIDS.NIR,
  nia: SPEC_INS_OIDS.NIA,
  nirTest: SPEC_INS_OIDS.NIR_TEST,
  nirDemo: SPEC_INS_OIDS.NIR_DEMO,
  insC: INS_C_OID,
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
  /** The patient's traits (recordTarget/patientRole/patient), what the MSSanté sink checks for X-MSS-INS. */
  patient: PatientTraits;
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
  /**
   * SHA-1 of the ClinicalDocument without what necessarily changes between two versions (id,
   * effectiveTime, versionNumber, relatedDocument): equal for a new version that changes nothing
   * (EX_GEN-1060) [I].
   */
  contentHash: string;
}

export interface PatientTraits {
  /** The `family` qualified BR (birth name), else the first `family`. */
  birthFamilyName?: string;
  /** The first word of the first `given`. */
  firstGivenName?: string;
  birthTime?: string;
  /** administrativeGenderCode/@code */
  gender?: string;
}

export class CdaUnreadable extends Error {}

/** `root` alone, or `root^extension` — the XDS uniqueId form of a CDA II. */
export function iiString(id: CdaId): string {
  return id.extension ? `${id.root}^${id.extension}` : id.root;
}

/**
 * Reads the CDA header with a streaming parser (saxes): the whole document is parsed (so a body
 * that is not well-formed XML is refused) but no DOM of its 100+ kB is built.
 */
export function readCda(bytes: Uint8Array): CdaView {
  let source: string;
  try {
    source = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new CdaUnreadable('not UTF-8');
  }
  const view: CdaView = { autoPresentable: false, contentHash: '', templateIds: [], patient: {}, serviceEventCodes: [], authorPersonIds: [], authorStructureIds: [] };
  const outer: string[] = []; // elements above ClinicalDocument (the XSLT of the auto-présentable variant)
  let path: string[] | undefined; // element names below ClinicalDocument, while inside it
  let found = false;
  let titleText: string | undefined;
  let serviceEvent: { start?: string; stop?: string } | undefined;
  let relatedIsRplc = false;
  let versionText: string | undefined;
  let nameText: { part: 'family' | 'given'; text: string; birthName: boolean } | undefined;
  const parser = new SaxesParser({ xmlns: true });
  let failure: string | undefined;
  parser.on('error', (error) => { failure ??= error.message; });
  parser.on('opentag', (tag) => {
    const attr = (name: string): string | undefined => {
      const a = tag.attributes[name];
      return a === undefined ? undefined : typeof a === 'string' ? a : a.value;
    };
    const id = (): CdaId | undefined => {
      const root = attr('root');
      if (!root) return undefined;
      const extension = attr('extension');
      return extension ? { root, extension } : { root };
    };
    const code = (): CdaCode | undefined => {
      const c = attr('code');
      const codeSystem = attr('codeSystem');
      if (!c || !codeSystem) return undefined;
      const displayName = attr('displayName');
      return displayName ? { code: c, codeSystem, displayName } : { code: c, codeSystem };
    };
    if (!path) {
      if (!found && tag.local === 'ClinicalDocument' && tag.uri === HL7) {
        found = true;
        path = [];
        view.autoPresentable = outer.length > 0;
      } else outer.push(tag.local);
      return;
    }
    if (tag.uri !== HL7) { path.push(`{${tag.uri}}${tag.local}`); return; }
    path.push(tag.local);
    const at = path.join('/');
    switch (at) {
      case 'templateId': { const t = id(); if (t) view.templateIds.push(t); break; }
      case 'id': view.id ??= id(); break;
      case 'code': view.code ??= code(); break;
      case 'title': titleText = ''; break;
      case 'effectiveTime': view.effectiveTime ??= attr('value'); break;
      case 'confidentialityCode': view.confidentialityCode ??= code(); break;
      case 'languageCode': view.languageCode ??= attr('code'); break;
      case 'setId': view.setId ??= id(); break;
      case 'versionNumber': versionText ??= attr('value'); break;
      case 'recordTarget/patientRole/id': {
        const ii = id();
        if (!view.ins && ii?.extension && INS_OID_SET.has(ii.root)) view.ins = { matricule: ii.extension, oid: ii.root };
        break;
      }
      case 'recordTarget/patientRole/patient/name/family': nameText = { part: 'family', text: '', birthName: (attr('qualifier') ?? '').split(/\s+/).includes('BR') }; break;
      case 'recordTarget/patientRole/patient/name/given': if (view.patient.firstGivenName === undefined) nameText = { part: 'given', text: '', birthName: false }; break;
      case 'recordTarget/patientRole/patient/birthTime': view.patient.birthTime ??= attr('value'); break;
      case 'recordTarget/patientRole/patient/administrativeGenderCode': view.patient.gender ??= attr('code'); break;
      case 'documentationOf/serviceEvent': serviceEvent = {}; break;
      case 'documentationOf/serviceEvent/code': { const c = code(); if (c) view.serviceEventCodes.push(c); break; }
      case 'documentationOf/serviceEvent/effectiveTime/low': if (serviceEvent) serviceEvent.start ??= attr('value'); break;
      case 'documentationOf/serviceEvent/effectiveTime/high': if (serviceEvent) serviceEvent.stop ??= attr('value'); break;
      case 'documentationOf/serviceEvent/performer/assignedEntity/representedOrganization/standardIndustryClassCode': view.practiceSetting ??= code(); break;
      case 'author/assignedAuthor/id': if (attr('root') === PS_ID_ROOT && attr('extension')) view.authorPersonIds.push(attr('extension')!); break;
      case 'author/assignedAuthor/representedOrganization/id': if (attr('root') === STRUCTURE_ID_ROOT && attr('extension')) view.authorStructureIds.push(attr('extension')!); break;
      case 'legalAuthenticator/assignedEntity/id': if (attr('root') === PS_ID_ROOT && attr('extension')) view.legalAuthenticatorId ??= attr('extension'); break;
      case 'componentOf/encompassingEncounter/location/healthCareFacility/code': view.healthcareFacilityType ??= code(); break;
      case 'relatedDocument': relatedIsRplc = attr('typeCode') === 'RPLC'; break;
      case 'relatedDocument/parentDocument/id': if (relatedIsRplc) view.replaces ??= id(); break;
    }
  });
  parser.on('text', (t) => {
    if (titleText !== undefined && path?.[0] === 'title') titleText += t;
    if (nameText) nameText.text += t;
  });
  parser.on('closetag', () => {
    if (!path) { outer.pop(); return; }
    const at = path.join('/');
    if (at === 'title' && titleText !== undefined) { view.title ??= titleText.replace(/\s+/g, ' ').trim(); titleText = undefined; }
    if (nameText && (at === 'recordTarget/patientRole/patient/name/family' || at === 'recordTarget/patientRole/patient/name/given')) {
      const text = nameText.text.trim();
      if (nameText.part === 'given') view.patient.firstGivenName = text.split(/\s+/)[0];
      else if (nameText.birthName || view.patient.birthFamilyName === undefined) view.patient.birthFamilyName = text;
      nameText = undefined;
    }
    if (at === 'documentationOf/serviceEvent' && serviceEvent) {
      // The first serviceEvent with a start time gives the service times (its own high, if any).
      if (serviceEvent.start && view.serviceStart === undefined) {
        view.serviceStart = serviceEvent.start;
        if (serviceEvent.stop) view.serviceStop = serviceEvent.stop;
      }
      serviceEvent = undefined;
    }
    if (path.length === 0) path = undefined;
    else path.pop();
  });
  try {
    parser.write(source).close();
  } catch (error) {
    failure ??= error instanceof Error ? error.message : String(error);
  }
  if (failure) throw new CdaUnreadable(failure.split('\n')[0]!);
  if (!found) throw new CdaUnreadable('no urn:hl7-org:v3 ClinicalDocument element');
  if (versionText !== undefined && /^\d+$/.test(versionText)) view.versionNumber = Number(versionText);
  if (view.title === '') delete view.title;
  view.contentHash = contentHashOf(source);
  return view;
}

/**
 * The CDA text without the header elements that necessarily change between two versions: the
 * first `id` and `effectiveTime` after the ClinicalDocument start tag (the header order of the
 * schema puts the document's own first), `versionNumber` and `relatedDocument` — on the text, as
 * a DOM serialisation of 100+ kB costs more than the rest of the request.
 */
function contentHashOf(source: string): string {
  const p = '(?:[A-Za-z_][\\w.-]*:)?';
  const start = new RegExp(`<${p}ClinicalDocument\\b[^>]*>`).exec(source);
  let body = start ? source.slice(start.index + start[0].length) : source;
  body = body
    .replace(new RegExp(`<${p}id\\b[^>]*/>`), '')
    .replace(new RegExp(`<${p}effectiveTime\\b[^>]*/>`), '')
    .replace(new RegExp(`<${p}versionNumber\\b[^>]*/>`), '')
    .replace(new RegExp(`<(${p}relatedDocument)\\b[\\s\\S]*?</\\1>`), '');
  return createHash('sha1').update(body).digest('hex');
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
