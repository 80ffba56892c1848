// The change feed of submissions as Server-Sent Events: the events of the caller's structures
// after `Last-Event-ID` (replay), then whatever any process writes, by polling the events table
// (so it works across processes without LISTEN/NOTIFY, and on PGlite). The poll interval is
// injectable (tests use a few ms).
import type { ServerResponse } from 'node:http';
import type { SubmissionRepository } from '../store/submissions-repository.js';

export interface EventFeedOptions {
  /** Poll interval of the events table (ms, default 1000). */
  pollMs?: number;
  /** A comment line is sent when nothing happened for this long, so proxies keep the stream (ms, default 15 000). */
  keepAliveMs?: number;
  /** Events read per poll (default 200). */
  batch?: number;
}

/** The id to resume after: `Last-Event-ID` (header, or `lastEventId` in the query for EventSource-less clients). */
export function resumePoint(header: string | string[] | undefined, query: string | null): number | undefined {
  const raw = (Array.isArray(header) ? header[0] : header) ?? query ?? undefined;
  if (raw === undefined || raw === '') return undefined;
  return /^\d{1,15}$/.test(raw) ? Number(raw) : NaN;
}

export async function streamEvents(
  res: ServerResponse,
  closed: AbortSignal,
  rows: SubmissionRepository,
  structures: readonly string[],
  after: number,
  options: EventFeedOptions = {},
): Promise<void> {
  const pollMs = options.pollMs ?? 1000;
  const keepAliveMs = options.keepAliveMs ?? 15_000;
  let last = after;
  let quietSince = Date.now();
  res.write(`retry: ${Math.max(1000, pollMs)}\n\n`);
  while (!closed.aborted) {
    const events = await rows.eventsAfter(structures, last, options.batch ?? 200);
    for (const e of events) {
      res.write(`id: ${e.seq}\nevent: submission\ndata: ${JSON.stringify(e)}\n\n`);
      last = e.seq;
    }
    if (events.length) quietSince = Date.now();
    else if (Date.now() - quietSince >= keepAliveMs) {
      res.write(': keep-alive\n\n');
      quietSince = Date.now();
    }
    if (events.length === (options.batch ?? 200)) continue;
    await new Promise<void>((resolve) => {
      const stop = () => {
        clearTimeout(t);
        resolve();
      };
      const t = setTimeout(() => {
        closed.removeEventListener('abort', stop);
        resolve();
      }, pollMs);
      closed.addEventListener('abort', stop, { once: true });
    });
  }
}
