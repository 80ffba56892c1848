import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createMemoryLoader } from './loader.js';
import { type CompiledSchemaEntry, type CompiledSchemaStore, contentHash, createMemorySchemaStore, loadCompiledSchema } from './schema-cache.js';
import { SCHEMATRON_NS } from './schematron/compile.js';
import { COMPILED_SCHEMA_FORMAT, type CompiledSchema } from './schematron/model.js';

const MAIN = 'sch/main.sch';
const KEY = `${COMPILED_SCHEMA_FORMAT}:${MAIN}`;
const rule = (test: string): string => `<rule xmlns="${SCHEMATRON_NS}" context="x"><assert test="${test}">M</assert></rule>`;

function kit(): Map<string, string> {
  return new Map([
    [MAIN, `<schema xmlns="${SCHEMATRON_NS}" queryBinding="xslt2"><pattern id="p"><include href="inc/rule.sch"/></pattern></schema>`],
    ['sch/inc/rule.sch', rule('@a')],
    ['sch/unrelated.xml', '<x/>'],
  ]);
}

/** A memory store that records its calls. */
function recordingStore(): CompiledSchemaStore & { sets: string[]; gets: string[]; entry(key: string): Promise<CompiledSchemaEntry | undefined> } {
  const inner = createMemorySchemaStore();
  const sets: string[] = [];
  const gets: string[] = [];
  return {
    sets,
    gets,
    entry: (key) => inner.get(key),
    async get(key) {
      gets.push(key);
      return inner.get(key);
    },
    async set(key, entry) {
      sets.push(key);
      return inner.set(key, entry);
    },
  };
}

const testsOf = (schema: CompiledSchema): string[] => schema.patterns.flatMap((p) => p.rules.flatMap((r) => r.items.map((i) => (i.kind === 'let' ? i.name : i.test))));

