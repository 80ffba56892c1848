/** `dcc validate`: the kit's verdict on one or many files, as text, JSON or JUnit XML. */
import { type ValidationResult, type Volet, VoletNotDetectedError } from '@dcc-kit/conformance';
import { createNodeValidator, KitNotFoundError } from '@dcc-kit/conformance/node';
import { parseCommandArgs, readInput, usageError } from './command-io.js';
import type { Io } from './index.js';
import { formatJson, formatJunit, formatText } from './validate-format.js';

const FORMATS = ['text', 'json', 'junit'] as const;
type Format = (typeof FORMATS)[number];
// Its usage errors name the faulty option only, without the usage text.
const SPEC = { name: 'validate', usage: 'Usage: dcc validate [--volet pps|frcp] [--format text|json|junit] [--kit DIR] [--no-cache] FILE...\n', usageOnError: false };

export async function validateCommand(args: readonly string[], io: Io): Promise<number> {
  const parsed = parseCommandArgs(io, SPEC, args, {
    volet: { type: 'string' },
    format: { type: 'string', default: 'text' },
    kit: { type: 'string' },
    'no-cache': { type: 'boolean', default: false },
  });
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  const format = values.format as Format;
  if (!FORMATS.includes(format)) return usageError(io, SPEC, `--format must be one of ${FORMATS.join(', ')} (got "${values.format}")`);
  if (values.volet !== undefined && values.volet !== 'pps' && values.volet !== 'frcp') return usageError(io, SPEC, `--volet must be pps or frcp (got "${values.volet}")`);
  const volet = values.volet as Volet | undefined;
  if (positionals.length === 0) return usageError(io, SPEC, 'give at least one FILE to validate');

  const docs: Array<{ name: string; text: string; volet?: Volet }> = [];
  for (const file of positionals) {
    const text = await readInput(io, SPEC.name, file, 'utf8');
    if (text === undefined) return 2;
    docs.push({ name: file, text, ...(volet ? { volet } : {}) });
  }

  let results: ValidationResult[];
  try {
    const validator = createNodeValidator({ ...(values.kit ? { kitDir: values.kit } : {}), ...(values['no-cache'] ? { cacheDir: false as const } : {}) });
    results = await validator.validateMany(docs);
  } catch (error) {
    if (error instanceof KitNotFoundError || error instanceof VoletNotDetectedError) {
      io.stderr.write(`dcc validate: ${error.message}\n`);
      return 2;
    }
    throw error;
  }

  const files = docs.map((d) => d.name);
  io.stdout.write(format === 'json' ? formatJson(files, results) : format === 'junit' ? formatJunit(files, results) : formatText(files, results));
  if (results.some((r) => r.layers.some((l) => l.engineErrors.length > 0))) return 2;
  return results.every((r) => r.valid) ? 0 : 1;
}
