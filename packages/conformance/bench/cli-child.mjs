// Runs `dcc validate` in this process with its output discarded, then prints the process's
// peak resident memory and CPU time, so that the benchmark measures the real command end to end.
// Like the bin, it first sets the V8 flags of a short run (`applyOneShotV8Flags`), then loads the
// command; BENCH_V8_DEFAULTS=1 keeps V8's defaults (the figure before those flags, side by side).
import { readFileSync } from 'node:fs';
import { applyOneShotV8Flags } from '@dcc-kit/cli/one-shot-v8-flags';

const argv = ['validate', ...process.argv.slice(2)];
const v8Flags = process.env.BENCH_V8_DEFAULTS === '1' ? [] : applyOneShotV8Flags(argv);
const { main } = await import('@dcc-kit/cli');
const sink = { write: () => true };
const code = await main(argv, { stdout: sink, stderr: process.stderr });
const usage = process.resourceUsage(); // every thread of the process: V8's compiler and GC threads, the XML schema thread
process.stdout.write(JSON.stringify({ code, maxRssKiB: usage.maxRSS, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000, mainThreadCpuMs: mainThreadCpuMs(), v8Flags }));

/** CPU time of the main thread alone (Linux: its scheduler statistics, in ns), the command's critical path; null elsewhere. */
function mainThreadCpuMs() {
  try {
    return Number(readFileSync(`/proc/${process.pid}/task/${process.pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return null;
  }
}
