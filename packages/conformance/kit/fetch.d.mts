// Types of kit/fetch.mjs.
import { type CaseFix } from './layout.mjs';
/** Written into the kit folder: what was fetched from where, and what was changed. */
export declare const KIT_SOURCE_FILE = "dcc-kit-source.json";

export declare class KitFetchError extends Error {
  readonly name = "KitFetchError";
}

export interface KitFetchOptions {
  /** git URL or local path of the repository. */
  readonly repository: string;
  /** The commit to check out (40 hex digits). */
  readonly commit: string;
  /** The kit folder to write. */
  readonly dir: string;
  /** Where files missing from `commit` are taken from (a ref of the repository); default HEAD. */
  readonly restoreFrom?: string;
  /** Fetch again even when `dir` already holds this commit. */
  readonly force?: boolean;
  /** Progress lines (no health data here: repository, commit, paths). */
  readonly log?: (line: string) => void;
  /** The git executable; default `git`. */
  readonly git?: string;
}

export interface KitSource {
  readonly repository: string;
  readonly commit: string;
  readonly restored: readonly {
    path: string;
    from: string;
  }[];
  readonly caseFixes: readonly CaseFix[];
}

export interface KitFetchResult extends KitSource {
  readonly dir: string;
  /** True when `dir` already held the commit and nothing was fetched. */
  readonly cached: boolean;
}

export declare function fetchKit(options: KitFetchOptions): Promise<KitFetchResult>;
export { EXPECTED_FILES, KIT_DATA_FOLDERS, LAYER_FILES, RESTORED_FILES, fixFileNameCase, kitLayoutProblems, unresolvedIncludes, type CaseFix } from './layout.mjs';
