// Plain JavaScript (types in fetch.d.mts), like locate.mjs: `npm run kit:fetch` and `npm start` run
// it on a fresh clone, before anything is built (the build itself needs the kit).
/**
 * `dcc kit fetch`: the ANS TestContenuCDA kit from its public git repository, at the pinned
 * commit, into the cache folder the kit locator looks in (@dcc-kit/conformance/kit), with the
 * Linux fixes of layout.mjs applied and the result checked.
 *
 * git does the transfer (shallow fetch of one commit, blobs only for the data folders: the
 * repository also holds the kit's engine, style sheets and FOP, which dcc-kit does not read).
 * The work happens in a sibling temporary folder renamed into place at the end, so an
 * interrupted fetch never leaves a half kit where the locator would find it.
 */
import { Buffer } from 'node:buffer';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { KIT_DATA_FOLDERS, RESTORED_FILES, fixFileNameCase, kitLayoutProblems } from './layout.mjs';
/** Written into the kit folder: what was fetched from where, and what was changed. */
export const KIT_SOURCE_FILE = 'dcc-kit-source.json';

export class KitFetchError extends Error {
  name = 'KitFetchError';
}

function run(git, args, cwd) {
  return new Promise((resolve, reject) => {
    const child = spawn(git, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, GIT_TERMINAL_PROMPT: '0' } });
    const out = [];
    const err = [];
    child.stdout.on('data', (chunk) => out.push(chunk));
    child.stderr.on('data', (chunk) => err.push(chunk));
    child.on('error', (error) => reject(new KitFetchError(`cannot run ${git}: ${error.message}`)));
    child.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(out).toString('utf8'));
      else
        reject(new KitFetchError(`git ${args.join(' ')} failed (exit ${code}): ${Buffer.concat(err).toString('utf8').trim().split('\n').slice(-3).join(' / ')}`));
    });
  });
}

function readSource(dir) {
  try {
    return JSON.parse(readFileSync(path.join(dir, KIT_SOURCE_FILE), 'utf8'));
  } catch {
    return undefined;
  }
}

export async function fetchKit(options) {
  const { repository, commit, force = false, restoreFrom = 'HEAD', git = 'git' } = options;
  const log = options.log ?? (() => {});
  if (!/^[0-9a-f]{40}$/i.test(commit)) throw new KitFetchError(`commit: expected 40 hexadecimal digits, got "${commit}"`);
  const dir = path.resolve(options.dir);
  const existing = readSource(dir);
  if (!force && existing?.commit === commit && kitLayoutProblems(dir).length === 0) {
    log(`kit: ${dir} already holds commit ${commit}`);
    return { ...existing, dir, cached: true };
  }
  const work = `${dir}.partial-${process.pid}`;
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  try {
    log(`kit: fetching ${repository} at ${commit}`);
    await run(git, ['init', '-q'], work);
    await run(git, ['remote', 'add', 'origin', repository], work);
    await run(git, ['sparse-checkout', 'set', '--no-cone', ...KIT_DATA_FOLDERS.map((f) => `/${f}/`)], work);
    // Blobs are fetched on checkout, for the sparse folders only.
    await run(git, ['fetch', '-q', '--depth', '1', '--filter=blob:none', 'origin', commit], work);
    await run(git, ['-c', 'advice.detachedHead=false', 'checkout', '-q', 'FETCH_HEAD'], work);
    const fetched = (await run(git, ['rev-parse', 'HEAD'], work)).trim();
    if (fetched.toLowerCase() !== commit.toLowerCase()) throw new KitFetchError(`the repository gave commit ${fetched}, not ${commit}`);
    const restored = [];
    const absent = RESTORED_FILES.filter((file) => !existsSync(path.join(work, file)));
    if (absent.length > 0) {
      await run(git, ['fetch', '-q', '--depth', '1', '--filter=blob:none', 'origin', restoreFrom], work);
      const from = (await run(git, ['rev-parse', 'FETCH_HEAD'], work)).trim();
      for (const file of absent) {
        const content = await run(git, ['show', `FETCH_HEAD:${file}`], work).catch(() => undefined);
        if (content === undefined) continue; // reported by the layout check below
        mkdirSync(path.dirname(path.join(work, file)), { recursive: true });
        writeFileSync(path.join(work, file), content);
        restored.push({ path: file, from });
        log(`kit: restored ${file} from ${restoreFrom} (${from})`);
      }
    }
    const caseFixes = fixFileNameCase(work);
    for (const fix of caseFixes) log(`kit: ${fix.referenced} (referenced) copied from ${fix.existing}`);
    rmSync(path.join(work, '.git'), { recursive: true, force: true });
    const problems = kitLayoutProblems(work);
    if (problems.length > 0) {
      throw new KitFetchError(`the kit at commit ${commit} of ${repository} is not usable after the fixes: ${problems.slice(0, 10).join('; ')}${problems.length > 10 ? `; and ${problems.length - 10} more` : ''}`);
    }
    const source = { repository, commit, restored, caseFixes };
    writeFileSync(path.join(work, KIT_SOURCE_FILE), `${JSON.stringify(source, null, 2)}\n`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(path.dirname(dir), { recursive: true });
    renameSync(work, dir);
    log(`kit: ready in ${dir}`);
    return { ...source, dir, cached: false };
  } catch (error) {
    rmSync(work, { recursive: true, force: true });
    throw error;
  }
}
export { EXPECTED_FILES, KIT_DATA_FOLDERS, LAYER_FILES, RESTORED_FILES, fixFileNameCase, kitLayoutProblems, unresolvedIncludes } from './layout.mjs';
