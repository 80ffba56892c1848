// The submission change feed (GET /events, Server-Sent Events) as an async iterator, on fetch
// and ReadableStream only (browser and Node 18+; no EventSource, so bearer tokens work). A
// dropped connection is reopened with Last-Event-ID: the server replays what was missed.
// Ends when `signal` aborts.
import type { TokenProvider } from './token-provider.js';

export interface EventStreamOptions {
  baseUrl: string;
  fetch?: typeof fetch;
  tokenProvider?: TokenProvider;
  credentials?: RequestCredentials;
  apiVersion: string;
  activityId?: string;
}

export interface FollowOptions {
  /** Resume after this event id (replay); default: from the newest event on. */
  lastEventId?: string | number;
  signal?: AbortSignal;
  /** Wait before reconnecting after a drop (ms, default 1000; the server's `retry:` overrides it). */
  reconnectDelayMs?: number;
}

export interface ServerSentEvent<T> {
  id: string;
  event: string;
  data: T;
}

/** Parses `text/event-stream` chunks into events (fields id, event, data, retry; comments skipped). */
export async function* parseEventStream(body: ReadableStream<Uint8Array>, onRetry?: (ms: number) => void): AsyncGenerator<{ id?: string; event: string; data: string }> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let id: string | undefined;
  let event = 'message';
  let data: string[] = [];
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let nl: number;
      while ((nl = buffer.search(/\r\n|\n|\r/)) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + (buffer.startsWith('\r\n', nl) ? 2 : 1));
        if (line === '') {
          if (data.length) yield { ...(id !== undefined ? { id } : {}), event, data: data.join('\n') };
          event = 'message';
          data = [];
          continue;
        }
        if (line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const val = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'id') id = val;
        else if (field === 'event') event = val;
        else if (field === 'data') data.push(val);
        else if (field === 'retry' && /^\d+$/.test(val)) onRetry?.(Number(val));
      }
    }
  } finally {
    reader.releaseLock();
    await body.cancel().catch(() => undefined);
  }
}

export function followEvents<T>(options: EventStreamOptions, follow: FollowOptions = {}): AsyncIterable<ServerSentEvent<T>> {
  const fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
  return {
    async *[Symbol.asyncIterator]() {
      let last = follow.lastEventId === undefined ? undefined : String(follow.lastEventId);
      let delay = follow.reconnectDelayMs ?? 1000;
      const signal = follow.signal;
      while (!signal?.aborted) {
        const headers: Record<string, string> = { accept: 'text/event-stream', 'dcc-api-version': options.apiVersion };
        if (last !== undefined) headers['last-event-id'] = last;
        if (options.activityId) headers['x-dcc-activity'] = options.activityId;
        if (options.tokenProvider) headers.authorization = `Bearer ${await options.tokenProvider.getToken(signal ? { signal } : {})}`;
        let response: Response;
        try {
          response = await fetchImpl(new URL('events', options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`), {
            headers,
            ...(signal ? { signal } : {}),
            ...(options.credentials ? { credentials: options.credentials } : {}),
          });
        } catch {
          if (signal?.aborted) return;
          await sleep(delay, signal);
          continue;
        }
        if (!response.ok || !response.body) {
          const text = await response.text().catch(() => '');
          // 429 (rate or open-feed limits) and 5xx pass: reconnect after Retry-After when the
          // server says it, else the usual delay. Any other 4xx is the request itself refused
          // (auth, bad id): reconnecting would not help.
          if (response.status < 500 && response.status !== 429) throw new Error(`GET /events answered ${response.status}: ${text.slice(0, 200)}`);
          await sleep(retryAfterMs(response.headers.get('retry-after')) ?? delay, signal);
          continue;
        }
        try {
          for await (const e of parseEventStream(response.body, (ms) => (delay = ms))) {
            if (e.id !== undefined) last = e.id;
            yield { id: e.id ?? '', event: e.event, data: JSON.parse(e.data) as T };
            if (signal?.aborted) return;
          }
        } catch {
          if (signal?.aborted) return;
        }
        await sleep(delay, signal);
      }
    },
  };
}

/** Most a Retry-After is waited (ms): a feed never goes quiet for longer on a server's word. */
const MAX_RETRY_AFTER_MS = 60_000;

/** Retry-After in delay-seconds as milliseconds (bounded); undefined when absent or not a number of seconds. */
export function retryAfterMs(header: string | null): number | undefined {
  if (header === null || !/^\d{1,6}$/.test(header.trim())) return undefined;
  return Math.min(Number(header.trim()) * 1000, MAX_RETRY_AFTER_MS);
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(t);
      resolve();
    }, { once: true });
  });
}
