// Turns a failure of the strict parser (saxes) into a CdaParseError('malformed-xml') that says
// what is wrong where: line and column of the construct at fault (the '<' of a mismatched end
// tag, the '&' of a bad reference…, not the character where saxes noticed it) and the path of
// the open elements. Runs only for a document that is refused: it costs nothing on the others.
import { CdaParseError } from './errors.js';
import type { DomElement, DomNode } from './xml.js';

/** What the parser knew when it failed. */
export interface ParserFailure {
  /** saxes's message, without its position prefix. */
  readonly message: string;
  /** Offset in the text where saxes noticed the problem (the text's length at the end). */
  readonly offset: number;
  /** Offset just after the last complete start or end tag (0 before the root). */
  readonly completeUpTo: number;
  /** Innermost open element, if any. */
  readonly open: DomElement | null;
  /** The element an end tag has just closed (the one a mismatched end tag should have closed). */
  readonly justClosed: DomElement | null;
}

// XML 1.0 Char excludes C0 controls other than tab/LF/CR, U+FFFE/FFFF and lone surrogates.
// eslint-disable-next-line no-control-regex
const INVALID_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const REFERENCE = /&(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);/y;
const BAD_REFERENCE = "'&' must start a character or entity reference (&amp; &lt; &gt; &quot; &apos; &#…;)";

/** The first character that XML 1.0 does not allow, if any. */
export function invalidCharacter(text: string): { offset: number; detail: string } | undefined {
  const bad = INVALID_CHAR.exec(text);
  if (!bad) return undefined;
  const code = bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
  return { offset: bad.index, detail: `character U+${code} is not allowed in XML 1.0` };
}

export function malformedXml(text: string, failure: ParserFailure): CdaParseError {
  const { offset, detail, element } = diagnose(text, failure);
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return new CdaParseError('malformed-xml', pathOf(element), `Malformed XML, line ${line}, column ${offset - lineStart + 1}: ${detail}`);
}

function diagnose(text: string, failure: ParserFailure): { offset: number; detail: string; element: DomElement | null } {
  const { message, offset, open } = failure;
  // saxes pairs a lone high surrogate with the next code unit: whatever it says, the character is the cause.
  const invalid = invalidCharacter(text.slice(0, offset + 1));
  if (invalid) return { ...invalid, element: open };
  const at = (start: string): number => Math.max(0, text.lastIndexOf(start, offset - 1));
  const nameAt = (from: number): string => /^<\/?([^\s/>]*)/.exec(text.slice(from, from + 200))?.[1] ?? '';

  if (message === 'unexpected close tag.' && failure.justClosed) {
    const tag = at('</');
    return { offset: tag, detail: `end tag </${nameAt(tag)}> does not match the start tag <${failure.justClosed.tagName}>`, element: failure.justClosed };
  }
  if (message.startsWith('unmatched closing tag')) {
    const tag = at('</');
    return { offset: tag, detail: `end tag </${nameAt(tag)}> without a start tag`, element: open };
  }
  if (message === 'text data outside of root node.') {
    let start = failure.completeUpTo;
    // Comments, PIs and a DOCTYPE may stand outside the root element; a CDATA section may not.
    for (let next = skipMarkup(text, start, false); next !== start; next = skipMarkup(text, start, false)) start = next;
    return { offset: start, detail: 'text outside the root element', element: null };
  }
  if (message === 'inappropriately located doctype declaration.') return { offset: at('<!DOCTYPE'), detail: 'DOCTYPE after the root element', element: open };
  if (message === 'documents may contain only one root.') return { offset: at('<'), detail: 'a second root element', element: null };
  if (message === 'malformed character entity.') {
    const amp = at('&');
    const end = text.indexOf(';', amp);
    return { offset: amp, detail: `character reference ${text.slice(amp, end + 1)} is not an XML 1.0 character`, element: open };
  }
  if (message === 'undefined entity.' || message === 'empty entity name.' || message === 'disallowed character in entity name.') {
    return { offset: at('&'), detail: BAD_REFERENCE, element: open };
  }
  if (message.startsWith('the string "]]>"')) return { offset: Math.max(0, offset - 3), detail: "']]>' is not allowed in character data", element: open };
  if (message === 'disallowed character.' && text[offset - 1] === '<') {
    return { offset: offset - 1, detail: "'<' is not allowed in an attribute value", element: open };
  }
  const duplicate = /^duplicate attribute: (.*)\.$/.exec(message);
  if (duplicate) return { offset: at('<'), detail: `attribute ${duplicate[1]} given twice`, element: open };
  if (/attribute|forward-slash in opening tag|in tag name/.test(message)) {
    const tag = at('<');
    return { offset: tag, detail: `malformed start tag <${nameAt(tag)}> (attributes must be name="value")`, element: open };
  }
  const prefix = /^unbound namespace prefix: "(.*)"\.$/.exec(message);
  if (prefix) return { offset: at('<'), detail: `namespace prefix ${prefix[1]} is not declared`, element: open };
  if (message === 'malformed comment.') return { offset: at('<!--'), detail: "'--' is not allowed inside a comment", element: open };
  if (message.startsWith('unclosed tag') || message === 'unexpected end.' || message === 'document must contain a root element.') {
    // The end of the text: what is left unfinished after the last complete construct says why.
    const unfinished = unfinishedConstruct(text, failure.completeUpTo);
    if (unfinished) return { ...unfinished, element: open };
    if (message.startsWith('unclosed tag') && open) return { offset, detail: `element <${open.tagName}> is not closed (truncated document?)`, element: open };
    if (message === 'document must contain a root element.') return { offset, detail: 'no root element', element: null };
  }
  return { offset, detail: message.replace(/\.$/, ''), element: open };
}

