// `@dcc-kit/cda/examples`: the realistic build inputs of packages/cda/examples, for the tests,
// benches and demos of the other packages (they reach them through this export, never by a path
// into this package). Node only: reads the files next to the published `dist/`.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export type ExampleVolet = 'pps' | 'frcp';

export interface Example {
  /** File name, e.g. `01-sein-gauche-fec-docetaxel-radiotherapie.json`. */
  readonly name: string;
  /** Absolute path of the file (for a command line such as `dcc build`). */
  readonly path: string;
  /** The parsed build input. */
  readonly input: Record<string, unknown>;
}

/** Absolute path of the folder holding the examples of `volet` (this file is dist/examples.js). */
export function examplesDir(volet: ExampleVolet): string {
  return fileURLToPath(new URL(`../examples/${volet}/`, import.meta.url));
}

/** File names of the examples of `volet`, sorted. */
export function exampleNames(volet: ExampleVolet): string[] {
  return readdirSync(examplesDir(volet))
    .filter((f) => f.endsWith('.json'))
    .sort();
}

function read(volet: ExampleVolet, name: string): Example {
  const path = examplesDir(volet) + name;
  return { name, path, input: JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown> };
}

/** Every example of `volet`, sorted by file name. */
export function loadExamples(volet: ExampleVolet): Example[] {
  return exampleNames(volet).map((name) => read(volet, name));
}

/**
 * The example of `volet` whose file name starts with `prefix` (e.g. `'01'`, `'02-colon'`).
 * @throws Error when no file matches.
 */
export function loadExample(volet: ExampleVolet, prefix: string): Example {
  const name = exampleNames(volet).find((f) => f.startsWith(prefix));
  if (!name) throw new Error(`No ${volet} example starts with "${prefix}"`);
  return read(volet, name);
}
