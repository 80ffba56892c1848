import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { create } from 'xmlbuilder2';
import { StringXmlWriter } from '../xml/writer.js';
import { content } from '../build/narrative.js';
import { parseXml, child, children, attr, xsiType, locate, path, textOf } from './xml.js';
import { Reader, narrativeText } from './narrative.js';
import { CdaParseError, type ParseWarning } from './errors.js';
import { parseCda, parsePps, parseFrcp } from './index.js';

const malformed = (xml: string): CdaParseError => {
  try {
    parseXml(xml);
  } catch (e) {
    assert.ok(e instanceof CdaParseError, `not a CdaParseError: ${String(e)}`);
    assert.equal(e.code, 'malformed-xml');
    return e;
  }
  assert.fail(`accepted: ${xml}`);
};

/** Writes `<root><content ID="x">…</content></root>` the way the builders do. */
function written(text: string): string {
  const w = new StringXmlWriter();
  w.start('text');
  w.attr('xmlns', 'urn:hl7-org:v3');
  content(w, 'x', text);
  w.end();
  return w.toString();
}

describe('XML layer', () => {
  test('rejects what xmlbuilder2 alone accepts, with line, column and element path', () => {
    const cases: Array<[string, RegExp]> = [
      ['<a><b></a>', /does not match the start tag <b>/],
      ['<a><b>', /not closed/],
      ['<a></b>', /does not match/],
      ['<a/>text', /text outside the root element/],
      ['<a/><b/>', /second root element/],
      ['<a', /malformed start tag/],
      ['<a>&</a>', /'&' must start/],
      ['<a>&foo;</a>', /'&' must start/],
      ['<a>&#0;</a>', /not an XML 1.0 character/],
      ['<a x="<"/>', /'<' is not allowed in an attribute value/],
      ['<a x=1/>', /malformed start tag/],
      ['<a x="1" x="2"/>', /given twice/],
      ['<a>\u0001</a>', /U\+0001 is not allowed/],
      ['<a>]]></a>', /']]>' is not allowed/],
      ['<?xml version="1.0"?>', /no root element/],
      ['', /no root element/],
      ['<a><!-- open </a>', /unterminated comment/],
    ];
    for (const [xml, message] of cases) assert.match(malformed(xml).message, message, xml);
    const e = malformed('<ClinicalDocument>\n  <component>\n    <section><title>x</section>\n  </component>\n</ClinicalDocument>');
    assert.match(e.message, /line 3, column 22/);
    assert.equal(e.location, '/ClinicalDocument/component/section/title');
  });

  test('words the strict parser\'s refusals at the construct at fault', () => {
    const cases: Array<[string, RegExp]> = [
      ['<a>AT&T</a>', /column 6: '&' must start/],
      ['<a>\uD800b</a>', /U\+D800 is not allowed/],
      ['<x:a/>', /namespace prefix x is not declared/],
      ['<a><![CDATA[ x', /unterminated CDATA section/],
      ['<a/></b>', /end tag <\/b> without a start tag/],
      ['<a>&#xD800;</a>', /character reference &#xD800; is not an XML 1.0 character/],
      ['<!-- c --><a/><!DOCTYPE a>', /column 15: DOCTYPE after the root element/],
      ['<![CDATA[x]]><a/>', /column 1: text outside the root element/],
    ];
    for (const [xml, message] of cases) assert.match(malformed(xml).message, message, xml);
    const e = malformed('<r><c/><c><d x="1" x="2"/></c></r>');
    assert.match(e.message, /line 1, column 11: attribute x given twice/);
    assert.equal(e.location, '/r/c[2]');
  });

  test('decodes every reference exactly once (xmlbuilder2 alone turns "&amp;#x41;" into "A")', () => {
    assert.equal(create('<a>&amp;#x41;</a>').root().node.textContent, 'A', 'the xmlbuilder2 defect this layer works around');
    const root = parseXml('<a x="&amp;#x41; &amp;lt;">&amp;#x41;&amp;amp;&lt;&#60;&#x26;lt;&gt;&quot;&apos;&#x1F600;</a>');
    assert.equal(textOf(root), '&#x41;&amp;<<&lt;>"\'😀');
    assert.equal(attr(root, 'x'), '&#x41; &lt;');
  });

  test('XML 1.0 end-of-line and attribute-value normalisation; escaped CR, tab and LF survive', () => {
    const root = parseXml('<a x="p\nq\tr" y="p&#xA;q&#x9;r&#xD;">1\r\n2\r3&#xD;4</a>');
    assert.equal(attr(root, 'x'), 'p q r');
    assert.equal(attr(root, 'y'), 'p\nq\tr\r');
    assert.equal(textOf(root), '1\n2\n3\r4');
  });

  test('helpers: child, children, path, attr, xsi:type whatever its prefix, XPath-like locations', () => {
    const root = parseXml(
      '<r xmlns="urn:hl7-org:v3" xmlns:i="http://www.w3.org/2001/XMLSchema-instance"><c n="1"/><d/><c n="2"><v i:type="CD"/></c></r>',
    );
    assert.equal(children(root, 'c').length, 2);
    assert.equal(attr(child(root, 'c'), 'n'), '1');
    assert.equal(attr(child(root, 'x'), 'n'), undefined);
    const v = path(children(root, 'c')[1], 'v');
    assert.equal(xsiType(v), 'CD');
    assert.equal(locate(v), '/r/c[2]/v');
    assert.equal(locate(child(root, 'd')), '/r/d');
  });
});

describe('narrative text: the exact inverse of richText', () => {
  const texts = [
    'plain',
    '  leading and trailing  ',
    'line 1\nline 2\n\n\nline 5\n',
    '\n',
    ' \n ',
    'a\r\nb\rc\td',
    '< & > " \' ]]> &amp; &#x41; <br/> <content ID="y">',
    '😀 é ꙮ 𝔘 \u00A0\u2028\u2029',
  ];
  for (const t of texts)
    test(JSON.stringify(t), () => {
      const root = parseXml(written(t));
      assert.equal(narrativeText(child(root, 'content')!), t);
    });

  test('indentation of hand-written narrative reads as a browser shows it', () => {
    const root = parseXml('<p>\n   <content ID="a">(Texte libre) Lorem\n      ipsum <br/>\n   dolor</content>\n</p>');
    assert.equal(narrativeText(child(root, 'content')!), '(Texte libre) Lorem ipsum\ndolor');
  });

  test('references: exact, accent-insensitive (with a warning), dangling, empty marker', () => {
    const root = parseXml(
      '<text xmlns="urn:hl7-org:v3"><content ID="trait-réalise">Radio</content><td><content ID="m"/>Oui</td>' +
        '<r1><reference value="#trait-réalise"/></r1><r2><reference value="#trait-realise"/></r2><r3><reference value="#"/></r3>' +
        '<r4><reference value="#nope"/></r4><r5><reference value="#m"/></r5></text>',
    );
    const warnings: ParseWarning[] = [];
    const r = new Reader(root, { onWarning: (w) => warnings.push(w) });
    assert.equal(r.text(child(root, 'r1')), 'Radio');
    assert.equal(warnings.length, 0);
    assert.equal(r.text(child(root, 'r2')), 'Radio');
    assert.equal(warnings.pop()?.code, 'approximate-reference');
    assert.equal(r.text(child(root, 'r3'), child(root, 'r4'), child(root, 'r1')), 'Radio', 'first resolving reference wins');
    assert.deepEqual(
      warnings.splice(0).map((w) => [w.code, w.location]),
      [
        ['dangling-reference', '/text/r3/reference'],
        ['dangling-reference', '/text/r4/reference'],
      ],
    );
    assert.equal(r.text(child(root, 'r5')), 'Oui');
    assert.equal(warnings.pop()?.code, 'empty-reference-target');
    assert.equal(r.requiredText('x', root, child(root, 'r4')), '');
    assert.equal(warnings.splice(0).pop()?.code, 'missing-text');
    assert.equal(r.referencedText('#trait-réalise'), 'Radio');
    assert.equal(r.referencedText('#absent'), undefined);
  });
});

describe('document-level errors', () => {
  const expectError = (fn: () => unknown, code: CdaParseError['code'], message?: RegExp) => {
    assert.throws(fn, (e: unknown) => {
      assert.ok(e instanceof CdaParseError);
      assert.equal(e.code, code);
      if (message) assert.match(e.message, message);
      return true;
    });
  };

  test('not a ClinicalDocument, wrong namespace, unknown volet, other volet', () => {
    expectError(() => parseCda('<html><body/></html>'), 'not-a-clinical-document', /root element <html>/);
    expectError(() => parseCda('<ClinicalDocument/>'), 'not-a-clinical-document', /namespace/);
    expectError(
      () => parseCda('<ClinicalDocument xmlns="urn:hl7-org:v3"><templateId root="1.2.250.1.213.1.1.1.1"/></ClinicalDocument>'),
      'unknown-volet',
      /1\.2\.250\.1\.213\.1\.1\.1\.1/,
    );
    const pps = '<ClinicalDocument xmlns="urn:hl7-org:v3"><templateId root="1.2.250.1.213.1.1.1.26"/></ClinicalDocument>';
    expectError(() => parseFrcp(pps), 'unexpected-volet');
    expectError(() => parsePps(pps), 'missing', /ClinicalDocument\/id/);
    expectError(() => parsePps('<ClinicalDocument xmlns="urn:hl7-org:v3"><templateId root="1.2.250.1.213.1.1.1.26">'), 'malformed-xml');
  });
});
