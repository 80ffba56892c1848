import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { before, describe, it } from 'node:test';
import { createMemoryLoader } from './loader.js';
import { createFsLoader, createFsSyncReader } from './node/fs-loader.js';
import { resolveKitDir } from './node/kit-dir.js';
import { createXsdValidator, createXsdValidatorReading } from './xsd.js';
import type { XsdValidator } from './xsd.js';

const EXAMPLES = [
  'CANCER-FRCP_2022.01_Appareil.xml',
  'CANCER-FRCP_2022.01_Transversale.xml',
  'CANCER-PPS_2022.01_Autopresentable.xml',
  'CANCER-PPS_2022.01_feuille-de-style-externe.xml',
];
const PPS = 'CANCER-PPS_2022.01_feuille-de-style-externe.xml';
const AUTOPRESENTABLE = 'CANCER-PPS_2022.01_Autopresentable.xml';
const BODY = '/ClinicalDocument/component/structuredBody';

/** Replaces exactly one occurrence, so that a changed example fails loudly instead of testing nothing. */
function replaceOnce(text: string, search: string | RegExp, replacement: string): string {
  const count = typeof search === 'string' ? text.split(search).length - 1 : [...text.matchAll(new RegExp(search, 'g'))].length;
  assert.equal(count, 1, `expected exactly one ${String(search)} in the example`);
  return text.replace(search, replacement);
}

function lineOf(text: string, fragment: string): number {
  const offset = text.indexOf(fragment);
  assert.ok(offset >= 0, `${fragment} not found`);
  return text.slice(0, offset).split('\n').length;
}

const kitFactories: Array<[string, (kitDir: string) => Promise<XsdValidator>]> = [
  ['createXsdValidator', (kitDir) => createXsdValidator(createFsLoader(kitDir))],
  ['createXsdValidatorReading (libxml2 reads the includes itself)', async (kitDir) => createXsdValidatorReading(createFsSyncReader(kitDir), kitDir)],
];

