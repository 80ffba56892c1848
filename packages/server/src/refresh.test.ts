// Session refresh: the server refreshes PSC tokens itself, once for concurrent requests
// (single-flight), and a session whose refresh fails ends (401).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { DR_LE_GUEN } from '@dcc-kit/psc-emulator';
import { ApiClient, startStack, type Stack } from './testing/harness.js';

let stack: Stack;
// The server's clock: the test moves it instead of sleeping (the sessions' token lifetimes are
// counted on it; PSC's own checks run on real time, which barely moves).
let clockOffset = 0;
const now = () => Date.now() + clockOffset;
const advance = (ms: number) => {
  clockOffset += ms;
};
before(async () => {
  // 2 s access tokens: refreshed when less than a quarter of their life is left
  stack = await startStack('pglite', { accessTokenTtl: 2, server: { now } });
});
after(async () => stack?.close());

test('an expiring access token is refreshed once for five concurrent requests; a dead refresh ends the session', async () => {
  const client = new ApiClient(stack.url);
  await client.login(DR_LE_GUEN);
  const before = stack.app.auth.refreshCount;
  assert.equal((await client.get('/auth/session')).status, 200);
  assert.equal(stack.app.auth.refreshCount, before, 'fresh token: no refresh');
  advance(1700);
  const answers = await Promise.all(Array.from({ length: 5 }, () => client.get('/patients')));
  assert.deepEqual(answers.map((a) => a.status), [200, 200, 200, 200, 200]);
  assert.equal(stack.app.auth.refreshCount, before + 1, 'one refresh grant for all');
  // PSC ending the grant (here: the emulator shut down, the refresh cannot succeed) ends the session
  await stack.psc.close();
  advance(1700);
  assert.equal((await client.get('/patients')).status, 401);
  assert.equal((await client.get('/patients')).status, 401);
});
