/**
 * V8 flags for a short `dcc validate` run (issue 15: one document, whole command, ≤ 1.1 s).
 *
 * A one-document run spends about as much CPU beside its main thread as in it: V8's optimising
 * compiler (TurboFan) compiling JavaScript that will run a few times more, and WebAssembly
 * tier-up recompiling libxml2 (the XML schema layer) with TurboFan. A long run wants both; a
 * run that ends in a second pays for them and never gets their code's benefit. So, for a
 * `validate` of at most ONE_SHOT_MAX_FILES files only:
 * - `--no-wasm-dynamic-tiering --no-wasm-tier-up`: WebAssembly stays in Liftoff (V8's
 *   baseline compiler), TurboFan only where Liftoff cannot compile a function (not
 *   `--liftoff-only`, a testing flag that fails such a function instead);
 * - `--interrupt-budget=1000000` (default 67584): a JavaScript function is considered for
 *   optimisation after about 15 times more bytecode run; hot loops are still optimised.
 *
 * Set with `v8.setFlagsFromString` at the very top of the bin, before anything else is
 * imported, any WebAssembly module is compiled or any worker thread is started (flags are the
 * process's, shared by its worker threads). Node runs V8 with `--no-freeze-flags-after-init`,
 * so flags may change after start-up; these three are plain values that V8 reads when it uses
 * them (the interrupt budget when it sets a function's budget, the tiering flags when it
 * compiles a WebAssembly module), none changes the heap, the snapshot or code already made.
 * They change what V8 runs, never what it computes: the verdict is the same (the CLI's tests
 * compare it with and without). Re-executing node with the flags would cost a second Node
 * start-up, and a shebang's `env -S node --flags` applies neither to `node bin/dcc.js` nor on
 * every system. V8 refuses a code cache made under other flags: the saxon-js code cache's file
 * name carries V8's tag of its flags (`@dcc-kit/conformance`'s `saxonCodeCacheName`), so the
 * CLI and a server sharing a cache folder each keep their own file.
 */
import v8 from 'node:v8';

export const ONE_SHOT_V8_FLAGS: readonly string[] = ['--no-wasm-dynamic-tiering', '--no-wasm-tier-up', '--interrupt-budget=1000000'];

/**
 * Up to this many files, the flags above. Measured on the official PPS example (CPU of the
 * whole process): 1 file 2.3 s → 1.4 s; 20 files 8.9 s → 8.5 s (even). Beyond, a batch runs
 * long enough for optimised code to pay back, so V8 keeps its defaults.
 */
export const ONE_SHOT_MAX_FILES = 20;

/** `validate`'s options that take a value (the rest of its arguments are files or flags). */
const VALUE_OPTIONS = new Set(['--volet', '--format', '--kit', '--workers']);

/** Whether `dcc <argv>` is a short validation run (a cheap look at the arguments; the command parses them properly). */
export function isOneShotValidation(argv: readonly string[]): boolean {
  if (argv[0] !== 'validate') return false;
  let files = 0;
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') {
      files += argv.length - i - 1;
      break;
    }
    if (VALUE_OPTIONS.has(arg)) i++;
    else if (!arg.startsWith('--')) files++;
  }
  return files >= 1 && files <= ONE_SHOT_MAX_FILES;
}

/**
 * Sets ONE_SHOT_V8_FLAGS when `argv` is a short validation run; returns the flags set. Call it
 * first thing in a process that will exit after the command (never in a server).
 */
export function applyOneShotV8Flags(argv: readonly string[]): readonly string[] {
  if (!isOneShotValidation(argv)) return [];
  for (const flag of ONE_SHOT_V8_FLAGS) v8.setFlagsFromString(flag);
  return ONE_SHOT_V8_FLAGS;
}
