// French and English texts of the Fiche RCP fields specific to this volet, paired (meeting,
// quorum, reason, functional status, reports, proposal, framework) and the section titles of
// <rcp-form>. Shared header/identity/oncology texts are in ./shared.ts; an editor looks these
// up under the `frcp/` prefix first, so that they never clash with the PPS's. The texts are in
// ./frcp.fr.ts and ./frcp.en.ts (one catalogue per language).
import type { VoletStrings } from './types.js';
import { pairVoletTexts } from './pairs.js';
import { frcpFr } from './frcp.fr.js';
import { frcpEn } from './frcp.en.js';

export const frcpFieldStrings: VoletStrings = /* @__PURE__ */ pairVoletTexts(frcpFr, frcpEn);
