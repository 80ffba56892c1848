import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** How the kit folder was chosen, in order of precedence. */
export type KitDirSource = 'option' | 'ANS_KIT_DIR' | 'default';

export const KIT_DIR_ENV = 'ANS_KIT_DIR';

/** Default kit location, relative to the repository root. */
const DEFAULT_KIT_DIR = '../shared/ans-testcontenucda';

const REQUIRED_ENTRIES: ReadonlyArray<{ path: string; kind: 'directory' | 'file' }> = [
  { path: 'schematrons', kind: 'directory' },
  { path: 'infrastructure/cda/CDA_extended.xsd', kind: 'file' },
];

export class KitNotFoundError extends Error {
  override readonly name = 'KitNotFoundError';

  constructor(
    message: string,
    /** The absolute path that was tried. */
    readonly kitDir: string,
    readonly source: KitDirSource,
  ) {
    super(message);
  }
}

/**
 * The ANS TestContenuCDA kit folder: `option` if given, else $ANS_KIT_DIR, else
 * `../shared/ans-testcontenucda` next to the repository root. Relative paths are resolved
 * against the current directory (the default against the repository root).
 * @throws KitNotFoundError when the folder does not hold the kit.
 */
export function resolveKitDir(option?: string): string {
  const fromEnv = process.env[KIT_DIR_ENV];
  let kitDir: string;
  let source: KitDirSource;
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
  if (problem) {
    const chosen =
      source === 'option' ? 'given explicitly' : source === 'default' ? `the default, ${DEFAULT_KIT_DIR} from the repository root` : `from ${KIT_DIR_ENV}`;
    throw new KitNotFoundError(
      `ANS TestContenuCDA kit not found at ${kitDir} (${chosen}): ${problem}. ` +
        `Set ${KIT_DIR_ENV} to the folder holding the ANS TestContenuCDA kit data ` +
        '(the folder containing schematrons/ and infrastructure/cda/CDA_extended.xsd).',
      kitDir,
      source,
    );
  }
  return kitDir;
}

function kitProblem(kitDir: string): string | undefined {
  if (!isKind(kitDir, 'directory')) return existsSync(kitDir) ? 'it is not a folder' : 'the folder does not exist';
  const missing = REQUIRED_ENTRIES.filter((entry) => !isKind(path.join(kitDir, entry.path), entry.kind));
  if (missing.length === 0) return undefined;
  return `missing ${missing.map((entry) => (entry.kind === 'directory' ? `${entry.path}/` : entry.path)).join(' and ')}`;
}

function isKind(file: string, kind: 'directory' | 'file'): boolean {
  const stats = statSync(file, { throwIfNoEntry: false });
  return kind === 'directory' ? stats?.isDirectory() === true : stats?.isFile() === true;
}

/** First folder above this module whose package.json declares "workspaces"; the current directory if none. */
function findRepositoryRoot(): string {
  let folder = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (declaresWorkspaces(path.join(folder, 'package.json'))) return folder;
    const parent = path.dirname(folder);
    if (parent === folder) return process.cwd();
    folder = parent;
  }
}

function declaresWorkspaces(packageJson: string): boolean {
  try {
    const manifest: unknown = JSON.parse(readFileSync(packageJson, 'utf8'));
    return typeof manifest === 'object' && manifest !== null && 'workspaces' in manifest;
  } catch {
    // Absent or unreadable package.json: not the root.
    return false;
  }
}
