// XmlSink over an xmlbuilder2 document: builds a DOM instead of a string. For callers who
// want to post-process the document (add a processing instruction, sign it…) and, in the
// tests, the reference the string writer is compared with.
import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import type { XmlSink } from './writer.js';

const NAMESPACES: Record<string, string> = {
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
  sdtc: 'urn:hl7-org:sdtc',
  xmlns: 'http://www.w3.org/2000/xmlns/',
};

interface Pending {
  name: string;
  attrs: Array<[string, string]>;
}

export class Xmlbuilder2Sink implements XmlSink {
  readonly document: XMLBuilder = create({ version: '1.0', encoding: 'UTF-8' });
  private current: XMLBuilder = this.document;
  private pending: Pending | undefined;
  /** Default namespace of each open element, innermost last. */
  private readonly defaults: string[] = [];

  private flush(): void {
    const p = this.pending;
    if (!p) return;
    this.pending = undefined;
    const declared = p.attrs.find(([n]) => n === 'xmlns')?.[1];
    const inherited = declared ?? this.defaults.at(-1) ?? '';
    const colon = p.name.indexOf(':');
    const ns = colon > 0 ? NAMESPACES[p.name.slice(0, colon)] ?? '' : inherited;
    const el = this.current.ele(ns, p.name);
    for (const [name, value] of p.attrs) {
      if (name === 'xmlns') continue;
      const c = name.indexOf(':');
      if (c > 0) {
        const prefix = name.slice(0, c);
        el.att(prefix === 'xmlns' ? NAMESPACES.xmlns! : NAMESPACES[prefix] ?? '', name, value);
      } else el.att(name, value);
    }
    this.defaults.push(inherited);
    this.current = el;
  }

  start(name: string): void {
    this.flush();
    this.pending = { name, attrs: [] };
  }

  attr(name: string, value: string | undefined): void {
    if (value === undefined) return;
    if (!this.pending) throw new Error(`Xmlbuilder2Sink: attribute ${name} written after content`);
    this.pending.attrs.push([name, value]);
  }

  text(value: string): void {
    this.flush();
    this.current.txt(value);
  }

  end(): void {
    this.flush();
    this.defaults.pop();
    this.current = this.current.up();
  }

  /** The serialised document (xmlbuilder2's own serialiser). */
  toString(): string {
    return this.document.end({ headless: false });
  }
}
