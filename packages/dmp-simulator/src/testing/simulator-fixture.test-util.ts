/**
 * The set-up the simulator's HTTP tests share: a test PKI, a simulator that trusts its VIHF
 * signing certificate (no SMTP sink), the signer of the requests, and a state reset.
 */
import { oidFromUuid } from '@dcc-kit/dmp/client';
import { createTestPki, type TestPki } from '../pki/index.js';
import { startDmpSimulator, type DmpSimulator, type DmpSimulatorOptions } from '../simulator.js';
import type { Signer } from './request-builder.test-util.js';

/** A simulator trusting the PKI's signing certificate, without SMTP; `options` add to or override that. */
export function startSimulatorTrusting(pki: TestPki, options: Partial<DmpSimulatorOptions> = {}): Promise<DmpSimulator> {
  return startDmpSimulator({ trust: { vihfCertificates: [pki.signing.cert] }, smtp: false, ...options });
}

/** A fresh test PKI and a simulator trusting it. */
export async function startTrustingSimulator(options: Partial<DmpSimulatorOptions> = {}): Promise<{ pki: TestPki; sim: DmpSimulator }> {
  const pki = await createTestPki();
  return { pki, sim: await startSimulatorTrusting(pki, options) };
}

/** The key and certificate the test requests are signed with (VIHF, XAdES). */
export function signerOf(pki: TestPki): Signer {
  return { key: pki.signing.key, cert: pki.signing.cert };
}

/** Empties the simulator's registry through its admin side door. */
export async function resetState(sim: DmpSimulator): Promise<void> {
  await fetch(`${sim.adminUrl}/state`, { method: 'DELETE' });
}

/** A new OID 2.25.<random UUID as an integer> (ITU-T X.667). */
export const randomOid = (): string => oidFromUuid();
