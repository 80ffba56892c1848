/**
 * Conformance of a CDA built in the page, checked in Node by @dcc-kit/conformance through the
 * `dcc-validate-cda` server command of web-test-runner.config.mjs (the engine reads the ANS kit
 * from disk, so it runs in the test runner's process, not in the page).
 */
import { executeServerCommand } from '@web/test-runner-commands';

export type CdaVolet = 'pps' | 'frcp';

export interface CdaLayerVerdict {
  layer: string;
  valid: boolean;
  /** The first 20 blocking findings, `location: message`. */
  errors: string[];
  errorCount: number;
  engineErrors: string[];
}

export interface CdaVerdict {
  volet: CdaVolet;
  /** Every returned layer is valid. */
  valid: boolean;
  layers: CdaLayerVerdict[];
}

/** The volet layer's name in the engine (`CI-SIS_CANCER-PPS_2022.01` / `CI-SIS_CANCER-FRCP_2022.01`). */
export function voletLayer(volet: CdaVolet): string {
  return volet === 'pps' ? 'CI-SIS_CANCER-PPS_2022.01' : 'CI-SIS_CANCER-FRCP_2022.01';
}

/**
 * Validates `xml` in Node with the seven layers of the kit and returns the `layers` asked for
 * (all seven when omitted). The engine always runs every layer; the filter only trims the answer.
 */
export async function validateCdaInNode(xml: string, volet: CdaVolet, layers?: readonly string[]): Promise<CdaVerdict> {
  return executeServerCommand<CdaVerdict, { xml: string; volet: CdaVolet; layers?: readonly string[] }>('dcc-validate-cda', { xml, volet, ...(layers ? { layers } : {}) });
}

/** Fails, listing the findings, unless `xml` passes `xsd` and the volet layer (what the issue requires). */
export async function expectCdaConformant(xml: string, volet: CdaVolet, layers: readonly string[] = ['xsd', voletLayer(volet)]): Promise<CdaVerdict> {
  const verdict = await validateCdaInNode(xml, volet, layers);
  if (!verdict.valid) {
    const lines = verdict.layers
      .filter((l) => !l.valid)
      .map((l) => `  ${l.layer}: ${l.errorCount} error(s)\n${[...l.errors, ...l.engineErrors].map((e) => `    - ${e}`).join('\n')}`);
    throw new Error(`the built ${volet.toUpperCase()} fails conformance:\n${lines.join('\n')}`);
  }
  return verdict;
}
