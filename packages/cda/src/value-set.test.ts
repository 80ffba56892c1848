// Tests of the value-set lookups and of the modules generated from the ANS kit by
// scripts/generate-value-sets.mjs: content checks, the header sets against the kit's own files
// (re-read here with a parser of their own), and the determinism of the generator.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';

import {
  JDV_J143_AdministrativeGender_CISIS,
  JDV_Morphologie_CISIS,
  JDV_TypeTraitementPPS_CISIS,
  valueSetsByName,
  valueSetsByOid,
  type JDV_TypeTraitementPPS_CISIS_Code,
} from './generated/value-sets/index.js';
import { resolveKitDir } from '@dcc-kit/conformance/node';
import { conceptCoding, findConcept, hasConcept, type ValueSet, type ValueSetConcept } from './value-set.js';

// The same paths from src/ and from dist/: both sit in packages/cda.
const SCRIPT = fileURLToPath(new URL('../scripts/generate-value-sets.mjs', import.meta.url));
const GENERATED_DIR = fileURLToPath(new URL('../src/generated/value-sets/', import.meta.url));

/** The build scripts' XML reader (scripts/read-xml.mjs). */
interface ScriptXmlReader {
  parseXml(source: string, file?: string): { local: string; attrs: Record<string, string>; text: string; children: { local: string; text: string }[] };
}
const reader = (await import(new URL('../scripts/read-xml.mjs', import.meta.url).href)) as ScriptXmlReader;
// The kit the build read: the one kit locator every package uses.
const KIT_DIR = resolveKitDir();

/** The SM-checked header value sets: OID → JDV file. */
const HEADER_SETS: Readonly<Record<string, string>> = {
  '1.2.250.1.213.1.1.5.471': 'JDV_J07_XdsTypeCode_CISIS.xml',
  '2.16.840.1.113883.1.11.10228': 'JDV_HL7_Confidentiality_CISIS.xml',
  '1.2.250.1.213.1.1.5.590': 'JDV_J143_AdministrativeGender_CISIS.xml',
  '1.2.250.1.213.1.1.5.461': 'JDV_J01_XdsAuthorSpecialty_CISIS.xml',
  '1.2.250.1.213.1.1.5.124': 'JDV_J47_FunctionCode_CISIS.xml',
  '1.2.250.1.213.1.1.5.591': 'JDV_J144_ParticipationType_CISIS.xml',
  '1.2.250.1.213.1.1.5.588': 'JDV_J141_RoleClass_CISIS.xml',
  '1.2.250.1.213.3.3.16': 'JDV_J11_RelationPatient_CISIS.xml',
  '1.2.250.1.213.1.1.5.718': 'JDV_J245_Civilite_CISIS.xml',
  '1.2.250.1.213.1.1.5.719': 'JDV_J246_Titre_CISIS.xml',
  '1.2.250.1.213.1.1.5.467': 'JDV_J04_XdsPracticeSettingCode_CISIS.xml',
  '1.2.250.1.213.1.1.5.589': 'JDV_J142_TypeRencontre_CISIS.xml',
  '1.2.250.1.213.1.1.5.466': 'JDV_J02_XdsHealthcareFacilityTypeCode_CISIS.xml',
  '1.2.250.1.213.1.1.5.528': 'JDV_J140_EncounterParticipationType_CISIS.xml',
};

// ---- a tiny reader of the kit's files, independent of the generator's ----

const decode = (s: string): string =>
  s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g, (_, e: string) => {
    if (e.startsWith('#x')) return String.fromCodePoint(Number.parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(Number.parseInt(e.slice(1), 10));
    return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[e] ?? '';
  });

function attributesOf(tag: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    attrs[m[1] ?? ''] = decode((m[2] ?? m[3] ?? '').replace(/[\t\r\n]/g, ' '));
  }
  return attrs;
}

