import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import type { CompiledSchemaEntry } from '../schema-cache.js';
import { COMPILED_SCHEMA_FORMAT } from '../schematron/model.js';
import { compiledRulesDir, ENGINE_VERSION } from './index.js';
import { createFolderSchemaStore } from './schema-store.js';

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
});
