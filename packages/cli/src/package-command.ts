/**
 * `dcc package iti41 FILE.xml -o OUT.mime`: the ITI-41 request of a PPS / FRCP as the MTOM
 * multipart the DMP expects (dmp-mes.md §1.11, §3.2), for vendors with their own transport.
 * With `--key/--cert` the XAdES signature entry (§1.7) is added; no WS-Security header is
 * written (the VIHF names the acting professional and expires within minutes: the sender adds
 * it at sending time).
 */
import { randomUUID } from 'node:crypto';
import { MetadataError, checkVisibility } from '@dcc-kit/dmp/metadata';
import { provideAndRegisterRequest, oidFromUuid } from '@dcc-kit/dmp/client';
import { ACTIONS, buildMtom, soapEnvelope } from '@dcc-kit/dmp/soap';
import { parseCommandArgs, readInput, usageError, writeOutput } from './command-io.js';
import type { Io } from './index.js';
import { reportMetadataProblems, visibilityFlags } from './metadata-command.js';

export const PACKAGE_ITI41_USAGE =
  'Usage: dcc package iti41 FILE.xml -o OUT.mime [--key KEY.pem --cert CERT.pem [--digest sha256|sha1]] [--visibility FLAG[,FLAG]]\n' +
  '         [--source-id OID] [--entry-uuid UUID] [--submission-set-id OID] [--replaces ENTRY-UUID] [--to URL]\n';

const DEFAULT_TO = 'https://lps2.dmp.gouv.fr/si-dmp-server/v2/services/repository';

const SPEC = { name: 'package iti41', usage: PACKAGE_ITI41_USAGE };

export async function packageIti41Command(args: readonly string[], io: Io, now: () => Date = () => new Date()): Promise<number> {
  const parsed = parseCommandArgs(io, SPEC, args, {
    output: { type: 'string', short: 'o' },
    key: { type: 'string' },
    cert: { type: 'string' },
    visibility: { type: 'string', multiple: true },
    'source-id': { type: 'string' },
    'entry-uuid': { type: 'string' },
    'submission-set-id': { type: 'string' },
    replaces: { type: 'string' },
    to: { type: 'string', default: DEFAULT_TO },
    digest: { type: 'string', default: 'sha256' },
  });
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  if (positionals.length !== 1 || values.output === undefined) return usageError(io, SPEC, 'give one FILE.xml and -o OUT.mime');
  if ((values.key === undefined) !== (values.cert === undefined)) return usageError(io, SPEC, '--key and --cert go together', false);
  if (values.digest !== 'sha256' && values.digest !== 'sha1') return usageError(io, SPEC, `--digest must be sha256 or sha1 (got "${values.digest}")`, false);
  const visibility = visibilityFlags(io, SPEC.name, values.visibility);
  if (!visibility) return 2;
  const file = positionals[0]!;
  const cda = await readInput(io, SPEC.name, file);
  if (!cda) return 2;
  let signing: { key: string; certificate: string } | undefined;
  if (values.key !== undefined && values.cert !== undefined) {
    const key = await readInput(io, SPEC.name, values.key, 'utf8');
    const cert = await readInput(io, SPEC.name, values.cert, 'utf8');
    if (key === undefined || cert === undefined) return 2;
    signing = { key, certificate: cert };
  }
  let request;
  try {
    checkVisibility(visibility, {});
    request = provideAndRegisterRequest(
      {
        cda: new Uint8Array(cda),
        visibility,
        entryUUID: values['entry-uuid'] ?? `urn:uuid:${randomUUID()}`,
        submissionSetUniqueId: values['submission-set-id'] ?? oidFromUuid(),
        sourceId: values['source-id'] ?? '1.2.250.1.213.1.1.9',
        ...(values.replaces ? { replaces: { entryUUID: values.replaces } } : {}),
      },
      { now: now(), hash: values.digest, ...(signing ? { signing } : {}) },
    );
  } catch (error) {
    if (error instanceof MetadataError) return reportMetadataProblems(io, SPEC.name, file, error);
    io.stderr.write(`dcc package iti41: ${(error as Error).message}\n`);
    return /UUID|urn:uuid/.test((error as Error).message) ? 2 : 1;
  }
  const envelope = soapEnvelope({ action: ACTIONS.provideAndRegister, to: values.to, body: request.body });
  const mtom = buildMtom(envelope, request.attachments, { action: ACTIONS.provideAndRegister });
  // A MIME entity: its headers carry the boundary the body needs; an HTTP sender moves
  // Content-Type into the request header and posts the rest.
  const head = Buffer.from(`MIME-Version: 1.0\r\nContent-Type: ${mtom.contentType}\r\n\r\n`, 'utf8');
  if (!(await writeOutput(io, SPEC.name, values.output, Buffer.concat([head, Buffer.from(mtom.body)])))) return 2;
  io.stdout.write(
    `${JSON.stringify({ output: values.output, contentType: mtom.contentType, entryUUID: request.documents[0]?.id, uniqueId: request.entry.uniqueId, submissionSetUniqueId: request.submissionSet.uniqueId, signatureEntryUUID: request.signature?.entryUUID ?? null }, null, 2)}\n`,
  );
  if (!signing) io.stderr.write('dcc package iti41: no --key/--cert: no signature entry (the DMP requires one, §1.7)\n');
  return 0;
}

export const PACKAGE_USAGE = `${PACKAGE_ITI41_USAGE}       dcc package xdm FILE.xml -o OUT.zip\n`;

/** `dcc package iti41|xdm …`: iti41 here; xdm in package-xdm.ts (MSSanté). */
export async function packageCommand(args: readonly string[], io: Io): Promise<number> {
  const [kind, ...rest] = args;
  switch (kind) {
    case 'iti41':
      return packageIti41Command(rest, io);
    case 'xdm':
      // Loaded on demand: the MSSanté modules are not needed by the other kinds.
      return (await import('./package-xdm.js')).packageXdmCommand(rest, io);
    case undefined:
    case '-h':
    case '--help':
      io.stdout.write(PACKAGE_USAGE);
      return kind === undefined ? 2 : 0;
    default:
      io.stderr.write(`dcc package: unknown package kind "${kind}" (known: iti41, xdm)\n${PACKAGE_USAGE}`);
      return 2;
  }
}
