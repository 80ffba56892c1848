// Localisation of the dcc-kit elements: typed catalogues (French first, English shipped),
// a controller that follows `lang` (the element's own attribute, then the context locale,
// then the closest ancestor with `lang` across shadow roots, then <html lang>) and
// re-renders its host when any of them changes. Hosts override any string by registering a
// partial catalogue of their own (registerTranslation merges), e.g. to rename a button.
import { formatParisDateTime } from './paris-time.js';
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Languages the elements ship. */
export type DccLocale = 'fr' | 'en';
export const DEFAULT_LOCALE: DccLocale = 'fr';

/** A catalogue entry: a plain string or a function of arguments (counts, names of things). */
export type Term = string | ((...args: never[]) => string);

/** Strings of the shared base (every element may use them). */
export interface BaseStrings {
  required: string;
  optional: string;
  add: (what: string) => string;
  remove: (what: string) => string;
  moveUp: (what: string) => string;
  moveDown: (what: string) => string;
  itemNumber: (what: string, n: number) => string;
  itemAdded: (what: string, n: number) => string;
  itemRemoved: (what: string, n: number) => string;
  itemMoved: (what: string, n: number) => string;
  none: string;
  yes: string;
  no: string;
  unknown: string;
  notProvided: string;
  choose: string;
  valueMissing: string;
  invalidValue: string;
  errorSummaryTitle: (count: number) => string;
  fieldFromContext: string;
  edit: string;
  loading: string;
  search: string;
  noResults: string;
  resultsCount: (count: number) => string;
  partialDateHint: string;
  dateTimeHint: string;
}

/** A complete catalogue of one language: base strings plus any element's keys. */
export interface Translation extends Partial<Record<string, Term>> {
  $code: DccLocale;
  $name: string;
}

const fr: Translation & BaseStrings = {
  $code: 'fr',
  $name: 'Français',
  required: 'obligatoire',
  optional: 'facultatif',
  add: (what) => `Ajouter : ${what}`,
  remove: (what) => `Supprimer : ${what}`,
  moveUp: (what) => `Monter : ${what}`,
  moveDown: (what) => `Descendre : ${what}`,
  itemNumber: (what, n) => `${what} n° ${n}`,
  itemAdded: (what, n) => `${what} n° ${n} ajouté(e).`,
  itemRemoved: (what, n) => `${what} n° ${n} supprimé(e).`,
  itemMoved: (what, n) => `${what} déplacé(e) en position ${n}.`,
  none: 'Aucun',
  yes: 'Oui',
  no: 'Non',
  unknown: 'Non renseigné',
  notProvided: 'Non renseigné',
  choose: '— Choisir —',
  valueMissing: 'Ce champ est obligatoire.',
  invalidValue: 'Valeur invalide.',
  errorSummaryTitle: (count) =>
    count === 1 ? '1 erreur empêche l’enregistrement :' : `${count} erreurs empêchent l’enregistrement :`,
  fieldFromContext: 'Renseigné par le logiciel hôte',
  edit: 'Modifier',
  loading: 'Chargement…',
  search: 'Rechercher',
  noResults: 'Aucun résultat',
  resultsCount: (count) => (count <= 1 ? `${count} résultat` : `${count} résultats`),
  partialDateHint: 'Jour, mois et année (12/03/2026), ou seulement le mois (03/2026) ou l’année (2026) si le jour n’est pas connu.',
  dateTimeHint: 'Date et heure (heure de Paris).',
};

