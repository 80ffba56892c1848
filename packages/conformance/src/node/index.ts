/**
 * Node entry point: the validator reading the kit from a folder (option, $ANS_KIT_DIR or
 * ../shared/ans-testcontenucda from the repository root) with compiled schematrons cached
 * on disk ($DCC_CACHE_DIR, default node_modules/.cache/dcc-kit in the current project).
 */
import os from 'node:os';
import path from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import { createValidator, type Validator } from '../validator.js';
import type { CompiledSchemaStore } from '../schema-cache.js';
import { createFsLoader } from './fs-loader.js';
import { resolveKitDir } from './kit-dir.js';
import { createFolderSchemaStore, createFolderXPathStore } from './schema-store.js';

export { createFsLoader } from './fs-loader.js';
export { KIT_DIR_ENV, KitNotFoundError, resolveKitDir, type KitDirSource } from './kit-dir.js';
export { createFolderSchemaStore, createFolderXPathStore } from './schema-store.js';

export const CACHE_DIR_ENV = 'DCC_CACHE_DIR';

export interface NodeValidatorOptions {
  /** Kit folder; see resolveKitDir for the defaults. */
  readonly kitDir?: string;
  /** Folder for compiled schematrons; `false` disables the disk cache. */
  readonly cacheDir?: string | false;
}

/** The default cache folder: $DCC_CACHE_DIR, else node_modules/.cache/dcc-kit, else the OS temp folder. */
export function defaultCacheDir(): string {
  const fromEnv = process.env[CACHE_DIR_ENV];
  if (fromEnv) return path.resolve(fromEnv);
  const modules = path.resolve('node_modules');
  return existsSync(modules) ? path.join(modules, '.cache', 'dcc-kit') : path.join(os.tmpdir(), 'dcc-kit-cache');
}

/**
 * The engine's version in cache paths: a new version never reads what an older one wrote
 * (entries are also keyed by the compiled format and checked against the kit files' hashes).
 */
export const ENGINE_VERSION: string = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** Where the compiled rules of this engine version are kept under `cacheDir`. */
export function compiledRulesDir(cacheDir: string): string {
  return path.join(cacheDir, 'conformance', ENGINE_VERSION);
}

export function createNodeValidator(options: NodeValidatorOptions = {}): Validator {
  const kitDir = resolveKitDir(options.kitDir);
  if (options.cacheDir === false) return createValidator({ loader: createFsLoader(kitDir) });
  const folder = compiledRulesDir(options.cacheDir ?? defaultCacheDir());
  const store: CompiledSchemaStore = createFolderSchemaStore(folder);
  return createValidator({ loader: createFsLoader(kitDir), store, xpathStore: createFolderXPathStore(folder) });
}

export { createValidatorPool, DEFAULT_POOL_SIZE, type ValidatorPool, type ValidatorPoolOptions } from './validator-pool.js';
