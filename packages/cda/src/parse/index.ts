// Parsers CDA XML → model, the inverse of the builders: for the builders' own output,
// parsePps(buildWithModel('pps', m, ctx).xml) deep-equals the normalised model (same for the
// FRCP). Documents from elsewhere (the official ANS examples) are read with tolerance: a
// dangling narrative reference falls back to the coded value or is reported as a warning,
// nothing is invented. Browser-safe (no node: imports).
import type { PpsDocument } from '../model/pps.js';
import type { FrcpDocument } from '../model/frcp.js';
import { CdaParseError, type ParseOptions } from './errors.js';
import { Reader } from './narrative.js';
import { HL7_NS, attr, children, descendants, locate, parseXml, type DomElement } from './xml.js';
import { readPps } from './pps.js';
import { readFrcp } from './frcp.js';

export { CdaParseError } from './errors.js';
export type { CdaParseErrorCode, ParseOptions, ParseWarning, ParseWarningCode } from './errors.js';
export { narrativeText } from './narrative.js';

export const VOLET_TEMPLATE_IDS = { pps: '1.2.250.1.213.1.1.1.26', frcp: '1.2.250.1.213.1.1.1.8' } as const;

export type ParsedCda = { volet: 'pps'; document: PpsDocument } | { volet: 'frcp'; document: FrcpDocument };

/** The HL7 ClinicalDocument: the root, or wherever it is (the self-presenting PPS wraps it in an xsl:stylesheet). */
function clinicalDocument(xml: string): DomElement {
  const root = parseXml(xml);
  const isCd = (e: DomElement) => e.localName === 'ClinicalDocument' && e.namespaceURI === HL7_NS;
  if (isCd(root)) return root;
  const found = descendants(root, isCd)[0];
  if (found) return found;
  const unqualified = root.localName === 'ClinicalDocument' ? root : descendants(root, (e) => e.localName === 'ClinicalDocument')[0];
  if (unqualified)
    throw new CdaParseError('not-a-clinical-document', locate(unqualified), `ClinicalDocument is not in the HL7 v3 namespace ${HL7_NS} (found ${unqualified.namespaceURI ?? 'none'})`);
  throw new CdaParseError('not-a-clinical-document', locate(root), `Not an HL7 CDA document: no ClinicalDocument element (root element <${root.tagName}>)`);
}

function voletOf(cd: DomElement): 'pps' | 'frcp' {
  const roots = children(cd, 'templateId').map((t) => attr(t, 'root'));
  const pps = roots.includes(VOLET_TEMPLATE_IDS.pps);
  const frcp = roots.includes(VOLET_TEMPLATE_IDS.frcp);
  if (pps && !frcp) return 'pps';
  if (frcp && !pps) return 'frcp';
  throw new CdaParseError(
    'unknown-volet',
    `${locate(cd)}/templateId`,
    pps
      ? 'The document claims both the PPS and the FRCP templateIds'
      : `Neither CANCER-PPS_2022.01 (templateId ${VOLET_TEMPLATE_IDS.pps}) nor CANCER-FRCP_2022.01 (templateId ${VOLET_TEMPLATE_IDS.frcp}); templateIds: ${roots.join(', ') || 'none'}`,
  );
}

/** Reads a CANCER-PPS_2022.01 document. Throws CdaParseError (malformed, other volet, required element missing). */
export function parsePps(xml: string, options?: ParseOptions): PpsDocument {
  const cd = clinicalDocument(xml);
  const volet = voletOf(cd);
  if (volet !== 'pps') throw new CdaParseError('unexpected-volet', `${locate(cd)}/templateId`, 'This is a CANCER-FRCP document: use parseFrcp (or parseCda)');
  return readPps(new Reader(cd, options), cd);
}

/** Reads a CANCER-FRCP_2022.01 document. Throws CdaParseError (malformed, other volet, required element missing). */
export function parseFrcp(xml: string, options?: ParseOptions): FrcpDocument {
  const cd = clinicalDocument(xml);
  const volet = voletOf(cd);
  if (volet !== 'frcp') throw new CdaParseError('unexpected-volet', `${locate(cd)}/templateId`, 'This is a CANCER-PPS document: use parsePps (or parseCda)');
  return readFrcp(new Reader(cd, options), cd);
}

/** Reads a PPS or an FRCP, telling which from the document templateId. */
export function parseCda(xml: string, options?: ParseOptions): ParsedCda {
  const cd = clinicalDocument(xml);
  const r = new Reader(cd, options);
  return voletOf(cd) === 'pps' ? { volet: 'pps', document: readPps(r, cd) } : { volet: 'frcp', document: readFrcp(r, cd) };
}
