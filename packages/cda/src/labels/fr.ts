// @dcc-kit/cda/labels/fr: the French catalogues of the model's field texts, one per table
// group (shared, PPS, FRCP), for the editors' eager bundle. The English ones: @dcc-kit/cda/labels/en.
export type { Texts, FieldTexts, VoletTexts } from './types.js';
export { sharedFr } from './shared.fr.js';
export { ppsFr } from './pps.fr.js';
export { frcpFr } from './frcp.fr.js';
