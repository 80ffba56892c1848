// Whether a client has the directory API (`client.directory.*` of @dcc-kit/sdk): apart from the
// searches, so that a form can tell at render whether to show pickers while the searches and the
// picker element load on first need.
import type { DccClientLike } from '../context.js';

/** True when `client.directory` has the practitioners and organizations searches. */
export function hasDirectory(client: DccClientLike | undefined): boolean {
  const directory = (client as { directory?: { practitioners?: unknown; organizations?: unknown } } | undefined)?.directory;
  return typeof directory?.practitioners === 'function' && typeof directory.organizations === 'function';
}
