// Writes packages/server/openapi.json, the authoritative HTTP contract of the server.
// The server reads the request schemas from that file at start-up (body checks), and a test
// checks that the routes it registers and the spec's paths are the same set.
// The document model is not restated here: the published PPS/FRCP JSON Schemas of @dcc-kit/cda
// are embedded under components/schemas (see cdaSchemas below), so the SDK's types are the model's.
// Run: node packages/server/scripts/write-openapi.mjs (after @dcc-kit/cda's JSON Schemas are written)
import { readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { cdaSchemas } from './openapi/model-schemas.mjs';
import { errors, header, problemResponse } from './openapi/helpers.mjs';

// One module per resource in openapi/resources/ (`tags`, `schemas`, `paths`): a new resource is a
// new file there. The listed ones keep their place in the document; any other follows by name.
const ORDER = ['problems', 'system', 'patients', 'documents', 'submissions', 'audit'];
const resourceDir = join(dirname(fileURLToPath(import.meta.url)), 'openapi', 'resources');
const names = readdirSync(resourceDir)
  .filter((f) => f.endsWith('.mjs'))
  .map((f) => f.slice(0, -'.mjs'.length))
  .sort((a, b) => (ORDER.indexOf(a) + 1 || ORDER.length + 1) - (ORDER.indexOf(b) + 1 || ORDER.length + 1) || a.localeCompare(b));
const schemas = {};
const paths = {};
const tags = [];
for (const name of names) {
  const resource = await import(pathToFileURL(join(resourceDir, `${name}.mjs`)).href);
  for (const [kind, into] of [['schemas', schemas], ['paths', paths]]) {
    const twice = Object.keys(resource[kind] ?? {}).filter((key) => key in into);
    if (twice.length) throw new Error(`write-openapi: ${kind} defined twice (${name}.mjs): ${twice.join(', ')}`);
    Object.assign(into, resource[kind]);
  }
  tags.push(...(resource.tags ?? []).map((tag) => ({ name: tag })));
}

const modelSchemas = cdaSchemas();

for (const item of Object.values(paths))
  for (const [method, op] of Object.entries(item)) {
    // Authenticated writes may be refused for a missing DCC-API-Version header (CSRF check on cookie sessions).
    if (method !== 'get' && !(Array.isArray(op.security) && op.security.length === 0)) Object.assign(op.responses, errors(403));
    // Traffic limits (per client address, per professional, in flight): any operation but health.
    if (op.operationId !== 'getHealth') Object.assign(op.responses, errors(429));
    op.responses.default = { $ref: '#/components/responses/ServerError' };
  }

const doc = {
  openapi: '3.1.0',
  info: {
    title: 'dcc-kit platform API',
    version: '2026-11-01',
    description:
      'Reference backend of dcc-kit: patients (INS), PPS and Fiche RCP documents with immutable versions, validation by the ANS kit (7 layers), signature by the logged-in professional (Pro Santé Connect) and submission queue. Every response carries `X-Request-Id` and `DCC-API-Version`. Errors are `application/problem+json` with field paths. Writes to an existing resource require `If-Match` (428 without, 412 when stale). Writes authenticated by the session cookie must send the `DCC-API-Version` request header (403 without): a header a cross-site form cannot add (CSRF protection).',
    license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
  },
  servers: [{ url: '/' }],
  security: [{ session: [] }, { bearer: [] }],
  tags,
  paths,
  components: {
    securitySchemes: {
      session: { type: 'apiKey', in: 'cookie', name: 'dcc_session', description: 'BFF session opened by /auth/callback (HttpOnly, SameSite=Lax).' },
      bearer: { type: 'http', scheme: 'bearer', description: 'A Pro Santé Connect access token, verified by introspection.' },
    },
    headers: {
      'X-Request-Id': { description: 'Request id (echoed when the client sent a valid one).', schema: { type: 'string' } },
      ETag: { description: 'Concurrency version `"<n>"`; send it back in If-Match.', schema: { type: 'string' } },
      'DCC-API-Version': { description: 'API version served (`2026-11-01`).', schema: { type: 'string' } },
      'Idempotent-Replayed': { description: '`true` when the response is the stored answer to an earlier request with the same Idempotency-Key.', schema: { type: 'string' } },
    },
    parameters: {
      IfMatch: header('If-Match', 'The ETag last read; required for writes to an existing resource.'),
      IdempotencyKey: header('Idempotency-Key', 'Same key + same body → the first response is replayed; same key + other body → 422.', {
        type: 'string',
        maxLength: 200,
      }),
      Activity: header('X-DCC-Activity', 'Bearer callers: the activity (structure) acted for.'),
      Limit: { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } },
      Cursor: { name: 'cursor', in: 'query', schema: { type: 'string' }, description: 'Opaque cursor from `nextCursor`.' },
    },
    responses: Object.fromEntries(
      Object.entries({
        BadRequest: 'Malformed JSON, invalid UTF-8, nesting over 64 levels, wrong types, unknown fields (every path listed).',
        Unauthorized: 'No valid session or bearer token (`WWW-Authenticate: Bearer`).',
        Forbidden: 'Problem types: `api-version-header-required` (a write authenticated by the session cookie without the `DCC-API-Version` header: CSRF protection); on sign, `profession-may-not-sign` (the activity’s PSC profession may not sign; default: physicians, code 10) and `not-acting-for-structure` (the active activity is not in the structure holding the patient’s document).',
        NotFound: 'Unknown, or belongs to a structure the caller does not act for.',
        Conflict: 'Problem types: `invalid-transition` (e.g. sign a draft), `not-current-version`, `duplicate-ins` (one patient per INS and structure), `idempotency-key-in-progress`.',
        PreconditionFailed: 'If-Match is stale.',
        PayloadTooLarge: 'Body over 1 MiB.',
        UnsupportedMediaType: 'Body is not application/json.',
        Unprocessable: 'Semantically invalid (INS key, impossible birth date, model issues, conformance errors, idempotency key reused). New version of a signed document: `replacement-reason-required` / `invalid-replacement-reason` (path `replacementReason…`), `replacement-mismatch` (the model contradicts the replaced version: `model.document.setId`, `model.document.versionNumber`, `model.document.replaces`, `model.status.updateReason`), `nothing-to-replace`.',
        PreconditionRequired: 'If-Match missing.',
        TooManyRequests: 'Problem type `too-many-requests`: a traffic limit (per client address, per professional, requests in flight, invalid bearer tokens) is reached; retry after `Retry-After` seconds.',
        BadGateway: 'Pro Santé Connect unreachable or answered an error.',
        ServiceUnavailable: 'Problem type `conformance-unavailable`: the conformance engine itself failed, the document was not judged; retry after `Retry-After` seconds.',
        ServerError: 'Unexpected error (quote the requestId).',
      }).map(([name, description]) => [name, problemResponse(description)]),
    ),
    schemas: { ...schemas, ...modelSchemas },
  },
};

const clash = Object.keys(schemas).filter((name) => name in modelSchemas);
if (clash.length) throw new Error(`write-openapi: schema names defined twice: ${clash.join(', ')}`);
const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'openapi.json');
writeFileSync(out, `${JSON.stringify(doc, null, 2)}\n`);
console.log(`wrote ${out}`);
