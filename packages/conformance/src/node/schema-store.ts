import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { CompiledSchemaEntry, CompiledSchemaStore } from '../schema-cache.js';

/**
 * Compiled schematrons as JSON files in a folder, so that a second `dcc validate` skips
 * parsing the kit's 2 MB of .sch files. Writes go through a temporary file and a rename,
 * so concurrent processes never read half a file.
 */
export function createFolderSchemaStore(folder: string): CompiledSchemaStore {
  const fileFor = (key: string) => path.join(folder, `${key.replace(/[^A-Za-z0-9._-]+/g, '_')}.json`);
  return {
    async get(key) {
      try {
        return JSON.parse(await readFile(fileFor(key), 'utf8')) as CompiledSchemaEntry;
      } catch {
        return undefined; // absent or unreadable: compile again
      }
    },
    async set(key, entry) {
      await mkdir(folder, { recursive: true });
      const file = fileFor(key);
      const temporary = `${file}.${process.pid}.tmp`;
      await writeFile(temporary, JSON.stringify(entry));
      await rename(temporary, file);
    },
  };
}
