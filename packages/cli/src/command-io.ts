/**
 * What every `dcc` sub-command does the same way: parse its arguments (with `-h/--help`),
 * write a usage error (exit 2), read and write files with an error naming the file and the
 * system code. One place, so the commands agree on wording and exit codes.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Io } from './index.js';

type Options = NonNullable<ParseArgsConfig['options']>;
type WithHelp<O extends Options> = O & { help: { type: 'boolean'; short: 'h'; default: false } };
export type ParsedCommand<O extends Options> = ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; options: WithHelp<O> }>>;

/** A sub-command as its messages name it (`dcc <name>: …`), with the usage shown on help and after a usage error. */
export interface CommandSpec {
  readonly name: string;
  readonly usage: string;
  /** Whether a usage error is followed by the usage text (default true). */
  readonly usageOnError?: boolean;
}

/** The system's reason for a failed file operation: its code (ENOENT…) or its message. */
function reason(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
}

/** Writes `dcc <name>: <message>` (and the usage) to stderr; returns the usage-error exit code 2. */
export function usageError(io: Io, spec: CommandSpec, message: string, withUsage = spec.usageOnError ?? true): 2 {
  io.stderr.write(`dcc ${spec.name}: ${message}\n${withUsage ? spec.usage : ''}`);
  return 2;
}

/**
 * The parsed arguments, or the exit code when the command is already answered:
 * 0 after `--help` (usage on stdout), 2 after an argument parseArgs refuses.
 */
export function parseCommandArgs<O extends Options>(io: Io, spec: CommandSpec, args: readonly string[], options: O): ParsedCommand<O> | number {
  let parsed: ParsedCommand<O>;
  try {
    parsed = parseArgs({ args: [...args], allowPositionals: true, options: { ...options, help: { type: 'boolean', short: 'h', default: false } } as WithHelp<O> });
  } catch (error) {
    return usageError(io, spec, (error as Error).message);
  }
  if ((parsed.values as { help?: boolean }).help) {
    io.stdout.write(spec.usage);
    return 0;
  }
  return parsed;
}

/** The file's bytes (or text with an encoding), or undefined after `dcc <name>: cannot read FILE: CODE` on stderr. */
export async function readInput(io: Io, name: string, file: string): Promise<Buffer | undefined>;
export async function readInput(io: Io, name: string, file: string, encoding: 'utf8'): Promise<string | undefined>;
export async function readInput(io: Io, name: string, file: string, encoding?: 'utf8'): Promise<Buffer | string | undefined> {
  try {
    return encoding ? await readFile(file, encoding) : await readFile(file);
  } catch (error) {
    io.stderr.write(`dcc ${name}: cannot read ${file}: ${reason(error)}\n`);
    return undefined;
  }
}

/** Writes the file; false after `dcc <name>: cannot write FILE: CODE` on stderr. */
export async function writeOutput(io: Io, name: string, file: string, data: string | Uint8Array): Promise<boolean> {
  try {
    await writeFile(file, data);
    return true;
  } catch (error) {
    io.stderr.write(`dcc ${name}: cannot write ${file}: ${reason(error)}\n`);
    return false;
  }
}
