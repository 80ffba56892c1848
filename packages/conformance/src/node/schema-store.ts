import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { CompiledSchemaEntry, CompiledSchemaStore } from '../schema-cache.js';
import type { CompiledXPathStore } from '../schematron/xpath-store.js';

/**
 * Compiled schematrons as JSON files in a folder, so that a second `dcc validate` skips
 * parsing the kit's 2 MB of .sch files. The folder holds only what is derived from the kit
 * (never a document), yet it is private to the user (0700, files 0600): nobody else can read
 * it or plant a compiled rule set in it. Writes go through a temporary file with a unique name
 * and a rename, so concurrent processes and worker threads never read half a file. Each entry
 * is still checked against the content hashes of the kit files it came from before use.
 */
export function createFolderSchemaStore(folder: string): CompiledSchemaStore {
  return {
    async get(key) {
      const text = await readPrivate(folder, key);
      try {
        return text === undefined ? undefined : decodeEntry(text);
      } catch {
        return undefined; // damaged: compile again
      }
    },
    async set(key, entry) {
      await writePrivate(folder, key, encodeEntry(entry));
    },
  };
}

/**
 * On disk each rule's items (its lets, asserts and reports: 90 % of StrucMin's 5.9 MB) are
 * JSON text inside the entry's JSON, parsed when the rule is first planned (rule-plan.ts, the
 * only reader of `items`). A document matches a few hundred of the kit's rules: a new process
 * no longer builds, and collects, the 15,000 item objects of StrucMin alone that it never reads.
 */
export function encodeEntry(entry: CompiledSchemaEntry): string {
  const patterns = entry.schema.patterns.map((pattern) => ({ ...pattern, rules: pattern.rules.map((rule) => ({ ...rule, items: JSON.stringify(rule.items) })) }));
  return JSON.stringify({ ...entry, schema: { ...entry.schema, patterns } });
}

/** The entry `encodeEntry` wrote; each rule's items parsed on first use. Throws when it is not one. */
export function decodeEntry(text: string): CompiledSchemaEntry {
  const entry = JSON.parse(text) as CompiledSchemaEntry;
  const patterns = entry?.schema?.patterns;
  if (!Array.isArray(patterns)) throw new Error('not a compiled schema entry');
  for (const pattern of patterns) {
    if (!Array.isArray(pattern?.rules)) throw new Error('not a compiled schema entry');
    for (const rule of pattern.rules) {
      const encoded = (rule as { items: unknown }).items;
      if (typeof encoded !== 'string') throw new Error('not a compiled schema entry');
      Object.defineProperty(rule, 'items', {
        configurable: true,
        enumerable: true,
        get() {
          // Once parsed, a plain property again. Damaged text throws here: the layer's engine error, never a pass.
          const items = JSON.parse(encoded) as unknown;
          if (!Array.isArray(items)) throw new Error(`compiled rule ${rule.context}: its items in the compiled-rules cache are damaged (remove the cache folder)`);
          Object.defineProperty(rule, 'items', { value: items, configurable: true, enumerable: true, writable: true });
          return items;
        },
      });
    }
  }
  return entry;
}

/** Compiled XPath packages (xpath-store.ts) in the same private folder, written the same way. */
export function createFolderXPathStore(folder: string): CompiledXPathStore {
  return {
    read: (key) => readPrivate(folder, key),
    write: (key, text) => writePrivate(folder, key, text),
  };
}

/**
 * V8's code cache of a module (saxon-node.ts), a binary file in the same private folder: read
 * synchronously (when the module first loads), written the same way as the other entries.
 */
export function createFolderCodeCache(folder: string, name: string): { read(): Buffer | undefined; write(data: Buffer): Promise<void> } {
  const file = path.join(folder, name);
  return {
    read() {
      try {
        return readFileSync(file);
      } catch {
        return undefined; // absent or unreadable: compile
      }
    },
    write: (data) => writeAtomically(folder, file, data),
  };
}

const fileFor = (folder: string, key: string) => path.join(folder, `${key.replace(/[^A-Za-z0-9._-]+/g, '_')}.json`);

async function readPrivate(folder: string, key: string): Promise<string | undefined> {
  try {
    return await readFile(fileFor(folder, key), 'utf8');
  } catch {
    return undefined; // absent or unreadable: compile again
  }
}

function writePrivate(folder: string, key: string, text: string): Promise<void> {
  return writeAtomically(folder, fileFor(folder, key), text);
}

async function writeAtomically(folder: string, file: string, data: string | Uint8Array): Promise<void> {
  await mkdir(folder, { recursive: true, mode: 0o700 });
  await chmod(folder, 0o700); // an existing folder made by an older version may be wider
  const temporary = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, data, { mode: 0o600, flag: 'wx' });
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
