// @dcc-kit/cda/labels: French and English texts of the model's fields — labels, hints, list
// item names, option labels — keyed by model path pattern, plus the editors' section titles.
// Plain data (no dependency), shared by <pps-editor> and <rcp-form>; a test checks that every
// field of the published JSON Schemas has a label in both languages. One catalogue per language:
// @dcc-kit/cda/labels/fr and @dcc-kit/cda/labels/en (what the editors register).
export type { Pair, FieldStrings, VoletStrings, Texts, FieldTexts, VoletTexts } from './types.js';
export { sharedFieldStrings } from './shared.js';
export { ppsFieldStrings } from './pps.js';
export { frcpFieldStrings } from './frcp.js';
export { ppsSections, frcpSections } from './sections.js';
export type { VoletSection } from './sections.js';
export { issueWhere, issueLine, sectionOf, pathSegments } from './issue-text.js';
export type { IssueVolet, IssueLang } from './issue-text.js';
