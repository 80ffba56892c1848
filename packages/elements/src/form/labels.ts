// Texts of a schema form from the Translation registry: field labels, hints, item names,
// option names and section titles, looked up by catalogue key `<prefix>:<namespace>/<path pattern>`
// (the editor's, then none, then with fewer leading segments), and the texts built from them
// (the trail of a field, an issue's message and summary line).
import type { ModelIssue } from '@dcc-kit/cda/core';
import { translationsRevision, type LocalizeController } from '../localize.js';
import { parsePath, pathPattern, type Path } from './schema.js';

/** What a catalogue text is for. */
export type LabelKind = 'label' | 'hint' | 'item' | 'option' | 'section';

/** The key prefix of each kind in the catalogues (`f:pps/patient.birthFamilyName`). */
const CATALOGUE_PREFIX: Readonly<Record<LabelKind, string>> = { label: 'f', hint: 'h', item: 'i', option: 'o', section: 's' };

/**
 * Texts by kind and path pattern, shared by every editor of a namespace and language (a full PPS
 * asks for about 3,000 of them per render): emptied when any catalogue changes. `\u0000`
 * marks "no text".
 */
const labelCaches = new Map<string, Map<string, string>>();
let labelCachesRevision = -1;
function labelCacheFor(namespace: string, lang: string): Map<string, string> {
  if (labelCachesRevision !== translationsRevision()) {
    labelCaches.clear();
    labelCachesRevision = translationsRevision();
  }
  const key = `${namespace}|${lang}`;
  let cache = labelCaches.get(key);
  if (!cache) {
    cache = new Map();
    labelCaches.set(key, cache);
  }
  return cache;
}

export class FormLabels {
  constructor(
    private readonly localize: LocalizeController,
    /** The catalogue namespace of the form (its definition's `id`). */
    private readonly namespace: () => string,
  ) {}

  /** The text of `kind` for a path pattern, or undefined when no catalogue has one. */
  lookup(kind: LabelKind, pattern: string): string | undefined {
    const lang = this.localize.lang();
    const namespace = this.namespace();
    const cache = labelCacheFor(namespace, lang);
    const cacheKey = `${kind}|${pattern}`;
    const cached = cache.get(cacheKey);
    if (cached !== undefined) return cached === '\u0000' ? undefined : cached;
    const prefix = CATALOGUE_PREFIX[kind];
    const parts = pattern.split('.');
    let found: string | undefined;
    for (let i = 0; i < parts.length && found === undefined; i++) {
      const suffix = parts.slice(i).join('.');
      for (const key of [`${prefix}:${namespace}/${suffix}`, `${prefix}:${suffix}`])
        if (this.localize.has(key)) {
          found = this.localize.term(key);
          break;
        }
    }
    cache.set(cacheKey, found ?? '\u0000');
    return found;
  }

  /** Label of a path (its last named segment when no catalogue has one). */
  labelOf(path: Path): string {
    const pattern = pathPattern(path);
    return this.lookup('label', pattern) ?? pattern.split('.').pop() ?? '';
  }
  hintOf(path: Path): string | undefined {
    return this.lookup('hint', pathPattern(path));
  }
  /** Name of one item of a list ("Traitement"). */
  itemName(arrayPath: Path): string {
    return this.lookup('item', pathPattern(arrayPath)) ?? this.labelOf(arrayPath);
  }
  optionLabel(path: Path, value: string): string {
    return this.lookup('option', `${pathPattern(path)}.${value}`) ?? value;
  }
  sectionTitle(sectionId: string): string {
    return this.lookup('section', sectionId) ?? sectionId;
  }

  /** "Tumeur n° 1 › Topographie (CIM-10)". */
  trail(path: Path): string {
    const parts: string[] = [];
    for (let i = 0; i < path.length; i++) {
      const seg = path[i]!;
      if (typeof seg === 'number') parts.push(this.localize.term('itemNumber', this.itemName(path.slice(0, i)), seg + 1));
      else if (typeof path[i + 1] !== 'number') parts.push(this.labelOf(path.slice(0, i + 1)));
    }
    return parts.slice(-3).join(' › ');
  }

  /** The message of an issue in the current language, the path replaced by the field's label. */
  issueMessage(issue: ModelIssue, path: Path): string {
    if (issue.code === 'required') return this.localize.term('valueMissing');
    const lang = this.localize.lang();
    const text = issue.message[lang];
    return issue.path ? text.split(issue.path).join(this.labelOf(path)) : text;
  }

  /** One line of the error summary: trail and message. */
  summaryLine(issue: ModelIssue): string {
    const path = parsePath(issue.path);
    return `${this.trail(path)} : ${this.issueMessage(issue, path)}`;
  }
}
