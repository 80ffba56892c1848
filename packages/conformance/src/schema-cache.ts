/**
 * Reuse of compiled schematrons between processes. Compiling the seven layers means parsing
 * about 2 MB of .sch files (the StrucMin layer alone is 1.1 MB); a compiled layer is small
 * JSON. A store keeps them (a folder in Node, IndexedDB or memory in a browser); an entry is
 * used only when every kit file it was built from still has the same content.
 */
import type { ResourceLoader } from './loader.js';
import { compileSchematron } from './schematron/compile.js';
import { COMPILED_SCHEMA_FORMAT, type CompiledSchema } from './schematron/model.js';

export interface CompiledSchemaEntry {
  readonly schema: CompiledSchema;
  /** Content hash of each file in schema.files, same order. */
  readonly hashes: readonly string[];
}

export interface CompiledSchemaStore {
  get(key: string): Promise<CompiledSchemaEntry | undefined>;
  set(key: string, entry: CompiledSchemaEntry): Promise<void>;
}

export function createMemorySchemaStore(): CompiledSchemaStore {
  const map = new Map<string, CompiledSchemaEntry>();
  return {
    async get(key) {
      return map.get(key);
    },
    async set(key, entry) {
      map.set(key, entry);
    },
  };
}

/** cyrb53: a fast 53-bit string hash; enough to notice that a kit file changed. */
export function contentHash(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36) + `:${text.length}`;
}

/**
 * The content hashes of the files: the loader's own (a different algorithm gives different
 * strings, so an entry hashed by another loader is simply compiled again) or cyrb53 of the text.
 */
async function hashes(loader: ResourceLoader, files: readonly string[]): Promise<string[] | undefined> {
  const hash = loader.contentHash ? loader.contentHash.bind(loader) : async (file: string) => {
    const text = await loader.readText(file);
    return text === undefined ? undefined : contentHash(text);
  };
  const out = await Promise.all(files.map(hash));
  return out.every((h) => h !== undefined) ? out : undefined;
}

/** Runs a store operation; a store failing in any way (rejection or synchronous throw) is as good as no store. */
async function attempt<T>(operation: () => Promise<T>): Promise<T | undefined> {
  try {
    return await operation();
  } catch {
    return undefined;
  }
}

/** Compiles the schematron at `path`, or takes it from `store` when the kit files are unchanged. */
export async function loadCompiledSchema(loader: ResourceLoader, path: string, store: CompiledSchemaStore | undefined): Promise<CompiledSchema> {
  const key = `${COMPILED_SCHEMA_FORMAT}:${path}`;
  if (store) {
    // An entry may come from an older or damaged cache file: check its shape before using it.
    const entry = await attempt(() => store.get(key));
    if (
      entry?.schema?.format === COMPILED_SCHEMA_FORMAT &&
      entry.schema.source === path &&
      Array.isArray(entry.schema.files) &&
      Array.isArray(entry.hashes)
    ) {
      const current = await hashes(loader, entry.schema.files);
      if (current && current.length === entry.hashes.length && current.every((h, i) => h === entry.hashes[i])) return entry.schema;
    }
  }
  const schema = await compileSchematron(loader, path);
  if (store) {
    const fileHashes = await hashes(loader, schema.files);
    // A failing store (read-only folder, quota) must not fail validation.
    if (fileHashes) await attempt(() => store.set(key, { schema, hashes: fileHashes }));
  }
  return schema;
}
