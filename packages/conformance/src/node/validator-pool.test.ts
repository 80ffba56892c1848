import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ValidationResult } from '../validator.js';
import { VoletNotDetectedError } from '../validator.js';
import { createNodeValidator, createValidatorPool, resolveKitDir, type ValidatorPool } from './index.js';
import { planSplit } from './validator-pool.js';
import type { LayerSlot } from '../layers.js';

/** A verdict without its timings. */
const verdict = (r: ValidationResult) => ({ volet: r.volet, valid: r.valid, layers: r.layers.map(({ durationMs: _ms, ...rest }) => rest) });

describe('createValidatorPool', () => {
  const kitDir = resolveKitDir();
  const texts = new Map<string, string>();
  let pool: ValidatorPool;

  before(async () => {
    for (const name of ['CANCER-PPS_2022.01_feuille-de-style-externe.xml', 'CANCER-FRCP_2022.01_Appareil.xml']) {
      texts.set(name, await readFile(path.join(kitDir, 'ExemplesCDA', name), 'utf8'));
    }
    pool = createValidatorPool({ size: 2, cacheDir: false });
    await pool.warmUp();
  });
  after(() => pool.close());

  const text = (name: string) => texts.get(name) as string;

  it('gives the in-process verdict, whether one document is split over two workers or documents run side by side', async () => {
    const local = createNodeValidator({ cacheDir: false });
    const frcp = text('CANCER-FRCP_2022.01_Appareil.xml').replace('<title>', '<title>\n<bogus/>');
    const docs = [
      { name: 'pps.xml', text: text('CANCER-PPS_2022.01_feuille-de-style-externe.xml') },
      { name: 'frcp.xml', text: frcp },
    ];
    const expected = (await local.validateMany(docs)).map(verdict);
    local.dispose();
    assert.equal(expected[1]?.valid, false);
    // Alone: the pool is idle, so the layers are split over both workers.
    for (const [i, doc] of docs.entries()) assert.deepEqual(verdict(await pool.validate(doc.text, { name: doc.name })), expected[i]);
    // Together: one whole verdict per worker.
    assert.deepEqual((await pool.validateMany([...docs, ...docs])).map(verdict), [...expected, ...expected]);
  });

  it('runs only the layers asked for', async () => {
    const result = await pool.validate(text('CANCER-PPS_2022.01_feuille-de-style-externe.xml'), { layers: ['xsd', 'volet'] });
    assert.deepEqual(result.layers.map((l) => l.layer), ['xsd', 'CI-SIS_CANCER-PPS_2022.01']);
  });

  it('rejects with VoletNotDetectedError when no volet can be found, and keeps working', async () => {
    const unknown = text('CANCER-PPS_2022.01_feuille-de-style-externe.xml').replace('root="1.2.250.1.213.1.1.1.26"', 'root="1.2.250.1.213.1.1.1.99"');
    await assert.rejects(pool.validate(unknown, { name: 'unknown.xml' }), (error: Error) => error instanceof VoletNotDetectedError && /unknown\.xml: not a CANCER-PPS/.test(error.message));
    assert.equal((await pool.validate(unknown, { volet: 'pps' })).volet, 'pps');
  });

  it('refuses a size that is not a positive integer, and work after close', async () => {
    assert.throws(() => createValidatorPool({ size: 0 }), /positive integer/);
    assert.throws(() => createValidatorPool({ size: 1, maxHeapMb: 32 }), /heap limit must be an integer of at least 64 MB/);
    const small = createValidatorPool({ size: 1, cacheDir: false });
    await small.close();
    await assert.rejects(small.validate('<x/>'), /closed/);
  });
});

