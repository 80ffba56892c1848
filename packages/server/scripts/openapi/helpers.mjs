// Building blocks of the OpenAPI operations and schemas, shared by every resource module.
export const ref = (name) => ({ $ref: `#/components/schemas/${name}` });
export const str = (description, extra = {}) => ({ type: 'string', description, ...extra });
export const obj = (properties, required = Object.keys(properties), extra = {}) => ({
  type: 'object',
  properties,
  required,
  additionalProperties: false,
  ...extra,
});
export const dateTime = (description) => ({ type: 'string', format: 'date-time', description });
// Free text without control characters (the CDA model rejects them too); markup is allowed
// and escaped by the CDA builder.
export const NAME_PATTERN = "^[\\p{L}](?:[\\p{L}' -]*[\\p{L}])?$";

export const header = (name, description, schema = { type: 'string' }) => ({ name, in: 'header', description, schema });
export const problemResponse = (description) => ({
  description,
  headers: { 'X-Request-Id': { $ref: '#/components/headers/X-Request-Id' } },
  content: { 'application/problem+json': { schema: ref('Problem') } },
});
export const json = (description, schema, etag = false) => ({
  description,
  headers: {
    'X-Request-Id': { $ref: '#/components/headers/X-Request-Id' },
    'DCC-API-Version': { $ref: '#/components/headers/DCC-API-Version' },
    ...(etag ? { ETag: { $ref: '#/components/headers/ETag' } } : {}),
    ...(/^(Created|Validated|Signed|Submitted)/.test(description) ? { 'Idempotent-Replayed': { $ref: '#/components/headers/Idempotent-Replayed' } } : {}),
  },
  content: { 'application/json': { schema } },
});
export const errors = (...codes) =>
  Object.fromEntries(codes.map((c) => [String(c), { $ref: `#/components/responses/${PROBLEMS[c]}` }]));
export const PROBLEMS = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  409: 'Conflict',
  412: 'PreconditionFailed',
  413: 'PayloadTooLarge',
  415: 'UnsupportedMediaType',
  422: 'Unprocessable',
  428: 'PreconditionRequired',
  429: 'TooManyRequests',
  502: 'BadGateway',
  503: 'ServiceUnavailable',
};
export const P = {
  ifMatch: { $ref: '#/components/parameters/IfMatch' },
  idem: { $ref: '#/components/parameters/IdempotencyKey' },
  activity: { $ref: '#/components/parameters/Activity' },
  limit: { $ref: '#/components/parameters/Limit' },
  cursor: { $ref: '#/components/parameters/Cursor' },
  id: { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
  n: { name: 'n', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } },
};
export const body = (name) => ({ required: true, content: { 'application/json': { schema: ref(name) } } });
// Every authenticated operation may answer 400 (bad X-DCC-Activity, query), 401, and 502
// (PSC unreachable while checking a bearer token); any operation may answer an unexpected
// 5xx as a problem (`default`).
export const authed = (op) => ({
  ...op,
  parameters: [P.activity, ...(op.parameters ?? [])],
  responses: { ...op.responses, ...errors(400, 401, 502) },
});
