import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { createFsLoader } from './fs-loader.js';

describe('createFsLoader', () => {
  const temp = mkdtempSync(path.join(tmpdir(), 'fs-loader-test-'));
  const kit = path.join(temp, 'kit');
  mkdirSync(path.join(kit, 'schematrons', 'include'), { recursive: true });
  writeFileSync(path.join(kit, 'schematrons', 'include', 'a.sch'), 'contenu é');
  writeFileSync(path.join(temp, 'secret.txt'), 'outside');
  const loader = createFsLoader(kit);
  after(() => rmSync(temp, { recursive: true, force: true }));

  it('reads kit-relative paths as UTF-8, including paths with . and .. segments that stay inside', async () => {
    assert.equal(loader.description, kit);
    assert.equal(await loader.readText('schematrons/include/a.sch'), 'contenu é');
    assert.equal(await loader.readText('schematrons/./other/../include/a.sch'), 'contenu é');
  });

  it('hashes a file\'s bytes (SHA-256), undefined for a missing file, with the same path rules', async () => {
    const first = await loader.contentHash?.('schematrons/include/a.sch');
    assert.equal(first, `sha256:${createHash('sha256').update('contenu é', 'utf8').digest('base64')}`);
    assert.equal(await loader.contentHash?.('schematrons/./include/a.sch'), first);
    assert.equal(await loader.contentHash?.('schematrons/missing.sch'), undefined);
    await assert.rejects(loader.contentHash?.('../secret.txt') ?? Promise.resolve(), /leads outside the kit folder/);
    writeFileSync(path.join(kit, 'schematrons', 'include', 'b.sch'), 'contenu e');
    assert.notEqual(await loader.contentHash?.('schematrons/include/b.sch'), first);
  });

  it('resolves undefined for a missing file, or a path through a file', async () => {
    assert.equal(await loader.readText('schematrons/missing.sch'), undefined);
    assert.equal(await loader.readText('schematrons/include/a.sch/below'), undefined);
  });

  it('refuses paths escaping the kit folder', async () => {
    await assert.rejects(loader.readText('../secret.txt'), /Refusing to read "\.\.\/secret\.txt" from the kit folder .*: the path leads outside the kit folder/);
    await assert.rejects(loader.readText('schematrons/../../secret.txt'), /leads outside the kit folder/);
    await assert.rejects(loader.readText(path.join(temp, 'secret.txt')), /kit paths are relative/);
    await assert.rejects(loader.readText('..\\secret.txt'), /'\/'-separated/);
  });

  it('rejects with a clear message on other read errors', async () => {
    await assert.rejects(loader.readText('schematrons'), (error: Error) => {
      assert.match(error.message, /^Cannot read schematrons from the kit folder .*kit: EISDIR/);
      return true;
    });
  });
});
