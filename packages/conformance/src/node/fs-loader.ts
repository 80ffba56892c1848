import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ResourceLoader } from '../loader.js';

/**
 * Loader reading the kit from a folder on disk. Kit paths are '/'-separated and relative;
 * one that would leave `kitDir` (absolute, or climbing above it with '..') is refused.
 */
export function createFsLoader(kitDir: string): ResourceLoader {
  const root = path.resolve(kitDir);
  return {
    description: root,
    async readText(kitPath) {
      const file = resolveInside(root, kitPath);
      try {
        return await readFile(file, 'utf8');
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        // ENOTDIR: a path component is a file, so the resource cannot exist either.
        if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
        throw new Error(`Cannot read ${kitPath} from the kit folder ${root}: ${(error as Error).message}`, { cause: error });
      }
    },
  };
}

function resolveInside(root: string, kitPath: string): string {
  const refuse = (why: string): never => {
    throw new Error(`Refusing to read ${JSON.stringify(kitPath)} from the kit folder ${root}: ${why}`);
  };
  if (kitPath.includes('\0')) refuse('the path contains a NUL character');
  if (kitPath.includes('\\')) refuse("kit paths are '/'-separated");
  if (kitPath.startsWith('/') || path.isAbsolute(kitPath)) refuse('kit paths are relative');
  const normalised = path.posix.normalize(kitPath);
  if (normalised === '..' || normalised.startsWith('../')) refuse('the path leads outside the kit folder');
  const file = path.resolve(root, ...normalised.split('/'));
  const relative = path.relative(root, file);
  if (relative.startsWith('..') || path.isAbsolute(relative)) refuse('the path leads outside the kit folder');
  return file;
}
