#!/usr/bin/env node
// The main job, for now: the conformance verdict of the ANS kit's official examples,
// through the `dcc validate` command (demo and backend arrive with their issues).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { resolveKitDir } = await import('../packages/conformance/dist/node/index.js');
let kitDir;
try {
  kitDir = resolveKitDir();
} catch (error) {
  console.error(error.message);
  process.exit(2);
}
const examples = readdirSync(join(kitDir, 'ExemplesCDA')).filter((f) => f.endsWith('.xml')).map((f) => join(kitDir, 'ExemplesCDA', f));
console.log(`Validating the ${examples.length} official examples of ${kitDir} against the seven layers:\n`);
const result = spawnSync(process.execPath, [join(root, 'packages/cli/bin/dcc.js'), 'validate', ...examples, ...process.argv.slice(2)], { stdio: 'inherit' });
console.log('\n(The two FRCP examples are expected to fail one assert: the kit itself rejects their author specialty G15_10/SCH10.)');
process.exit(result.status === 1 ? 0 : (result.status ?? 1));
