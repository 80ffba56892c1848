// French and English texts of the PPS fields specific to this volet, paired: the section titles
// of <pps-editor>, the care network, the therapeutic programme, status and mentions. Shared
// header/identity/oncology texts are in ./shared.ts; an editor looks these up under the `pps/`
// prefix first, so that they never clash with the FRCP's. The texts are in ./pps.fr.ts and
// ./pps.en.ts (one catalogue per language).
import type { VoletStrings } from './types.js';
import { pairVoletTexts } from './pairs.js';
import { ppsFr } from './pps.fr.js';
import { ppsEn } from './pps.en.js';

export const ppsFieldStrings: VoletStrings = /* @__PURE__ */ pairVoletTexts(ppsFr, ppsEn);
