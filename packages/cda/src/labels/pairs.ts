// The [fr, en] pairs of a table from its two language catalogues (./<name>.fr.ts, ./<name>.en.ts):
// what the API, the CLI and the preview's problem messages (./issue-text.ts) and the labels test
// read. A key missing in one language pairs with '' (the labels test reports it).
import type { FieldStrings, FieldTexts, Pair, Texts, VoletStrings, VoletTexts } from './types.js';

function pairTable(fr: Texts, en: Texts): Record<string, Pair> {
  const out: Record<string, Pair> = {};
  for (const key of new Set([...Object.keys(fr), ...Object.keys(en)])) out[key] = [fr[key] ?? '', en[key] ?? ''];
  return out;
}

export function pairFieldTexts(fr: FieldTexts, en: FieldTexts): FieldStrings {
  return { labels: pairTable(fr.labels, en.labels), hints: pairTable(fr.hints, en.hints), items: pairTable(fr.items, en.items), options: pairTable(fr.options, en.options) };
}

export function pairVoletTexts(fr: VoletTexts, en: VoletTexts): VoletStrings {
  return { ...pairFieldTexts(fr, en), title: [fr.title, en.title], sections: pairTable(fr.sections, en.sections) };
}
