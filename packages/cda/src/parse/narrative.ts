// Narrative side of the parsers: the ID index of the document, the exact inverse of the
// builders' `richText` (line breaks are `<br/>`), and the resolution of `reference/@value`
// links with the tolerance the official examples need (dangling links, accent mismatches,
// empty `<content ID>` markers placed before the text).
import { CdaParseError, type ParseOptions, type ParseWarningCode } from './errors.js';
import {
  CDATA_SECTION_NODE,
  ELEMENT_NODE,
  TEXT_NODE,
  attr,
  child,
  locate,
  type DomCharacterData,
  type DomElement,
  type DomNode,
} from './xml.js';

// A line break in a text node never comes from the builders (richText writes `<br/>`): it is
// the indentation of a hand-written document. Such whitespace runs are marked, then dropped at
// the edges and next to a `<br/>`, and read as one space elsewhere (as a browser renders it).
const FORMATTING = '\u0000';
const FORMATTING_RUN = /[ \t]*\n[ \t\n]*/g;

/**
 * Text of a narrative element with `<br/>` turned back into "\n": the exact inverse of the
 * builders' `richText`/`content`, so free texts come back byte for byte.
 */
export function narrativeText(el: DomElement): string {
  let out = '';
  let formatting = false;
  const walk = (e: DomNode): void => {
    for (let n = e.firstChild; n; n = n.nextSibling) {
      if (n.nodeType === TEXT_NODE || n.nodeType === CDATA_SECTION_NODE) {
        const data = (n as DomCharacterData).data;
        if (data.includes('\n')) {
          formatting = true;
          out += data.replace(FORMATTING_RUN, FORMATTING);
        } else out += data;
      } else if (n.nodeType === ELEMENT_NODE) {
        if ((n as DomElement).localName === 'br') out += '\n';
        else walk(n);
      }
    }
  };
  walk(el);
  if (!formatting) return out;
  /* eslint-disable no-control-regex -- U+0000 cannot occur in XML text: it marks formatting runs */
  // Hand-formatted narrative (never the builders' output): whitespace renders as in a browser.
  return out
    .replace(/[ \t\u0000]+/g, (run) => (run.includes(FORMATTING) ? FORMATTING : ' '))
    .replace(/^[ \u0000]+|[ \u0000]+$/g, '')
    .replace(/[ \u0000]*\n[ \u0000]*/g, '\n')
    .replace(/\u0000/g, ' ');
  /* eslint-enable no-control-regex */
}

const fold = (id: string) => id.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** Reading context of one document: narrative index, warnings, errors with locations. */
export class Reader {
  private readonly ids = new Map<string, DomElement>();
  private folded: Map<string, string[]> | undefined;

  constructor(
    readonly doc: DomElement,
    private readonly options: ParseOptions = {},
  ) {
    const walk = (e: DomElement): void => {
      for (let n = e.firstChild; n; n = n.nextSibling)
        if (n.nodeType === ELEMENT_NODE) {
          const el = n as DomElement;
          const id = el.getAttribute('ID');
          if (id !== null && !this.ids.has(id)) this.ids.set(id, el);
          walk(el);
        }
    };
    walk(doc);
  }

  warn(code: ParseWarningCode, message: string, at: DomElement | undefined): void {
    this.options.onWarning?.({ code, message, location: locate(at) });
  }

  /** Throws a CdaParseError located at `at` (the ClinicalDocument when unknown). */
  fail(code: 'missing' | 'invalid-value', detail: string, at: DomElement | undefined): never {
    throw new CdaParseError(code, locate(at ?? this.doc), detail);
  }

  /** The element with this narrative ID (exact; then ignoring accents and case when unique). */
  element(id: string): DomElement | undefined {
    return this.ids.get(id);
  }

  /** Target of a `reference` element (or of an element holding one: text, originalText). */
  target(ref: DomElement | undefined): DomElement | undefined {
    if (!ref) return undefined;
    const reference = ref.localName === 'reference' ? ref : child(ref, 'reference');
    if (!reference) return undefined;
    return this.resolve(attr(reference, 'value') ?? '', reference);
  }

  /** Text of the element a `reference/@value` ("#ID") points to; undefined when it dangles. */
  referencedText(refValue: string): string | undefined {
    const target = this.resolve(refValue, undefined);
    return target ? narrativeText(target) : undefined;
  }

  private resolve(value: string, reference: DomElement | undefined): DomElement | undefined {
    const id = value.startsWith('#') ? value.slice(1) : value;
    if (id === '') {
      this.warn('dangling-reference', `Empty narrative reference "${value}"`, reference);
      return undefined;
    }
    const exact = this.ids.get(id);
    if (exact) return exact;
    if (!this.folded) {
      this.folded = new Map();
      for (const key of this.ids.keys()) {
        const k = fold(key);
        const list = this.folded.get(k);
        if (list) list.push(key);
        else this.folded.set(k, [key]);
      }
    }
    const candidates = this.folded.get(fold(id));
    if (candidates?.length === 1) {
      this.warn('approximate-reference', `Reference "${value}" resolved to ID "${candidates[0]}" (accents/case differ)`, reference);
      return this.ids.get(candidates[0]!);
    }
    this.warn('dangling-reference', `Narrative reference "${value}" points to no ID of the document`, reference);
    return undefined;
  }

  /**
   * Text referenced by the first of `refs` that resolves to a non-empty text. An empty
   * `<content ID="x"/>` marker stands for the text of its enclosing cell or paragraph.
   */
  text(...refs: Array<DomElement | undefined>): string | undefined {
    for (const ref of refs) {
      const target = this.target(ref);
      if (!target) continue;
      let text = narrativeText(target);
      if (text === '' && target.firstChild === null && target.parentNode?.nodeType === ELEMENT_NODE) {
        text = narrativeText(target.parentNode as DomElement);
        if (text !== '') this.warn('empty-reference-target', `Narrative element ID="${attr(target, 'ID')}" is empty: the text of its enclosing element was taken`, target);
      }
      if (text !== '') return text;
    }
    return undefined;
  }

  /** Like text(), but the model requires it: an empty string (with a warning) when not found. */
  requiredText(what: string, at: DomElement | undefined, ...refs: Array<DomElement | undefined>): string {
    const text = this.text(...refs);
    if (text !== undefined) return text;
    this.warn('missing-text', `${what}: no narrative text found (returned empty)`, at);
    return '';
  }
}
