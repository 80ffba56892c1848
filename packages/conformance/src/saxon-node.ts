/**
 * saxon-js for Node: the npm package (SaxonJS2N.js). See saxon-browser.ts for browsers.
 *
 * It is 2.4 MB of JavaScript, so a new process pays to compile it, then to compile each
 * function on its first call. Two things keep that small:
 * - loaded on first use, not at import: a process can set a code cache first
 *   (`useSaxonCodeCache`, done by `createNodeValidator` with a cache folder), and a caller that
 *   never evaluates XPath never loads it;
 * - with a code cache, V8's bytecode for the package (its functions already run included,
 *   written after a first validation by `saveSaxonCodeCache`) is read instead of compiled.
 *   V8 refuses a cache made for another source, V8 version or flags (then the package is
 *   compiled and the cache written again); the file name also carries the package and Node
 *   versions and V8's own compatibility tag (`v8.cachedDataVersionTag()`: V8 version, flags,
 *   CPU features), so that processes run with other V8 flags (the one-shot CLI sets some, a
 *   server none) each keep their own file instead of refusing and rewriting each other's. The package is otherwise run exactly as `require` would run it (CommonJS wrapper,
 *   its own `require`), except that axios, which it loads for `http:` resources the engine
 *   never asks for, is required on first use only (≈ 65 ms of CPU at start otherwise).
 */
import { readFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import type NodeSaxonJS from 'saxon-js';

type Saxon = typeof NodeSaxonJS;

const packageFile = createRequire(import.meta.url).resolve('saxon-js');
/** `require.cache`: the modules `require` (and `import` of CommonJS) hand out. */
const requireCache = createRequire(import.meta.url).cache;
const saxonVersion = (JSON.parse(readFileSync(path.join(path.dirname(packageFile), 'package.json'), 'utf8')) as { version: string }).version;

interface CodeCache {
  readonly read: () => Buffer | undefined;
  readonly write: (data: Buffer) => Promise<void>;
}

let loaded: Saxon | undefined;
let fromCodeCache = false;
let codeCache: CodeCache | undefined;
/** The compiled package, while its code cache still has to be written. */
let unsaved: vm.Script | undefined;

/**
 * The code cache's file name for this saxon-js, Node, architecture and V8 configuration. A
 * function, not a constant: V8 flags set after start-up (`v8.setFlagsFromString`) change the
 * tag, and the name must be the one of the flags saxon-js will be compiled under.
 */
export function saxonCodeCacheName(): string {
  return `saxon-js-${saxonVersion}-node-${process.version}-${process.arch}-v8-${v8.cachedDataVersionTag().toString(16)}.v8cache`;
}

/**
 * Where saxon-js's compiled code is read from and written to. Only before saxon-js is first
 * used; later calls change nothing. Returns whether the cache will be used.
 */
export function useSaxonCodeCache(cache: CodeCache): boolean {
  if (loaded) return false;
  codeCache = cache;
  return true;
}

/** Writes the code cache if it was missing or refused (after a first validation: the functions run so far are in it). */
export async function saveSaxonCodeCache(): Promise<void> {
  const script = unsaved;
  unsaved = undefined;
  if (script && codeCache) await codeCache.write(script.createCachedData());
}

/** Whether saxon-js is loaded, and from a code cache V8 accepted. */
export function saxonCodeCacheStatus(): { readonly loaded: boolean; readonly fromCodeCache: boolean } {
  return { loaded: loaded !== undefined, fromCodeCache };
}

function load(): Saxon {
  if (loaded) return loaded;
  // One saxon-js per process: nodes of one copy are not nodes to another. When something
  // required it already, that copy is used; the copy loaded here is registered as `require`'s.
  const existing = requireCache[packageFile];
  if (existing?.loaded) return (loaded = existing.exports as Saxon);
  const source = readFileSync(packageFile, 'utf8');
  let cachedData: Buffer | undefined;
  try {
    cachedData = codeCache?.read();
  } catch {
    cachedData = undefined; // unreadable: compile
  }
  const script = new vm.Script(Module.wrap(source), { filename: packageFile, ...(cachedData ? { cachedData } : {}) });
  fromCodeCache = cachedData !== undefined && script.cachedDataRejected === false;
  if (codeCache && !fromCodeCache) unsaved = script;
  const packageRequire = createRequire(packageFile);
  let axios: unknown;
  const lazyAxios = new Proxy({}, { get: (_target, key) => Reflect.get((axios ??= packageRequire('axios')) as object, key) });
  const moduleRequire = Object.assign((id: string) => (id === 'axios' ? lazyAxios : packageRequire(id)), packageRequire);
  const module = new Module(packageFile);
  module.filename = packageFile;
  module.paths = (Module as unknown as { _nodeModulePaths(from: string): string[] })._nodeModulePaths(path.dirname(packageFile));
  (script.runInThisContext() as (...args: unknown[]) => void).call(module.exports, module.exports, moduleRequire, module, packageFile, path.dirname(packageFile));
  module.loaded = true;
  requireCache[packageFile] = module;
  loaded = module.exports as Saxon;
  return loaded;
}

/** Functions handed out once bound to saxon-js itself, so that `this` inside them is what it expects. */
const bound = new Map<PropertyKey, unknown>();

const SaxonJS = new Proxy({}, {
  get(_target, key) {
    const saxon = load();
    const value = Reflect.get(saxon, key) as unknown;
    if (typeof value !== 'function') return value;
    let fn = bound.get(key);
    if (!fn) bound.set(key, (fn = (value as (...args: unknown[]) => unknown).bind(saxon)));
    return fn;
  },
  has: (_target, key) => Reflect.has(load(), key),
}) as typeof NodeSaxonJS;

export default SaxonJS;