describe('loadCompiledSchema', () => {
  it('stores a compiled schema with the hashes of the files it was built from, and reuses it while they are unchanged', async () => {
    const files = kit();
    const loader = createMemoryLoader(files);
    const store = recordingStore();
    const first = await loadCompiledSchema(loader, MAIN, store);
    assert.deepEqual(store.sets, [KEY]);
    assert.deepEqual(await store.entry(KEY), { schema: first, hashes: [contentHash(files.get(MAIN) ?? ''), contentHash(files.get('sch/inc/rule.sch') ?? '')] });
    assert.deepEqual(first.files, [MAIN, 'sch/inc/rule.sch']);

    // A file the schema does not use may change.
    files.set('sch/unrelated.xml', '<y/>');
    const second = await loadCompiledSchema(loader, MAIN, store);
    assert.equal(second, first, 'the stored object itself, not a recompilation');
    assert.deepEqual(store.sets, [KEY]);
    assert.deepEqual(store.gets, [KEY, KEY]);
  });

  it('recompiles, and stores again, when one included file changed', async () => {
    const files = kit();
    const loader = createMemoryLoader(files);
    const store = recordingStore();
    const first = await loadCompiledSchema(loader, MAIN, store);
    assert.deepEqual(testsOf(first), ['@a']);

    files.set('sch/inc/rule.sch', rule('@b'));
    const second = await loadCompiledSchema(loader, MAIN, store);
    assert.notEqual(second, first);
    assert.deepEqual(testsOf(second), ['@b']);
    assert.deepEqual(store.sets, [KEY, KEY]);
    assert.equal((await store.entry(KEY))?.schema, second);
    assert.equal(await loadCompiledSchema(loader, MAIN, store), second);
  });

  it('does not use an entry when a file it was built from has disappeared', async () => {
    const files = kit();
    const loader = createMemoryLoader(files, 'test kit');
    const store = createMemorySchemaStore();
    await loadCompiledSchema(loader, MAIN, store);
    files.delete('sch/inc/rule.sch');
    await assert.rejects(loadCompiledSchema(loader, MAIN, store), { name: 'SchematronCompileError', message: 'Cannot read sch/inc/rule.sch (included from sch/main.sch) in test kit' });
  });

  it('ignores an entry built for another source or another format', async () => {
    const files = kit();
    const loader = createMemoryLoader(files);
    const genuine = await loadCompiledSchema(loader, MAIN, undefined);
    const hashes = genuine.files.map((file) => contentHash(files.get(file) ?? ''));
    for (const schema of [{ ...genuine, source: 'other.sch' }, { ...genuine, format: COMPILED_SCHEMA_FORMAT + 1 }]) {
      const store = createMemorySchemaStore();
      await store.set(KEY, { schema, hashes });
      const loaded = await loadCompiledSchema(loader, MAIN, store);
      assert.notEqual(loaded, schema);
      assert.deepEqual(loaded, genuine);
    }
  });

  it('ignores a damaged entry (missing schema, files or hashes) and compiles', async () => {
    const loader = createMemoryLoader(kit());
    const genuine = await loadCompiledSchema(loader, MAIN, undefined);
    const { files: _files, ...withoutFiles } = genuine;
    const damaged = [{}, { schema: genuine }, { schema: withoutFiles, hashes: [] }, { schema: { format: COMPILED_SCHEMA_FORMAT, source: MAIN }, hashes: [] }];
    for (const entry of damaged) {
      const store = createMemorySchemaStore();
      await store.set(KEY, entry as unknown as CompiledSchemaEntry);
      assert.deepEqual(await loadCompiledSchema(loader, MAIN, store), genuine, JSON.stringify(Object.keys(entry)));
    }
  });

  it('compiles without a store', async () => {
    const schema = await loadCompiledSchema(createMemoryLoader(kit()), MAIN, undefined);
    assert.deepEqual(testsOf(schema), ['@a']);
  });

  it('does not fail when the store rejects or throws on set() or get()', async () => {
    const failing = (how: 'reject' | 'throw'): CompiledSchemaStore => {
      const fail = (): Promise<never> => {
        if (how === 'throw') throw new Error('read-only store');
        return Promise.reject(new Error('read-only store'));
      };
      return { get: fail, set: fail };
    };
    for (const how of ['reject', 'throw'] as const) {
      const schema = await loadCompiledSchema(createMemoryLoader(kit()), MAIN, failing(how));
      assert.deepEqual(testsOf(schema), ['@a'], how);
    }
  });
});

describe('contentHash', () => {
  it('is stable for a text and differs for a one-character change or a longer text', () => {
    assert.equal(contentHash('<rule/>'), contentHash('<rule/>'));
    assert.notEqual(contentHash('<rule a="1"/>'), contentHash('<rule a="2"/>'));
    assert.notEqual(contentHash('ab'), contentHash('ba'));
    assert.match(contentHash('abc'), /^[0-9a-z]+:3$/);
  });
});

describe('loadCompiledSchema with a loader that has its own content hash', () => {
  it('checks the entry with the loader\'s hash; an entry hashed otherwise is compiled again, then reused', async () => {
    const files = kit();
    const own = (text: string) => `own:${text.length}:${text}`;
    const loader = { ...createMemoryLoader(files), contentHash: async (path: string) => (files.has(path) ? own(files.get(path) ?? '') : undefined) };
    const store = recordingStore();
    const plain = await loadCompiledSchema(createMemoryLoader(files), MAIN, store); // cyrb53 hashes
    const first = await loadCompiledSchema(loader, MAIN, store);
    assert.notEqual(first, plain, 'other hashes: compiled again');
    assert.deepEqual((await store.entry(KEY))?.hashes, [own(files.get(MAIN) ?? ''), own(files.get('sch/inc/rule.sch') ?? '')]);
    assert.equal(await loadCompiledSchema(loader, MAIN, store), first);
    files.set('sch/inc/rule.sch', rule('@b'));
    const changed = await loadCompiledSchema(loader, MAIN, store);
    assert.deepEqual(testsOf(changed), ['@b']);
  });
});
