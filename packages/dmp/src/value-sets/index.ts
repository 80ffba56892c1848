// @dcc-kit/dmp/value-sets: the code lists the XDS metadata of a PPS / Fiche RCP are checked
// against — the DMP-restricted ones vendored here (dated, with their source), the CI-SIS ones
// read from @dcc-kit/cda's value sets generated from the ANS kit. The one source for the
// connector and the simulator. Pure: Node and browser.
import {
  JDV_J01_XdsAuthorSpecialty_CISIS,
  JDV_J02_XdsHealthcareFacilityTypeCode_CISIS,
  JDV_J04_XdsPracticeSettingCode_CISIS,
  JDV_J07_XdsTypeCode_CISIS,
  JDV_J47_FunctionCode_CISIS,
} from '@dcc-kit/cda/value-sets';
import { ASS_A11_TemplateToFormat, ASS_X04_TypeToClass, JDV_J57_ClassCode_DMP, JDV_J60_FormatCode_DMP } from './dmp.js';
import { conceptOf, type CodeList, type Concept } from './types.js';

export * from './types.js';
export * from './dmp.js';

/** JDV_J01-XdsAuthorSpecialty-CISIS (from the ANS kit, through @dcc-kit/cda). */
export const JDV_J01: CodeList = JDV_J01_XdsAuthorSpecialty_CISIS;
/** JDV_J02-XdsHealthcareFacilityTypeCode-CISIS (from the ANS kit, through @dcc-kit/cda). */
export const JDV_J02: CodeList = JDV_J02_XdsHealthcareFacilityTypeCode_CISIS;
/** JDV_J04-XdsPracticeSettingCode-CISIS (from the ANS kit, through @dcc-kit/cda). */
export const JDV_J04: CodeList = JDV_J04_XdsPracticeSettingCode_CISIS;
/**
 * JDV_J07-XdsTypeCode-CISIS (from the ANS kit, through @dcc-kit/cda). Also the DMP typeCode
 * list: the membership of JDV_J66-TypeCode-DMP is not verified (dmp-mes.md §1.1 [?]).
 */
export const JDV_J07: CodeList = JDV_J07_XdsTypeCode_CISIS;
/** JDV_J47-FunctionCode-CISIS, the authorRole (from the ANS kit, through @dcc-kit/cda). */
export const JDV_J47: CodeList = JDV_J47_FunctionCode_CISIS;

/** The classCode concept ASS_X04 maps this typeCode to, or undefined. */
export function classCodeForType(typeCode: string): Concept | undefined {
  const code = ASS_X04_TypeToClass.map[typeCode];
  return code === undefined ? undefined : conceptOf(JDV_J57_ClassCode_DMP, code);
}

/** The formatCode concept ASS_A11 maps this CDA volet templateId root to, or undefined. */
export function formatCodeForTemplate(templateRoot: string): Concept | undefined {
  const code = ASS_A11_TemplateToFormat.map[templateRoot];
  return code === undefined ? undefined : conceptOf(JDV_J60_FormatCode_DMP, code);
}

/** The lists the registry-side metadata checks use, by XDS attribute (§5.3 stage 4). */
export const DMP_CODE_LISTS = {
  typeCode: JDV_J07,
  classCode: JDV_J57_ClassCode_DMP,
  formatCode: JDV_J60_FormatCode_DMP,
  healthcareFacilityTypeCode: JDV_J02,
  practiceSettingCode: JDV_J04,
} as const;
