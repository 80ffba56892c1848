import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { createXsdValidator, type XsdValidator } from '../xsd.js';
import { createFsLoader } from './fs-loader.js';
import { createNodeValidator } from './index.js';
import { resolveKitDir } from './kit-dir.js';
import { startXsdThread } from './xsd-thread.js';

const kitDir = resolveKitDir();
const PPS = `${kitDir}/ExemplesCDA/CANCER-PPS_2022.01_feuille-de-style-externe.xml`;

describe('startXsdThread', () => {
  let pps: string;
  let here: XsdValidator;
  before(async () => {
    pps = await readFile(PPS, 'utf8');
    here = await createXsdValidator(createFsLoader(kitDir));
  });
  after(() => here.dispose());

  it('gives the issues the validator of this thread gives: valid, invalid, not well-formed', async () => {
    const thread = startXsdThread({ kitDir });
    const validator = await thread.validator;
    const docs = [
      { name: 'valid.xml', text: pps },
      { name: 'invalid.xml', text: pps.replace('<title>', '<bogus/><title>') },
      { name: 'broken.xml', text: pps.replace('</title>', '</titl>') },
    ];
    const expected = await here.validateMany(docs);
    assert.deepEqual(expected[0], []);
    assert.ok((expected[1]?.length ?? 0) > 0 && (expected[2]?.length ?? 0) > 0);
    assert.deepEqual(await validator.validateMany(docs), expected);
    assert.deepEqual(await validator.validate(docs[1]?.text ?? '', 'invalid.xml'), expected[1]);
    validator.dispose();
    await assert.rejects(validator.validate(pps), /disposed/);
  });

  it('rejects with the reason when the schema cannot be compiled, and close() ends the thread at once', async () => {
    const failing = startXsdThread({ kitDir, schemaPath: 'infrastructure/cda/absent.xsd' });
    await assert.rejects(failing.validator, /XML schema file infrastructure\/cda\/absent\.xsd does not exist/);
    const closed = startXsdThread({ kitDir });
    closed.close(); // before the compilation ends
    await assert.rejects(closed.validator, /disposed|stopped/);
  });
});

describe('createNodeValidator with the XML schema on its own thread', () => {
  it('gives the same verdict as with every layer in this thread', async () => {
    const text = (await readFile(PPS, 'utf8')).replace('<title>', '<bogus/><title>');
    const inThread = createNodeValidator({ cacheDir: false });
    const split = createNodeValidator({ cacheDir: false, xsdThread: true });
    try {
      const strip = (r: Awaited<ReturnType<typeof inThread.validate>>) => ({ ...r, layers: r.layers.map(({ durationMs: _ms, ...layer }) => layer) });
      const [a, b] = [await inThread.validate(text, { name: 'doc.xml' }), await split.validate(text, { name: 'doc.xml' })];
      assert.equal(a.valid, false);
      assert.ok((a.layers[0]?.errors.length ?? 0) > 0, 'the xsd layer finds the element');
      assert.deepEqual(strip(b), strip(a));
      assert.deepEqual(strip(await split.validate(text, { name: 'doc.xml', layers: ['xsd'] })).layers, strip(a).layers.slice(0, 1));
    } finally {
      inThread.dispose();
      split.dispose();
    }
  });
});
