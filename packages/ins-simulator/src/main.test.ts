// The dcc-insi-simulator command: starts on the port given (0 here), prints its URLs, answers
// the admin side door, stops on SIGTERM.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

test('dcc-insi-simulator --port 0 --no-tls prints its URLs and serves them', async () => {
  const child = spawn(process.execPath, [fileURLToPath(new URL('./main.js', import.meta.url)), '--port', '0', '--no-tls'], { stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const adminUrl = await new Promise<string>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`no URL printed within 20 s: ${out}`)), 20_000);
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString('utf8');
        const m = /INSi simulator admin: (\S+)/.exec(out);
        if (m) { clearTimeout(timer); resolve(m[1]!); }
      });
      child.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
    });
    assert.match(adminUrl, /^http:\/\/127\.0\.0\.1:\d+\/admin$/);
    const r = await fetch(`${adminUrl}/identities`);
    assert.equal(r.status, 200);
    assert.ok(((await r.json()) as unknown[]).length >= 10);
  } finally {
    child.kill('SIGTERM');
  }
});
