// Test support (@dcc-kit/mss/testing): PPS and FRCP documents built by @dcc-kit/cda from its examples, deterministic.
import { buildFrcp, buildPps } from '@dcc-kit/cda';
import { loadExample } from '@dcc-kit/cda/examples';
import { oidFromUuid } from '@dcc-kit/dmp/client';

/**
 * Until every example input carries OID ids, UUID roots are written in their 2.25. form
 * (ITU-T X.667), which is what a registry and an XDM reader accept as a uniqueId.
 */
export function uuidRootsAsOids(xml: string): string {
  return xml.replace(/root="([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})"/g, (_m, uuid: string) => `root="${oidFromUuid(uuid)}"`);
}

/** The example's document, built at a fixed time with numbered ids, UUID roots as OIDs. */
export function buildDocument(volet: 'pps' | 'frcp', example: string): Uint8Array {
  let n = 0;
  const context = { now: () => new Date('2026-12-01T09:30:00Z'), newId: () => `6f1c0a52-3b7e-4d1a-9c2f-${String(++n).padStart(12, '0')}` };
  const input = loadExample(volet, example).input;
  const xml = volet === 'pps' ? buildPps(input, context) : buildFrcp(input, context);
  return new TextEncoder().encode(uuidRootsAsOids(xml));
}
