// What the sink needs from an attached CDA's header: the document code, the INS and the four
// INS traits. Read with saxes on the CDA itself (no dependency on the sender's metadata code).
import { SaxesParser } from 'saxes';
import { isInsOid } from '@dcc-kit/cda/identity';

export interface CdaHeader {
  code?: string;
  ins?: { matricule: string; oid: string };
  birthFamilyName?: string;
  firstGivenName?: string;
  birthDate?: string;
  sex?: string;
}

const CDA_NS = 'urn:hl7-org:v3';

/** @throws Error when not well-formed or not a ClinicalDocument. */
export function readCdaHeader(xml: string): CdaHeader {
  const header: CdaHeader = {};
  const parser = new SaxesParser({ xmlns: true });
  const path: string[] = [];
  let capture: 'family' | 'given' | undefined;
  let captured = '';
  let familyQualifier: string | undefined;
  let root: string | undefined;
  // saxes keeps one handler per event: everything of 'opentag' is here.
  parser.on('opentag', (tag) => {
    root ??= tag.local;
    path.push(tag.local);
    if (tag.uri !== CDA_NS) return;
    const p = path.join('/');
    const a = (n: string): string | undefined => tag.attributes[n]?.value;
    if (p === 'ClinicalDocument/code') header.code = a('code');
    else if (p === 'ClinicalDocument/recordTarget/patientRole/id') {
      const root = a('root');
      const extension = a('extension');
      if (root && extension && isInsOid(root) && !header.ins) header.ins = { matricule: extension, oid: root };
    } else if (p === 'ClinicalDocument/recordTarget/patientRole/patient/name/family') {
      capture = 'family';
      captured = '';
      familyQualifier = a('qualifier');
    } else if (p === 'ClinicalDocument/recordTarget/patientRole/patient/name/given' && header.firstGivenName === undefined) {
      capture = 'given';
      captured = '';
    } else if (p === 'ClinicalDocument/recordTarget/patientRole/patient/birthTime') header.birthDate = a('value');
    else if (p === 'ClinicalDocument/recordTarget/patientRole/patient/administrativeGenderCode') header.sex = a('code');
  });
  parser.on('text', (t) => {
    if (capture) captured += t;
  });
  parser.on('closetag', () => {
    if (capture === 'family') {
      if (familyQualifier?.split(/\s+/).includes('BR') || header.birthFamilyName === undefined) header.birthFamilyName = captured.trim();
    } else if (capture === 'given') {
      header.firstGivenName = captured.trim().split(/\s+/)[0];
    }
    capture = undefined;
    path.pop();
  });
  parser.write(xml).close();
  if (root !== 'ClinicalDocument') throw new Error('not a ClinicalDocument');
  return header;
}
