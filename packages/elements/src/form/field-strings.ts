// Field strings of a model as catalogue entries of the form engine. The texts themselves are
// the model's business (@dcc-kit/cda/labels); each editor registers the tables it needs with
// `toTranslations`, under its volet prefix (`pps/`, `frcp/`) for the volet's own entries.
import { registerDefaultTranslation, type DccLocale, type Translation } from '../localize.js';

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


/** Texts of one language keyed like `FieldStringTables` (a catalogue per language: the English one can load on demand). */
export interface FieldTextTables {
  readonly labels?: Readonly<Record<string, string>>;
  readonly hints?: Readonly<Record<string, string>>;
  readonly items?: Readonly<Record<string, string>>;
  readonly options?: Readonly<Record<string, string>>;
  readonly sections?: Readonly<Record<string, string>>;
}

/** One language's texts of a volet editor: its title, its sections' titles and its own field texts. */
export interface VoletTextTables extends FieldTextTables {
  readonly title: string;
}

/** The catalogue entries of one language's tables, keys as `toTranslations` makes them. */
export function toTranslation(lang: DccLocale, prefix: string, tables: FieldTextTables): Translation {
  const out: Translation = { $code: lang, $name: lang === 'fr' ? 'Français' : 'English' };
  const add = (kind: string, table: Readonly<Record<string, string>> | undefined) => {
    for (const [key, text] of Object.entries(table ?? {})) out[`${kind}:${prefix}${key}`] = text;
  };
  add('f', tables.labels);
  add('h', tables.hints);
  add('i', tables.items);
  add('o', tables.options);
  add('s', tables.sections);
  return out;
}

const registeredVoletTexts = new Set<string>();
/**
 * `registerVoletStrings` for one language's catalogues: an editor registers its French texts at
 * construction and its English ones when it is first shown in English (`FormDefinition.loadLanguage`).
 */
export function registerVoletTexts(volet: string, lang: DccLocale, strings: VoletTextTables, shared: FieldTextTables): void {
  const key = `${volet}|${lang}`;
  if (registeredVoletTexts.has(key)) return;
  registeredVoletTexts.add(key);
  const { title, ...tables } = strings;
  const own = toTranslation(lang, `${volet}/`, tables);
  own[`${volet}/title`] = title;
  registerDefaultTranslation(toTranslation(lang, '', shared), own);
}
