// The request-body schemas of openapi.json the server checks, by name, compiled at start-up.
import { openapi } from '../openapi.js';
import type { ProblemIssue } from '../http.js';

export const REQUEST_SCHEMAS = ['PatientInput', 'SelectActivity', 'DocumentCreate', 'VersionCreate', 'SubmitRequest', 'VisibilityChange', 'IdentityValidationInput'] as const;
export type RequestSchemaName = (typeof REQUEST_SCHEMAS)[number];

export interface RequestSchemas {
  /** Every issue of `value` against the named schema, with contract paths (`traits.firstNames[0]`); at most MAX_ISSUES. */
  check(name: RequestSchemaName, value: unknown): ProblemIssue[];
}

export function requestSchemas(): RequestSchemas {
  const { checker } = openapi();
  checker.compile(REQUEST_SCHEMAS);
  return { check: (name, value) => checker.check(name, value) };
}
