// Test PKI for the DMP simulator and its clients: a CA, a server TLS certificate, a client
// authentication certificate (the establishment's ORG_AUTH_CLI stand-in) and an organisation
// signing certificate (ORG_SIGN stand-in, for the VIHF and the XAdES). RSA 2048, SHA-256.
// Test material only: never use these keys for anything real.
import { mkdir, readFile, writeFile, chmod, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { generate } from 'selfsigned';

export interface KeyPair { cert: string; key: string }
export interface TestPki { ca: KeyPair; server: KeyPair; client: KeyPair; signing: KeyPair }

export interface CreateTestPkiOptions {
  /** DNS names / IP addresses of the server certificate (default localhost, 127.0.0.1, ::1). */
  hostnames?: string[];
  /** Validity start (default now − 1 day, so clock drift between hosts does not matter). */
  notBefore?: Date;
}

type Extensions = NonNullable<Parameters<typeof generate>[1]>['extensions'];

const ORGANISATION = 'CENTRE HOSPITALIER DE TEST DCC-KIT';
const STRUCTURE_ID = '1750100125';

// selfsigned joins `shortName=value` pairs with ', ' and re-parses them: keep values free of ',' and '='.
function subject(cn: string, ou: string): { shortName: string; value: string }[] {
  return [
    { shortName: 'C', value: 'FR' },
    { shortName: 'O', value: ORGANISATION },
    { shortName: 'OU', value: ou },
    { shortName: 'CN', value: cn },
  ];
}

function isIp(host: string): boolean {
  return /^[0-9.]+$/.test(host) || host.includes(':');
}

async function issueLeaf(ca: KeyPair, cn: string, ou: string, extensions: Extensions, base: { keySize: number; algorithm: 'sha256'; notBeforeDate: Date; notAfterDate: Date }): Promise<KeyPair> {
  const result = await generate(subject(cn, ou), { ...base, ca, extensions });
  return { cert: result.cert, key: result.private };
}

/**
 * A client-authentication certificate issued by the test CA (e.g. INSi's organisation
 * certificates, CN `INSI-AUTO` / `INSI-MANU`), valid three years from yesterday.
 */
export function issueTestClientCertificate(ca: KeyPair, cn: string, ou = STRUCTURE_ID): Promise<KeyPair> {
  const notBeforeDate = new Date(Date.now() - 24 * 3600_000);
  const notAfterDate = new Date(notBeforeDate.getTime() + 3 * 365 * 24 * 3600_000);
  return issueLeaf(ca, cn, ou, [
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
    { name: 'extKeyUsage', clientAuth: true },
  ], { keySize: 2048, algorithm: 'sha256', notBeforeDate, notAfterDate });
}

export async function createTestPki(options: CreateTestPkiOptions = {}): Promise<TestPki> {
  const hostnames = options.hostnames ?? ['localhost', '127.0.0.1', '::1'];
  const notBeforeDate = options.notBefore ?? new Date(Date.now() - 24 * 3600_000);
  const notAfterDate = new Date(notBeforeDate.getTime() + 3 * 365 * 24 * 3600_000);
  const base = { keySize: 2048, algorithm: 'sha256', notBeforeDate, notAfterDate } as const;

  const ca = await generate(subject('DCC-KIT TEST CA (not for production)', 'IGC-SANTE TEST'), {
    ...base,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    ],
  });
  const caPair = { key: ca.private, cert: ca.cert };
  const leaf = (cn: string, ou: string, extensions: Extensions): Promise<KeyPair> => issueLeaf(caPair, cn, ou, extensions, base);

  const server = await leaf(hostnames[0] ?? 'localhost', 'SERVEUR DMP SIMULE', [
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
    { name: 'extKeyUsage', serverAuth: true },
    {
      name: 'subjectAltName',
      altNames: hostnames.map((h) => (isIp(h) ? { type: 7 as const, ip: h } : { type: 2 as const, value: h })),
    },
  ]);
  const client = await leaf(`${STRUCTURE_ID} ORG_AUTH_CLI`, STRUCTURE_ID, [
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
    { name: 'extKeyUsage', clientAuth: true },
  ]);
  const signing = await leaf(`${STRUCTURE_ID} ORG_SIGN`, STRUCTURE_ID, [
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true },
  ]);
  return { ca: caPair, server, client, signing };
}

const FILES: ReadonlyArray<[keyof TestPki, 'cert' | 'key', string]> = [
  ['ca', 'cert', 'ca.crt'], ['ca', 'key', 'ca.key'],
  ['server', 'cert', 'server.crt'], ['server', 'key', 'server.key'],
  ['client', 'cert', 'client.crt'], ['client', 'key', 'client.key'],
  ['signing', 'cert', 'signing.crt'], ['signing', 'key', 'signing.key'],
];

/** Reads the PKI from `dir`, or creates it there (folder 0700, files 0600) when any file is missing. */
export async function loadOrCreateTestPki(dir: string, options: CreateTestPkiOptions = {}): Promise<TestPki> {
  try {
    const pki = { ca: {}, server: {}, client: {}, signing: {} } as Record<keyof TestPki, KeyPair>;
    for (const [who, part, file] of FILES) pki[who][part] = await readFile(join(dir, file), 'utf8');
    return pki;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const pki = await createTestPki(options);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await chmod(dir, 0o700);
  for (const [who, part, file] of FILES) {
    const path = join(dir, file);
    await writeFile(path, pki[who][part], { mode: 0o600 });
    await chmod(path, 0o600);
  }
  return pki;
}

/** True when `dir` and its files have the permissions loadOrCreateTestPki gives them. */
export async function testPkiPermissionsOk(dir: string): Promise<boolean> {
  if (((await stat(dir)).mode & 0o777) !== 0o700) return false;
  for (const [, , file] of FILES) if (((await stat(join(dir, file))).mode & 0o777) !== 0o600) return false;
  return true;
}
