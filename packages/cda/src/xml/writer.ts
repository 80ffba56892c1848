// Streaming XML writer used by the builders. Builders emit through the XmlSink interface;
// this implementation concatenates strings directly, which is what makes a PPS build fit
// in a few milliseconds (a DOM such as xmlbuilder2's costs ~6× more, see bench/README).
// `xmlbuilder2-sink.ts` implements the same interface on xmlbuilder2 for callers who want
// a DOM to post-process, and serves as the reference serialiser in the tests.

/** What a builder needs to write a document, element by element. */
export interface XmlSink {
  /** Opens a child element of the current one. */
  start(name: string): void;
  /** Adds an attribute to the element just opened (before any content). Undefined = no attribute. */
  attr(name: string, value: string | undefined): void;
  /** Adds character data to the current element. */
  text(value: string): void;
  /** Closes the current element. */
  end(): void;
}

const TEXT_SPECIAL = /[&<>\r]/;
const ATTR_SPECIAL = /[&<>"\t\n\r]/;

function escapeText(value: string): string {
  if (!TEXT_SPECIAL.test(value)) return value;
  return value.replace(/[&<>\r]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&#xD;'));
}

function escapeAttr(value: string): string {
  if (!ATTR_SPECIAL.test(value)) return value;
  // Tab, newline and CR are escaped so that attribute-value normalisation keeps them.
  return value.replace(/[&<>"\t\n\r]/g, (c) => {
    switch (c) {
      case '&':
        return '&amp;';
      case '<':
        return '&lt;';
      case '>':
        return '&gt;';
      case '"':
        return '&quot;';
      case '\t':
        return '&#x9;';
      case '\n':
        return '&#xA;';
      default:
        return '&#xD;';
    }
  });
}

export class StringXmlWriter implements XmlSink {
  private out = '<?xml version="1.0" encoding="UTF-8"?>\n';
  private readonly stack: string[] = [];
  /** The last opened element still waits for its `>` (attributes may follow). */
  private open = false;

  start(name: string): void {
    if (this.open) this.out += '>';
    this.out += '<' + name;
    this.stack.push(name);
    this.open = true;
  }

  attr(name: string, value: string | undefined): void {
    if (value === undefined) return;
    if (!this.open) throw new Error(`XmlWriter: attribute ${name} written after content`);
    this.out += ' ' + name + '="' + escapeAttr(value) + '"';
  }

  text(value: string): void {
    if (this.stack.length === 0) throw new Error('XmlWriter: text outside the root element');
    if (this.open) {
      this.out += '>';
      this.open = false;
    }
    this.out += escapeText(value);
  }

  end(): void {
    const name = this.stack.pop();
    if (name === undefined) throw new Error('XmlWriter: end() without a matching start()');
    if (this.open) {
      this.out += '/>';
      this.open = false;
    } else {
      this.out += '</' + name + '>';
    }
  }

  /** The document; every element must be closed. */
  toString(): string {
    if (this.stack.length > 0) throw new Error(`XmlWriter: unclosed element <${this.stack.at(-1)}>`);
    return this.out + '\n';
  }
}

/** Writes `<name attr…/>` with the attributes given in order, skipping undefined ones. */
export function empty(w: XmlSink, name: string, ...attrs: Array<readonly [string, string | undefined]>): void {
  w.start(name);
  for (const [n, v] of attrs) w.attr(n, v);
  w.end();
}

/** Writes `<name>text</name>`, or nothing when text is undefined. */
export function textElement(w: XmlSink, name: string, text: string | undefined): void {
  if (text === undefined) return;
  w.start(name);
  w.text(text);
  w.end();
}
