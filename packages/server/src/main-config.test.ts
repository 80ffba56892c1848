// The options and environment the server's process runs with: one source (SERVER_NODE_FLAGS,
// SERVER_ENVIRONMENT), the bin's first line says them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { SERVER_ENVIRONMENT, SERVER_HEAP_MB, SERVER_NODE_FLAGS } from './main-config.js';

test("the dcc-server bin starts node with SERVER_ENVIRONMENT and SERVER_NODE_FLAGS (glibc's arenas, the main thread's heap limit)", () => {
  const firstLine = readFileSync(new URL('./main.js', import.meta.url), 'utf8').split('\n')[0];
  const environment = Object.entries(SERVER_ENVIRONMENT).map(([name, value]) => `${name}=${value}`);
  assert.equal(firstLine, `#!/usr/bin/env -S ${[...environment, 'node', ...SERVER_NODE_FLAGS].join(' ')}`);
  assert.deepEqual(SERVER_ENVIRONMENT, { MALLOC_ARENA_MAX: '2' });
  assert.deepEqual(SERVER_NODE_FLAGS, [`--max-old-space-size=${SERVER_HEAP_MB}`]);
});
