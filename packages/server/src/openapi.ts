// The OpenAPI document the server implements (packages/server/openapi.json), read and
// compiled once.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OpenApiSchemas } from './validation/openapi-schemas.js';
import type { SchemaIssue } from './validation/ajv-issues.js';

export const openapiPath = join(dirname(fileURLToPath(import.meta.url)), '..', 'openapi.json');

export interface OpenApiDocument {
  paths: Record<string, Record<string, { responses: Record<string, unknown>; requestBody?: unknown; security?: unknown[] }>>;
  components: { schemas: Record<string, Record<string, unknown>> };
}

/**
 * A document's `model` is a draft: it may be incomplete, so it is not checked against the
 * complete PPS/FRCP schema the contract names (`Model`) but by the document rules of
 * @dcc-kit/cda on save (shape only) and at /validate (everything).
 */
export const DRAFT_MODEL: Record<string, unknown> = { type: 'object' };

let cached: { doc: OpenApiDocument; checker: OpenApiSchemas } | undefined;

export function openapi(): { doc: OpenApiDocument; checker: OpenApiSchemas } {
  if (!cached) {
    const doc = JSON.parse(readFileSync(openapiPath, 'utf8')) as OpenApiDocument;
    cached = { doc, checker: new OpenApiSchemas(doc, { Model: DRAFT_MODEL }) };
  }
  return cached;
}

/** Every issue of `value` against components.schemas[name], with request-body paths. */
export function checkAgainst(name: string, value: unknown): SchemaIssue[] {
  return openapi().checker.check(name, value);
}
