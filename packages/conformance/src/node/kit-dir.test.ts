import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, afterEach, beforeEach, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { KitNotFoundError, resolveKitDir } from './kit-dir.js';

const FIX_HINT = 'Set ANS_KIT_DIR to the folder holding the ANS TestContenuCDA kit data';

describe('resolveKitDir', () => {
  const temp = mkdtempSync(path.join(tmpdir(), 'kit-dir-test-'));
  const savedEnv = process.env.ANS_KIT_DIR;

  /** A folder laid out like the kit, with only the entries resolveKitDir checks. */
  function fakeKit(name: string, entries: { schematrons?: boolean; xsd?: boolean } = {}): string {
    const folder = path.join(temp, name);
    mkdirSync(folder, { recursive: true });
    if (entries.schematrons ?? true) mkdirSync(path.join(folder, 'schematrons'));
    if (entries.xsd ?? true) {
      mkdirSync(path.join(folder, 'infrastructure', 'cda'), { recursive: true });
      writeFileSync(path.join(folder, 'infrastructure', 'cda', 'CDA_extended.xsd'), '<xs:schema/>');
    }
    return folder;
  }

  function thrown(run: () => unknown): KitNotFoundError {
    try {
      run();
    } catch (error) {
      assert.ok(error instanceof KitNotFoundError, String(error));
      return error;
    }
    assert.fail('resolveKitDir did not throw');
  }

  beforeEach(() => {
    delete process.env.ANS_KIT_DIR;
  });
  afterEach(() => {
    if (savedEnv === undefined) delete process.env.ANS_KIT_DIR;
    else process.env.ANS_KIT_DIR = savedEnv;
  });
  after(() => rmSync(temp, { recursive: true, force: true }));

  it('prefers the explicit option, then ANS_KIT_DIR', () => {
    const fromOption = fakeKit('option-kit');
    const fromEnv = fakeKit('env-kit');
    process.env.ANS_KIT_DIR = fromEnv;
    assert.equal(resolveKitDir(fromOption), fromOption);
    assert.equal(resolveKitDir(), fromEnv);
  });

  it('resolves a relative option against the current directory', () => {
    const kit = fakeKit('relative-kit');
    assert.equal(resolveKitDir(path.relative(process.cwd(), kit)), kit);
  });

  it('throws KitNotFoundError for an empty folder, saying which path, how it was chosen and how to fix it', () => {
    const empty = path.join(temp, 'empty');
    mkdirSync(empty);
    const error = thrown(() => resolveKitDir(empty));
    assert.equal(error.name, 'KitNotFoundError');
    assert.equal(error.kitDir, empty);
    assert.equal(error.source, 'option');
    assert.equal(
      error.message,
      `ANS TestContenuCDA kit not found at ${empty} (given explicitly): missing schematrons/ and infrastructure/cda/CDA_extended.xsd. ` +
        `${FIX_HINT} (the folder containing schematrons/ and infrastructure/cda/CDA_extended.xsd).`,
    );
  });

  it('names ANS_KIT_DIR when the folder came from it, and the missing entry', () => {
    process.env.ANS_KIT_DIR = fakeKit('no-xsd', { xsd: false });
    const error = thrown(() => resolveKitDir());
    assert.equal(error.source, 'ANS_KIT_DIR');
    assert.match(error.message, /\(from ANS_KIT_DIR\): missing infrastructure\/cda\/CDA_extended\.xsd\. Set ANS_KIT_DIR/);
  });

  it('says when the folder does not exist or is a file', () => {
    const missing = path.join(temp, 'does-not-exist');
    assert.match(thrown(() => resolveKitDir(missing)).message, /kit not found at .*does-not-exist \(given explicitly\): the folder does not exist\./);
    const file = path.join(temp, 'a-file');
    writeFileSync(file, '');
    assert.match(thrown(() => resolveKitDir(file)).message, /: it is not a folder\./);
    assert.match(thrown(() => resolveKitDir(fakeKit('no-schematrons', { schematrons: false }))).message, /: missing schematrons\/\./);
  });

  it('defaults to ../shared/ans-testcontenucda from the repository root', () => {
    // This test file is packages/conformance/dist/node/kit-dir.test.js.
    const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
    const expected = path.resolve(repositoryRoot, '../shared/ans-testcontenucda');
    try {
      assert.equal(resolveKitDir(), expected);
    } catch (error) {
      // No kit at the default place on this machine: the error must still say where it looked.
      assert.ok(error instanceof KitNotFoundError, String(error));
      assert.equal(error.source, 'default');
      assert.equal(error.kitDir, expected);
      assert.match(error.message, /\(the default, \.\.\/shared\/ans-testcontenucda from the repository root\)/);
    }
  });
});
