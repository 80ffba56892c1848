// Runs `dcc validate` in this process with its output discarded, then prints the process's
// peak resident memory and CPU time, so that the benchmark measures the real command end to end.
import { main } from '@dcc-kit/cli';

const sink = { write: () => true };
const code = await main(['validate', ...process.argv.slice(2)], { stdout: sink, stderr: process.stderr });
const usage = process.resourceUsage(); // every thread of the process: V8's compiler and GC threads, the XML schema thread
process.stdout.write(JSON.stringify({ code, maxRssKiB: usage.maxRSS, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000 }));
