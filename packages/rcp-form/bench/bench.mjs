// npm run bench (keys part), printed, never asserted on time: how many keys a clinician presses
// to write the standard Fiche RCP and the standard PPS with the keyboard only (issue 13: RCP
// ≤ 700, PPS ≤ 400 once started from its RCP). Runs the two key-count browser tests
// (rcp-form.key-count / pps-editor.key-count, Chromium via web-test-runner; they assert those
// bounds) and prints their KEY-COUNT lines and where the keys go (KEY-FIELDS). Needs the packages built (`npm run build`).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const files = ['packages/rcp-form/dist/rcp-form.key-count.browser-test.js', 'packages/pps-editor/dist/pps-editor.key-count.browser-test.js'];
console.log('Keys to write a standard document with the keyboard only (Tab, typing, arrows, Enter):');
const run = spawnSync('npx', ['wtr', '--config', 'web-test-runner.config.mjs', ...files.flatMap((f) => ['--files', f])], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
const output = `${run.stdout ?? ''}\n${run.stderr ?? ''}`;
const counts = [...output.matchAll(/KEY-COUNT (\S+) (\d+) keys([^\n]*)/g)];
for (const [, what, keys, rest] of counts) console.log(`  ${what.padEnd(18)} ${keys.padStart(6)} keys${rest}`);
// Where the keys go (the first fields of each KEY-FIELDS line, most keys first).
for (const [, what, fields] of output.matchAll(/KEY-FIELDS (\S+) ([^\n]*)/g)) console.log(`  ${what.padEnd(18)} most keys: ${fields.split(', ').slice(0, 8).join(', ')}`);
if (run.status !== 0 || counts.length < files.length) {
  console.log(output.split('\n').filter((line) => /❌|Error|AssertionError/.test(line)).slice(0, 20).join('\n'));
  process.exit(1);
}
