import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import type { CompiledSchemaEntry } from '../schema-cache.js';
import { COMPILED_SCHEMA_FORMAT } from '../schematron/model.js';
import { compiledRulesDir, ENGINE_VERSION } from './index.js';
import { createFolderSchemaStore, decodeEntry, encodeEntry } from './schema-store.js';

const entry = (n: number): CompiledSchemaEntry =>
  ({ schema: { format: COMPILED_SCHEMA_FORMAT, source: `s${n}.sch`, files: [`s${n}.sch`], patterns: [] }, hashes: [`h${n}`] }) as unknown as CompiledSchemaEntry;

describe('createFolderSchemaStore', () => {
  const temp = mkdtempSync(path.join(tmpdir(), 'schema-store-test-'));
  after(() => rmSync(temp, { recursive: true, force: true }));

  it('keeps entries in a folder only its user can read', async () => {
    const folder = path.join(temp, 'private', 'conformance');
    const store = createFolderSchemaStore(folder);
    await store.set('2:schematrons/a.sch', entry(1));
    assert.deepEqual(await store.get('2:schematrons/a.sch'), entry(1));
    assert.equal(statSync(folder).mode & 0o777, 0o700);
    for (const file of readdirSync(folder)) assert.equal(statSync(path.join(folder, file)).mode & 0o777, 0o600, file);
    assert.equal(await store.get('2:missing.sch'), undefined);
  });

  it('leaves one whole entry and no temporary file when many writers race on the same key', async () => {
    const folder = path.join(temp, 'race');
    const writers = Array.from({ length: 16 }, () => createFolderSchemaStore(folder));
    await Promise.all(writers.map((store, i) => store.set('k', entry(i))));
    const read = await writers[0]?.get('k');
    assert.ok(read && /^s\d+\.sch$/.test(read.schema.source), JSON.stringify(read));
    assert.deepEqual(readdirSync(folder), ['k.json']);
  });

  it('puts each engine version in its own folder', () => {
    assert.match(ENGINE_VERSION, /^\d+\.\d+\.\d+/);
    assert.equal(compiledRulesDir('/c'), path.join('/c', 'conformance', ENGINE_VERSION));
  });

  it("keeps each rule's items as text on disk and parses them when the rule is first read", async () => {
    const items = [
      { kind: 'let', name: 'v', expr: "count(//hl7:author)" },
      { kind: 'assert', test: '$v > 0', expr: 'boolean($v > 0)', role: 'error', id: undefined, message: [{ text: 'Un "auteur" : ' }, { expr: 'name()' }] },
    ];
    const rule = { context: 'hl7:ClinicalDocument', match: [{ select: '$__dcc_candidates/self::hl7:ClinicalDocument' }], items, id: 'r1' };
    const genuine = { schema: { format: COMPILED_SCHEMA_FORMAT, source: 's.sch', files: ['s.sch'], patterns: [{ id: 'p', name: 'p', rules: [rule] }] }, hashes: ['h'] } as unknown as CompiledSchemaEntry;
    const folder = path.join(temp, 'lazy');
    const store = createFolderSchemaStore(folder);
    await store.set('k', genuine);
    const raw = JSON.parse(readFileSync(path.join(folder, 'k.json'), 'utf8')) as { schema: { patterns: Array<{ rules: Array<{ items: unknown }> }> } };
    assert.equal(typeof raw.schema.patterns[0]?.rules[0]?.items, 'string');
    const read = await store.get('k');
    const readRule = read?.schema.patterns[0]?.rules[0];
    assert.ok(readRule);
    assert.equal(typeof Object.getOwnPropertyDescriptor(readRule, 'items')?.get, 'function', 'not parsed before use');
    assert.deepEqual(readRule.items, JSON.parse(JSON.stringify(items)));
    assert.equal(readRule.items, readRule.items, 'parsed once');
    assert.deepEqual(read, JSON.parse(JSON.stringify(genuine)));
    assert.deepEqual(decodeEntry(encodeEntry(genuine)), JSON.parse(JSON.stringify(genuine)));
  });

  it('refuses an entry of another encoding, and fails the rule (never passes it) when its items are damaged', async () => {
    const folder = path.join(temp, 'damaged');
    mkdirSync(folder, { recursive: true });
    const store = createFolderSchemaStore(folder);
    const plain = { schema: { format: COMPILED_SCHEMA_FORMAT, source: 's.sch', files: ['s.sch'], patterns: [{ id: 'p', name: 'p', rules: [{ context: 'x', match: [], items: [], id: undefined }] }] }, hashes: ['h'] };
    writeFileSync(path.join(folder, 'plain.json'), JSON.stringify(plain));
    assert.equal(await store.get('plain'), undefined, 'items not kept as text: compiled again');
    const damaged = structuredClone(plain) as unknown as { schema: { patterns: Array<{ rules: Array<{ items: unknown }> }> } };
    (damaged.schema.patterns[0]?.rules[0] as { items: unknown }).items = '[{"kind":';
    writeFileSync(path.join(folder, 'damaged.json'), JSON.stringify(damaged));
    const read = await store.get('damaged');
    assert.throws(() => read?.schema.patterns[0]?.rules[0]?.items, SyntaxError);
    (damaged.schema.patterns[0]?.rules[0] as { items: unknown }).items = '{"kind":"assert"}';
    writeFileSync(path.join(folder, 'object.json'), JSON.stringify(damaged));
    const object = await store.get('object');
    assert.throws(() => object?.schema.patterns[0]?.rules[0]?.items, /items in the compiled-rules cache are damaged/);
  });
});