/** After the white space and the complete comment, PI, CDATA section (if `cdata`) or DOCTYPE at `from`, if any. */
function skipMarkup(text: string, from: number, cdata = true): number {
  let i = from;
  while (i < text.length && ' \t\n'.includes(text[i]!)) i++;
  for (const [open, close] of MARKUP) {
    if (!text.startsWith(open, i) || (!cdata && open === '<![CDATA[')) continue;
    // A DOCTYPE with an internal subset ends with "]>".
    const end = open === '<!DOCTYPE' && text.indexOf('[', i) !== -1 && text.indexOf('[', i) < text.indexOf('>', i) ? text.indexOf(']>', i) : text.indexOf(close, i + open.length);
    return end === -1 ? i : end + (open === '<!DOCTYPE' && text[end] === ']' ? 2 : close.length);
  }
  return i;
}
const MARKUP: ReadonlyArray<readonly [string, string]> = [
  ['<!--', '-->'],
  ['<![CDATA[', ']]>'],
  ['<?', '?>'],
  ['<!DOCTYPE', '>'],
];

/** The construct a truncated or broken text ends in, after the last complete tag. */
function unfinishedConstruct(text: string, from: number): { offset: number; detail: string } | undefined {
  for (let i = from; i < text.length; i++) {
    const skipped = skipMarkup(text, i);
    if (skipped !== i) {
      i = skipped - 1;
      continue;
    }
    const c = text.charCodeAt(i);
    if (c === 0x26 /* & */) {
      REFERENCE.lastIndex = i;
      if (!REFERENCE.test(text)) return { offset: i, detail: BAD_REFERENCE };
    } else if (c === 0x3c /* < */) {
      const detail = text.startsWith('<!--', i)
        ? 'unterminated comment'
        : text.startsWith('<![CDATA[', i)
          ? 'unterminated CDATA section'
          : text.startsWith('<?', i)
            ? 'unterminated processing instruction'
            : text.startsWith('<!', i)
              ? 'unterminated DOCTYPE'
              : text.startsWith('</', i)
                ? 'malformed end tag'
                : `malformed start tag <${/^<([^\s/>]*)/.exec(text.slice(i, i + 200))?.[1] ?? ''}> (attributes must be name="value")`;
      return { offset: i, detail };
    }
  }
  return undefined;
}

/** `/a/b[2]/c`: names as written, `[n]` when n-1 preceding siblings have the same name. */
function pathOf(element: DomElement | null): string {
  const steps: string[] = [];
  for (let e = element; e; e = e.parentNode && e.parentNode.nodeType === 1 ? (e.parentNode as DomElement) : null) {
    let index = 1;
    for (let n: DomNode | null = e.parentNode?.firstChild ?? null; n && n !== e; n = n.nextSibling)
      if (n.nodeType === 1 && (n as DomElement).tagName === e.tagName) index++;
    steps.push(index > 1 ? `${e.tagName}[${index}]` : e.tagName);
  }
  return '/' + steps.reverse().join('/');
}