const en: Translation & BaseStrings = {
  $code: 'en',
  $name: 'English',
  required: 'required',
  optional: 'optional',
  add: (what) => `Add: ${what}`,
  remove: (what) => `Remove: ${what}`,
  moveUp: (what) => `Move up: ${what}`,
  moveDown: (what) => `Move down: ${what}`,
  itemNumber: (what, n) => `${what} #${n}`,
  itemAdded: (what, n) => `${what} #${n} added.`,
  itemRemoved: (what, n) => `${what} #${n} removed.`,
  itemMoved: (what, n) => `${what} moved to position ${n}.`,
  none: 'None',
  yes: 'Yes',
  no: 'No',
  unknown: 'Not provided',
  notProvided: 'Not provided',
  choose: '— Choose —',
  valueMissing: 'This field is required.',
  invalidValue: 'Invalid value.',
  errorSummaryTitle: (count) => (count === 1 ? '1 error prevents saving:' : `${count} errors prevent saving:`),
  fieldFromContext: 'Provided by the host application',
  edit: 'Edit',
  loading: 'Loading…',
  search: 'Search',
  noResults: 'No results',
  resultsCount: (count) => (count === 1 ? '1 result' : `${count} results`),
  partialDateHint: 'Day, month and year (12/03/2026), or only the month (03/2026) or year (2026) when the day is not known.',
  dateTimeHint: 'Date and time (Paris time).',
};

const catalogues = new Map<DccLocale, Translation>([
  ['fr', { ...fr }],
  ['en', { ...en }],
]);
const connectedHosts = new Set<LocalizeHost>();
let catalogueRevision = 0;

/**
 * A number that changes whenever a catalogue changes: texts derived from the catalogues (the
 * form engine's labels by field path) are cached per revision and language.
 */
export function translationsRevision(): number {
  return catalogueRevision;
}

/**
 * Adds or overrides strings. Elements register their own keys at module load; hosts call it
 * with a partial catalogue to change wording (their keys win because they register later).
 */
export function registerTranslation(...translations: Translation[]): void {
  for (const t of translations) {
    const current = catalogues.get(t.$code);
    catalogues.set(t.$code, current ? { ...current, ...t } : { ...t });
  }
  catalogueRevision++;
  for (const host of connectedHosts) host.requestUpdate();
}

/**
 * Adds library strings without overriding what is already registered: the elements call it
 * lazily, so a host that registered its wording first keeps it.
 */
export function registerDefaultTranslation(...translations: Translation[]): void {
  let changed = false;
  for (const t of translations) {
    const current = catalogues.get(t.$code);
    // What is registered wins, so a translation bringing no new key changes nothing: the
    // catalogue, its revision (the label cache every form shares) and the elements stay as they
    // are when an element registers its defaults again (each editor does on construction).
    if (current && Object.keys(t).every((key) => key in current)) continue;
    catalogues.set(t.$code, current ? { ...t, ...current } : { ...t });
    changed = true;
  }
  if (!changed) return;
  catalogueRevision++;
  for (const host of connectedHosts) host.requestUpdate();
}

/** The catalogue of a language (for tests and documentation tools). */
export function translationOf(locale: DccLocale): Readonly<Translation> | undefined {
  return catalogues.get(locale);
}

/** Normalises a BCP 47 tag ("fr-FR", "en-GB") to a shipped locale, or undefined. */
export function toLocale(tag: string | null | undefined): DccLocale | undefined {
  if (!tag) return undefined;
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0];
  return primary === 'fr' || primary === 'en' ? primary : undefined;
}

/** The lang of the closest ancestor that has one, crossing shadow roots. */
function inheritedLang(element: Element): string | undefined {
  let node: Node | null = element.parentNode;
  while (node) {
    if (node instanceof Element && node.hasAttribute('lang')) return node.getAttribute('lang') ?? undefined;
    node = node instanceof ShadowRoot ? node.host : node.parentNode;
  }
  return document.documentElement.getAttribute('lang') ?? undefined;
}

type LocalizeHost = ReactiveControllerHost & HTMLElement;

// One observer for every element: <html lang> and any [lang] change in the light DOM.
let documentObserver: MutationObserver | undefined;
function observeDocument(): void {
  if (documentObserver || typeof MutationObserver === 'undefined') return;
  documentObserver = new MutationObserver(() => {
    for (const host of connectedHosts) host.requestUpdate();
  });
  documentObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'], subtree: true });
}

