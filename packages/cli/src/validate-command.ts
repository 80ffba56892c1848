/** `dcc validate`: the kit's verdict on one or many files, as text, JSON or JUnit XML. */
import type { LayerIssue, Validator, Volet, VoletNotDetectedError } from '@dcc-kit/conformance';
import { KitNotFoundError } from '@dcc-kit/conformance/kit';
import { startXsdThread, type XsdThread } from '@dcc-kit/conformance/node/xsd-thread';
import { parseCommandArgs, readInput, usageError } from './command-io.js';
import type { Io } from './index.js';
import { type FileOutcome, formatJson, formatJunit, formatText } from './validate-format.js';

const FORMATS = ['text', 'json', 'junit'] as const;

type Format = (typeof FORMATS)[number];
// Its usage errors name the faulty option only, without the usage text.
const SPEC = { name: 'validate', usage: 'Usage: dcc validate [--volet pps|frcp] [--format text|json|junit] [--kit DIR] [--no-cache] [--workers N] FILE...\n', usageOnError: false };

export async function validateCommand(args: readonly string[], io: Io): Promise<number> {
  const parsed = parseCommandArgs(io, SPEC, args, {
    volet: { type: 'string' },
    format: { type: 'string', default: 'text' },
    kit: { type: 'string' },
    'no-cache': { type: 'boolean', default: false },
    workers: { type: 'string' },
  });
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  const format = values.format as Format;
  if (!FORMATS.includes(format)) return usageError(io, SPEC, `--format must be one of ${FORMATS.join(', ')} (got "${values.format}")`);
  if (values.volet !== undefined && values.volet !== 'pps' && values.volet !== 'frcp') return usageError(io, SPEC, `--volet must be pps or frcp (got "${values.volet}")`);
  const volet = values.volet as Volet | undefined;
  if (positionals.length === 0) return usageError(io, SPEC, 'give at least one FILE to validate');
  // One file: this thread (starting workers would cost more than it saves). Several: a pool.
  const requested = values.workers === undefined ? undefined : Number(values.workers);
  if (requested !== undefined && (!Number.isInteger(requested) || requested < 0 || requested > 64)) return usageError(io, SPEC, `--workers must be an integer from 0 to 64 (got "${values.workers}")`);
  const inThisThread = requested === undefined ? positionals.length === 1 : requested <= 1;

  let validator: Validator;
  let window = 1; // files in flight
  let xsdThread: XsdThread | undefined;
  let VoletNotDetected: typeof VoletNotDetectedError;
  try {
    const options = { ...(values.kit ? { kitDir: values.kit } : {}), ...(values['no-cache'] ? { cacheDir: false as const } : {}) };
    // In this thread, the XML schema compiles on a thread of its own, started before the rest
    // of the engine (saxon-js) is even loaded: the two overlap on two cores.
    if (inThisThread) xsdThread = startXsdThread(options);
    const engine = await import('@dcc-kit/conformance/node');
    VoletNotDetected = engine.VoletNotDetectedError;
    if (xsdThread) validator = engine.createNodeValidator({ ...options, xsdThread });
    else {
      const pool = engine.createValidatorPool({ ...options, size: requested ?? engine.DEFAULT_POOL_SIZE });
      window = 2 * pool.size;
      validator = pool;
    }
  } catch (error) {
    xsdThread?.close();
    if (error instanceof KitNotFoundError) {
      io.stderr.write(`dcc validate: ${error.message}\n`);
      return 2;
    }
    throw error;
  }

  // Each file is judged on its own: one that cannot be read or judged gets its own entry (and
  // its message on stderr), and the others are still validated.
  // With a pool, a window of files is in flight at once (each read only when its turn comes).
  const outcomes: FileOutcome[] = new Array(positionals.length);
  let next = 0;
  try {
    await Promise.all(
      Array.from({ length: Math.min(window, positionals.length) }, async () => {
        for (let i = next++; i < positionals.length; i = next++) outcomes[i] = await judge(validator, VoletNotDetected, io, positionals[i] as string, volet);
      }),
    );
  } finally {
    validator.dispose();
  }

  io.stdout.write(format === 'json' ? formatJson(outcomes) : format === 'junit' ? formatJunit(outcomes) : formatText(outcomes));
  if (outcomes.some((o) => 'error' in o || o.result.layers.some((l) => l.engineErrors.length > 0))) return 2;
  return outcomes.every((o) => 'result' in o && o.result.valid) ? 0 : 1;
}

async function judge(validator: Validator, VoletNotDetected: typeof VoletNotDetectedError, io: Io, file: string, volet: Volet | undefined): Promise<FileOutcome> {
  const text = await readInput(io, SPEC.name, file, 'utf8');
  if (text === undefined) return { file, error: { code: 'unreadable', message: `cannot read ${file}`, issues: [] } };
  try {
    return { file, result: await validator.validate(text, { name: file, ...(volet ? { volet } : {}) }) };
  } catch (error) {
    if (!(error instanceof VoletNotDetected)) throw error;
    io.stderr.write(`dcc validate: ${error.message}\n`);
    // The XML schema layer needs no volet: it says whether the file is well-formed, and where not.
    const xsd = (await validator.validate(text, { name: file, layers: ['xsd'] })).layers[0];
    const parserIssues: LayerIssue[] = (xsd?.errors ?? []).filter((issue) => /^(parser|namespace) error/.test(issue.message));
    return parserIssues.length > 0
      ? { file, error: { code: 'not-well-formed', message: `${file}: not well-formed XML, so its volet cannot be detected; fix the XML`, issues: parserIssues } }
      : { file, error: { code: 'volet-not-detected', message: error.message, issues: [] } };
  }
}
