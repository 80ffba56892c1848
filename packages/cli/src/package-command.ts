/**
 * `dcc package iti41 FILE.xml -o OUT.mime`: the ITI-41 request of a PPS / FRCP as the MTOM
 * multipart the DMP expects (dmp-mes.md §1.11, §3.2), for vendors with their own transport.
 * With `--key/--cert` the XAdES signature entry (§1.7) is added; no WS-Security header is
 * written (the VIHF names the acting professional and expires within minutes: the sender adds
 * it at sending time).
 */
import { randomUUID } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { MetadataError, VISIBILITY_FLAGS, checkVisibility, type VisibilityFlag } from '@dcc-kit/dmp/metadata';
import { provideAndRegisterRequest, oidFromUuid } from '@dcc-kit/dmp/client';
import { ACTIONS, buildMtom, soapEnvelope } from '@dcc-kit/dmp/soap';
import type { Io } from './index.js';

export const PACKAGE_ITI41_USAGE =
  'Usage: dcc package iti41 FILE.xml -o OUT.mime [--key KEY.pem --cert CERT.pem [--digest sha256|sha1]] [--visibility FLAG[,FLAG]]\n' +
  '         [--source-id OID] [--entry-uuid UUID] [--submission-set-id OID] [--replaces ENTRY-UUID] [--to URL]\n';

const DEFAULT_TO = 'https://lps2.dmp.gouv.fr/si-dmp-server/v2/services/repository';

async function read(file: string, io: Io): Promise<Buffer | undefined> {
  try {
    return await readFile(file);
  } catch (error) {
    io.stderr.write(`dcc package iti41: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`);
    return undefined;
  }
}

export async function packageIti41Command(args: readonly string[], io: Io, now: () => Date = () => new Date()): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
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
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    io.stderr.write(`dcc package iti41: ${(error as Error).message}\n${PACKAGE_ITI41_USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout.write(PACKAGE_ITI41_USAGE);
    return 0;
  }
  if (positionals.length !== 1 || values.output === undefined) {
    io.stderr.write(`dcc package iti41: give one FILE.xml and -o OUT.mime\n${PACKAGE_ITI41_USAGE}`);
    return 2;
  }
  if ((values.key === undefined) !== (values.cert === undefined)) {
    io.stderr.write('dcc package iti41: --key and --cert go together\n');
    return 2;
  }
  if (values.digest !== 'sha256' && values.digest !== 'sha1') {
    io.stderr.write(`dcc package iti41: --digest must be sha256 or sha1 (got "${values.digest}")\n`);
    return 2;
  }
  const visibility = (values.visibility ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
  const unknown = visibility.filter((v) => !(VISIBILITY_FLAGS as readonly string[]).includes(v));
  if (unknown.length > 0) {
    io.stderr.write(`dcc package iti41: --visibility takes ${VISIBILITY_FLAGS.join(', ')} (got ${unknown.join(', ')})\n`);
    return 2;
  }
  const file = positionals[0]!;
  const cda = await read(file, io);
  if (!cda) return 2;
  let signing: { key: string; certificate: string } | undefined;
  if (values.key !== undefined && values.cert !== undefined) {
    const key = await read(values.key, io);
    const cert = await read(values.cert, io);
    if (!key || !cert) return 2;
    signing = { key: key.toString('utf8'), certificate: cert.toString('utf8') };
  }
  let request;
  try {
    checkVisibility(visibility as VisibilityFlag[], {});
    request = provideAndRegisterRequest(
      {
        cda: new Uint8Array(cda),
        visibility: visibility as VisibilityFlag[],
        entryUUID: values['entry-uuid'] ?? `urn:uuid:${randomUUID()}`,
        submissionSetUniqueId: values['submission-set-id'] ?? oidFromUuid(),
        sourceId: values['source-id'] ?? '1.2.250.1.213.1.1.9',
        ...(values.replaces ? { replaces: { entryUUID: values.replaces } } : {}),
      },
      { now: now(), hash: values.digest, ...(signing ? { signing } : {}) },
    );
  } catch (error) {
    if (error instanceof MetadataError) {
      io.stderr.write(`dcc package iti41: ${file}: ${error.issues.length} problem(s)\n`);
      for (const issue of error.issues) io.stderr.write(`  ${issue.path}: ${issue.message} [${issue.code}]\n`);
      return 1;
    }
    io.stderr.write(`dcc package iti41: ${(error as Error).message}\n`);
    return /UUID|urn:uuid/.test((error as Error).message) ? 2 : 1;
  }
  const envelope = soapEnvelope({ action: ACTIONS.provideAndRegister, to: values.to, body: request.body });
  const mtom = buildMtom(envelope, request.attachments, { action: ACTIONS.provideAndRegister });
  // A MIME entity: its headers carry the boundary the body needs; an HTTP sender moves
  // Content-Type into the request header and posts the rest.
  const head = Buffer.from(`MIME-Version: 1.0\r\nContent-Type: ${mtom.contentType}\r\n\r\n`, 'utf8');
  try {
    await writeFile(values.output, Buffer.concat([head, Buffer.from(mtom.body)]));
  } catch (error) {
    io.stderr.write(`dcc package iti41: cannot write ${values.output}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`);
    return 2;
  }
  io.stdout.write(
    `${JSON.stringify({ output: values.output, contentType: mtom.contentType, entryUUID: request.documents[0]?.id, uniqueId: request.entry.uniqueId, submissionSetUniqueId: request.submissionSet.uniqueId, signatureEntryUUID: request.signature?.entryUUID ?? null }, null, 2)}\n`,
  );
  if (!signing) io.stderr.write('dcc package iti41: no --key/--cert: no signature entry (the DMP requires one, §1.7)\n');
  return 0;
}

export const PACKAGE_USAGE = `${PACKAGE_ITI41_USAGE}       dcc package xdm FILE.xml -o OUT.zip\n`;

/** `dcc package iti41|xdm …`: iti41 here; xdm in package-xdm.ts (MSSanté, helper MSS). */
export async function packageCommand(args: readonly string[], io: Io): Promise<number> {
  const [kind, ...rest] = args;
  switch (kind) {
    case 'iti41':
      return packageIti41Command(rest, io);
    case undefined:
    case '-h':
    case '--help':
      io.stdout.write(PACKAGE_USAGE);
      return kind === undefined ? 2 : 0;
    default:
      io.stderr.write(`dcc package: unknown package kind "${kind}" (known: iti41)\n${PACKAGE_USAGE}`);
      return 2;
  }
}
