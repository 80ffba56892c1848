/** `dcc build pps|frcp INPUT.json [-o OUT.xml]` and `dcc parse FILE.xml`. */
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { buildPps, buildFrcp, ModelValidationError, parseCda, CdaParseError } from '@dcc-kit/cda';
import type { Io } from './index.js';

export const BUILD_USAGE = 'Usage: dcc build pps|frcp INPUT.json [-o OUT.xml] [--lang fr|en]\n';
export const PARSE_USAGE = 'Usage: dcc parse FILE.xml\n';

async function readInput(file: string, io: Io, command: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    io.stderr.write(`dcc ${command}: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`);
    return undefined;
  }
}

export async function buildCommand(args: readonly string[], io: Io): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        output: { type: 'string', short: 'o' },
        lang: { type: 'string', default: 'en' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    io.stderr.write(`dcc build: ${(error as Error).message}\n${BUILD_USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout.write(BUILD_USAGE);
    return 0;
  }
  const [volet, file, ...extra] = positionals;
  if ((volet !== 'pps' && volet !== 'frcp') || file === undefined || extra.length > 0) {
    io.stderr.write(`dcc build: give the volet (pps or frcp) and one INPUT.json\n${BUILD_USAGE}`);
    return 2;
  }
  const lang = values.lang === 'fr' ? 'fr' : 'en';
  const text = await readInput(file, io, 'build');
  if (text === undefined) return 2;
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (error) {
    io.stderr.write(`dcc build: ${file} is not valid JSON: ${(error as Error).message}\n`);
    return 1;
  }
  let xml: string;
  try {
    xml = volet === 'pps' ? buildPps(input) : buildFrcp(input);
  } catch (error) {
    if (!(error instanceof ModelValidationError)) throw error;
    io.stderr.write(`dcc build: ${file}: ${error.issues.length} problem(s) in the input\n`);
    for (const issue of error.issues) io.stderr.write(`  ${issue.path || '(root)'}: ${issue.message[lang]} [${issue.code}]\n`);
    return 1;
  }
  if (values.output === undefined) io.stdout.write(xml);
  else {
    try {
      await writeFile(values.output, xml);
    } catch (error) {
      io.stderr.write(`dcc build: cannot write ${values.output}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`);
      return 2;
    }
  }
  return 0;
}

export async function parseCommand(args: readonly string[], io: Io): Promise<number> {
  if (args.includes('-h') || args.includes('--help')) {
    io.stdout.write(PARSE_USAGE);
    return 0;
  }
  if (args.length !== 1 || args[0]!.startsWith('-')) {
    io.stderr.write(`dcc parse: give one FILE.xml\n${PARSE_USAGE}`);
    return 2;
  }
  const file = args[0]!;
  const xml = await readInput(file, io, 'parse');
  if (xml === undefined) return 2;
  try {
    const parsed = parseCda(xml);
    io.stdout.write(JSON.stringify({ volet: parsed.volet, document: parsed.document }, null, 2) + '\n');
    return 0;
  } catch (error) {
    if (!(error instanceof CdaParseError)) throw error;
    io.stderr.write(`dcc parse: ${file}: ${error.message}\n`);
    return 1;
  }
}
