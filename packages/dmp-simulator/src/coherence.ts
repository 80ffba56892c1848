// Stage 5 of §5.3: the metadata must say what the CDA says. The simulator reads the CDA itself
// (cda-read.ts) and derives the expected values with the shared code maps (X04, A11).
import { createHash } from 'node:crypto';
import { CdaUnreadable, hl7ToUtc, iiString, readCda, type CdaView } from './cda-read.js';
import { HL7_CONFIDENTIALITY_SCHEME, classForType, formatForTemplate } from './codes.js';
import type { ParsedEntry } from './metadata-check.js';
import { insCx } from './patient-check.js';
import { problem, type Problem } from './refusals.js';
import { xcnId } from './metadata-check.js';

/** An optional conformance hook (XSD + schematron), e.g. @dcc-kit/conformance. */
export type ValidateCda = (cda: Uint8Array) => Promise<{ path: string; message: string }[]> | { path: string; message: string }[];

export function sha1Hex(bytes: Uint8Array): string {
  return createHash('sha1').update(bytes).digest('hex');
}

/**
 * The metadata's UTC time (`YYYYMMDDhhmmss`, §1.5: keep seconds) says the same as the CDA's
 * converted time at the CDA's own precision: equal, or the CDA's value followed by zeros only
 * (a meeting typed to the minute, `202411051230+0100`, is `20241105113000` in the metadata).
 */
export function sameUtcTime(fromCda: string, metadata: string): boolean {
  if (fromCda === metadata) return true;
  return metadata.length > fromCda.length && metadata.startsWith(fromCda) && /^0+$/.test(metadata.slice(fromCda.length));
}

export interface CoherenceResult { problems: Problem[]; cda: Map<ParsedEntry, CdaView> }

