/** `dcc build pps|frcp INPUT.json [-o OUT.xml]` and `dcc parse FILE.xml`. */
import { buildPps, buildFrcp, ModelValidationError, parseCda, CdaParseError } from '@dcc-kit/cda';
import { issueLine } from '@dcc-kit/cda/labels';
import { parseCommandArgs, readInput, usageError, writeOutput } from './command-io.js';
import type { Io } from './index.js';

export const BUILD_USAGE = 'Usage: dcc build pps|frcp INPUT.json [-o OUT.xml] [--lang fr|en]\n';
export const PARSE_USAGE = 'Usage: dcc parse FILE.xml\n';

const BUILD = { name: 'build', usage: BUILD_USAGE };
const PARSE = { name: 'parse', usage: PARSE_USAGE };

export async function buildCommand(args: readonly string[], io: Io): Promise<number> {
  const parsed = parseCommandArgs(io, BUILD, args, {
    output: { type: 'string', short: 'o' },
    lang: { type: 'string', default: 'en' },
  });
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  const [volet, file, ...extra] = positionals;
  if ((volet !== 'pps' && volet !== 'frcp') || file === undefined || extra.length > 0) {
    return usageError(io, BUILD, 'give the volet (pps or frcp) and one INPUT.json');
  }
  const lang = values.lang === 'fr' ? 'fr' : 'en';
  const text = await readInput(io, BUILD.name, file, 'utf8');
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
    // The field path for the integrator, then the problem named as on screen (« Programme thérapeutique › Traitement 2 › … »).
    for (const issue of error.issues) io.stderr.write(`  ${issue.path || '(root)'}: ${issueLine(volet, issue, lang)} [${issue.code}]\n`);
    return 1;
  }
  if (values.output === undefined) io.stdout.write(xml);
  else if (!(await writeOutput(io, BUILD.name, values.output, xml))) return 2;
  return 0;
}

export async function parseCommand(args: readonly string[], io: Io): Promise<number> {
  if (args.includes('-h') || args.includes('--help')) {
    io.stdout.write(PARSE_USAGE);
    return 0;
  }
  if (args.length !== 1 || args[0]!.startsWith('-')) {
    return usageError(io, PARSE, 'give one FILE.xml');
  }
  const file = args[0]!;
  const xml = await readInput(io, PARSE.name, file, 'utf8');
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
