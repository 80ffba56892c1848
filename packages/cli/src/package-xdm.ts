/**
 * `dcc package xdm FILE.xml -o OUT.zip`: the IHE_XDM.zip of a PPS or Fiche RCP (INDEX.HTM,
 * README.TXT, IHE_XDM/SUBSET01/METADATA.XML, DOC0001.XML), for vendors who send it with their
 * own MSSanté transport. The metadata come from @dcc-kit/dmp through @dcc-kit/mss.
 */
import { writeFile } from 'node:fs/promises';
import { metadataFromCda, MssError, packXdm, XDM_PATHS } from '@dcc-kit/mss';
import { oidFromUuid } from '@dcc-kit/dmp/client';
import { VISIBILITY_FLAGS, type VisibilityFlag } from '@dcc-kit/dmp/metadata';
import { parseCommandArgs, readInput, usageError } from './command-io.js';
import type { Io } from './index.js';

export const PACKAGE_XDM_USAGE = `Usage: dcc package xdm FILE.xml -o OUT.zip [options]
  --organisation NAME   sender organisation written in INDEX.HTM/README.TXT (default: the author's organisation in the CDA)
  --contact TEXT        contact written in INDEX.HTM/README.TXT
  --to ADDRESS          intended recipient (repeatable), written in METADATA.XML
  --visibility FLAG     MASQUE_PS, INVISIBLE_PATIENT or INVISIBLE_REPRESENTANTS_LEGAUX (repeatable)
  --source-id OID       SubmissionSet sourceId (default: the root of the document's uniqueId)
  --submission-set-id OID   SubmissionSet uniqueId (default: 2.25.<random UUID>)
  --submission-time ISO     submission time (default: now); the zip's timestamps use it
`;

const SPEC = { name: 'package xdm', usage: PACKAGE_XDM_USAGE };
const CLI_VERSION = '0.1.0';

export async function packageXdmCommand(args: readonly string[], io: Io): Promise<number> {
  const parsed = parseCommandArgs(io, SPEC, args, {
    output: { type: 'string', short: 'o' },
    organisation: { type: 'string' },
    contact: { type: 'string' },
    to: { type: 'string', multiple: true, default: [] },
    visibility: { type: 'string', multiple: true, default: [] },
    'source-id': { type: 'string' },
    'submission-set-id': { type: 'string' },
    'submission-time': { type: 'string' },
  });
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  const [file, ...extra] = positionals;
  if (file === undefined || extra.length > 0 || !values.output) {
    return usageError(io, SPEC, 'give one FILE.xml and -o OUT.zip');
  }
  const badFlag = values.visibility.find((v) => !(VISIBILITY_FLAGS as readonly string[]).includes(v));
  if (badFlag !== undefined) return usageError(io, SPEC, `--visibility must be one of ${VISIBILITY_FLAGS.join(', ')} (got "${badFlag}")`, false);
  const submissionTime = values['submission-time'] === undefined ? new Date() : new Date(values['submission-time']);
  if (Number.isNaN(submissionTime.getTime())) return usageError(io, SPEC, `--submission-time is not an ISO date (got "${values['submission-time']}")`, false);
  const cda = await readInput(io, SPEC.name, file);
  if (!cda) return 2;
  try {
    const derived = metadataFromCda(cda, values.visibility as VisibilityFlag[]);
    // Defaults from the document: its first author organisation (XON name), the root of its id.
    const organisation = values.organisation ?? derived.entry.authors[0]?.institutions[0]?.split('^')[0] ?? 'dcc-kit';
    const prepared = packXdm(cda, derived, {
      sender: { organisation, software: 'dcc-kit (dcc package xdm)', version: CLI_VERSION, ...(values.contact ? { contact: values.contact } : {}) },
      submissionSetUniqueId: values['submission-set-id'] ?? oidFromUuid(),
      sourceId: values['source-id'] ?? derived.entry.uniqueId.split('^')[0]!,
      recipients: values.to,
      now: () => submissionTime,
    });
    await writeFile(values.output, prepared.zip);
    io.stdout.write(`${values.output}: IHE_XDM.zip with ${XDM_PATHS.index}, ${XDM_PATHS.readme}, ${XDM_PATHS.metadata}, ${XDM_PATHS.document} (${prepared.entry.size} bytes, SHA-1 ${prepared.entry.hash})\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof MssError)) throw error;
    const cause = error.cause as { issues?: Array<{ path: string; message: string }> } | undefined;
    const issues = cause?.issues ?? [];
    io.stderr.write(`dcc package xdm: ${file}: ${error.messageEn}\n${issues.map((i) => `  ${i.path}: ${i.message}\n`).join('')}`);
    return 1;
  }
}
