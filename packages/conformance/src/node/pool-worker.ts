/**
 * A worker thread of the validator pool: one warm validator (compiled layers kept for the
 * thread's life) answering `validate` and `warmUp` requests from the pool.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import type { LayerSlot, Volet } from '../layers.js';
import { VoletNotDetectedError } from '../validator.js';
import { createNodeValidator, type NodeValidatorOptions } from './index.js';

export type PoolRequest =
  | { readonly id: number; readonly kind: 'validate'; readonly text: string; readonly name: string; readonly volet?: Volet; readonly layers?: readonly LayerSlot[] }
  | { readonly id: number; readonly kind: 'warmUp'; readonly volets?: readonly Volet[] };

export type PoolResponse =
  | { readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly id: number; readonly ok: false; readonly error: { readonly name: string; readonly message: string } };

const port = parentPort;
if (!port) throw new Error('pool-worker.js runs as a worker thread of the validator pool');
const options = workerData as NodeValidatorOptions & { readonly kitDir: string };
const validator = createNodeValidator(options);

/**
 * The kit's official example of each volet: warming up runs the whole verdict on it, because
 * compiling is not all a first document pays (measured: the first verdict after compiling took
 * about 6 times a warm one — XPath compiled on first use, value-set indexes, the JIT).
 */
const WARM_UP_EXAMPLES: Readonly<Record<Volet, string>> = {
  pps: 'CANCER-PPS_2022.01_feuille-de-style-externe.xml',
  frcp: 'CANCER-FRCP_2022.01_Appareil.xml',
};
/** Verdicts per volet in a warm-up: the second one lets the JIT see the hot paths again. */
const WARM_UP_RUNS = 2;

async function warmUp(volets: readonly Volet[] = ['pps', 'frcp']): Promise<void> {
  await validator.warmUp(volets);
  for (const volet of volets) {
    // A kit without its examples (a trimmed copy) is warmed by compiling alone.
    const text = await readFile(path.join(options.kitDir, 'ExemplesCDA', WARM_UP_EXAMPLES[volet]), 'utf8').catch(() => undefined);
    for (let run = 0; text !== undefined && run < WARM_UP_RUNS; run++) await validator.validate(text, { volet, name: WARM_UP_EXAMPLES[volet] });
  }
}

port.on('message', (request: PoolRequest) => {
  const run = async (): Promise<unknown> => {
    if (request.kind === 'warmUp') return warmUp(request.volets);
    return validator.validate(request.text, {
      name: request.name,
      ...(request.volet ? { volet: request.volet } : {}),
      ...(request.layers ? { layers: request.layers } : {}),
    });
  };
  run().then(
    (value) => port.postMessage({ id: request.id, ok: true, value } satisfies PoolResponse),
    (error: unknown) => {
      const name = error instanceof VoletNotDetectedError ? 'VoletNotDetectedError' : error instanceof Error ? error.name : 'Error';
      port.postMessage({ id: request.id, ok: false, error: { name, message: error instanceof Error ? error.message : String(error) } } satisfies PoolResponse);
    },
  );
});
