// TEMPORARY stand-in for `@dcc-kit/dmp/value-sets` (helper META) until that module is merged:
// the same export names, a minimal subset. codes.ts is the only importer; once wip-meta is
// merged, codes.ts imports '@dcc-kit/dmp/value-sets' and this file is deleted.
import {
  JDV_J02_XdsHealthcareFacilityTypeCode_CISIS,
  JDV_J04_XdsPracticeSettingCode_CISIS,
  JDV_J07_XdsTypeCode_CISIS,
} from '@dcc-kit/cda/value-sets';

export interface Concept { readonly code: string; readonly codeSystem: string; readonly displayName: string }
export interface CodeList { readonly name: string; readonly source: string; readonly concepts: readonly Concept[] }
export function inCodeList(list: CodeList, code: string, codeSystem: string): boolean {
  return list.concepts.some((c) => c.code === code && c.codeSystem === codeSystem);
}
const c = (code: string, codeSystem: string): Concept => ({ code, codeSystem, displayName: code });
export const JDV_J02: CodeList = JDV_J02_XdsHealthcareFacilityTypeCode_CISIS;
export const JDV_J04: CodeList = JDV_J04_XdsPracticeSettingCode_CISIS;
export const JDV_J07: CodeList = JDV_J07_XdsTypeCode_CISIS;
export const JDV_J57_ClassCode_DMP: CodeList = { name: 'J57', source: 'shim', concepts: ['10', '11', '31', '42', '43', '44', '45', '52', '60', '90', '95'].map((x) => c(x, '1.2.250.1.213.1.1.4.1')).concat([c('urn:oid:1.3.6.1.4.1.19376.1.2.1.1.1', 'URN')]) };
export const TRE_A07_StatutVisibiliteDocument: CodeList = { name: 'A07', source: 'shim', concepts: ['INVISIBLE_PATIENT', 'INVISIBLE_REPRESENTANTS_LEGAUX', 'MASQUE_PS'].map((x) => c(x, '1.2.250.1.213.1.1.4.13')) };
export const JDV_J58_ConfidentialityCode_DMP: CodeList = { name: 'J58', source: 'shim', concepts: ['N', 'R', 'V'].map((x) => c(x, '2.16.840.1.113883.5.25')).concat(TRE_A07_StatutVisibiliteDocument.concepts) };
export const JDV_J60_FormatCode_DMP: CodeList = { name: 'J60', source: 'shim', concepts: [c('urn:asip:ci-sis:pps-cancer:2017', '1.2.250.1.213.1.1.4.2.282'), c('urn:asip:ci-sis:frcp:2011', '1.2.250.1.213.1.1.4.2.282'), c('http://www.w3.org/2000/09/xmldsig#', 'URN')] };
export const JDV_J59_ContentTypeCode_DMP: CodeList = { name: 'J59', source: 'shim', concepts: ['03', '04', '07', '19', '97'].map((x) => c(x, '1.2.250.1.213.2.2')) };
export const ASS_X04_TypeToClass = { map: { '18776-5': '44', '34794-8': '10' } as Readonly<Record<string, string>> };
export const ASS_A11_TemplateToFormat = { map: { '1.2.250.1.213.1.1.1.26': 'urn:asip:ci-sis:pps-cancer:2017', '1.2.250.1.213.1.1.1.8': 'urn:asip:ci-sis:frcp:2011' } as Readonly<Record<string, string>> };
export function isSubjectRole(code: string, codeSystem: string): boolean {
  return code.trim() !== '' && ['1.2.250.1.71.1.2.7', '1.2.250.1.71.4.2.5', '1.2.250.1.213.1.1.4.6'].includes(codeSystem);
}
export function parseSecteurActivite(value: string): { code: string; codeSystem: string } | undefined {
  const match = /^([A-Za-z0-9_]+)\^([0-2](?:\.(?:0|[1-9][0-9]*))+)$/.exec(value);
  return match ? { code: match[1]!, codeSystem: match[2]! } : undefined;
}
