// The bin starts on its own, creates its PKI, prints its URLs, and answers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

test('dcc-dmp-simulator prints the SOAP and admin URLs and serves the admin API', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'dcc-dmp-sim-'));
  const child = spawn(process.execPath, [fileURLToPath(new URL('./main.js', import.meta.url)), '--port', '0', '--no-smtp'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const output = await new Promise<string>((resolve, reject) => {
      let text = '';
      const timer = setTimeout(() => reject(new Error(`no URLs printed in 20 s: ${text}`)), 20_000);
      child.stdout.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        if (text.includes('Test PKI:')) { clearTimeout(timer); resolve(text); }
      });
      child.stderr.on('data', (chunk: Buffer) => { text += chunk.toString(); });
      child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`exited ${code}: ${text}`)); });
    });
    const admin = /admin: (http:\/\/\S+)/.exec(output)?.[1];
    assert.ok(admin, output);
    assert.match(output, /SOAP: http:\/\/127\.0\.0\.1:\d+\/si-dmp-server\/v2\/services/);
    const patients = (await (await fetch(`${admin}/patients`)).json()) as unknown[];
    assert.ok(patients.length >= 6);
    assert.equal((await stat(join(dir, '.data/dmp-simulator/pki'))).mode & 0o777, 0o700);
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    await rm(dir, { recursive: true, force: true });
  }
});
