// @dcc-kit/cda: typed model, validation, builders and parsers of the CANCER-PPS_2022.01
// and CANCER-FRCP_2022.01 CDA R2 documents. Browser-safe (no node: imports).
export { validatePps, validateFrcp, buildPps, buildFrcp, buildWithModel, buildInto } from './api.js';
export type { Volet, ValidationResult } from './api.js';
export type { BuildContext } from './check/checker.js';
export { ModelValidationError } from './issues.js';
export type { ModelIssue, LocalizedText } from './issues.js';
export { PpsDocument, PpsCareAct, PpsCareNetwork } from './model/pps.js';
export { FrcpDocument, RcpMeeting, RcpDiscussion, ReportConclusion } from './model/frcp.js';
export { CancerDiagnosis, CancerPhase, Tnm } from './model/oncology.js';
export type * from './model/common.js';
export { StringXmlWriter } from './xml/writer.js';
export type { XmlSink } from './xml/writer.js';
export { findConcept, hasConcept, conceptCoding } from './value-set.js';
export type { ValueSet, ValueSetConcept } from './value-set.js';
export { parsePps, parseFrcp, parseCda, CdaParseError, VOLET_TEMPLATE_IDS } from './parse/index.js';
export type { ParsedCda, ParseOptions, ParseWarning, ParseWarningCode, CdaParseErrorCode } from './parse/index.js';