for (const [factoryName, createForKit] of kitFactories)
describe(`${factoryName} on the ANS kit`, () => {
  const examples = new Map<string, string>();
  let validator: XsdValidator;

  const example = (name: string): string => {
    const text = examples.get(name);
    assert.ok(text !== undefined, name);
    return text;
  };

  before(async () => {
    const kitDir = resolveKitDir();
    validator = await createForKit(kitDir);
    for (const name of EXAMPLES) examples.set(name, await readFile(`${kitDir}/ExemplesCDA/${name}`, 'utf8'));
  });

  it('finds no issue in the four official examples (one batch)', async () => {
    const results = await validator.validateMany(EXAMPLES.map((name) => ({ name, text: example(name) })));
    assert.deepEqual(results, [[], [], [], []]);
  });

  it('finds no issue in an example validated on its own', async () => {
    assert.deepEqual(await validator.validate(example(AUTOPRESENTABLE), AUTOPRESENTABLE), []);
  });

  it('validates the text as given whatever encoding its declaration names (libxml2 always receives UTF-8)', async () => {
    const text = replaceOnce(example(PPS), '<?xml version="1.0" encoding="UTF-8"?>', '<?xml version="1.0" encoding="UTF-16"?>');
    assert.deepEqual(await validator.validate(text), []);
  });

  it('reports a duplicated narrative ID as an xs:ID issue on the second element', async () => {
    const text = replaceOnce(example(PPS), 'ID="commentaire-pediatrie"', 'ID="pediatrie"');
    const issues = await validator.validate(text);
    assert.deepEqual(issues, [
      {
        location: `${BODY}/component[2]/section/text/paragraph[2]/content`,
        line: 778,
        message:
          "Schemas validity error : Element '{urn:hl7-org:v3}content', attribute 'ID': 'pediatrie' is not a valid value of the atomic type 'xs:ID'.",
      },
    ]);
  });

  it('reports an ID starting with a digit as an xs:ID issue', async () => {
    const text = replaceOnce(example(PPS), 'ID="diagnostic-table"', 'ID="1-diagnostic-table"');
    const issues = await validator.validate(text);
    assert.equal(issues.length, 1);
    assert.equal(issues[0]?.location, `${BODY}/component[3]/section/text/table`);
    assert.equal(issues[0]?.line, 860);
    assert.match(issues[0]?.message ?? '', /'1-diagnostic-table' is not a valid value of the atomic type 'xs:ID'/);
  });

  it('reports a header element out of order (title after effectiveTime)', async () => {
    const text = replaceOnce(
      example(PPS),
      /(\s*<!-- Titre de documeunt -->\s*<title>[^<]*<\/title>)(\s*<!-- Date[^>]*>\s*<effectiveTime[^>]*>)/,
      '$2$1',
    );
    const issues = await validator.validate(text);
    assert.deepEqual(issues, [
      {
        location: '/ClinicalDocument/title',
        line: lineOf(text, '<title>'),
        message:
          "Schemas validity error : Element '{urn:hl7-org:v3}title': This element is not expected. Expected is ( {urn:hl7-org:v3}confidentialityCode ).",
      },
    ]);
    assert.equal(issues[0]?.line, 47);
  });

  it('reports an unexpected element whose start tag spans several lines on the line libxml2 gives', async () => {
    const text = replaceOnce(example(PPS), '<realmCode code="FR"/>', '<realmCode code="FR"/><realmCode\n  code="FR"\n  nope="x"/>');
    const issues = await validator.validate(text);
    assert.deepEqual(
      issues.map((issue) => [issue.location, issue.line]),
      [['/ClinicalDocument/realmCode[2]', 32]],
    );
  });

  it('reports malformed XML as a parser error with its line', async () => {
    const text = replaceOnce(example(PPS), 'CANCEROLOGIE </title>', 'CANCEROLOGIE </titl>');
    const issues = await validator.validate(text);
    assert.deepEqual(issues, [
      { location: '/', line: 45, message: 'parser error : Opening and ending tag mismatch: title line 45 and titl' },
    ]);
  });

  it('reports an empty or non-XML text without crashing', async () => {
    const [empty, garbage] = await validator.validateMany([
      { name: 'empty', text: '' },
      { name: 'garbage', text: 'not xml' },
    ]);
    assert.deepEqual(empty, [{ location: '/', line: 1, message: 'parser error : Document is empty' }]);
    assert.deepEqual(garbage, [{ location: '/', line: 1, message: "parser error : Start tag expected, '<' not found" }]);
  });

  it('reports a root the schema does not declare with xmllint\'s error, located on that root', async () => {
    const [foreign, other] = await validator.validateMany([
      { name: 'foreign', text: '<?xml version="1.0"?>\n<ClinicalDocument xmlns="urn:other"/>' },
      { name: 'other', text: '<root>\n  <ClinicalDocument xmlns="urn:hl7-org:v3"/>\n</root>' },
    ]);
    assert.deepEqual(foreign, [
      {
        location: '/ClinicalDocument',
        line: 2,
        message: "Schemas validity error : Element '{urn:other}ClinicalDocument': No matching global declaration available for the validation root.",
      },
    ]);
    assert.deepEqual(other, [
      {
        location: '/root',
        line: 1,
        message: "Schemas validity error : Element 'root': No matching global declaration available for the validation root.",
      },
    ]);
  });

  it('validates the autopresentable stylesheet as a whole, ClinicalDocument included, with its paths and lines', async () => {
    const text = replaceOnce(example(AUTOPRESENTABLE), 'ID="commentaire-pediatrie"', 'ID="pediatrie"');
    assert.deepEqual(await validator.validate(text), [
      {
        location:
          '/xsl:stylesheet/data:Contenu/c:ClinicalDocument/c:component/c:structuredBody/c:component[2]/c:section/c:text/c:paragraph[2]/c:content',
        line: 788,
        message:
          "Schemas validity error : Element '{urn:hl7-org:v3}content', attribute 'ID': 'pediatrie' is not a valid value of the atomic type 'xs:ID'.",
      },
    ]);
  });

  it('validates the stylesheet part of the autopresentable example against the XSLT schema imported by CDA_extended.xsd', async () => {
    const text = replaceOnce(example(AUTOPRESENTABLE), '<xsl:template name="caseDown">', '<xsl:template name="caseDown" bogus="x">');
    assert.deepEqual(await validator.validate(text), [
      {
        location: '/xsl:stylesheet/xsl:template',
        line: lineOf(text, '<xsl:template name="caseDown"'),
        message:
          "Schemas validity error : Element '{http://www.w3.org/1999/XSL/Transform}template', attribute 'bogus': The attribute 'bogus' is not allowed.",
      },
    ]);
  });

  it('reports well-formedness errors of the stylesheet part of the autopresentable example', async () => {
    const text = replaceOnce(example(AUTOPRESENTABLE), /<\/xsl:template>(\s*<\/xsl:stylesheet>)/, '</xsl:templat>$1');
    const issues = await validator.validate(text);
    assert.equal(issues[0]?.location, '/');
    assert.equal(issues[0]?.line, lineOf(text, '</xsl:templat>'));
    assert.match(issues[0]?.message ?? '', /^parser error : Opening and ending tag mismatch: template line \d+ and templat$/);
  });

  it('keeps results in input order in a mixed batch', async () => {
    const malformed = replaceOnce(example(PPS), 'CANCEROLOGIE </title>', 'CANCEROLOGIE </titl>');
    const results = await validator.validateMany([
      { name: 'valid', text: example(PPS) },
      { name: 'malformed', text: malformed },
      { name: 'embedded', text: example(AUTOPRESENTABLE) },
      { name: 'not-cda', text: '<root/>' },
    ]);
    assert.deepEqual(
      results.map((issues) => issues.map((issue) => issue.line)),
      [[], [45], [], [1]],
    );
  });

  // The expectations below are xmllint's output (libxml2 2.13, the previous engine) on the same texts.
  const CDA_MISSING_CHILD =
    "Schemas validity error : Element '{urn:hl7-org:v3}ClinicalDocument': Missing child element(s). Expected is one of ( {urn:hl7-org:v3}realmCode, {urn:hl7-org:v3}typeId ).";

  it('validates a document that is well-formed but not namespace-well-formed, after the namespace error, as xmllint does', async () => {
    const [element, attribute] = await validator.validateMany([
      { name: 'element', text: '<ClinicalDocument xmlns="urn:hl7-org:v3">\n<foo:bar/>\n</ClinicalDocument>' },
      { name: 'attribute', text: '<ClinicalDocument xmlns="urn:hl7-org:v3" xmlns:a="">\n</ClinicalDocument>' },
    ]);
    assert.deepEqual(element, [
      { location: '/', line: 2, message: 'namespace error : Namespace prefix foo on bar is not defined' },
      {
        location: '/',
        line: 2,
        message: "Schemas validity error : Element 'foo:bar': This element is not expected. Expected is one of ( {urn:hl7-org:v3}realmCode, {urn:hl7-org:v3}typeId ).",
      },
    ]);
    assert.deepEqual(attribute, [
      { location: '/', line: 1, message: 'namespace error : xmlns:a: Empty XML namespace is not allowed' },
      { location: '/ClinicalDocument', line: 1, message: CDA_MISSING_CHILD },
    ]);
  });

  it('validates the text of internal entities and never reads external ones', async () => {
    const [internal, external, undeclared] = await validator.validateMany([
      { name: 'internal', text: '<!DOCTYPE x [<!ENTITY e "zz">]>\n<ClinicalDocument xmlns="urn:hl7-org:v3">&e;</ClinicalDocument>' },
      { name: 'external', text: '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/hostname">]>\n<ClinicalDocument xmlns="urn:hl7-org:v3">&e;</ClinicalDocument>' },
      { name: 'undeclared', text: '<!DOCTYPE x SYSTEM "x.dtd">\n<ClinicalDocument xmlns="urn:hl7-org:v3">&f;</ClinicalDocument>' },
    ]);
    assert.deepEqual(internal, [
      {
        location: '/ClinicalDocument',
        line: 2,
        message:
          "Schemas validity error : Element '{urn:hl7-org:v3}ClinicalDocument': Character content other than whitespace is not allowed because the content type is 'element-only'.",
      },
      { location: '/ClinicalDocument', line: 2, message: CDA_MISSING_CHILD },
    ]);
    assert.deepEqual(external, [{ location: '/ClinicalDocument', line: 2, message: CDA_MISSING_CHILD }]);
    assert.deepEqual(undeclared, [
      { location: '/', line: 2, message: "parser error : Entity 'f' not defined" },
      { location: '/ClinicalDocument', line: 2, message: CDA_MISSING_CHILD },
    ]);
  });

  /** The PPS example with `count` paragraphs put at the start of its first section's text, followed by `extra` (line 755 + count onwards). */
  function enlargedExample(count: number, extra: string): string {
    const base = example(PPS);
    const anchor = '<text>(Texte libre) Lorem ipsum';
    assert.equal(lineOf(base, anchor), 754);
    const filler = '<paragraph>Lorem <content>ipsum</content></paragraph>\n';
    return replaceOnce(base, anchor, `<text>\n${filler.repeat(count)}${extra}${anchor.slice('<text>'.length)}`);
  }

  const TEXT = `${BODY}/component/section/text`;

  it('validates a ~3 MB document and locates errors beyond line 65535, where libxml2 lines are approximate', async () => {
    const count = 66_000;
    const text = enlargedExample(count, '<paragraph>\n<bogus/>\n</paragraph>\n<paragraph>\n<bogus/>\n</paragraph>\n');
    assert.ok(text.length > 3_000_000 && text.length < 4_000_000, String(text.length));
    const issues = await validator.validate(text);
    assert.deepEqual(
      issues.map((issue) => [issue.location, issue.line]),
      [
        [`${TEXT}/paragraph[${count + 1}]/bogus`, 756 + count],
        [`${TEXT}/paragraph[${count + 2}]/bogus`, 759 + count],
      ],
    );
    assert.ok(issues.every((issue) => issue.message.includes("Element '{urn:hl7-org:v3}bogus': This element is not expected.")));
  });

  it('validates a ~10 MB document (beyond the default memory of the previous engine, xmllint-wasm)', async () => {
    const count = 220_000;
    // Compact markup: libxml2 has no neighbouring line to borrow and reports 65535.
    const text = enlargedExample(count, '<paragraph><bogus/></paragraph>');
    assert.ok(text.length > 10_000_000, String(text.length));
    const issues = await validator.validate(text);
    assert.deepEqual(
      issues.map((issue) => [issue.location, issue.line]),
      [[`${TEXT}/paragraph[${count + 1}]/bogus`, 755 + count]],
    );
  });
});

