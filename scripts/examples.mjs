#!/usr/bin/env node
// `npm run examples`: build every example input of packages/cda/examples with `dcc build`
// into out/, then give the ANS kit's verdict (seven layers, `dcc validate`) on those
// documents and on the kit's official examples. (`npm start` runs the demo: scripts/start.mjs.)
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { exampleNames, examplesDir } from '@dcc-kit/cda/examples';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveKitDir } from '@dcc-kit/conformance/kit';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// The `dcc` bin as @dcc-kit/cli declares it (its package.json is exported).
const cliManifest = fileURLToPath(import.meta.resolve('@dcc-kit/cli/package.json'));
const dcc = join(dirname(cliManifest), JSON.parse(readFileSync(cliManifest, 'utf8')).bin.dcc);
let kitDir;
try {
  kitDir = resolveKitDir();
} catch (error) {
  console.error(error.message);
  process.exit(2);
}

const out = join(root, 'out');
mkdirSync(out, { recursive: true });
const built = [];
for (const volet of ['pps', 'frcp']) {
  for (const file of exampleNames(volet)) {
    const target = join(out, `${volet}-${file.replace(/\.json$/, '.xml')}`);
    const r = spawnSync(process.execPath, [dcc, 'build', volet, join(examplesDir(volet), file), '-o', target], { stdio: 'inherit' });
    if (r.status !== 0) process.exit(r.status ?? 1);
    built.push(target);
  }
}
console.log(`Built ${built.length} documents from packages/cda/examples into ${out}. Their verdict:\n`);
const ours = spawnSync(process.execPath, [dcc, 'validate', ...built], { stdio: 'inherit' });

const examples = readdirSync(join(kitDir, 'ExemplesCDA')).filter((f) => f.endsWith('.xml')).map((f) => join(kitDir, 'ExemplesCDA', f));
console.log(`\nFor comparison, the ${examples.length} official examples of ${kitDir}:\n`);
spawnSync(process.execPath, [dcc, 'validate', ...examples], { stdio: 'inherit' });
console.log('\n(The two official FRCP examples fail one assert: the kit itself rejects their author specialty G15_10/SCH10.)');
process.exit(ours.status ?? 1);
