// The code lists and maps the simulator checks metadata against — ONE source, shared with the
// connector: @dcc-kit/dmp/value-sets (helper META). This file only adapts them to the checks.
import {
  ASS_A11_TemplateToFormat,
  ASS_X04_TypeToClass,
  JDV_J02,
  JDV_J04,
  JDV_J07,
  JDV_J57_ClassCode_DMP,
  JDV_J58_ConfidentialityCode_DMP,
  JDV_J59_ContentTypeCode_DMP,
  JDV_J60_FormatCode_DMP,
  TRE_A07_StatutVisibiliteDocument,
  inCodeList,
  isSubjectRole,
  parseSecteurActivite,
  type CodeList,
} from '@dcc-kit/dmp/value-sets';

export const VISIBILITY_SCHEME = '1.2.250.1.213.1.1.4.13';
export const HL7_CONFIDENTIALITY_SCHEME = '2.16.840.1.113883.5.25';
export const SECTEUR_ACTIVITE_SCHEME = '1.2.250.1.71.4.2.4';

export type CodedAttribute =
  | 'typeCode' | 'classCode' | 'formatCode' | 'healthcareFacilityTypeCode' | 'practiceSettingCode'
  | 'contentTypeCode' | 'confidentialityCode' | 'visibility';

const LISTS: Record<CodedAttribute, CodeList> = {
  typeCode: JDV_J07,
  classCode: JDV_J57_ClassCode_DMP,
  formatCode: JDV_J60_FormatCode_DMP,
  healthcareFacilityTypeCode: JDV_J02,
  practiceSettingCode: JDV_J04,
  contentTypeCode: JDV_J59_ContentTypeCode_DMP,
  confidentialityCode: JDV_J58_ConfidentialityCode_DMP,
  visibility: TRE_A07_StatutVisibiliteDocument,
};

export function inList(attribute: CodedAttribute, code: string, scheme: string): boolean {
  return inCodeList(LISTS[attribute], code, scheme);
}

export function listName(attribute: CodedAttribute): string {
  return LISTS[attribute].name;
}

/** ASS_X04: the classCode of a typeCode. */
export function classForType(typeCode: string): string | undefined {
  return ASS_X04_TypeToClass.map[typeCode];
}

/** ASS_A11: the formatCode of a CDA volet templateId root. */
export function formatForTemplate(templateRoot: string): string | undefined {
  return ASS_A11_TemplateToFormat.map[templateRoot];
}

export function isVihfRole(code: string, scheme: string): boolean {
  return isSubjectRole(code, scheme);
}

/** J61 format `<code>^1.2.250.1.71.4.2.4` with a TRE_R02 code (checked against J02's SA codes). */
export function isSecteurActivite(value: string): boolean {
  const parsed = parseSecteurActivite(value);
  return parsed !== undefined && parsed.codeSystem === SECTEUR_ACTIVITE_SCHEME && inCodeList(JDV_J02, parsed.code, parsed.codeSystem);
}