describe('createXsdValidator schema loading', () => {
  const HEADER = '<?xml version="1.0" encoding="UTF-8"?>';
  const XS = 'xmlns:xs="http://www.w3.org/2001/XMLSchema"';
  const schemaFiles: Record<string, string> = {
    'schemas/main.xsd': `${HEADER}
<xs:schema ${XS} xmlns:h="urn:hl7-org:v3" targetNamespace="urn:hl7-org:v3" elementFormDefault="qualified">
  <!-- A commented-out reference is not a dependency: <xs:include schemaLocation="missing.xsd"/> -->
  <xs:include schemaLocation="types/document.xsd"/>
  <xs:element name="ClinicalDocument" type="h:Document"/>
</xs:schema>`,
    'schemas/types/document.xsd': `${HEADER}
<xs:schema ${XS} xmlns:h="urn:hl7-org:v3" xmlns:e="urn:ext" targetNamespace="urn:hl7-org:v3" elementFormDefault="qualified">
  <xs:include schemaLocation="../common/short.xsd"/>
  <xs:import namespace="urn:ext" schemaLocation="./../ext/./ext.xsd"/>
  <xs:complexType name="Document">
    <xs:sequence>
      <xs:element name="title" type="h:Short"/>
      <xs:element ref="e:flag"/>
    </xs:sequence>
  </xs:complexType>
</xs:schema>`,
    'schemas/common/short.xsd': `${HEADER}
<xs:schema ${XS} targetNamespace="urn:hl7-org:v3">
  <xs:simpleType name="Short"><xs:restriction base="xs:string"><xs:maxLength value="5"/></xs:restriction></xs:simpleType>
</xs:schema>`,
    'schemas/ext/ext.xsd': `${HEADER}
<xs:schema ${XS} targetNamespace="urn:ext" elementFormDefault="qualified">
  <xs:element name="flag" type="xs:boolean"/>
</xs:schema>`,
  };
  const documentWith = (title: string, flag: string): string =>
    `<ClinicalDocument xmlns="urn:hl7-org:v3" xmlns:e="urn:ext">\n  <title>${title}</title>\n  <e:flag>${flag}</e:flag>\n</ClinicalDocument>`;

  it('resolves includes and imports in sub-folders relative to the including file', async () => {
    const validator = await createXsdValidator(createMemoryLoader(schemaFiles), 'schemas/main.xsd');
    const [valid, tooLong, notBoolean] = await validator.validateMany([
      { name: 'valid', text: documentWith('abc', 'true') },
      { name: 'too long', text: documentWith('abcdef', 'true') },
      { name: 'not boolean', text: documentWith('abc', 'maybe') },
    ]);
    assert.deepEqual(valid, []);
    assert.deepEqual(
      tooLong?.map((issue) => [issue.location, issue.line]),
      [['/ClinicalDocument/title', 2]],
    );
    assert.match(tooLong?.[0]?.message ?? '', /\[facet 'maxLength'\]/);
    assert.deepEqual(
      notBoolean?.map((issue) => [issue.location, issue.line]),
      [['/ClinicalDocument/e:flag', 3]],
    );
  });

  it('frees the compiled schema on dispose; the validator then refuses to run', async () => {
    const validator = await createXsdValidator(createMemoryLoader(schemaFiles), 'schemas/main.xsd');
    assert.deepEqual(await validator.validate(documentWith('abc', 'true')), []);
    validator.dispose();
    validator.dispose(); // twice is harmless
    await assert.rejects(validator.validate(documentWith('abc', 'true')), /disposed/);
  });

  it('rejects a schema that does not compile, naming it and libxml2\'s reason', async () => {
    const files = { 'main.xsd': `${HEADER}\n<xs:schema ${XS}><xs:element name="a" type="xs:nope"/></xs:schema>` };
    await assert.rejects(createXsdValidator(createMemoryLoader(files, 'test kit'), 'main.xsd'), /^Error: The XML schema main\.xsd from test kit does not compile: .*main\.xsd:2: .*nope/);
  });

  it('rejects when a dependency is missing, naming it and the file referencing it', async () => {
    const { 'schemas/common/short.xsd': _removed, ...incomplete } = schemaFiles;
    await assert.rejects(createXsdValidator(createMemoryLoader(incomplete, 'test kit'), 'schemas/main.xsd'), {
      message:
        'XML schema file schemas/common/short.xsd (referenced by schemas/types/document.xsd) does not exist in test kit; ' +
        'refusing to validate with an incomplete schema',
    });
  });

  it('rejects when the schema itself is missing', async () => {
    await assert.rejects(createXsdValidator(createMemoryLoader({}, 'empty kit')), {
      message: 'XML schema file infrastructure/cda/CDA_extended.xsd does not exist in empty kit; refusing to validate with an incomplete schema',
    });
  });

  it('rejects a schemaLocation leading outside the kit', async () => {
    const files = { 'main.xsd': `<xs:schema ${XS}><xs:include schemaLocation="../outside.xsd"/></xs:schema>` };
    await assert.rejects(createXsdValidator(createMemoryLoader(files), 'main.xsd'), /outside the kit folder/);
  });
});

