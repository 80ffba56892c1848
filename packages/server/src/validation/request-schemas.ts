// The request-body schemas of openapi.json the server checks, by name.
import { checkAgainst } from '../openapi.js';
import type { ProblemIssue } from '../http.js';

export const REQUEST_SCHEMAS = ['PatientInput', 'SelectActivity', 'DocumentCreate', 'VersionCreate'] as const;
export type RequestSchemaName = (typeof REQUEST_SCHEMAS)[number];

export interface RequestSchemas {
  /** Every issue of `value` against the named schema, with contract paths (`traits.firstNames[0]`). */
  check(name: RequestSchemaName, value: unknown): ProblemIssue[];
}

export function requestSchemas(): RequestSchemas {
  return { check: (name, value) => checkAgainst(name, value) };
}
