// The metadata, value-sets and ebrim modules run in the browser too: none of their compiled
// files may import a Node built-in (the tests beside them may).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

test('metadata, value-sets and ebrim import no Node built-in', () => {
  for (const folder of ['metadata', 'value-sets', 'ebrim']) {
    const dir = fileURLToPath(new URL(`./${folder}/`, import.meta.url));
    const files = readdirSync(dir).filter((f) => f.endsWith('.js') && !f.endsWith('.test.js'));
    assert.ok(files.length > 0, folder);
    for (const file of files) {
      const text = readFileSync(dir + file, 'utf8');
      assert.doesNotMatch(text, /from ['"](node:|fs['"]|path['"]|crypto['"]|buffer['"])/, `${folder}/${file}`);
      assert.doesNotMatch(text, /\bBuffer\.|\bprocess\./, `${folder}/${file}`);
    }
  }
});
