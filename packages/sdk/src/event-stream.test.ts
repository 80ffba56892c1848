// The SSE change feed iterator over real HTTP: events parsed across chunk boundaries, a dropped
// connection reopened with Last-Event-ID, the iteration ended by an AbortSignal.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { followEvents, retryAfterMs } from './event-stream.js';

test('followEvents: parses, resumes with Last-Event-ID after a drop, stops on abort', async () => {
  const seen: Array<string | undefined> = [];
  const server = createServer((req, res) => {
    seen.push(req.headers['last-event-id'] as string | undefined);
    assert.equal(req.headers.authorization, 'Bearer t0k');
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    const after = Number(req.headers['last-event-id'] ?? 0);
    res.write('retry: 10\n\n: comment\n\n');
    // two events, the second split across writes; then the connection drops
    res.write(`id: ${after + 1}\nevent: submission\ndata: {"seq":${after + 1}}\n\n`);
    res.write(`id: ${after + 2}\nevent: subm`);
    setTimeout(() => {
      res.write(`ission\ndata: {"seq":${after + 2}}\n\n`);
      res.end(); // the server closes the stream: the client reconnects
    }, 10);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  const abort = new AbortController();
  const got: number[] = [];
  const ids: string[] = [];
  for await (const e of followEvents<{ seq: number }>(
    { baseUrl: `http://127.0.0.1:${port}/api`, apiVersion: '2026-11-01', tokenProvider: { getToken: async () => 't0k' } },
    { lastEventId: 5, signal: abort.signal, reconnectDelayMs: 10 },
  )) {
    assert.equal(e.event, 'submission');
    got.push(e.data.seq);
    ids.push(e.id);
    if (got.length === 4) abort.abort();
  }
  server.closeAllConnections();
  server.close();
  assert.deepEqual(got, [6, 7, 8, 9]);
  assert.deepEqual(ids, ['6', '7', '8', '9']);
  assert.deepEqual(seen.slice(0, 2), ['5', '7']);
});

test('followEvents: a 429 (rate or open-feed limit) is waited out and the feed resumes from Last-Event-ID; a 401 ends it', async () => {
  const seen: Array<[number, string | undefined]> = [];
  let calls = 0;
  const server = createServer((req, res) => {
    calls += 1;
    seen.push([calls, req.headers['last-event-id'] as string | undefined]);
    if (calls === 2) {
      // Retry-After: 0 keeps the test fast; the wait it asks for is retryAfterMs's (tested below)
      res.writeHead(429, { 'content-type': 'application/problem+json', 'retry-after': '0' });
      res.end('{"status":429}');
      return;
    }
    if (calls === 4) {
      res.writeHead(401, { 'content-type': 'application/problem+json' });
      res.end('{"status":401}');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.end(`id: ${calls}\nevent: submission\ndata: {"seq":${calls}}\n\n`);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  const got: number[] = [];
  try {
    await assert.rejects(async () => {
      for await (const e of followEvents<{ seq: number }>({ baseUrl: `http://127.0.0.1:${port}`, apiVersion: '2026-11-01' }, { reconnectDelayMs: 5 })) got.push(e.data.seq);
    }, /answered 401/);
  } finally {
    server.closeAllConnections();
    server.close();
  }
  assert.deepEqual(got, [1, 3], 'the feed went on after the 429');
  assert.deepEqual(seen, [[1, undefined], [2, '1'], [3, '1'], [4, '3']]);
});

test('retryAfterMs: delay-seconds, bounded to a minute; anything else is not a delay', () => {
  assert.equal(retryAfterMs('5'), 5000);
  assert.equal(retryAfterMs(' 2 '), 2000);
  assert.equal(retryAfterMs('86400'), 60_000);
  assert.equal(retryAfterMs(null), undefined);
  assert.equal(retryAfterMs('Wed, 21 Oct 2026 07:28:00 GMT'), undefined);
  assert.equal(retryAfterMs('-1'), undefined);
});
