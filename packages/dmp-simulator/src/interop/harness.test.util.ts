// Shared set-up of the interop tests: a real simulator on loopback, the real DmpClient, the test
// PKI, and the ANS FRCP example (patient 279035121518989, a §5.6 fixture with an active DMP).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { resolveKitDir } from '@dcc-kit/conformance/kit';
import { DmpClient, DmpError, type ActingParty, type DmpClientOptions } from '@dcc-kit/dmp/client';
import type { DmpSimulator, DmpSimulatorOptions } from '../simulator.js';
import { startSimulatorTrusting } from '../testing/simulator-fixture.test-util.js';
import { createTestPki, type TestPki } from '../pki/index.js';

export const INS = { matricule: '279035121518989', oid: '1.2.250.1.213.1.4.10' };
export const PATIENT_CX = '279035121518989^^^&1.2.250.1.213.1.4.10&ISO^NH';
export const LPS = { name: 'dcc-kit', version: '0.1.0', instanceId: '1.2.250.1.213.1.1.9.1', homologationId: 'HOMOLOG-TEST' };
export const SOURCE_ID = '1.2.250.1.213.1.1.9';

/** The author of the ANS FRCP example, feeding in indirect mode for its structure. */
export const AUTHOR: ActingParty = {
  nameId: '801234567897',
  displayName: 'Dr Charles MULLER',
  roles: [{ code: '10', codingScheme: '1.2.250.1.71.1.2.7', displayName: 'Médecin' }, { code: 'SM36', codingScheme: '1.2.250.1.71.4.2.5', displayName: 'Oncologie option médicale (SM)' }],
  structureId: '1750100125',
  secteurActivite: 'SA01^1.2.250.1.71.4.2.4',
};

export function frcpExample(): Uint8Array {
  return new Uint8Array(readFileSync(path.join(resolveKitDir(), 'ExemplesCDA', 'CANCER-FRCP_2022.01_Appareil.xml')));
}

/** Version 2 of the FRCP example: new id, same setId, versionNumber 2, relatedDocument RPLC → v1 (§2.3). */
export function frcpVersion2(newId: string): Uint8Array {
  const v1 = new TextDecoder().decode(frcpExample());
  const v2 = v1
    .replace('<id root="1.2.250.1.213.1.1.1.8.2022.1.1"/>', `<id root="${newId}"/>`)
    .replace('<versionNumber value="1" />', '<versionNumber value="2" />')
    .replace(/(\s*)<componentOf>/, `$1<relatedDocument typeCode="RPLC"><parentDocument><id root="1.2.250.1.213.1.1.1.8.2022.1.1"/></parentDocument></relatedDocument>$1<componentOf>`);
  if (v2 === v1 || !v2.includes('versionNumber value="2"') || !v2.includes('typeCode="RPLC"')) throw new Error('frcpVersion2: the example changed shape');
  return new TextEncoder().encode(v2);
}

let pkiPromise: Promise<TestPki> | undefined;
export function pki(): Promise<TestPki> {
  pkiPromise ??= createTestPki();
  return pkiPromise;
}

export { randomOid } from '../testing/simulator-fixture.test-util.js';

export interface Harness {
  sim: DmpSimulator;
  client: DmpClient;
  pki: TestPki;
  admin<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
  clientWith(options: Partial<DmpClientOptions>): DmpClient;
  close(): Promise<void>;
}

export async function startHarness(options: Partial<DmpSimulatorOptions> = {}, clientOptions: Partial<DmpClientOptions> = {}): Promise<Harness> {
  const p = await pki();
  const sim = await startSimulatorTrusting(p, options);
  const clients: DmpClient[] = [];
  const clientWith = (extra: Partial<DmpClientOptions>): DmpClient => {
    const c = new DmpClient({ endpoint: sim.url, signing: { key: p.signing.key, certificate: p.signing.cert }, lps: LPS, sourceId: SOURCE_ID, timeoutMs: 10_000, ...clientOptions, ...extra });
    clients.push(c);
    return c;
  };
  const client = clientWith({});
  return {
    sim,
    client,
    pki: p,
    clientWith,
    async admin<T>(method: string, adminPath: string, body?: unknown): Promise<T> {
      const res = await fetch(`${sim.adminUrl}${adminPath}`, { method, ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }) });
      const text = await res.text();
      if (!res.ok) throw new Error(`admin ${method} ${adminPath}: ${res.status} ${text}`);
      return (text ? JSON.parse(text) : undefined) as T;
    },
    async close() {
      for (const c of clients) await c.close();
      await sim.close();
    },
  };
}

export interface AdminEntry {
  entryUUID: string;
  logicalId: string;
  version: number;
  uniqueId: string;
  status: string;
  isSignature: boolean;
  hash: string;
  size: number;
  visibility: string[];
  [field: string]: unknown;
}

/** Empties the simulator's registry and its injected faults. */
export async function resetHarness(h: Harness): Promise<void> {
  await h.admin('DELETE', '/state');
  await h.admin('DELETE', '/faults');
}

/** The clinical (non-signature) entries the simulator holds for the test patient. */
export async function clinicalEntriesOf(h: Harness): Promise<AdminEntry[]> {
  return (await h.admin<AdminEntry[]>('GET', `/entries?patientId=${encodeURIComponent(PATIENT_CX)}`)).filter((e) => !e.isSignature);
}

/** The DmpError the call is refused with (fails the test when it succeeds or throws anything else). */
export async function refusal(p: Promise<unknown>): Promise<DmpError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof DmpError, `a DmpError, got ${String(e)}`);
    return e;
  }
  assert.fail('expected a refusal');
}
