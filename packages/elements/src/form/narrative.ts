// The French narrative of a built CDA as HTML for the read-only preview. The document text
// is parsed with DOMParser (XML, scripts never run) and rebuilt element by element with
// createElement/textContent: only the CDA narrative vocabulary is mapped, everything else is
// reduced to its text, attributes are never copied (no href, no style, no event handler), so
// a document cannot inject markup into the page. The header part (patient, birth date, author,
// care team with telephone numbers) is rendered from @dcc-kit/cda/narrative's description of
// the same model, the sections from the narrative the CDA builder wrote: one set of rules.
import type { NarrativeHeader } from '@dcc-kit/cda/narrative';

const HL7 = 'urn:hl7-org:v3';

const BLOCKS: Record<string, string> = {
  paragraph: 'p',
  list: 'ul',
  item: 'li',
  table: 'table',
  thead: 'thead',
  tbody: 'tbody',
  tfoot: 'tfoot',
  tr: 'tr',
  th: 'th',
  td: 'td',
  caption: 'caption',
  content: 'span',
  sub: 'sub',
  sup: 'sup',
  footnote: 'small',
  linkHtml: 'span',
};

function convertChildren(source: Node, target: Node, doc: Document): void {
  for (const child of Array.from(source.childNodes)) {
    if (child.nodeType === Node.TEXT_NODE || child.nodeType === Node.CDATA_SECTION_NODE) {
      target.appendChild(doc.createTextNode(child.nodeValue ?? ''));
      continue;
    }
    if (!(child instanceof Element)) continue;
    const name = child.localName;
    if (name === 'br') {
      target.appendChild(doc.createElement('br'));
      continue;
    }
    if (name === 'renderMultiMedia') continue;
    let tag = BLOCKS[name];
    if (name === 'list' && child.getAttribute('listType') === 'ordered') tag = 'ol';
    if (tag === undefined) {
      convertChildren(child, target, doc);
      continue;
    }
    const out = doc.createElement(tag);
    // Bold/italic/underline of the CDA styleCode become classes of the component's stylesheet.
    const style = child.getAttribute('styleCode') ?? '';
    for (const s of style.split(/\s+/)) if (/^(Bold|Italics|Underline|Emphasis)$/.test(s)) out.classList.add(`cda-${s.toLowerCase()}`);
    const span = child.getAttribute('colspan');
    if (span && /^\d+$/.test(span) && (tag === 'td' || tag === 'th')) (out as HTMLTableCellElement).colSpan = Number(span);
    convertChildren(child, out, doc);
    target.appendChild(out);
  }
}

function childrenNamed(parent: Element, name: string): Element[] {
  return Array.from(parent.children).filter((c) => c.localName === name && c.namespaceURI === HL7);
}

function convertSection(section: Element, level: number, doc: Document): HTMLElement {
  const out = doc.createElement('section');
  out.setAttribute('part', 'preview-section');
  const title = childrenNamed(section, 'title')[0];
  if (title) {
    const heading = doc.createElement(`h${Math.min(6, level)}`);
    heading.textContent = title.textContent ?? '';
    out.appendChild(heading);
  }
  const text = childrenNamed(section, 'text')[0];
  if (text) {
    const body = doc.createElement('div');
    body.className = 'cda-text';
    convertChildren(text, body, doc);
    out.appendChild(body);
  }
  for (const component of childrenNamed(section, 'component'))
    for (const sub of childrenNamed(component, 'section')) out.appendChild(convertSection(sub, level + 1, doc));
  return out;
}

function textElement(doc: Document, tag: string, text: string): HTMLElement {
  const element = doc.createElement(tag);
  element.textContent = text;
  return element;
}

/** The header part: facts as a description list, then the care team table. */
function convertHeader(header: NarrativeHeader, doc: Document): HTMLElement {
  const out = doc.createElement('header');
  out.setAttribute('part', 'preview-header');
  out.className = 'preview-header';
  const facts = doc.createElement('dl');
  for (const fact of header.facts) {
    if (fact.value === '') continue;
    facts.append(textElement(doc, 'dt', fact.label), textElement(doc, 'dd', fact.value));
  }
  out.appendChild(facts);
  const team = header.careTeam;
  if (team) {
    const table = doc.createElement('table');
    if (team.caption !== undefined) table.appendChild(textElement(doc, 'caption', team.caption));
    const head = table.appendChild(doc.createElement('thead')).appendChild(doc.createElement('tr'));
    for (const h of team.headers) head.appendChild(textElement(doc, 'th', h));
    const body = table.appendChild(doc.createElement('tbody'));
    for (const row of team.rows) {
      const tr = body.appendChild(doc.createElement('tr'));
      for (const cell of row) tr.appendChild(textElement(doc, 'td', cell === undefined ? '' : typeof cell === 'string' ? cell : cell.text));
    }
    out.appendChild(table);
  }
  return out;
}

/**
 * Title, header part (when given) and sections of a CDA document as a DOM fragment of the
 * page's document.
 */
export function narrativeToFragment(xml: string, doc: Document = document, header?: NarrativeHeader): DocumentFragment {
  const parsed = new DOMParser().parseFromString(xml, 'application/xml');
  if (parsed.getElementsByTagName('parsererror').length > 0) throw new Error('The built document is not well-formed XML');
  const fragment = doc.createDocumentFragment();
  const root = parsed.documentElement;
  const title = childrenNamed(root, 'title')[0];
  if (title) {
    const h = doc.createElement('h2');
    h.textContent = title.textContent ?? '';
    fragment.appendChild(h);
  }
  if (header) fragment.appendChild(convertHeader(header, doc));
  const body = parsed.getElementsByTagNameNS(HL7, 'structuredBody')[0];
  if (body)
    for (const component of childrenNamed(body, 'component'))
      for (const section of childrenNamed(component, 'section')) fragment.appendChild(convertSection(section, 3, doc));
  return fragment;
}
