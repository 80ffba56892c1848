// Types of kit/locate.mjs (hand-written: the module is plain JavaScript so that build scripts
// can run it before tsc).

/** How the kit folder was chosen, in order of precedence. */
export type KitDirSource = 'option' | 'ANS_KIT_DIR' | 'default';

/** The public repository of the kit (git URL). */
export declare const ANS_KIT_REPOSITORY: string;

/** The commit of that repository this code is written against. */
export declare const ANS_KIT_COMMIT: string;

/** The environment variable that moves the cache of `dcc kit fetch`: `DCC_KIT_CACHE`. */
export declare const KIT_CACHE_ENV: 'DCC_KIT_CACHE';

/** Where `dcc kit fetch` puts the kit of `commit` (default ANS_KIT_COMMIT): $DCC_KIT_CACHE, else $XDG_CACHE_HOME/dcc-kit, else ~/.cache/dcc-kit; then ans-testcontenucda/<commit>. */
export declare function kitCacheDir(commit?: string): string;

/** Why `kitDir` does not hold the kit (what is missing), or undefined when it does. */
export declare function kitProblem(kitDir: string): string | undefined;

/** The environment variable that points to the kit folder: `ANS_KIT_DIR`. */
export declare const KIT_DIR_ENV: 'ANS_KIT_DIR';

/** Default kit location, relative to the repository root. */
export declare const DEFAULT_KIT_DIR: '../shared/ans-testcontenucda';

export declare class KitNotFoundError extends Error {
  readonly name: 'KitNotFoundError';
  /** The absolute path that was tried. */
  readonly kitDir: string;
  readonly source: KitDirSource;
  constructor(message: string, kitDir: string, source: KitDirSource);
}

/**
 * The ANS TestContenuCDA kit folder: `option` if given, else $ANS_KIT_DIR, else
 * `../shared/ans-testcontenucda` next to the repository root, else kitCacheDir() (where
 * `dcc kit fetch` puts the pinned commit). Relative paths are resolved
 * against the current directory (the default against the repository root).
 * @throws KitNotFoundError when the folder does not hold the kit (the message names the folder,
 * how it was chosen, what is missing and ANS_KIT_DIR).
 */
export declare function resolveKitDir(option?: string): string;
