// Runs `dcc validate` in this process with its output discarded, then prints the process's
// peak resident memory, so that the benchmark measures the real command end to end.
import { main } from '@dcc-kit/cli';

const sink = { write: () => true };
const code = await main(['validate', ...process.argv.slice(2)], { stdout: sink, stderr: process.stderr });
process.stdout.write(JSON.stringify({ code, maxRssKiB: process.resourceUsage().maxRSS }));
