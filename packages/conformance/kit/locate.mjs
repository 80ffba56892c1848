// The one place that finds the ANS TestContenuCDA kit. Plain JavaScript (with kit/locate.d.mts
// for TypeScript) so that it runs before any compilation: the cda build scripts import it
// (`@dcc-kit/conformance/kit`) at the start of `npm run build`, before `tsc -b`, and
// `@dcc-kit/conformance/node` re-exports it for everything compiled.
import { existsSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The environment variable that points to the kit folder. */
export const KIT_DIR_ENV = 'ANS_KIT_DIR';

/** Default kit location, relative to the repository root. */
export const DEFAULT_KIT_DIR = '../shared/ans-testcontenucda';

/** The public repository of the kit and the commit this code is written against (SOURCE.md of the kit data). */
export const ANS_KIT_REPOSITORY = 'https://github.com/ansforge/interop-outil-cda-testcontenucda3.0-outil-validation-documents-cda.git';
export const ANS_KIT_COMMIT = '61e148b6b83b532a3c743e7f6a5f988015eda007';

/** The environment variable that moves the cache of `dcc kit fetch` (default ~/.cache/dcc-kit). */
export const KIT_CACHE_ENV = 'DCC_KIT_CACHE';

/**
 * Where `dcc kit fetch` puts the kit of `commit`: $DCC_KIT_CACHE, else $XDG_CACHE_HOME/dcc-kit,
 * else ~/.cache/dcc-kit; then ans-testcontenucda/<commit>.
 * @param {string} [commit]
 */
export function kitCacheDir(commit = ANS_KIT_COMMIT) {
  const root = process.env[KIT_CACHE_ENV] || path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'dcc-kit');
  return path.resolve(root, 'ans-testcontenucda', commit);
}

/** What makes a folder the kit (the entries every user of the kit needs). */
const REQUIRED_ENTRIES = [
  { path: 'schematrons', kind: 'directory' },
  { path: 'infrastructure/cda/CDA_extended.xsd', kind: 'file' },
];

export class KitNotFoundError extends Error {
  /**
   * @param {string} message
   * @param {string} kitDir the absolute path that was tried
   * @param {'option' | 'ANS_KIT_DIR' | 'default'} source how it was chosen
   */
  constructor(message, kitDir, source) {
    super(message);
    this.name = 'KitNotFoundError';
    this.kitDir = kitDir;
    this.source = source;
  }
}

/**
 * The ANS TestContenuCDA kit folder: `option` if given, else $ANS_KIT_DIR, else
 * `../shared/ans-testcontenucda` next to the repository root, else the cache of
 * `dcc kit fetch` (kitCacheDir()). Relative paths are resolved against the current directory
 * (the default against the repository root).
 * @param {string} [option]
 * @returns {string} the absolute kit folder
 * @throws {KitNotFoundError} when the folder does not hold the kit
 */
export function resolveKitDir(option) {
  const fromEnv = process.env[KIT_DIR_ENV];
  let kitDir;
  let source;
  if (option) {
    kitDir = path.resolve(option);
    source = 'option';
  } else if (fromEnv) {
    kitDir = path.resolve(fromEnv);
    source = KIT_DIR_ENV;
  } else {
    kitDir = path.resolve(findRepositoryRoot(), DEFAULT_KIT_DIR);
    source = 'default';
  }

  const problem = kitProblem(kitDir);
  if (!problem) return kitDir;
  const fix =
    `Set ${KIT_DIR_ENV} to the folder holding the ANS TestContenuCDA kit data ` +
    '(the folder containing schematrons/ and infrastructure/cda/CDA_extended.xsd)';
  if (source === 'default') {
    // Next candidate: the pinned commit fetched by `dcc kit fetch`.
    const cached = kitCacheDir();
    const cacheProblem = kitProblem(cached);
    if (!cacheProblem) return cached;
    throw new KitNotFoundError(
      `ANS TestContenuCDA kit not found at ${kitDir} (the default, ${DEFAULT_KIT_DIR} from the repository root): ${problem}, ` +
        `nor at ${cached} (the cache of \`npx dcc kit fetch\`): ${cacheProblem}. ` +
        `${fix}, or run \`npx dcc kit fetch\` to fetch it from ${ANS_KIT_REPOSITORY} (commit ${ANS_KIT_COMMIT}).`,
      kitDir,
      source,
    );
  }
  const chosen = source === 'option' ? 'given explicitly' : `from ${KIT_DIR_ENV}`;
  throw new KitNotFoundError(`ANS TestContenuCDA kit not found at ${kitDir} (${chosen}): ${problem}. ${fix}.`, kitDir, source);
}

/**
 * Why `kitDir` does not hold the kit (what is missing), or undefined when it does.
 * @param {string} kitDir
 * @returns {string | undefined}
 */
export function kitProblem(kitDir) {
  if (!isKind(kitDir, 'directory')) return existsSync(kitDir) ? 'it is not a folder' : 'the folder does not exist';
  const missing = REQUIRED_ENTRIES.filter((entry) => !isKind(path.join(kitDir, entry.path), entry.kind));
  if (missing.length === 0) return undefined;
  return `missing ${missing.map((entry) => (entry.kind === 'directory' ? `${entry.path}/` : entry.path)).join(' and ')}`;
}

function isKind(file, kind) {
  const stats = statSync(file, { throwIfNoEntry: false });
  return kind === 'directory' ? stats?.isDirectory() === true : stats?.isFile() === true;
}

/** First folder above this module whose package.json declares "workspaces"; the current directory if none. */
function findRepositoryRoot() {
  let folder = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (declaresWorkspaces(path.join(folder, 'package.json'))) return folder;
    const parent = path.dirname(folder);
    if (parent === folder) return process.cwd();
    folder = parent;
  }
}

function declaresWorkspaces(packageJson) {
  try {
    const manifest = JSON.parse(readFileSync(packageJson, 'utf8'));
    return typeof manifest === 'object' && manifest !== null && 'workspaces' in manifest;
  } catch {
    // Absent or unreadable package.json: not the root.
    return false;
  }
}
