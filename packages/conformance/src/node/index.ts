/**
 * Node entry point: the validator reading the kit from a folder (option, $ANS_KIT_DIR or
 * ../shared/ans-testcontenucda from the repository root) with compiled schematrons cached
 * on disk ($DCC_CACHE_DIR, default node_modules/.cache/dcc-kit in the current project).
 */
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createValidator, type Validator } from '../validator.js';
import type { CompiledSchemaStore } from '../schema-cache.js';
import { createFsLoader } from './fs-loader.js';
import { resolveKitDir } from './kit-dir.js';
import { createFolderCodeCache, createFolderSchemaStore, createFolderXPathStore } from './schema-store.js';
import { saveSaxonCodeCache, saxonCodeCacheName, useSaxonCodeCache } from '../saxon-node.js';
import type { CompiledXPathStore } from '../schematron/xpath-store.js';
import type { PlanStoreOptions } from '../schematron/plan-store.js';
import { startXsdThread, type XsdThread } from './xsd-thread.js';

export { VoletNotDetectedError } from '../validator.js';
export { createFsLoader } from './fs-loader.js';
export { KIT_DIR_ENV, KitNotFoundError, resolveKitDir, type KitDirSource } from './kit-dir.js';
export { createFolderSchemaStore, createFolderXPathStore } from './schema-store.js';
export { startXsdThread, type XsdThread, type XsdThreadOptions } from './xsd-thread.js';

export const CACHE_DIR_ENV = 'DCC_CACHE_DIR';

export interface NodeValidatorOptions {
  /** Kit folder; see resolveKitDir for the defaults. */
  readonly kitDir?: string;
  /** Folder for compiled schematrons; `false` disables the disk cache. */
  readonly cacheDir?: string | false;
  /**
   * Run the XML schema layer on a worker thread of its own, in parallel with the schematron
   * layers in this thread: `true` starts the thread now, or give one already started with
   * `startXsdThread` (to start its compilation before loading this module). Default: this
   * thread. For one document in a new process (the CLI); a pool's workers keep the default.
   */
  readonly xsdThread?: boolean | XsdThread;
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
  const thread = options.xsdThread === true ? startXsdThread({ kitDir }) : options.xsdThread || undefined;
  // A failed thread is not retried: its reason is the XML schema layer's engine error.
  const xsd = thread ? { xsdValidator: () => thread.validator } : {};
  const folder = options.cacheDir === false ? undefined : compiledRulesDir(options.cacheDir ?? defaultCacheDir());
  const caches = folder ? folderStores(folder) : {};
  const codeCached = folder ? useSaxonCodeCache(createFolderCodeCache(folder, saxonCodeCacheName())) : false;
  const validator = createValidator({ loader: createFsLoader(kitDir), ...caches, ...xsd });
  if (!thread && !codeCached) return validator;
  // After a first verdict the code cache holds every saxon-js function that verdict ran.
  const savingCodeCache = async <T>(result: T): Promise<T> => {
    if (codeCached) await saveSaxonCodeCache().catch(() => undefined); // a failing cache must not fail validation
    return result;
  };
  return {
    ...validator,
    async validate(xml, opts) {
      return savingCodeCache(await validator.validate(xml, opts));
    },
    async validateMany(docs) {
      return savingCodeCache(await validator.validateMany(docs));
    },
    dispose() {
      thread?.close(); // at once, even while the schema still compiles
      validator.dispose();
    },
  };
}

function folderStores(folder: string): { store: CompiledSchemaStore; xpathStore: CompiledXPathStore; planStore?: PlanStoreOptions } {
  const xpathStore = createFolderXPathStore(folder);
  const version = plannerVersion();
  return { store: createFolderSchemaStore(folder), xpathStore, ...(version ? { planStore: { store: xpathStore, version } } : {}) };
}

/** The modules whose code decides what rule planning makes of the rules' text (plan-store.ts). */
const PLANNER_MODULES = ['../schematron/rule-plan.js', '../schematron/match-plan.js', '../schematron/xpath-text.js', '../schematron/plan-store.js'];
let plannerHash: string | null | undefined;

/** A SHA-256 of the planner modules' code: stored plans are used only by the same code (undefined: unreadable, plans not stored). */
function plannerVersion(): string | undefined {
  if (plannerHash === undefined) {
    try {
      const hash = createHash('sha256');
      for (const module of PLANNER_MODULES) hash.update(readFileSync(new URL(module, import.meta.url)));
      plannerHash = `sha256:${hash.digest('base64')}`;
    } catch {
      plannerHash = null;
    }
  }
  return plannerHash ?? undefined;
}

export { createValidatorPool, DEFAULT_POOL_SIZE, type ValidatorPool, type ValidatorPoolOptions } from './validator-pool.js';
