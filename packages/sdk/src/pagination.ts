// Cursor pagination: `for await (const item of client.patients.list())` walks every item lazily;
// `.byPage()` yields the pages themselves with their opaque `nextCursor` (to resume later).

import { DccError } from './errors.js';

export interface Page<T> {
  items: T[];
  /** Opaque cursor of the next page; null on the last page. */
  nextCursor: string | null;
}

export interface ByPageOptions {
  /** Resume from a cursor obtained earlier. */
  cursor?: string | null;
  /** Page size (server bounds apply). */
  limit?: number;
}

export interface PagedAsyncIterable<T> extends AsyncIterable<T> {
  byPage(options?: ByPageOptions): AsyncIterableIterator<Page<T>>;
}

export function paginate<T>(
  fetchPage: (cursor: string | undefined, limit: number | undefined) => Promise<Page<T>>,
  defaults: { limit?: number | undefined } = {},
): PagedAsyncIterable<T> {
  async function* byPage(options: ByPageOptions = {}): AsyncIterableIterator<Page<T>> {
    let cursor = options.cursor ?? undefined;
    const limit = options.limit ?? defaults.limit;
    const seen = new Set<string>();
    for (;;) {
      const page = await fetchPage(cursor, limit);
      yield page;
      if (page.nextCursor === null || page.nextCursor === undefined) return;
      // A cursor coming back would loop forever: a server bug, reported rather than followed.
      if (seen.has(page.nextCursor)) {
        throw new DccError({ message: 'The server returned a cursor already followed', method: 'GET', url: 'about:blank' });
      }
      seen.add(page.nextCursor);
      cursor = page.nextCursor;
    }
  }
  return {
    byPage,
    async *[Symbol.asyncIterator]() {
      for await (const page of byPage()) yield* page.items;
    },
  };
}