describe('createValidatorPool with soleLayers', () => {
  const kitDir = resolveKitDir();
  let pool: ValidatorPool;
  before(async () => {
    pool = createValidatorPool({ size: 2, cacheDir: false, soleLayers: ['terminologie', 'xsd'] });
    await pool.warmUp();
  });
  after(() => pool.close());

  it('gives the in-process verdict alone, side by side and for a partial validation, each sole layer running on its worker only', async () => {
    const read = (name: string) => readFile(path.join(kitDir, 'ExemplesCDA', name), 'utf8');
    const pps = await read('CANCER-PPS_2022.01_feuille-de-style-externe.xml');
    // A code CIM-10 does not have, so that the terminologie layer has findings to return.
    const frcp = (await read('CANCER-FRCP_2022.01_Appareil.xml')).replace('code="C50.2"', 'code="C50.99"');
    const docs = [
      { name: 'pps.xml', text: pps },
      { name: 'frcp.xml', text: frcp },
    ];
    const local = createNodeValidator({ cacheDir: false });
    const expected = (await local.validateMany(docs)).map(verdict);
    const partial = verdict(await local.validate(frcp, { layers: ['terminologie', 'IHE'] }));
    local.dispose();
    assert.equal(expected[1]?.layers.find((l) => l.layer === 'terminologie')?.valid, false);
    for (const [i, doc] of docs.entries()) assert.deepEqual(verdict(await pool.validate(doc.text, { name: doc.name })), expected[i]);
    // Six at once: each worker hands the layer it lacks (xsd, terminologie) to the other.
    assert.deepEqual((await pool.validateMany([...docs, ...docs, ...docs])).map(verdict), [...expected, ...expected, ...expected]);
    assert.deepEqual((await Promise.all([pool.validate(frcp, { layers: ['terminologie', 'IHE'] }), pool.validate(frcp, { layers: ['terminologie', 'IHE'] })])).map(verdict), [partial, partial]);
    const memory = await pool.memory();
    assert.deepEqual(memory.map((m) => m.lacks), [['xsd'], ['terminologie']]);
    for (const m of memory) assert.ok(m.heapUsed > 0 && m.heapTotal >= m.heapUsed && m.external >= m.arrayBuffers);
  });

  it('refuses an unknown layer', () => {
    assert.throws(() => createValidatorPool({ size: 2, soleLayers: ['nope' as LayerSlot] }), /Unknown layer in soleLayers: nope/);
  });
});

describe('planSplit', () => {
  const estimates = (entries: Record<string, number>) => new Map(Object.entries(entries) as Array<[LayerSlot | 'parse', number]>);
  const base = { xsd: 20, IHE: 30, 'CI-SIS_ModelesDeContenusCDA': 15, 'CI-SIS_Modeles_ANS': 10, terminologie: 25, volet: 5 };

  it('puts a dominant layer alone against all the others, each half with its parse', () => {
    assert.deepEqual(planSplit(estimates({ ...base, 'ASIP-STRUCT-MIN-StrucMin': 650, parse: 40 })), [
      ['ASIP-STRUCT-MIN-StrucMin'],
      ['IHE', 'terminologie', 'xsd', 'CI-SIS_ModelesDeContenusCDA', 'CI-SIS_Modeles_ANS', 'volet'],
    ]);
  });

  it('does not split when a second parse would eat the gain', () => {
    const tiny = { xsd: 5, IHE: 5, 'ASIP-STRUCT-MIN-StrucMin': 5, 'CI-SIS_ModelesDeContenusCDA': 5, 'CI-SIS_Modeles_ANS': 5, terminologie: 5, volet: 5 };
    assert.equal(planSplit(estimates({ ...tiny, parse: 400 })), undefined);
  });

  it('places the seeds first, each in its half, and balances the rest around them', () => {
    assert.deepEqual(planSplit(estimates({ ...base, 'ASIP-STRUCT-MIN-StrucMin': 650, parse: 40 }), [['terminologie'], ['xsd']]), [
      ['terminologie', 'IHE', 'CI-SIS_ModelesDeContenusCDA', 'CI-SIS_Modeles_ANS', 'volet'],
      ['xsd', 'ASIP-STRUCT-MIN-StrucMin'],
    ]);
  });

  it('balances comparable layers, and lets the XSD layer go without a parse', () => {
    const plan = planSplit(estimates({ ...base, xsd: 100, 'ASIP-STRUCT-MIN-StrucMin': 90, parse: 10 }));
    assert.ok(plan);
    const [first, second] = plan;
    // 150 ms (xsd 100 + the rest of its half 40 + one parse 10) against 145 ms (StrucMin, IHE, MC + a parse).
    // xsd (100) opens a half that pays no parse; StrucMin (90) + a parse opens the other.
    assert.deepEqual([first, second], [['xsd', 'terminologie', 'CI-SIS_Modeles_ANS', 'volet'], ['ASIP-STRUCT-MIN-StrucMin', 'IHE', 'CI-SIS_ModelesDeContenusCDA']]);
  });
});
