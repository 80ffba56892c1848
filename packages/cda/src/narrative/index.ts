// @dcc-kit/cda/narrative: the rules of the French narrative the patient reads, pure and
// DOM-free, used by the CDA builders (section <text>) and by the editors' preview and print
// view (header part), so that both show the same thing.
export { withValuedColumns, cellText } from './table.js';
export type { Cell, NarrativeTable } from './table.js';
export { actState, actStateFr, ACT_STATE_FR } from './acts.js';
export type { ActState } from './acts.js';
export { tnmPrefix, tnmStageLabelFr, TNM_STAGE_LABEL_FR } from './stage.js';
export type { TnmPrefix } from './stage.js';
export { ppsNarrativeHeader, frcpNarrativeHeader, patientNameFr, authorFr } from './header.js';
export type { NarrativeHeader, NarrativeFact } from './header.js';
export { NBSP, ouiNon, dateFr, periodFr, codedFr, nameFr, personFr, phoneNumberFr, phonesFr, personWithPhoneFr } from './text.js';
