/**
 * A worker thread of the validator pool: one warm validator (compiled layers kept for the
 * thread's life) answering `validate` and `warmUp` requests from the pool.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { LAYER_SLOTS, type LayerSlot, type Volet } from '../layers.js';
import { VoletNotDetectedError } from '../validator.js';
import { createNodeValidator, type NodeValidatorOptions } from './index.js';

export type PoolRequest =
  | { readonly id: number; readonly kind: 'validate'; readonly text: string; readonly name: string; readonly volet?: Volet; readonly layers?: readonly LayerSlot[] }
  | { readonly id: number; readonly kind: 'warmUp'; readonly volets?: readonly Volet[] }
  | { readonly id: number; readonly kind: 'memory' };

/**
 * A worker's JavaScript heap (bytes, V8's figures), what its isolate holds outside the heap
 * (`external`: array buffers and WebAssembly memories, such as libxml2's for the XML schema)
 * and the layers it lacks.
 */
export interface WorkerMemory {
  readonly heapUsed: number;
  readonly heapTotal: number;
  readonly external: number;
  readonly arrayBuffers: number;
  readonly lacks: readonly LayerSlot[];
}

export type PoolResponse =
  | { readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly id: number; readonly ok: false; readonly error: { readonly name: string; readonly message: string } };

const port = parentPort;
if (!port) throw new Error('pool-worker.js runs as a worker thread of the validator pool');
/** What the pool gives a worker: the validator's options, and the layers this worker never runs (the pool's soleLayers). */
export type PoolWorkerData = NodeValidatorOptions & { readonly kitDir: string; readonly lacks: readonly LayerSlot[] };

const options = workerData as PoolWorkerData;
const validator = createNodeValidator(options);
/** The layers this worker compiles and runs; undefined when it runs all seven. */
const held = options.lacks.length > 0 ? LAYER_SLOTS.filter((slot) => !options.lacks.includes(slot)) : undefined;

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
  // A worker that lacks some layers compiles its own on the examples' first verdict; without
  // examples (a trimmed copy of the kit) it is warmed by compiling everything.
  const texts = await Promise.all(volets.map((volet) => readFile(path.join(options.kitDir, 'ExemplesCDA', WARM_UP_EXAMPLES[volet]), 'utf8').catch(() => undefined)));
  if (!held || texts.includes(undefined)) await validator.warmUp(volets);
  for (const [i, volet] of volets.entries()) {
    const text = texts[i];
    for (let run = 0; text !== undefined && run < WARM_UP_RUNS; run++) await validator.validate(text, { volet, name: WARM_UP_EXAMPLES[volet], ...(held ? { layers: held } : {}) });
  }
}

port.on('message', (request: PoolRequest) => {
  const run = async (): Promise<unknown> => {
    if (request.kind === 'warmUp') return warmUp(request.volets);
    if (request.kind === 'memory') {
      const { heapUsed, heapTotal, external, arrayBuffers } = process.memoryUsage();
      return { heapUsed, heapTotal, external, arrayBuffers, lacks: options.lacks } satisfies WorkerMemory;
    }
    const lacked = (request.layers ?? LAYER_SLOTS).filter((slot) => options.lacks.includes(slot));
    if (lacked.length > 0) throw new Error(`This conformance worker does not run ${lacked.join(', ')}`);
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
