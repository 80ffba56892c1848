// The SSE change feed iterator over real HTTP: events parsed across chunk boundaries, a dropped
// connection reopened with Last-Event-ID, the iteration ended by an AbortSignal.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { followEvents } from './event-stream.js';

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