export async function checkCoherence(entries: ParsedEntry[], options: { strictUniqueId?: boolean; validateCda?: ValidateCda | undefined }): Promise<CoherenceResult> {
  const problems: Problem[] = [];
  const cda = new Map<ParsedEntry, CdaView>();
  for (const entry of entries) {
    const bytes = entry.bytes;
    if (!bytes) continue;
    const at = (name: string): string => `${entry.label}.${name}`;
    const add = (code: Problem['code'], location: string, detail?: string): void => { problems.push(problem(code, location, detail)); };

    if (entry.hash !== undefined && entry.hash !== sha1Hex(bytes)) add('SIM_HASH_MISMATCH', at('hash'), 'SHA-1 of the received bytes differs');
    if (entry.size !== undefined && entry.size !== bytes.length) add('SIM_HASH_MISMATCH', at('size'), `received ${bytes.length} bytes`);
    if (entry.isSignature) continue;

    let view: CdaView;
    try {
      view = readCda(bytes);
    } catch (error) {
      if (error instanceof CdaUnreadable) { add('SIM_CDA_UNREADABLE', `xdsb:Document[@id='${entry.obj.id}']`, error.message); continue; }
      throw error;
    }
    cda.set(entry, view);
    const differs = (name: string, cdaPath: string, expected: string | undefined, actual: string | undefined): void => {
      if (actual === undefined) return; // absent metadata was already reported by stage 4
      if (expected === undefined) add('SIM_CDA_INCOHERENT', at(name), `the CDA has no ${cdaPath}`);
      else if (expected !== actual) add('SIM_CDA_INCOHERENT', at(name), `'${actual}' differs from ${cdaPath} ('${expected}')`);
    };
    const timeDiffers = (name: string, cdaPath: string, expected: string | undefined, actual: string | undefined): void => {
      if (actual !== undefined && expected !== undefined && sameUtcTime(expected, actual)) return;
      differs(name, cdaPath, expected, actual);
    };
    const codeDiffers = (name: string, cdaPath: string, expected: { code: string; codeSystem: string } | undefined, actual: { code: string; scheme: string } | undefined): void => {
      if (!actual) return;
      if (!expected) add('SIM_CDA_INCOHERENT', at(name), `the CDA has no ${cdaPath}`);
      else if (expected.code !== actual.code || expected.codeSystem !== actual.scheme) {
        add('SIM_CDA_INCOHERENT', at(name), `${actual.code} / ${actual.scheme} differs from ${cdaPath} (${expected.code} / ${expected.codeSystem})`);
      }
    };

    const expectedMime = view.autoPresentable ? 'application/xslt+xml' : 'text/xml';
    if (entry.obj.mimeType !== expectedMime) add('SIM_CDA_INCOHERENT', at('mimeType'), `the document is ${view.autoPresentable ? 'an auto-présentable CDA (XSLT)' : 'a plain CDA'}: ${expectedMime}`);
    // uniqueId
    if (entry.uniqueId !== undefined) {
      if (!view.id) add('SIM_CDA_INCOHERENT', at('uniqueId'), 'the CDA has no ClinicalDocument/id');
      else if (iiString(view.id) !== entry.uniqueId) add('SIM_CDA_INCOHERENT', at('uniqueId'), 'differs from ClinicalDocument/id');
      else if (options.strictUniqueId && entry.uniqueId.includes('^')) add('SIM_UNIQUEID_EXTENSION', at('uniqueId'));
    }
    codeDiffers('typeCode', 'ClinicalDocument/code', view.code, entry.typeCode);
    const expectedClass = view.code ? classForType(view.code.code) : undefined;
    if (entry.classCode && entry.classCode.code !== expectedClass) {
      add('SIM_CDA_INCOHERENT', at('classCode'), expectedClass ? `ASS_X04 maps ClinicalDocument/code ${view.code?.code} to ${expectedClass}, not ${entry.classCode.code}` : 'ASS_X04 has no classCode for ClinicalDocument/code');
    }
    const volet = view.templateIds.find((t) => formatForTemplate(t.root) !== undefined && t.extension === '2022.01');
    const expectedFormat = volet ? formatForTemplate(volet.root) : undefined;
    if (entry.formatCode && entry.formatCode.code !== expectedFormat) {
      add('SIM_CDA_INCOHERENT', at('formatCode'), expectedFormat ? `ASS_A11 maps templateId ${volet?.root} to ${expectedFormat}` : "no CANCER-PPS/FRCP templateId with extension '2022.01' in ClinicalDocument/templateId");
    }
    if (entry.patientId !== undefined) {
      if (!view.ins) add('SIM_CDA_INCOHERENT', at('patientId'), 'no INS in ClinicalDocument/recordTarget/patientRole/id');
      else if (insCx(view.ins) !== entry.patientId.replace(/(\^NH)\^.*$/, '$1')) add('SIM_CDA_INCOHERENT', at('patientId'), 'differs from the INS of recordTarget/patientRole/id');
    }
    timeDiffers('creationTime', 'UTC(ClinicalDocument/effectiveTime/@value)', view.effectiveTime ? hl7ToUtc(view.effectiveTime) : undefined, entry.creationTime);
    timeDiffers('serviceStartTime', 'UTC(documentationOf/serviceEvent/effectiveTime/low/@value)', view.serviceStart ? hl7ToUtc(view.serviceStart) : undefined, entry.serviceStartTime);
    timeDiffers('serviceStopTime', 'UTC(documentationOf/serviceEvent/effectiveTime/high/@value)', view.serviceStop ? hl7ToUtc(view.serviceStop) : undefined, entry.serviceStopTime);
    if (view.serviceStop && !entry.serviceStopTime) add('SIM_CDA_INCOHERENT', at('serviceStopTime'), 'missing although the CDA has documentationOf/serviceEvent/effectiveTime/high');
    const level = entry.confidentiality.find((c) => c.scheme === HL7_CONFIDENTIALITY_SCHEME);
    codeDiffers('confidentialityCode', 'ClinicalDocument/confidentialityCode', view.confidentialityCode, level);
    if (entry.confidentiality[0] && entry.confidentiality[0].scheme !== HL7_CONFIDENTIALITY_SCHEME) {
      add('SIM_CDA_INCOHERENT', at('confidentialityCode'), 'the first confidentialityCode must be the CDA one (N/R/V)');
    }
    differs('languageCode', 'ClinicalDocument/languageCode/@code', view.languageCode, entry.languageCode);
    differs('title', 'ClinicalDocument/title', view.title, entry.title?.replace(/\s+/g, ' ').trim());
    codeDiffers('healthcareFacilityTypeCode', 'componentOf/encompassingEncounter/location/healthCareFacility/code', view.healthcareFacilityType, entry.healthcareFacilityTypeCode);
    codeDiffers('practiceSettingCode', 'documentationOf/serviceEvent/performer/assignedEntity/representedOrganization/standardIndustryClassCode', view.practiceSetting, entry.practiceSettingCode);
    if (entry.legalAuthenticator) differs('legalAuthenticator', 'legalAuthenticator/assignedEntity/id/@extension', view.legalAuthenticatorId, xcnId(entry.legalAuthenticator));
    const metaPersons = entry.authors.map((a) => (a.person ? xcnId(a.person) : undefined)).filter((x): x is string => x !== undefined);
    for (const id of metaPersons) {
      if (!view.authorPersonIds.includes(id)) add('SIM_CDA_INCOHERENT', at('author.authorPerson'), `${id} is not an author/assignedAuthor/id of the CDA`);
    }
    for (const id of view.authorPersonIds) {
      if (!metaPersons.includes(id)) add('SIM_CDA_INCOHERENT', at('author.authorPerson'), `CDA author ${id} has no XDS author`);
    }

    if (options.validateCda) {
      for (const issue of await options.validateCda(bytes)) add('SIM_CDA_INVALID', issue.path, issue.message);
    }
  }
  return { problems, cda };
}
