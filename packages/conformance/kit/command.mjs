// `dcc kit fetch|where` (also `npm run kit:fetch`, and `npm start` on a clone without the kit).
// Plain JavaScript (types in command.d.mts) so that it runs before anything is built.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { fetchKit, KitFetchError } from './fetch.mjs';
import { ANS_KIT_COMMIT, ANS_KIT_REPOSITORY, KIT_DIR_ENV, kitCacheDir, resolveKitDir } from './locate.mjs';

export const KIT_USAGE = `Usage: dcc kit fetch [--dir DIR] [--repo URL] [--commit SHA] [--restore-from REF] [--force]
       dcc kit where

  fetch   Fetches the ANS TestContenuCDA kit (git, shallow, data folders only) at the commit
          dcc-kit is written against, applies the Linux fixes (file-name case, a value set
          missing from that commit), checks it, and writes it to DIR (default: the cache the
          tools look in, $DCC_KIT_CACHE or ~/.cache/dcc-kit, then ans-testcontenucda/<commit>).
            --repo URL          repository (default ${ANS_KIT_REPOSITORY})
            --commit SHA        commit (default ${ANS_KIT_COMMIT})
            --restore-from REF  where missing files are taken from (default HEAD of the repository)
            --force             fetch again even when DIR already holds the commit
  where   Prints the kit folder the tools would use, or where they looked.
Exit status: 0 done, 1 fetch or check failed (or no kit for where), 2 usage error.
`;

/**
 * Runs `kit <sub> …` with `argv` = [sub, …options]; returns the exit code.
 * @param {readonly string[]} argv
 * @param {{ stdout: { write(s: string): unknown }, stderr: { write(s: string): unknown } }} io
 * @returns {Promise<number>}
 */
export async function kitCommand(argv, io) {
  const [sub, ...rest] = argv;
  if (sub === 'where') {
    try {
      io.stdout.write(`${resolveKitDir()}\n`);
      return 0;
    } catch (error) {
      io.stderr.write(`dcc kit where: ${error.message}\n`);
      return 1;
    }
  }
  if (sub !== 'fetch') {
    const help = sub === '-h' || sub === '--help';
    (help ? io.stdout : io.stderr).write(KIT_USAGE);
    return help ? 0 : 2;
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
    io.stderr.write(`dcc kit fetch: ${error.message}\n\n${KIT_USAGE}`);
    return 2;
  }
  if (values.help) {
    io.stdout.write(KIT_USAGE);
    return 0;
  }
  const commit = values.commit ?? ANS_KIT_COMMIT;
  try {
    const result = await fetchKit({
      repository: values.repo ?? ANS_KIT_REPOSITORY,
      commit,
      dir: values.dir ?? kitCacheDir(commit),
      ...(values['restore-from'] ? { restoreFrom: values['restore-from'] } : {}),
      force: values.force === true,
      log: (line) => io.stderr.write(`${line}\n`),
    });
    io.stdout.write(`${result.dir}\n`);
    if (path.resolve(result.dir) !== kitCacheDir()) {
      io.stderr.write(`kit: not the cache folder of the pinned commit: set ${KIT_DIR_ENV}=${result.dir} for the tools to use it\n`);
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

// `node packages/conformance/kit/command.mjs fetch …` (npm run kit:fetch).
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await kitCommand(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
}
