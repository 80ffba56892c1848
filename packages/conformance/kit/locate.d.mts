// Types of kit/locate.mjs (hand-written: the module is plain JavaScript so that build scripts
// can run it before tsc).

/** How the kit folder was chosen, in order of precedence. */
export type KitDirSource = 'option' | 'ANS_KIT_DIR' | 'default';

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
 * `../shared/ans-testcontenucda` next to the repository root. Relative paths are resolved
 * against the current directory (the default against the repository root).
 * @throws KitNotFoundError when the folder does not hold the kit (the message names the folder,
 * how it was chosen, what is missing and ANS_KIT_DIR).
 */
export declare function resolveKitDir(option?: string): string;
