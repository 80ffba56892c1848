// Semantic checks beyond the JSON structure (value sets, identities, cross-field rules)
// and normalisation: the checker works on a deep copy of the input and fills in every
// default (codings completed from their value set, ids, times), so that the builder
// writes exactly the normalised model and the parser can give it back.
import { Errors } from '@sinclair/typebox/errors';
import { checkStructure } from './structure.js';
import type { TSchema } from '@sinclair/typebox';
import { findConcept, type ValueSet } from '../value-set.js';
import { joinPath, oneIssuePerProblem, structuralIssue, type ModelIssue } from '../issues.js';
import { isRealDate, sortKey, instantInZone } from '../datatypes.js';
import type { IdentityIssue } from '../identity/index.js';
import { INSTANT_PATTERN, type Coding, type CodedOrText, type Period } from '../model/common.js';

export interface BuildContext {
  /** Clock for default times. Default: `() => new Date()`. */
  readonly now?: () => Date;
  /** Generator of fresh UUIDs for document, section and entry ids. Default: `crypto.randomUUID`. */
  readonly newId?: () => string;
  /** Time zone of default times (written with their offset). Default: Europe/Paris. */
  readonly timeZone?: string;
  /**
   * Accept test and demonstration INS (OIDs 1.2.250.1.213.1.4.10/.11). Default: true; a
   * production deployment sets it to false so that a fictitious identity cannot be sent.
   */
  readonly allowTestIdentities?: boolean;
}

export interface ResolvedContext {
  readonly now: () => Date;
  readonly newId: () => string;
  readonly timeZone: string;
  readonly allowTestIdentities: boolean;
}

export function resolveContext(context: BuildContext = {}): ResolvedContext {
  const generate =
    context.newId ??
    (() => {
        const c = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
        if (!c?.randomUUID) throw new Error('No crypto.randomUUID in this runtime: pass `newId` in the build context');
        return c.randomUUID();
      });
  return {
    now: context.now ?? (() => new Date()),
    // HL7 II: a UUID root is written in upper case (StrucMin warns on lower case).
    newId: () => generate().toUpperCase(),
    timeZone: context.timeZone ?? 'Europe/Paris',
    allowTestIdentities: context.allowTestIdentities ?? true,
  };
}

type Bound = ValueSet | readonly ValueSet[];

/** Lists the model requires (possibly empty): never dropped by normalise(). */
const REQUIRED_LISTS = new Set(['tumours', 'referencedDocuments', 'quorumMembers']);
const PERIOD_KEYS = new Set(['period', 'confirmedPeriod', 'plannedPeriod']);
const INSTANT = new RegExp(INSTANT_PATTERN);

// The normalisation's rules, read by both passes (normalise() in place, normalisedCopy()).
/** An address mixing free lines and structured parts (the CDA cannot carry both). */
const isMixedAddress = (obj: Record<string, unknown>): boolean => Array.isArray(obj.lines) && Object.keys(obj).some((k) => k !== 'lines' && k !== 'use');
/** An empty optional list or an empty period: "none" / "unknown", dropped. */
const meansNone = (key: string, value: unknown): boolean =>
  (Array.isArray(value) && value.length === 0 && !REQUIRED_LISTS.has(key)) ||
  (PERIOD_KEYS.has(key) && value !== null && typeof value === 'object' && Object.keys(value).length === 0);
/** An instant at "+00:00" is written "Z". */
const normalisedString = (value: string): string => (value.endsWith('+00:00') && INSTANT.test(value) ? `${value.slice(0, -6)}Z` : value);

export class Checker {
  readonly issues: ModelIssue[] = [];
  constructor(readonly context: ResolvedContext) {}

  /** Structural pass: returns false (with issues recorded) when the shape is wrong. */
  structure(schema: TSchema, input: unknown): boolean {
    if (checkStructure(schema, input)) return true;
    const found: ModelIssue[] = [];
    for (const error of Errors(schema, input)) {
      found.push(structuralIssue(error));
      if (found.length >= 400) break;
    }
    this.issues.push(...oneIssuePerProblem(found).slice(0, 200));
    return false;
  }

  /**
   * Input shapes that would write the same XML as another shape are reduced to one, so
   * that parsing gives back exactly the normalised model: empty optional lists and empty
   * periods are dropped (they mean "none" / "unknown"), "+00:00" becomes "Z". Addresses
   * mixing free lines and structured parts are rejected (the CDA cannot carry both).
   */
  normalise(node: unknown, path = ''): void {
    if (Array.isArray(node)) {
      node.forEach((item, i) => this.normalise(item, joinPath(path, i)));
      return;
    }
    if (node === null || typeof node !== 'object') return;
    const obj = node as Record<string, unknown>;
    if (isMixedAddress(obj)) this.mixedAddress(path);
    for (const [key, value] of Object.entries(obj)) {
      if (typeof value === 'string') obj[key] = normalisedString(value);
      else if (meansNone(key, value)) delete obj[key];
      else this.normalise(value, joinPath(path, key));
    }
  }

