// The embedded store's files are health data: its folder (and the session key beside it) are
// private to the service's user whatever the umask: folders 0700, files 0600. Folders created
// by an earlier version, or by a process with a lax umask, are corrected when opened.
import { chmodSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/**
 * Creates `dir` and its missing parents private (mkdir's mode is masked by the umask, so
 * chmod after). Folders that already existed are left as they are: they may be shared ones.
 */
export function makePrivateDir(dir: string): void {
  const target = resolve(dir);
  const created = mkdirSync(target, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (!created) return;
  const first = resolve(created);
  for (let d = target; ; d = dirname(d)) {
    chmodSync(d, PRIVATE_DIR_MODE);
    if (d === first || d === dirname(d)) break;
  }
}

/** Sets folders to 0700 and files to 0600 under `dir`, `dir` included; symbolic links are left alone. */
export function restrictTree(dir: string): void {
  const stat = lstatSync(dir, { throwIfNoEntry: false });
  if (!stat || stat.isSymbolicLink()) return;
  if (stat.isDirectory()) {
    if ((stat.mode & 0o777) !== PRIVATE_DIR_MODE) chmodSync(dir, PRIVATE_DIR_MODE);
    for (const name of readdirSync(dir)) restrictTree(resolve(dir, name));
  } else if (stat.isFile() && (stat.mode & 0o777) !== PRIVATE_FILE_MODE) {
    chmodSync(dir, PRIVATE_FILE_MODE);
  }
}