/**
 * Reactive controller giving its host `term()` in the resolved language. `contextLocale` is
 * the locale of the dcc context (a lower priority than the element's own `lang`).
 */
export class LocalizeController<Strings extends object = BaseStrings> implements ReactiveController {
  /** Locale from the dcc context; set by the host when the context changes. */
  contextLocale: DccLocale | undefined;
  /** The language resolved at the start of the current update (undefined outside an update). */
  private langInUpdate: DccLocale | undefined;
  private readonly hostObserver: MutationObserver | undefined;

  constructor(private readonly host: LocalizeHost) {
    host.addController(this);
    this.hostObserver =
      typeof MutationObserver === 'undefined' ? undefined : new MutationObserver(() => host.requestUpdate());
  }

  hostConnected(): void {
    connectedHosts.add(this.host);
    this.hostObserver?.observe(this.host, { attributes: true, attributeFilter: ['lang'] });
    observeDocument();
  }

  hostDisconnected(): void {
    connectedHosts.delete(this.host);
    this.hostObserver?.disconnect();
  }

  hostUpdate(): void {
    // Resolved once per update: a render asks for the language once per string (thousands of
    // times in a full PPS), and walking up the ancestors each time dominated the first render.
    // Any change of `lang` (own, ancestors, context) requests an update, which resolves it again.
    this.langInUpdate = undefined;
    this.langInUpdate = this.lang();
  }

  hostUpdated(): void {
    this.langInUpdate = undefined;
  }

  /** The language in use: own `lang`, then context, then the closest `[lang]`, then French. */
  lang(): DccLocale {
    if (this.langInUpdate !== undefined) return this.langInUpdate;
    return (
      toLocale(this.host.getAttribute('lang')) ??
      this.contextLocale ??
      toLocale(inheritedLang(this.host)) ??
      DEFAULT_LOCALE
    );
  }

  /** True when the key exists in the current language or in French. */
  has(key: string): boolean {
    return catalogues.get(this.lang())?.[key] !== undefined || catalogues.get(DEFAULT_LOCALE)?.[key] !== undefined;
  }

  /**
   * The text of a key in the current language (French as fallback, then the key itself so a
   * missing string shows up instead of crashing).
   */
  term<K extends keyof Strings & string>(key: K, ...args: Strings[K] extends (...a: infer A) => string ? A : []): string;
  term(key: string, ...args: unknown[]): string;
  term(key: string, ...args: unknown[]): string {
    const entry = catalogues.get(this.lang())?.[key] ?? catalogues.get(DEFAULT_LOCALE)?.[key];
    if (entry === undefined) return key;
    return typeof entry === 'function' ? (entry as (...a: unknown[]) => string)(...args) : entry;
  }

  /** A term when the key exists, else undefined (optional hints). */
  optionalTerm(key: string): string | undefined {
    return this.has(key) ? this.term(key) : undefined;
  }

  /** Formats a date (YYYY, YYYY-MM, YYYY-MM-DD or ISO instant) for display in the current language. */
  date(value: string): string {
    const tag = this.lang() === 'fr' ? 'fr-FR' : 'en-GB';
    const parts = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(value);
    if (parts) {
      const [, y, m, d] = parts;
      if (!m) return y!;
      const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d ?? 1)));
      return new Intl.DateTimeFormat(tag, d ? { dateStyle: 'long', timeZone: 'UTC' } : { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
    }
    return formatParisDateTime(value, this.lang() === 'fr' ? 'fr' : 'en');
  }

  /** An instant (epoch ms or ISO text) as Paris date and time in the current language (see `formatParisDateTime`). */
  dateTime(instant: number | string): string {
    return formatParisDateTime(instant, this.lang() === 'fr' ? 'fr' : 'en');
  }
}
