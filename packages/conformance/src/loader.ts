/**
 * How the engine reads the ANS kit. The core never touches the filesystem itself so that
 * the same code runs in Node (filesystem loader) and in the browser (fetch loader).
 *
 * Paths are always kit-relative, '/'-separated, without a leading slash, e.g.
 * `schematrons/CI-SIS_CANCER-PPS_2022.01.sch`.
 */
export interface ResourceLoader {
  /** A human-readable description of where resources come from (for error messages). */
  readonly description: string;
  /**
   * Reads a kit resource as text. Resolves to `undefined` when the resource does not exist
   * (so that `doc-available()` can answer false); rejects on any other failure.
   */
  readText(path: string): Promise<string | undefined>;
  /**
   * A digest of the resource's content (`undefined` when it does not exist), when the loader
   * has a faster one than hashing its text in JavaScript (Node: SHA-256 of the file's bytes).
   * Used to check that a cached compiled schema still matches the kit; any change of content
   * must change it.
   */
  contentHash?(path: string): Promise<string | undefined>;
}

/** Loader reading the kit over HTTP(S) with `fetch` (browser, or Node 18+). */
export function createFetchLoader(baseUrl: string | URL, fetchImpl: typeof fetch = globalThis.fetch): ResourceLoader {
  const base = new URL(String(baseUrl).endsWith('/') ? String(baseUrl) : `${String(baseUrl)}/`);
  return {
    description: base.href,
    async readText(path) {
      const response = await fetchImpl(new URL(path, base));
      if (response.status === 404) return undefined;
      if (!response.ok) throw new Error(`Cannot read ${path} from ${base.href}: HTTP ${response.status}`);
      return response.text();
    },
  };
}

/** Loader over an in-memory map, for tests and for bundling a subset of the kit. */
export function createMemoryLoader(files: ReadonlyMap<string, string> | Record<string, string>, description = 'memory'): ResourceLoader {
  const map = files instanceof Map ? files : new Map(Object.entries(files));
  return {
    description,
    async readText(path) {
      return map.get(path);
    },
  };
}
