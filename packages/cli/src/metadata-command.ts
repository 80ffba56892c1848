/** `dcc metadata FILE.xml`: the XDS metadata of a PPS / FRCP (dmp-mes.md §1) as JSON, for vendors with their own transport. */
import { checkVisibility, documentEntryFromCda, MetadataError, VISIBILITY_FLAGS, type VisibilityFlag } from '@dcc-kit/dmp/metadata';
import { parseCommandArgs, readInput, usageError } from './command-io.js';
import type { Io } from './index.js';

export const METADATA_USAGE = 'Usage: dcc metadata [--visibility FLAG[,FLAG]] [--comments TEXT] FILE.xml\n';

const SPEC = { name: 'metadata', usage: METADATA_USAGE };

/**
 * The `--visibility` flags (repeatable, comma-separated), or undefined after a usage error
 * naming the unknown ones. Shared with `dcc package iti41`.
 */
export function visibilityFlags(io: Io, name: string, raw: readonly string[] | undefined): VisibilityFlag[] | undefined {
  const visibility = (raw ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
  const unknown = visibility.filter((v) => !(VISIBILITY_FLAGS as readonly string[]).includes(v));
  if (unknown.length > 0) {
    usageError(io, { name, usage: '' }, `--visibility takes ${VISIBILITY_FLAGS.join(', ')} (got ${unknown.join(', ')})`);
    return undefined;
  }
  return visibility as VisibilityFlag[];
}

export async function metadataCommand(args: readonly string[], io: Io): Promise<number> {
  const parsed = parseCommandArgs(io, SPEC, args, {
    visibility: { type: 'string', multiple: true },
    comments: { type: 'string' },
  });
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  if (positionals.length !== 1) return usageError(io, SPEC, 'give one FILE.xml');
  const visibility = visibilityFlags(io, SPEC.name, values.visibility);
  if (!visibility) return 2;
  const file = positionals[0]!;
  const bytes = await readInput(io, SPEC.name, file);
  if (!bytes) return 2;
  try {
    checkVisibility(visibility, {});
    const result = documentEntryFromCda(bytes, { visibility, ...(values.comments !== undefined ? { comments: values.comments } : {}) });
    io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof MetadataError)) throw error;
    return reportMetadataProblems(io, SPEC.name, file, error);
  }
}

/** `dcc <name>: FILE: N problem(s)` then one line per issue (path, message, code); returns exit code 1. */
export function reportMetadataProblems(io: Io, name: string, file: string, error: MetadataError): 1 {
  io.stderr.write(`dcc ${name}: ${file}: ${error.issues.length} problem(s)\n`);
  for (const issue of error.issues) io.stderr.write(`  ${issue.path}: ${issue.message} [${issue.code}]\n`);
  return 1;
}