  /**
   * A normalised copy of an input that passed `structure()`: what `normalise(structuredClone(input))`
   * gives, with the same issues, in one pass and without building a field path for every node
   * (a path is built only for an issue). The caller's object is never changed. An object the
   * input shares between two places stays shared in the copy, as structuredClone keeps it (the
   * rules may then fill it once, e.g. with one id); a non-plain object (a Date, a class
   * instance) is copied by structuredClone itself.
   */
  normalisedCopy<T>(input: T): T {
    const copies = new Map<object, unknown>();
    const keys: Array<string | number> = [];
    const pathHere = () => keys.reduce<string>((path, key) => joinPath(path, key), '');
    const copy = (node: unknown): unknown => {
      if (node === null || typeof node !== 'object') return node;
      const done = copies.get(node);
      if (done !== undefined) {
        // Visited again through another place: normalise() visited the shared clone again too.
        this.normalise(done, pathHere());
        return done;
      }
      if (Array.isArray(node)) {
        if (Object.getPrototypeOf(node) !== Array.prototype) return this.clonedAndNormalised(node, copies, pathHere());
        const out: unknown[] = new Array(node.length);
        copies.set(node, out);
        for (let i = 0; i < node.length; i++) {
          // forEach skips holes; structuredClone keeps them.
          if (!(i in node)) continue;
          keys.push(i);
          out[i] = copy(node[i]);
          keys.pop();
        }
        return out;
      }
      const proto = Object.getPrototypeOf(node) as unknown;
      if (proto !== Object.prototype && proto !== null) return this.clonedAndNormalised(node, copies, pathHere());
      const obj = node as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      copies.set(node, out);
      const names = Object.keys(obj);
      if (isMixedAddress(obj)) this.mixedAddress(pathHere());
      for (const key of names) {
        const value = obj[key];
        if (typeof value === 'string') {
          out[key] = normalisedString(value);
          continue;
        }
        if (meansNone(key, value)) continue;
        keys.push(key);
        out[key] = copy(value);
        keys.pop();
      }
      return out;
    };
    return copy(input) as T;
  }

  private clonedAndNormalised(node: object, copies: Map<object, unknown>, path: string): unknown {
    const clone = structuredClone(node);
    copies.set(node, clone);
    this.normalise(clone, path);
    return clone;
  }

  private mixedAddress(path: string): void {
    this.add(
      path,
      'address.mixed',
      "Une adresse est soit structurée (rue, code postal, ville…), soit en lignes libres (lines), jamais les deux.",
      'An address is either structured (street, postal code, city…) or free lines (lines), never both.',
    );
  }

  add(path: string, code: string, fr: string, en: string): void {
    this.issues.push({ path, code, message: { fr, en } });
  }

  identity(path: string, issue: IdentityIssue | undefined): void {
    if (issue) this.issues.push({ path, code: issue.code, message: issue.message });
  }

  private now: string | undefined;

  /** The build's one « now » (the header's default time, the plausibility rules' today), read once. */
  nowInstant(): string {
    return (this.now ??= instantInZone(this.context.now(), this.context.timeZone));
  }

  /**
   * Completes a coding from its value set (codeSystem, displayName) and checks membership.
   * Without a bound value set, codeSystem and displayName must be given.
   */
  coding(path: string, coding: Coding | undefined, bound?: Bound, label?: string): void {
    if (!coding) return;
    const sets = bound === undefined ? [] : Array.isArray(bound) ? (bound as readonly ValueSet[]) : [bound as ValueSet];
    if (sets.length === 0) {
      if (coding.codeSystem === undefined)
        this.add(joinPath(path, 'codeSystem'), 'required', 'Système de codage obligatoire.', 'Code system required.');
      if (coding.displayName === undefined)
        this.add(joinPath(path, 'displayName'), 'required', 'Libellé obligatoire.', 'Display name required.');
      return;
    }
    for (const vs of sets) {
      const concept = findConcept(vs, coding.code, coding.codeSystem);
      if (concept) {
        coding.codeSystem = concept.codeSystem;
        coding.displayName ??= concept.displayName;
        return;
      }
    }
    const names = sets.map((s) => s.name).join(' / ');
    const what = label ? ` (${label})` : '';
    this.add(
      joinPath(path, 'code'),
      'value-set',
      `Code absent du jeu de valeurs ${names}${what}${coding.codeSystem ? ' pour ce système de codage' : ''}.`,
      `Code not in value set ${names}${what}${coding.codeSystem ? ' for this code system' : ''}.`,
    );
  }

  codedOrText(path: string, value: CodedOrText | undefined, bound?: Bound): void {
    if (!value) return;
    this.coding(joinPath(path, 'coding'), value.coding, bound);
    // The narrative shows "label (code)" when there is no text: such a text adds nothing.
    if (value.coding && value.text === `${value.coding.displayName} (${value.coding.code})`) delete value.text;
  }

  date(path: string, value: string | undefined): void {
    if (value !== undefined && !isRealDate(value))
      this.add(path, 'date', "Cette date n'existe pas dans le calendrier.", 'This date does not exist in the calendar.');
  }

  /**
   * A header period: StrucMin forbids low = high (dtr1-6), so a period starting and ending
   * at the same moment is kept as its start only (nothing is lost).
   */
  headerPeriod(path: string, period: Period | undefined): void {
    this.period(path, period);
    if (period && period.start !== undefined && period.start === period.end) delete period.end;
  }

  period(path: string, period: Period | undefined): void {
    if (!period) return;
    this.date(joinPath(path, 'start'), period.start);
    this.date(joinPath(path, 'end'), period.end);
    if (period.start !== undefined && period.end !== undefined && sortKey(period.end).end < sortKey(period.start).start)
      this.add(
        joinPath(path, 'end'),
        'period',
        'La date de fin précède la date de début.',
        'The end date is before the start date.',
      );
  }
}
