// Test fixtures shared by the dmp tests (Node only; not exported by the package).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { resolveKitDir } from '@dcc-kit/conformance/kit';
import { buildFrcp, buildPps } from '@dcc-kit/cda';
import { loadExample } from '@dcc-kit/cda/examples';

/** Bytes of an official ANS example (ExemplesCDA/<name>); fails with the kit locator's message when the kit is absent. */
export function ansExample(name: string): Uint8Array {
  return readFileSync(path.join(resolveKitDir(), 'ExemplesCDA', name));
}

/** Text of a kit file (relative to the kit folder). */
export function kitFile(relative: string): string {
  return readFileSync(path.join(resolveKitDir(), relative), 'utf8');
}

export const FRCP_EXAMPLE = 'CANCER-FRCP_2022.01_Appareil.xml';
export const PPS_EXAMPLE = 'CANCER-PPS_2022.01_Autopresentable.xml';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `2.25.<decimal>` of a UUID (ITU-T X.667). */
export function uuidOid(uuid: string): string {
  return `2.25.${BigInt(`0x${uuid.replace(/-/g, '')}`).toString(10)}`;
}

// Until the builder writes OIDs for UUID document ids, the tests give it OIDs (a no-op after).
function withOidIds(input: Record<string, unknown>): Record<string, unknown> {
  const copy = structuredClone(input) as { document: Record<string, { root: string; extension?: string } | unknown> };
  for (const key of ['id', 'setId', 'replaces']) {
    const id = copy.document[key] as { root: string } | undefined;
    if (id && UUID.test(id.root)) id.root = uuidOid(id.root);
  }
  return copy;
}

interface Ii {
  root: string;
  extension?: string;
}

/** The part of a build input the tests read. */
export interface ExampleInput {
  document: { id: Ii; setId: Ii; replaces?: Ii; title?: string };
  patient: { ins: { value: string } };
}

/** A CDA built by @dcc-kit/cda from one of its examples (ids as OIDs), with the input. */
export function builtExample(volet: 'pps' | 'frcp', prefix: string): { xml: string; input: ExampleInput } {
  const input = withOidIds(loadExample(volet, prefix).input);
  return { xml: volet === 'pps' ? buildPps(input) : buildFrcp(input), input: input as unknown as ExampleInput };
}
