import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import { compiledRulesDir, createNodeValidator, KitNotFoundError, resolveKitDir } from './node/index.js';
import { type ValidationResult, type Validator, VoletNotDetectedError } from './index.js';

const kitDir = resolveKitDir();
const example = (name: string) => readFile(path.join(kitDir, 'ExemplesCDA', name), 'utf8');
const LAYERS_PPS = ['xsd', 'IHE', 'ASIP-STRUCT-MIN-StrucMin', 'CI-SIS_ModelesDeContenusCDA', 'CI-SIS_Modeles_ANS', 'terminologie', 'CI-SIS_CANCER-PPS_2022.01'];
const LAYERS_FRCP = [...LAYERS_PPS.slice(0, 6), 'CI-SIS_CANCER-FRCP_2022.01'];

describe('the four official ANS examples get the kit verdict', () => {
  let validator: Validator;
  let cacheDir: string;
  const results = new Map<string, ValidationResult>();
  const names = ['CANCER-PPS_2022.01_feuille-de-style-externe.xml', 'CANCER-PPS_2022.01_Autopresentable.xml', 'CANCER-FRCP_2022.01_Appareil.xml', 'CANCER-FRCP_2022.01_Transversale.xml'];

  before(async () => {
    cacheDir = await mkdtemp(path.join(os.tmpdir(), 'dcc-validator-test-'));
    validator = createNodeValidator({ cacheDir });
    const docs = await Promise.all(names.map(async (name) => ({ name, text: await example(name) })));
    const out = await validator.validateMany(docs);
    names.forEach((name, i) => results.set(name, out[i] as ValidationResult));
  });
  after(() => rm(cacheDir, { recursive: true, force: true }));

  for (const name of names.filter((n) => n.includes('PPS'))) {
    test(`${name}: PPS, passes all seven layers`, () => {
      const r = results.get(name) as ValidationResult;
      assert.equal(r.volet, 'pps');
      assert.deepEqual(r.layers.map((l) => l.layer), LAYERS_PPS);
      for (const layer of r.layers) {
        assert.deepEqual(layer.engineErrors, [], `${layer.layer} engine errors`);
        assert.deepEqual(layer.errors, [], `${layer.layer} errors`);
      }
      assert.equal(r.valid, true);
    });
  }

  for (const name of names.filter((n) => n.includes('FRCP'))) {
    test(`${name}: FRCP, fails exactly the author-specialty assert of CI-SIS_ModelesDeContenusCDA`, () => {
      const r = results.get(name) as ValidationResult;
      assert.equal(r.volet, 'frcp');
      assert.equal(r.valid, false);
      assert.deepEqual(r.layers.map((l) => l.layer), LAYERS_FRCP);
      for (const layer of r.layers) {
        assert.deepEqual(layer.engineErrors, [], `${layer.layer} engine errors`);
        if (layer.layer !== 'CI-SIS_ModelesDeContenusCDA') assert.deepEqual(layer.errors, [], `${layer.layer} errors`);
      }
      const mc = r.layers.find((l) => l.layer === 'CI-SIS_ModelesDeContenusCDA');
      assert.equal(mc?.errors.length, 1);
      const [error] = mc?.errors ?? [];
      assert.equal(error?.location, '/ClinicalDocument/component/structuredBody/component[10]/section/entry/observation/author/assignedAuthor/code');
      assert.equal(error?.pattern, 'JDV_assignedAuthorCode');
      assert.equal(error?.kind, 'assert');
      assert.equal(
        error?.message,
        "[dansJeuDeValeurs] L'élément author/assignedAuthor/code [G15_10/SCH10:Médecin - Chirurgie générale (SCH):1.2.250.1.213.1.1.4.5] doit faire partie du jeu de valeurs ../../jeuxDeValeurs/JDV_J01_XdsAuthorSpecialty_CISIS.xml.",
      );
    });
  }

  test('a second validator reuses the compiled rules from the disk cache and gives the same verdict', async () => {
    // Compiled schemas; the compiled XPath and rule plans (xpath-*.json, plans-*.json, written in the background) are tested with the mutation suite.
    const cached = (await readdir(compiledRulesDir(cacheDir))).filter((f) => f.endsWith('.json') && !f.startsWith('xpath-') && !f.startsWith('plans-'));
    assert.equal(cached.length, 7, `one compiled schema per schematron layer: ${cached.join(', ')}`);
    const again = createNodeValidator({ cacheDir });
    const name = names[2] as string;
    const [r] = await again.validateMany([{ name, text: await example(name) }]);
    assert.deepEqual(r, { ...(results.get(name) as ValidationResult), layers: r?.layers.map((l, i) => ({ ...(results.get(name) as ValidationResult).layers[i], durationMs: l.durationMs })) });
  });

  test('the volet can be forced: a PPS checked as an FRCP fails the FRCP volet layer', async () => {
    const [r] = await validator.validateMany([{ name: 'pps-as-frcp', text: await example(names[0] as string), volet: 'frcp' }]);
    assert.equal(r?.volet, 'frcp');
    const volet = r?.layers.find((l) => l.layer === 'CI-SIS_CANCER-FRCP_2022.01');
    assert.ok((volet?.errors.length ?? 0) > 0);
    assert.ok(volet?.errors.every((e) => e.kind === 'assert' && e.location.startsWith('/ClinicalDocument')));
  });

  test('a document that is not well-formed fails every layer without engine errors', async () => {
    const text = (await example(names[0] as string)).replace('</title>', '</titre>');
    const [r] = await validator.validateMany([{ name: 'broken.xml', text }]);
    assert.equal(r?.valid, false);
    assert.equal(r?.volet, 'pps');
    const xsd = r?.layers[0];
    assert.equal(xsd?.layer, 'xsd');
    assert.ok((xsd?.errors.length ?? 0) > 0);
    assert.ok(xsd?.errors.every((e) => typeof e.line === 'number'));
    for (const layer of r?.layers.slice(1) ?? []) {
      assert.equal(layer.errors.length, 1, layer.layer);
      assert.match(layer.errors[0]?.message ?? '', /not well-formed/);
      assert.deepEqual(layer.engineErrors, []);
    }
  });

  test('a CDA of another volet is refused with a clear error unless the volet is given', async () => {
    const text = (await example(names[0] as string)).replace('root="1.2.250.1.213.1.1.1.26"', 'root="1.2.250.1.213.1.1.1.99"');
    await assert.rejects(validator.validateMany([{ name: 'other.xml', text }]), (error: unknown) => {
      assert.ok(error instanceof VoletNotDetectedError);
      assert.match(error.message, /other\.xml: not a CANCER-PPS_2022\.01 \(templateId 1\.2\.250\.1\.213\.1\.1\.1\.26\)/);
      return true;
    });
  });
});

test('a missing kit folder is a KitNotFoundError naming the folder and ANS_KIT_DIR', () => {
  assert.throws(() => createNodeValidator({ kitDir: '/nonexistent/ans-kit' }), (error: unknown) => {
    assert.ok(error instanceof KitNotFoundError);
    assert.match(error.message, /\/nonexistent\/ans-kit/);
    assert.match(error.message, /ANS_KIT_DIR/);
    return true;
  });
});
