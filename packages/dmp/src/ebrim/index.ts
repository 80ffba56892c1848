// @dcc-kit/dmp/ebrim: the ebRIM 3.0 serialisation of XDS.b submissions and the standard
// identifiers (dmp-mes.md §1.8, §1.9, §1.11). Pure: Node and browser.
export { XDS } from './xds.js';
export { submitObjectsRequestXml, derivedId } from './submit-objects.js';
export type { SubmissionContent, SubmitObjectsOptions } from './submit-objects.js';
export { escapeXml } from './xml.js';