/** The (code, codeSystem, displayName) of every `<tagName …/>` of an XML text. */
function conceptsOf(xml: string, tagName: string): ValueSetConcept[] {
  const tags = xml.replace(/<!--[\s\S]*?-->/g, '').matchAll(new RegExp(`<(?:[\\w-]+:)?${tagName}\\b([^>]*)>`, 'g'));
  return [...tags].map((m) => {
    const a = attributesOf(m[1] ?? '');
    const code = a.code ?? '';
    return { code, codeSystem: a.codeSystem ?? '', displayName: a.displayName || code };
  });
}

const kitFile = (...parts: string[]): string => readFileSync(join(KIT_DIR, ...parts), 'utf8');
const pair = (c: ValueSetConcept): string => `${c.codeSystem}|${c.code}`;

const rdfCodes = new Map<string, Set<string> | null>();
function termCodes(codeSystem: string): Set<string> | null {
  let codes = rdfCodes.get(codeSystem);
  if (codes === undefined) {
    const file = join(KIT_DIR, 'schematrons/profils/terminologies/terminologie', `${codeSystem}.rdf`);
    codes = existsSync(file)
      ? new Set([...readFileSync(file, 'utf8').matchAll(/<skos:notation>([^<]*)<\/skos:notation>/g)].map((m) => decode(m[1] ?? '')))
      : null;
    rdfCodes.set(codeSystem, codes);
  }
  return codes;
}

// ---- tests ----

describe('value-set lookups', () => {
  it('finds a concept by code, and by code and code system', () => {
    const surgery = findConcept(JDV_TypeTraitementPPS_CISIS, '387713003');
    assert.equal(surgery?.displayName, 'intervention chirurgicale');
    assert.equal(surgery?.codeSystem, '2.16.840.1.113883.6.96');
    assert.equal(findConcept(JDV_TypeTraitementPPS_CISIS, '387713003', '2.16.840.1.113883.6.96'), surgery);
    assert.ok(JDV_TypeTraitementPPS_CISIS.concepts.some((c) => c === surgery), 'returns the concept object itself');
    assert.equal(findConcept(JDV_TypeTraitementPPS_CISIS, '387713003', '2.16.840.1.113883.6.1'), undefined);
    assert.equal(findConcept(JDV_TypeTraitementPPS_CISIS, 'no-such-code'), undefined);
    assert.equal(findConcept(JDV_TypeTraitementPPS_CISIS, ''), undefined);
  });

  it('hasConcept holds for every concept of the largest value set, and only for its code system', () => {
    assert.ok(JDV_Morphologie_CISIS.concepts.length > 900);
    for (const c of JDV_Morphologie_CISIS.concepts) {
      assert.ok(hasConcept(JDV_Morphologie_CISIS, c.code, c.codeSystem), c.code);
      assert.equal(findConcept(JDV_Morphologie_CISIS, c.code, c.codeSystem), c);
    }
    assert.equal(hasConcept(JDV_Morphologie_CISIS, '8140/3', '2.16.840.1.113883.6.3'), false);
    assert.equal(hasConcept(JDV_Morphologie_CISIS, 'no-such-code', '2.16.840.1.113883.6.43.1'), false);
  });

  it('works on any ValueSet, with codes in several code systems', () => {
    const vs: ValueSet = {
      name: 'Test',
      oid: '1.2.3',
      source: 'test',
      concepts: [
        { code: 'A', codeSystem: '1.1', displayName: 'A in 1.1' },
        { code: 'A', codeSystem: '2.2', displayName: 'A in 2.2' },
      ],
    };
    assert.equal(findConcept(vs, 'A')?.displayName, 'A in 1.1');
    assert.equal(findConcept(vs, 'A', '2.2')?.displayName, 'A in 2.2');
    assert.ok(hasConcept(vs, 'A', '2.2'));
    assert.ok(!hasConcept(vs, 'A', '3.3'));
    assert.deepEqual(conceptCoding(vs, 'A'), { code: 'A', codeSystem: '1.1', displayName: 'A in 1.1' });
  });

  it('conceptCoding returns a plain coding, or throws a RangeError naming the value set and the code', () => {
    const coding = conceptCoding(JDV_J143_AdministrativeGender_CISIS, 'F');
    assert.deepEqual(coding, { code: 'F', codeSystem: '2.16.840.1.113883.5.1', displayName: 'Féminin' });
    assert.notEqual(coding, JDV_J143_AdministrativeGender_CISIS.concepts[0]);
    const code: JDV_TypeTraitementPPS_CISIS_Code = 'MED-226';
    assert.equal(conceptCoding(JDV_TypeTraitementPPS_CISIS, code).displayName, 'Surveillance seule');
    assert.throws(
      // @ts-expect-error -- 'X' is not a code of the value set: rejected at compile time too
      () => conceptCoding(JDV_J143_AdministrativeGender_CISIS, 'X'),
      (error: unknown) =>
        error instanceof RangeError && error.message.includes('JDV_J143_AdministrativeGender_CISIS') && error.message.includes('"X"'),
    );
  });

  it('indexes the value sets by OID and by name', () => {
    assert.equal(valueSetsByOid['1.2.250.1.213.1.1.5.478'], JDV_TypeTraitementPPS_CISIS);
    assert.equal(valueSetsByOid['1.2.250.1.213.1.1.5.585'], JDV_Morphologie_CISIS);
    assert.equal(valueSetsByOid['0.0.0'], undefined);
    assert.equal(valueSetsByName.JDV_TypeTraitementPPS_CISIS, JDV_TypeTraitementPPS_CISIS);
    assert.ok(Object.isFrozen(valueSetsByOid) && Object.isFrozen(valueSetsByName));
  });
});

