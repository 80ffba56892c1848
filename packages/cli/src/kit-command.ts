/**
 * `dcc kit fetch [--dir DIR] [--repo URL] [--commit SHA] [--restore-from REF] [--force]`:
 * fetches the ANS TestContenuCDA kit at the pinned commit into the cache the kit locator reads
 * (see kit/kit-fetch.ts). `dcc kit where` prints the folder the tools would use.
 */
import { parseArgs } from 'node:util';
import { ANS_KIT_COMMIT, ANS_KIT_REPOSITORY, KIT_DIR_ENV, kitCacheDir, resolveKitDir } from '@dcc-kit/conformance/kit';
import type { Io } from './index.js';
import { fetchKit, KitFetchError } from './kit/kit-fetch.js';

export const KIT_USAGE = `Usage: dcc kit fetch [--dir DIR] [--repo URL] [--commit SHA] [--restore-from REF] [--force]
       dcc kit where

  fetch   Fetches the ANS TestContenuCDA kit (git, shallow, data folders only) at the commit
          dcc-kit is written against, applies the Linux fixes (file-name case, a value set
          missing from that commit), checks it, and writes it to DIR (default: the cache the
          tools look in, ${'$'}DCC_KIT_CACHE or ~/.cache/dcc-kit, then ans-testcontenucda/<commit>).
            --repo URL          repository (default ${ANS_KIT_REPOSITORY})
            --commit SHA        commit (default ${ANS_KIT_COMMIT})
            --restore-from REF  where missing files are taken from (default HEAD of the repository)
            --force             fetch again even when DIR already holds the commit
  where   Prints the kit folder the tools would use, or where they looked.
Exit status: 0 done, 1 fetch or check failed (or no kit for where), 2 usage error.
`;

export async function kitCommand(argv: readonly string[], io: Io): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'where') {
    try {
      io.stdout.write(`${resolveKitDir()}\n`);
      return 0;
    } catch (error) {
      io.stderr.write(`dcc kit where: ${(error as Error).message}\n`);
      return 1;
    }
  }
  if (sub !== 'fetch') {
    (sub === '-h' || sub === '--help' ? io.stdout : io.stderr).write(KIT_USAGE);
    return sub === '-h' || sub === '--help' ? 0 : 2;
  }
  let values;
  try {
    ({ values } = parseArgs({
      args: [...rest],
      options: {
        dir: { type: 'string' },
        repo: { type: 'string' },
        commit: { type: 'string' },
        'restore-from': { type: 'string' },
        force: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    io.stderr.write(`dcc kit fetch: ${(error as Error).message}\n\n${KIT_USAGE}`);
    return 2;
  }
  if (values.help) {
    io.stdout.write(KIT_USAGE);
    return 0;
  }
  const commit = values.commit ?? ANS_KIT_COMMIT;
  const dir = values.dir ?? kitCacheDir(commit);
  try {
    const result = await fetchKit({
      repository: values.repo ?? ANS_KIT_REPOSITORY,
      commit,
      dir,
      ...(values['restore-from'] ? { restoreFrom: values['restore-from'] } : {}),
      force: values.force === true,
      log: (line) => io.stderr.write(`${line}\n`),
    });
    io.stdout.write(`${result.dir}\n`);
    if (values.dir !== undefined || commit !== ANS_KIT_COMMIT) {
      io.stderr.write(`kit: not the default cache folder of the pinned commit: set ${KIT_DIR_ENV}=${result.dir} for the tools to use it\n`);
    }
    return 0;
  } catch (error) {
    if (error instanceof KitFetchError) {
      io.stderr.write(`dcc kit fetch: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
