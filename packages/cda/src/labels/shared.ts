// French and English texts of the model fields shared by both volets (header, identity,
// organisations, oncology blocks), paired. Keys are field path patterns (paths without indices),
// looked up by the editors from the most specific (`careNetwork.careTeam.comment`) to the least
// (`comment`), volet entries first. The texts themselves are in one catalogue per language
// (./shared.fr.ts, ./shared.en.ts): the editors load the English one only when shown in English.
import type { FieldStrings } from './types.js';
import { pairFieldTexts } from './pairs.js';
import { sharedFr } from './shared.fr.js';
import { sharedEn } from './shared.en.js';

export const sharedFieldStrings: FieldStrings = /* @__PURE__ */ pairFieldTexts(sharedFr, sharedEn);