describe('createXsdValidatorReading schema loading (libxml2 opens each file itself)', () => {
  const HEADER = '<?xml version="1.0" encoding="UTF-8"?>';
  const XS = 'xmlns:xs="http://www.w3.org/2001/XMLSchema"';
  const files: Record<string, string> = {
    'schemas/main.xsd': `${HEADER}
<xs:schema ${XS} xmlns:h="urn:hl7-org:v3" targetNamespace="urn:hl7-org:v3" elementFormDefault="qualified">
  <!-- A commented-out reference is not a dependency: <xs:include schemaLocation="missing.xsd"/> -->
  <xs:include schemaLocation="types/document.xsd"/>
  <xs:element name="ClinicalDocument" type="h:Document"/>
</xs:schema>`,
    'schemas/types/document.xsd': `${HEADER}
<xs:schema ${XS} xmlns:h="urn:hl7-org:v3" xmlns:e="urn:ext" targetNamespace="urn:hl7-org:v3" elementFormDefault="qualified">
  <xs:import namespace="urn:ext" schemaLocation="./../ext/./ext.xsd"/>
  <xs:complexType name="Document">
    <xs:sequence><xs:element name="title" type="xs:string"/><xs:element ref="e:flag"/></xs:sequence>
  </xs:complexType>
</xs:schema>`,
    'schemas/ext/ext.xsd': `${HEADER}
<xs:schema ${XS} targetNamespace="urn:ext" elementFormDefault="qualified">
  <xs:element name="flag" type="xs:boolean"/>
</xs:schema>`,
  };
  const reader = (map: Record<string, string>) => {
    const opened: string[] = [];
    const read = (path: string) => {
      opened.push(path);
      return map[path] === undefined ? undefined : new TextEncoder().encode(map[path]);
    };
    return { read, opened };
  };
  const doc = (flag: string) => `<ClinicalDocument xmlns="urn:hl7-org:v3" xmlns:e="urn:ext">\n  <title>t</title>\n  <e:flag>${flag}</e:flag>\n</ClinicalDocument>`;

  it('reads the includes and imports libxml2 meets, relative to the including file, and validates', async () => {
    const { read, opened } = reader(files);
    const validator = createXsdValidatorReading(read, 'test kit', 'schemas/main.xsd');
    assert.deepEqual(opened.sort(), ['schemas/ext/ext.xsd', 'schemas/main.xsd', 'schemas/types/document.xsd']);
    assert.deepEqual(await validator.validate(doc('true')), []);
    assert.deepEqual((await validator.validate(doc('maybe'))).map((issue) => [issue.location, issue.line]), [['/ClinicalDocument/e:flag', 3]]);
    validator.dispose();
  });

  it('refuses a schema with a missing import or include, naming the file', () => {
    const { 'schemas/ext/ext.xsd': _removed, ...incomplete } = files;
    assert.throws(() => createXsdValidatorReading(reader(incomplete).read, 'test kit', 'schemas/main.xsd'), {
      message: 'XML schema file schemas/ext/ext.xsd does not exist in test kit; refusing to validate with an incomplete schema',
    });
    assert.throws(() => createXsdValidatorReading(reader({}).read, 'empty kit'), /XML schema file infrastructure\/cda\/CDA_extended\.xsd does not exist in empty kit/);
  });

  it('refuses a location leading outside the kit, and a schema that does not compile', () => {
    const outside = { 'main.xsd': `<xs:schema ${XS}><xs:include schemaLocation="../outside.xsd"/></xs:schema>`, '../outside.xsd': `<xs:schema ${XS}/>` };
    assert.throws(() => createXsdValidatorReading(reader(outside).read, 'test kit', 'main.xsd'), /outside the kit folder/);
    // libxml2 only warns when an import cannot be loaded, and would compile without it.
    const importOutside = { 'main.xsd': `<xs:schema ${XS}><xs:import namespace="urn:x" schemaLocation="../../x.xsd"/></xs:schema>` };
    assert.throws(() => createXsdValidatorReading(reader(importOutside).read, 'test kit', 'main.xsd'), /outside the kit folder \(\/x\.xsd\); refusing to validate with an incomplete schema/);
    const broken = { 'main.xsd': `${HEADER}\n<xs:schema ${XS}><xs:element name="a" type="xs:nope"/></xs:schema>` };
    assert.throws(() => createXsdValidatorReading(reader(broken).read, 'test kit', 'main.xsd'), /^Error: The XML schema main\.xsd from test kit does not compile: .*main\.xsd:2: .*nope/);
  });
});
