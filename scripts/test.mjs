#!/usr/bin/env node
// Runs the whole test suite after the build:
//  1. the Debian packages the suite needs (Chromium, PostgreSQL server) are there, or are
//     installed when we may (root with apt-get), else a clear message says what is missing;
//  2. a throwaway PostgreSQL cluster is started for the backend's tests (unless
//     DCC_TEST_DATABASE_URL already points at one) and removed at the end;
//  3. every compiled Node test file of every package and the cross-package tests of tests/,
//     in one `node --test` process tree (Node 20 has no glob support in --test, hence this list),
//     several files at a time (see TEST_CONCURRENCY);
//  4. the browser tests (`*.browser-test.js`) with @web/test-runner in Debian's Chromium;
//  5. the Storybook build, so stories and their manifest-fed docs cannot rot.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPostgres } from './postgres.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const deps = spawnSync('bash', [join(root, 'scripts', 'install-system-deps.sh')], { stdio: 'inherit' });
if (deps.status !== 0) process.exit(deps.status ?? 1);

function compiledFiles(pattern) {
  const files = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir)) {
      const file = join(dir, entry);
      if (statSync(file).isDirectory()) walk(file);
      else if (pattern.test(entry)) files.push(relative(root, file));
    }
  };
  for (const pkg of readdirSync(join(root, 'packages'))) {
    const dist = join(root, 'packages', pkg, 'dist');
    if (existsSync(dist)) walk(dist);
  }
  return files.sort();
}

// Cross-package tests (the demo's main job end to end) are plain ESM beside no package.
const crossPackageTests = existsSync(join(root, 'tests'))
  ? readdirSync(join(root, 'tests')).filter((f) => /\.test\.mjs$/.test(f)).map((f) => join('tests', f))
  : [];

const nodeTests = [...compiledFiles(/\.test\.js$/), ...crossPackageTests.sort()];
const browserTests = compiledFiles(/\.browser-test\.js$/);
if (nodeTests.length === 0) {
  console.error('test: no compiled test files found (did the build run?)');
  process.exit(1);
}

/**
 * How many Node test files run side by side (`--test-concurrency`). Node 20's default is the
 * number of cores − 1, which is 1 on the 2-core CI machine: the Node part then ran file after
 * file (9.5 min) though most files spend their time waiting — on servers, PostgreSQL, child
 * processes killed and restarted, browsers. Every file is isolated for this: ports are 0
 * (chosen by the system), each store is an in-memory PGlite, a temporary PGlite folder or a
 * PostgreSQL schema of its own (the cluster allows 300 connections), each demo has its own Vite
 * cache and the offline worker is written atomically, caches shared by processes (the compiled
 * rules) are written aside and renamed, and each file is its own process (environment changes
 * stay in it). Two, not more, on that machine: the conformance and end-to-end files also need
 * the CPU, and the end-to-end file's waits must hold under the load of its neighbour.
 * DCC_TEST_CONCURRENCY overrides it (1 to find a test that depends on another).
 */
const TEST_CONCURRENCY = Math.max(1, Number(process.env.DCC_TEST_CONCURRENCY ?? 2) || 1);

/**
 * The most one test file may take (`--test-timeout`; it also bounds each test in it). Without it,
 * a file that never ends (a test or hook waiting on something that never comes, or a process kept
 * alive by a handle) held the whole run until CI's own limit, and the spec reporter, which prints
 * files in order, showed nothing after the last file before it. With it, that file fails with its
 * name and the run goes on. The longest file (the demo end to end) takes about 3 minutes.
 */
const FILE_TIMEOUT_MS = 10 * 60_000;

let postgres;
const env = { ...process.env };
if (!env.DCC_TEST_DATABASE_URL) {
  postgres = await startPostgres();
  env.DCC_TEST_DATABASE_URL = postgres.url;
  console.log(`test: PostgreSQL for the backend tests on ${postgres.url}`);
}

let status = 0;
try {
  console.log(`test: ${nodeTests.length} Node test files, ${TEST_CONCURRENCY} at a time`);
  const node = spawnSync(process.execPath, ['--test', `--test-concurrency=${TEST_CONCURRENCY}`, `--test-timeout=${FILE_TIMEOUT_MS}`, '--test-reporter=spec', ...nodeTests], { cwd: root, stdio: 'inherit', env });
  status = node.status ?? 1;
  if (browserTests.length > 0) {
    console.log(`test: ${browserTests.length} browser test file(s) in Chromium`);
    const wtr = spawnSync(process.execPath, [join(root, 'node_modules', '@web', 'test-runner', 'dist', 'bin.js'), '--config', join(root, 'web-test-runner.config.mjs')], {
      cwd: root,
      stdio: 'inherit',
      env,
    });
    status ||= wtr.status ?? 1;
  }
  // Storybook must keep building, with its docs generated from the custom-elements manifest.
  console.log('test: Storybook build (stories + docs from the custom-elements manifest)');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const storybook = spawnSync(npm, ['run', '-s', 'build-storybook'], { cwd: root, stdio: 'inherit', env: { ...env, STORYBOOK_DISABLE_TELEMETRY: '1' } });
  status ||= storybook.status ?? 1;
} finally {
  await postgres?.stop();
}
process.exit(status);
