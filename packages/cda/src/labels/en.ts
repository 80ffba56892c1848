// @dcc-kit/cda/labels/en: the English catalogues of the model's field texts (the editors load
// this module only when shown in English). The French ones: @dcc-kit/cda/labels/fr.
export type { Texts, FieldTexts, VoletTexts } from './types.js';
export { sharedEn } from './shared.en.js';
export { ppsEn } from './pps.en.js';
export { frcpEn } from './frcp.en.js';
