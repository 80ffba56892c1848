// The options the server's process runs with: one source (SERVER_NODE_FLAGS), the bin's first line says them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { SERVER_HEAP_MB, SERVER_NODE_FLAGS } from './main-config.js';

test("the dcc-server bin starts node with SERVER_NODE_FLAGS (the main thread's heap limit)", () => {
  const firstLine = readFileSync(new URL('./main.js', import.meta.url), 'utf8').split('\n')[0];
  assert.equal(firstLine, `#!/usr/bin/env -S node ${SERVER_NODE_FLAGS.join(' ')}`);
  assert.deepEqual(SERVER_NODE_FLAGS, [`--max-old-space-size=${SERVER_HEAP_MB}`]);
});