describe('generated value-set modules', () => {
  const all: readonly ValueSet[] = Object.values(valueSetsByName);

  it('has one module per value set, each indexed by name and OID', () => {
    const modules = readdirSync(GENERATED_DIR)
      .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
      .map((f) => f.slice(0, -3))
      .sort();
    assert.deepEqual(modules, Object.keys(valueSetsByName).sort());
    assert.equal(Object.keys(valueSetsByOid).length, all.length, 'one OID per value set');
    for (const vs of all) {
      assert.match(vs.name, /^[A-Za-z_$][\w$]*$/);
      assert.equal(valueSetsByOid[vs.oid], vs, vs.name);
      assert.match(vs.oid, /^[0-2](\.(0|[1-9][0-9]*))+$/, vs.name);
      assert.match(vs.source, /^jeuxDeValeurs\/JDV_[\w-]+\.xml$/, vs.name);
      if (vs.revisionDate !== undefined) assert.match(vs.revisionDate, /^\d{4}-\d{2}-\d{2}$/, vs.name);
    }
    for (const oid of Object.keys(HEADER_SETS)) assert.ok(valueSetsByOid[oid], `header set ${oid} generated`);
  });

  it('every module is non-empty, and every concept has a code, a code system and a display name', () => {
    for (const vs of all) {
      assert.ok(vs.concepts.length > 0, `${vs.name} is empty`);
      const seen = new Set<string>();
      for (const c of vs.concepts) {
        for (const key of ['code', 'codeSystem', 'displayName'] as const) {
          assert.equal(typeof c[key], 'string', `${vs.name} ${c.code} ${key}`);
          assert.notEqual(c[key].trim(), '', `${vs.name} ${c.code} ${key}`);
        }
        assert.ok(!seen.has(pair(c)), `${vs.name}: duplicate ${pair(c)}`);
        seen.add(pair(c));
      }
    }
  });

  it('keeps exactly the concepts of each header set that both the JDV file and the SM snapshot hold', () => {
    for (const [oid, file] of Object.entries(HEADER_SETS)) {
      const vs = valueSetsByOid[oid];
      assert.ok(vs, oid);
      const jdv = conceptsOf(kitFile('jeuxDeValeurs', file), 'Concept');
      const voc = kitFile('schematrons/profils/structurationMinimale/include', `voc-${oid}-DYNAMIC.xml`);
      const firstVersion = voc.slice(0, voc.indexOf('</valueSet>'));
      const vocPairs = new Set(conceptsOf(firstVersion, 'concept').map(pair));
      const expected: ValueSetConcept[] = [];
      const seen = new Set<string>();
      for (const c of jdv) {
        const rdf = termCodes(c.codeSystem);
        if (seen.has(pair(c)) || !vocPairs.has(pair(c)) || (rdf !== null && !rdf.has(c.code))) continue;
        seen.add(pair(c));
        expected.push(c);
      }
      assert.ok(expected.length > 0, `${file}: nothing in common with the SM snapshot`);
      assert.deepEqual(vs.concepts.map((c) => ({ ...c })), expected, `${vs.name} (${oid})`);
    }
  });

  it('offers no concept that the terminology layer would reject', () => {
    for (const vs of all) {
      for (const c of vs.concepts) {
        const codes = termCodes(c.codeSystem);
        assert.ok(codes === null || codes.has(c.code), `${vs.name}: ${c.code} is not in ${c.codeSystem}.rdf`);
      }
    }
  });
});

