/**
 * A worker thread of the validator pool: one warm validator (compiled layers kept for the
 * thread's life) answering `validate` and `warmUp` requests from the pool.
 */
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
const validator = createNodeValidator(workerData as NodeValidatorOptions);

port.on('message', (request: PoolRequest) => {
  const run = async (): Promise<unknown> => {
    if (request.kind === 'warmUp') return validator.warmUp(request.volets);
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
