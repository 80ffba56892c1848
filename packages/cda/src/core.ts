// @dcc-kit/cda/core: model, validation and builders without the parser, so that browser
// bundles (the web components) do not carry the parser and its saxes dependency.
export { validatePps, validateFrcp, buildPps, buildFrcp, buildWithModel, buildInto } from './api.js';
export type { Volet, ValidationResult } from './api.js';
export type { BuildContext } from './check/checker.js';
export { ModelValidationError } from './issues.js';
export type { ModelIssue, LocalizedText } from './issues.js';
export { PpsDocument, PpsCareAct, PpsCareActLists, PpsCareNetwork } from './model/pps.js';
export type { PpsCareActList } from './model/pps.js';
export { FrcpDocument, RcpMeeting, RcpDiscussion, ReportConclusion } from './model/frcp.js';
export { CancerDiagnosis, CancerPhase, Tnm } from './model/oncology.js';
export type * from './model/common.js';
export { StringXmlWriter } from './xml/writer.js';
export type { XmlSink } from './xml/writer.js';
export { findConcept, hasConcept, conceptCoding } from './value-set.js';
export type { ValueSet, ValueSetConcept } from './value-set.js';
export { uuidToOid, isOid, isUuid, documentIdRoot, xdsUniqueId, MAX_UNIQUE_ID_LENGTH } from './ids.js';