describe('generate-value-sets.mjs', () => {
  const work = mkdtempSync(join(tmpdir(), 'dcc-value-sets-'));
  after(() => rmSync(work, { recursive: true, force: true }));
  const run = (args: string[], env: NodeJS.ProcessEnv = process.env) =>
    spawnSync(process.execPath, [SCRIPT, ...args], { encoding: 'utf8', env });
  const filesOf = (dir: string): Map<string, string> =>
    new Map(readdirSync(dir).sort().map((f) => [f, readFileSync(join(dir, f), 'utf8')]));

  it('decodes XML entities and character references', () => {
    assert.equal(reader.parseXml('<a>a &amp; b &apos;c&apos; &#233;&#xE9; &lt;&gt;&quot;</a>').text, 'a & b \'c\' éé <>"');
    const root = reader.parseXml('<?xml version="1.0"?><a x="R&amp;D &#233;t&#xE9;\n2"><!-- &bogus; -->t&amp;<![CDATA[&lt;]]><b/></a>');
    assert.equal(root.attrs.x, 'R&D été 2');
    assert.equal(root.text, 't&&lt;');
    assert.equal(root.children[0]?.local, 'b');
    assert.throws(() => reader.parseXml('<a>&eacute;</a>'), /undeclared entity/);
  });

  it('is deterministic, and matches the modules of the build', () => {
    const a = join(work, 'a');
    const b = join(work, 'b');
    for (const out of [a, b]) {
      const result = run(['--kit', KIT_DIR, '--out', out, '--force']);
      assert.equal(result.status, 0, result.stderr);
      assert.match(result.stdout, /^value sets: \d+ modules \(\d+ concepts\) generated from /);
    }
    const first = filesOf(a);
    assert.deepEqual(filesOf(b), first);
    const built = filesOf(GENERATED_DIR);
    for (const [name, text] of first) {
      if (name.endsWith('.ts')) assert.equal(built.get(name), text, `${name} differs from the build's`);
    }
    assert.deepEqual([...built.keys()].filter((f) => f.endsWith('.ts')), [...first.keys()].filter((f) => f.endsWith('.ts')));
    const again = run(['--kit', KIT_DIR, '--out', a]);
    assert.equal(again.status, 0, again.stderr);
    assert.equal(again.stdout + again.stderr, '', 'silent when up to date');
  });

  it('exits with code 2 and says how to point to the kit when the kit is missing', () => {
    const env: NodeJS.ProcessEnv = { ...process.env, ANS_KIT_DIR: '/nonexistent' };
    const result = run(['--out', join(work, 'c')], env);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /\/nonexistent/);
    assert.match(result.stderr, /ANS_KIT_DIR/);
    assert.ok(!existsSync(join(work, 'c')), 'writes nothing');
  });
});
