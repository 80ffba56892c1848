// A refused store write as the problem the caller gets.
import { problems } from '../http.js';
import type { WriteResult } from '../store/records.js';

export function unwrap<T>(result: WriteResult<T>, what: string): T {
  if (result.ok) return result.value;
  if (result.reason === 'not-found') throw problems.notFound(what);
  if (result.reason === 'stale') throw problems.preconditionFailed();
  throw problems.conflict(result.type, result.detail);
}
