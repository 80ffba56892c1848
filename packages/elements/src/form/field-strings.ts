// Field strings of a model as catalogue entries of the form engine. The texts themselves are
// the model's business (@dcc-kit/cda/labels); each editor registers the tables it needs with
// `toTranslations`, under its volet prefix (`pps/`, `frcp/`) for the volet's own entries.
import { registerDefaultTranslation, type Translation } from '../localize.js';

/** `[français, English]` */
export type Pair = readonly [string, string];

/** Texts keyed by path pattern (labels, hints, item names, `<pattern>.<value>` options) and section id. */
export interface FieldStringTables {
  readonly labels?: Readonly<Record<string, Pair>>;
  readonly hints?: Readonly<Record<string, Pair>>;
  readonly items?: Readonly<Record<string, Pair>>;
  readonly options?: Readonly<Record<string, Pair>>;
  readonly sections?: Readonly<Record<string, Pair>>;
}

/** Catalogue keys: `f:` label, `h:` hint, `i:` item name, `o:` option label, `s:` section title. */
export function toTranslations(prefix: string, tables: FieldStringTables): [Translation, Translation] {
  const fr: Translation = { $code: 'fr', $name: 'Français' };
  const en: Translation = { $code: 'en', $name: 'English' };
  const add = (kind: string, table: Readonly<Record<string, Pair>> | undefined) => {
    for (const [key, [f, e]] of Object.entries(table ?? {})) {
      fr[`${kind}:${prefix}${key}`] = f;
      en[`${kind}:${prefix}${key}`] = e;
    }
  };
  add('f', tables.labels);
  add('h', tables.hints);
  add('i', tables.items);
  add('o', tables.options);
  add('s', tables.sections);
  return [fr, en];
}

/** The texts of one volet editor: its title, its sections' titles and its own field strings. */
export interface VoletStringTables extends FieldStringTables {
  readonly title: Pair;
}

const registeredVolets = new Set<string>();
/**
 * Registers, once per volet, an editor's texts as defaults (a host's own wording wins): the
 * `shared` tables unprefixed, the volet's own under `<volet>/` (looked up first), its title as
 * the term `<volet>/title`.
 */
export function registerVoletStrings(volet: string, strings: VoletStringTables, shared: FieldStringTables): void {
  if (registeredVolets.has(volet)) return;
  registeredVolets.add(volet);
  const { title, ...tables } = strings;
  const [fr, en] = toTranslations(`${volet}/`, tables);
  fr[`${volet}/title`] = title[0];
  en[`${volet}/title`] = title[1];
  registerDefaultTranslation(...toTranslations('', shared), fr, en);
}

