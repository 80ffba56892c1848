// The server and openapi.json describe the same API: same routes, and every request body
// schema the server checks exists in the spec.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer, type LogEntry } from './app.js';
import { openapi, openapiPath } from './openapi.js';
import { openStore } from './main-config.js';
import { REQUEST_SCHEMAS } from './validation/request-schemas.js';
import { OpenApiSchemas } from './validation/openapi-schemas.js';

test('every route the server registers is in openapi.json, and every spec operation is served', async () => {
  const store = await openStore({ memory: true });
  try {
    const app = createServer({ store, sessionKey: randomBytes(32), oidc: { discoveryUrl: 'http://127.0.0.1:1/x', clientId: 'a', clientSecret: 'b' }, logger: () => undefined });
    const served = app.router.routes.map((r) => `${r.method} ${r.template}`).sort();
    const { doc } = openapi();
    const specified = Object.entries(doc.paths)
      .flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`))
      .sort();
    assert.deepEqual(served, specified);
  } finally {
    await store.close();
  }
});

test('openapi.json: 3.1, security schemes, problem schema, every $ref resolves, every operation has an id', () => {
  const text = readFileSync(openapiPath, 'utf8');
  const doc = JSON.parse(text) as { openapi: string; components: Record<string, Record<string, unknown>>; paths: Record<string, Record<string, { operationId?: string }>> };
  assert.equal(doc.openapi, '3.1.0');
  assert.deepEqual(Object.keys(doc.components.securitySchemes!).sort(), ['bearer', 'session']);
  assert.ok(doc.components.schemas!.Problem);
  const { checker } = openapi();
  for (const m of text.matchAll(/"\$ref": "([^"]+)"/g)) assert.ok(checker.resolve({ $ref: m[1] }), m[1]);
  const ids = Object.values(doc.paths).flatMap((item) => Object.values(item).map((op) => op.operationId));
  assert.ok(ids.every((id) => typeof id === 'string'));
  assert.equal(new Set(ids).size, ids.length);
  // the server checks request bodies only against schemas that exist
  for (const name of REQUEST_SCHEMAS) assert.ok(doc.components.schemas![name], name);
  const bodies = Object.values(doc.paths).flatMap((item) =>
    Object.values(item).flatMap((op) => {
      const ref = (op as { requestBody?: { content?: { 'application/json'?: { schema?: { $ref?: string } } } } }).requestBody?.content?.['application/json']?.schema?.$ref;
      return ref ? [ref.split('/').pop()!] : [];
    }),
  );
  assert.deepEqual([...new Set(bodies)].sort(), [...REQUEST_SCHEMAS].sort(), 'every JSON request body of the spec is checked by the server');
});

test('every operation but health and login answers 401 problem+json without credentials; an unexpected error is a bare 500', async () => {
  const store = await openStore({ memory: true });
  const logs: LogEntry[] = [];
  const app = createServer({ store, sessionKey: randomBytes(32), oidc: { discoveryUrl: 'http://127.0.0.1:1/x', clientId: 'a', clientSecret: 'b' }, logger: (e) => logs.push(e) });
  // A route that fails the way a bug or a database error would, with health data in the message.
  app.router.add('GET', '/boom', async () => {
    throw new TypeError('INS 273064900708440 of DURAND Hélène');
  });
  const { url } = await app.listen(0);
  try {
    const { doc } = openapi();
    const id = '0b9f3c4e-8d2a-4f51-9c1e-2a3b4c5d6e7f';
    for (const [template, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        if (Array.isArray(op.security) && op.security.length === 0) continue;
        const res = await fetch(`${url}${template.replace('{id}', id).replace('{n}', '1')}`, { method: method.toUpperCase() });
        assert.equal(res.status, 401, `${method} ${template}`);
        assert.match(res.headers.get('content-type') ?? '', /^application\/problem\+json/);
        assert.equal(res.headers.get('www-authenticate'), 'Bearer');
        await res.body?.cancel();
      }
    }
    const res = await fetch(`${url}/boom`);
    const text = await res.text();
    assert.equal(res.status, 500);
    assert.match(res.headers.get('content-type') ?? '', /^application\/problem\+json/);
    const body = JSON.parse(text) as { type: string; requestId: string };
    assert.match(body.type, /internal-error/);
    assert.equal(body.requestId, res.headers.get('x-request-id'));
    assert.doesNotMatch(text, /273064900708440|DURAND|TypeError|\bat\b/);
    const entry = logs.find((l) => l.route === '/boom')!;
    assert.deepEqual([entry.status, entry.level, entry.error], [500, 'error', 'TypeError']);
    assert.doesNotMatch(JSON.stringify(logs), /273064900708440|DURAND/);
  } finally {
    await app.close();
    await store.close();
  }
});

test('openapi.json embeds the published PPS/FRCP JSON Schemas of @dcc-kit/cda; the examples match them under Ajv', () => {
  const { doc } = openapi();
  const schemas = doc.components.schemas;
  const require = createRequire(import.meta.url);
  for (const [volet, title] of [['pps', 'PpsDocument'], ['frcp', 'FrcpDocument']] as const) {
    const published = JSON.parse(readFileSync(require.resolve(`@dcc-kit/cda/schema/${volet}.schema.json`), 'utf8')) as { required: string[]; properties: Record<string, unknown>; $defs: Record<string, unknown> };
    const embedded = schemas[title] as { required: string[]; properties: Record<string, unknown> };
    assert.ok(embedded, title);
    assert.deepEqual(embedded.required, published.required, `${title}: regenerate openapi.json (node packages/server/scripts/write-openapi.mjs)`);
    assert.deepEqual(Object.keys(embedded.properties), Object.keys(published.properties), title);
    for (const def of Object.keys(published.$defs)) assert.ok(schemas[`cda.${def}`] ?? schemas[`${volet}.${def}`], `${volet} $defs/${def}`);
    // The complete model schema (not the request-time draft override), compiled strictly by Ajv.
    const strict = new OpenApiSchemas(doc);
    for (const example of examples(volet)) assert.deepEqual(strict.check(title, example.model), [], `${volet}/${example.name}`);
  }
});

function examples(volet: 'pps' | 'frcp'): Array<{ name: string; model: unknown }> {
  const dir = fileURLToPath(new URL(`../../cda/examples/${volet}/`, import.meta.url));
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((name) => ({ name, model: JSON.parse(readFileSync(join(dir, name), 'utf8')) as unknown }));
}
