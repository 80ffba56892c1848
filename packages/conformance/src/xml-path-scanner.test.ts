import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { elementPath, findElementForLine, inScopeNamespaces, scanXml } from './xml-path-scanner.js';
import type { XmlScan } from './xml-path-scanner.js';

const HL7 = 'urn:hl7-org:v3';

function paths(scan: XmlScan): string[] {
  return scan.elements.map((element) => elementPath(scan, element));
}

describe('scanXml', () => {
  it('indexes an element only when a preceding sibling has the same name', () => {
    const scan = scanXml('<r><a/><b/><a><c/></a><a/><b/></r>');
    assert.deepEqual(paths(scan), ['/r', '/r/a', '/r/b', '/r/a[2]', '/r/a[2]/c', '/r/a[3]', '/r/b[2]']);
    assert.deepEqual(scan.problems, []);
  });

  it('keeps prefixes as written and resolves namespaces, including redeclarations and xmlns=""', () => {
    const scan = scanXml(
      '<x:root xmlns:x="urn:x" xmlns="urn:default"><child/><x:child xmlns:x="urn:other"/>' +
        '<plain xmlns=""><deep/></plain><y:z/></x:root>',
    );
    const summary = scan.elements.map((element) => [elementPath(scan, element), element.localName, element.namespaceUri]);
    assert.deepEqual(summary, [
      ['/x:root', 'root', 'urn:x'],
      ['/x:root/child', 'child', 'urn:default'],
      ['/x:root/x:child', 'child', 'urn:other'],
      ['/x:root/plain', 'plain', ''],
      ['/x:root/plain/deep', 'deep', ''],
      // Undeclared prefix: no namespace, but the scan goes on.
      ['/x:root/y:z', 'z', ''],
    ]);
    const deep = scan.elements[4];
    assert.ok(deep);
    assert.deepEqual([...inScopeNamespaces(scan, deep)], [['x', 'urn:x']]);
  });

  it('skips comments, CDATA, processing instructions and the DOCTYPE internal subset', () => {
    const text = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<!DOCTYPE r [ <!ENTITY e "<fake>"> <!-- ]> <fake2/> --> <?pi > ?> ]>',
      '<r>',
      '<!-- <not-an-element/> -->',
      '<![CDATA[ <neither/> ]]>',
      '<?target <nor/> ?>',
      '<a/>',
      '</r>',
    ].join('\n');
    const scan = scanXml(text);
    assert.deepEqual(paths(scan), ['/r', '/r/a']);
    assert.deepEqual(scan.xmlDeclaration, { start: 0, end: 38 });
    assert.equal(text.slice(scan.doctype?.start, scan.doctype?.end).endsWith('?> ]>'), true);
    assert.equal(scan.elements[1]?.line, 7);
    assert.deepEqual(scan.problems, []);
  });

  it('reads attribute values containing markup characters and decodes references', () => {
    const scan = scanXml(`<r a="x > y" b='/>' c="&lt;&#65;&#x42;&amp;&unknown;"><s/></r>`);
    assert.deepEqual(paths(scan), ['/r', '/r/s']);
    assert.deepEqual(scan.elements[0]?.attributes, [
      { name: 'a', value: 'x > y' },
      { name: 'b', value: '/>' },
      { name: 'c', value: '<AB&&unknown;' },
    ]);
  });

  it('records start and start-tag-end lines with \\n, \\r\\n and lone \\r line ends', () => {
    const scan = scanXml('<r>\r\n<a\r\n  x="1"\r  y="2"/>\n<b/></r>');
    const [root, a, b] = scan.elements;
    assert.equal(root?.line, 1);
    assert.equal(a?.line, 2);
    assert.equal(a?.startTagEndLine, 4);
    assert.equal(b?.line, 5);
    assert.equal(b?.startTagEndLine, 5);
  });

  it('records offsets that cut out an element exactly', () => {
    const text = '<r><a x="1"><b/>text</a><c/></r>';
    const scan = scanXml(text);
    const a = scan.elements[1];
    assert.ok(a);
    assert.equal(text.slice(a.start, a.end), '<a x="1"><b/>text</a>');
    assert.equal(text.slice(a.start, a.startTagEnd), '<a x="1">');
    assert.equal(scan.elements[2]?.selfClosing, true);
  });

  it('reports malformations without throwing', () => {
    const unclosed = scanXml('<r><a></r>');
    assert.deepEqual(paths(unclosed), ['/r', '/r/a']);
    assert.equal(unclosed.elements[0]?.end, 10);
    assert.equal(unclosed.elements[1]?.end, undefined);
    assert.deepEqual(unclosed.problems.map((problem) => problem.message), ['End tag </r> closes unclosed elements']);

    const truncated = scanXml('<r>\n<a b="1');
    assert.deepEqual(paths(truncated), ['/r']);
    assert.deepEqual(truncated.problems, [
      { line: 2, message: "Malformed start tag or stray '<'" },
      { line: 1, message: 'Element <r> is never closed' },
    ]);

    assert.deepEqual(scanXml('').elements, []);
    assert.deepEqual(scanXml('not xml at all').elements, []);
    assert.equal(scanXml('<!-- never ends').problems[0]?.message, 'Unterminated comment');
  });
});

describe('findElementForLine', () => {
  const text = [
    '<ClinicalDocument xmlns="urn:hl7-org:v3" xmlns:sdtc="urn:hl7-org:sdtc">', // 1
    '<code/><code', //                                                            2
    '  x="1"/>', //                                                               3
    '<sdtc:code/>', //                                                            4
    '<section>', //                                                               5
    '  <code/>', //                                                               6
    '</section>', //                                                              7
    '</ClinicalDocument>', //                                                     8
  ].join('\n');
  const scan = scanXml(text);
  const find = (line: number, localName: string, namespaceUri?: string): string | undefined => {
    const element = findElementForLine(scan, line, { localName, namespaceUri });
    return element && `${elementPath(scan, element)}@${element.line}`;
  };

  it('prefers the element whose start tag ends on the reported line', () => {
    assert.equal(find(2, 'code', HL7), '/ClinicalDocument/code@2');
    assert.equal(find(3, 'code', HL7), '/ClinicalDocument/code[2]@2');
  });

  it('matches the namespace when given, the local name only otherwise', () => {
    assert.equal(find(4, 'code', HL7), '/ClinicalDocument/code[2]@2');
    assert.equal(find(4, 'code', 'urn:hl7-org:sdtc'), '/ClinicalDocument/sdtc:code@4');
    assert.equal(find(4, 'code'), '/ClinicalDocument/sdtc:code@4');
  });

  it('falls back to the last matching element starting at or before the line', () => {
    assert.equal(find(7, 'code', HL7), '/ClinicalDocument/section/code@6');
    assert.equal(find(8, 'section'), '/ClinicalDocument/section@5');
    assert.equal(find(1, 'section'), undefined);
    assert.equal(find(8, 'nothing'), undefined);
  });
});
