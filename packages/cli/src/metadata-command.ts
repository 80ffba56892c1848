/** `dcc metadata FILE.xml`: the XDS metadata of a PPS / FRCP (dmp-mes.md §1) as JSON, for vendors with their own transport. */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { checkVisibility, documentEntryFromCda, MetadataError, VISIBILITY_FLAGS, type VisibilityFlag } from '@dcc-kit/dmp/metadata';
import type { Io } from './index.js';

export const METADATA_USAGE = 'Usage: dcc metadata [--visibility FLAG[,FLAG]] [--comments TEXT] FILE.xml\n';

export async function metadataCommand(args: readonly string[], io: Io): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        visibility: { type: 'string', multiple: true },
        comments: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    io.stderr.write(`dcc metadata: ${(error as Error).message}\n${METADATA_USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout.write(METADATA_USAGE);
    return 0;
  }
  if (positionals.length !== 1) {
    io.stderr.write(`dcc metadata: give one FILE.xml\n${METADATA_USAGE}`);
    return 2;
  }
  const visibility = (values.visibility ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
  const unknown = visibility.filter((v) => !(VISIBILITY_FLAGS as readonly string[]).includes(v));
  if (unknown.length > 0) {
    io.stderr.write(`dcc metadata: --visibility takes ${VISIBILITY_FLAGS.join(', ')} (got ${unknown.join(', ')})\n`);
    return 2;
  }
  const file = positionals[0]!;
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (error) {
    io.stderr.write(`dcc metadata: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`);
    return 2;
  }
  try {
    checkVisibility(visibility as VisibilityFlag[], {});
    const result = documentEntryFromCda(bytes, { visibility: visibility as VisibilityFlag[], ...(values.comments !== undefined ? { comments: values.comments } : {}) });
    io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof MetadataError)) throw error;
    io.stderr.write(`dcc metadata: ${file}: ${error.issues.length} problem(s)\n`);
    for (const issue of error.issues) io.stderr.write(`  ${issue.path}: ${issue.message} [${issue.code}]\n`);
    return 1;
  }
}
