// Request bodies: strict JSON checked against a request schema of openapi.json, or no body at all.
import { issue, parseJson, problems, readBody, type RequestContext } from '../http.js';
import type { RequestSchemas, RequestSchemaName } from '../validation/request-schemas.js';

export type BodyReader = <T>(ctx: RequestContext, schema: RequestSchemaName, raw?: Buffer) => Promise<T>;

export function jsonBodies(schemas: RequestSchemas): BodyReader {
  return async <T>(ctx: RequestContext, schema: RequestSchemaName, raw?: Buffer): Promise<T> => {
    const body = parseJson(ctx.req, raw ?? (await readBody(ctx.req)));
    const issues = schemas.check(schema, body);
    if (issues.length) throw problems.badRequest('The body does not match the expected structure.', issues);
    return body as T;
  };
}

/** validate/sign/submit take no body; their Idempotency-Key covers the route only. */
export async function emptyBody(ctx: RequestContext): Promise<Buffer> {
  const raw = await readBody(ctx.req);
  if (raw.length) throw problems.badRequest(`This operation takes no body.`, [issue('', 'unexpected-body', 'Aucun corps attendu.', 'No body expected.')]);
  return raw;
}
