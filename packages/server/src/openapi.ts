// The OpenAPI document the server implements (packages/server/openapi.json), read once.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SchemaChecker } from './json-schema.js';

export const openapiPath = join(dirname(fileURLToPath(import.meta.url)), '..', 'openapi.json');

export interface OpenApiDocument {
  paths: Record<string, Record<string, { responses: Record<string, unknown>; requestBody?: unknown; security?: unknown[] }>>;
  components: { schemas: Record<string, Record<string, unknown>> };
}

let cached: { doc: OpenApiDocument; checker: SchemaChecker } | undefined;

export function openapi(): { doc: OpenApiDocument; checker: SchemaChecker } {
  if (!cached) {
    const doc = JSON.parse(readFileSync(openapiPath, 'utf8')) as OpenApiDocument;
    cached = { doc, checker: new SchemaChecker(doc as unknown as Record<string, unknown>) };
  }
  return cached;
}

/** Every issue of `value` against components.schemas[name], with request-body paths. */
export function checkAgainst(name: string, value: unknown): ReturnType<SchemaChecker['check']> {
  const { checker } = openapi();
  return checker.check({ $ref: `#/components/schemas/${name}` }, value);
}
