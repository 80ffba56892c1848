/** `dcc validate`: the kit's verdict on one or many files, as text, JSON or JUnit XML. */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { type ValidationResult, type Volet, VoletNotDetectedError } from '@dcc-kit/conformance';
import { createNodeValidator, KitNotFoundError } from '@dcc-kit/conformance/node';
import type { Io } from './index.js';
import { formatJson, formatJunit, formatText } from './validate-format.js';

const FORMATS = ['text', 'json', 'junit'] as const;
type Format = (typeof FORMATS)[number];

export async function validateCommand(args: readonly string[], io: Io): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        volet: { type: 'string' },
        format: { type: 'string', default: 'text' },
        kit: { type: 'string' },
        'no-cache': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    io.stderr.write(`dcc validate: ${(error as Error).message}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout.write('Usage: dcc validate [--volet pps|frcp] [--format text|json|junit] [--kit DIR] [--no-cache] FILE...\n');
    return 0;
  }
  const format = values.format as Format;
  if (!FORMATS.includes(format)) {
    io.stderr.write(`dcc validate: --format must be one of ${FORMATS.join(', ')} (got "${values.format}")\n`);
    return 2;
  }
  if (values.volet !== undefined && values.volet !== 'pps' && values.volet !== 'frcp') {
    io.stderr.write(`dcc validate: --volet must be pps or frcp (got "${values.volet}")\n`);
    return 2;
  }
  const volet = values.volet as Volet | undefined;
  if (positionals.length === 0) {
    io.stderr.write('dcc validate: give at least one FILE to validate\n');
    return 2;
  }

  const docs: Array<{ name: string; text: string; volet?: Volet }> = [];
  for (const file of positionals) {
    try {
      docs.push({ name: file, text: await readFile(file, 'utf8'), ...(volet ? { volet } : {}) });
    } catch (error) {
      io.stderr.write(`dcc validate: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`);
      return 2;
    }
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
