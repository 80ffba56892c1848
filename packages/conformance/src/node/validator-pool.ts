/**
 * The seven layers on a pool of worker threads that stays warm (each worker keeps its compiled
 * layers for its life): documents run in parallel, one per worker, and when workers are idle
 * a single document's layers are split over two of them, so that one signature uses both
 * cores. Splitting happens only when it shortens the verdict and never when documents are
 * waiting: then every worker runs whole verdicts, and no work is added. The only work a split
 * adds is one more parse of the document (both halves need its tree, except a half holding the
 * XSD layer alone, which needs none); the layers themselves run once each, never twice.
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { type LayerSlot, layersFor, slotOf, LAYER_SLOTS, type Volet } from '../layers.js';
import { VoletNotDetectedError } from '../errors.js';
import type { LayerResult, ValidateOptions, ValidationResult, Validator } from '../validator.js';
import type { NodeValidatorOptions } from './index.js';
import { resolveKitDir } from './kit-dir.js';
import type { PoolRequest, PoolResponse } from './pool-worker.js';

export interface ValidatorPoolOptions extends NodeValidatorOptions {
  /** Worker threads; default min(2, available cores). */
  readonly size?: number;
  /** Split one document's layers over idle workers (default true). */
  readonly split?: boolean;
  /**
   * Each worker's JavaScript heap limit (MB, V8's old generation): a worker near it collects
   * its garbage sooner instead of growing; one that needs more stops (its document is answered
   * with an error, the worker replaced). Default: V8's own (the heap then grows to several times
   * what it holds). A limited worker also gets a 16 MB young generation.
   */
  readonly maxHeapMb?: number;
}

export interface ValidatorPool extends Validator {
  readonly size: number;
  /** Ends the workers (pending validations reject). */
  close(): Promise<void>;
}

/** A heap-limited worker's young generation (MB). */
const YOUNG_GENERATION_MB = 16;

export const DEFAULT_POOL_SIZE = Math.max(1, Math.min(2, os.availableParallelism()));

/**
 * Starting estimates (ms) of each layer and of one parse of the document, on the official PPS
 * example; replaced by what the pool measures (moving average).
 */
const INITIAL_ESTIMATES: Record<LayerSlot | 'parse', number> = {
  xsd: 20,
  IHE: 30,
  'ASIP-STRUCT-MIN-StrucMin': 650,
  'CI-SIS_ModelesDeContenusCDA': 15,
  'CI-SIS_Modeles_ANS': 10,
  terminologie: 25,
  volet: 5,
  parse: 40,
};

type Request = PoolRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

interface Task {
  readonly request: Request;
  /** Only this worker may take the task (a warm-up is one per worker). */
  readonly pinned?: PoolWorker;
  resolve(value: unknown): void;
  reject(error: Error): void;
}

interface PoolWorker {
  readonly worker: Worker;
  task: (Task & { readonly id: number; readonly started: number }) | undefined;
}

export function createValidatorPool(options: ValidatorPoolOptions = {}): ValidatorPool {
  const size = options.size ?? DEFAULT_POOL_SIZE;
  if (!Number.isInteger(size) || size < 1) throw new Error(`The validator pool size must be a positive integer (got ${String(size)})`);
  // Resolved here so that a missing kit fails now, in the caller's thread, with its own message.
  // The cache folder's default is resolved in each worker (same environment and working folder).
  const workerOptions: NodeValidatorOptions = { kitDir: resolveKitDir(options.kitDir), ...(options.cacheDir !== undefined ? { cacheDir: options.cacheDir } : {}) };
  const split = options.split ?? true;
  const { maxHeapMb } = options;
  if (maxHeapMb !== undefined && !(Number.isInteger(maxHeapMb) && maxHeapMb >= 64)) throw new Error(`The workers' heap limit must be an integer of at least 64 MB (got ${String(maxHeapMb)})`);
  // With a limit, the young generation too is kept at 16 MB (V8 gives a worker more): measured,
  // about 40 MiB less for two workers at no CPU cost we could see; 8 MB cost CPU.
  const resourceLimits = maxHeapMb ? { resourceLimits: { maxOldGenerationSizeMb: maxHeapMb, maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } } : {};
  const estimates = new Map<LayerSlot | 'parse', number>(Object.entries(INITIAL_ESTIMATES) as Array<[LayerSlot | 'parse', number]>);
  const queue: Task[] = [];
  const workers: PoolWorker[] = [];
  let nextId = 1;
  let closed = false;

  const learn = (key: LayerSlot | 'parse', ms: number) => {
    if (!Number.isFinite(ms) || ms < 0) return;
    estimates.set(key, 0.7 * (estimates.get(key) ?? ms) + 0.3 * ms);
  };

  function spawn(): PoolWorker {
    const entry: PoolWorker = { worker: new Worker(new URL('./pool-worker.js', import.meta.url), { workerData: workerOptions, ...resourceLimits }), task: undefined };
    entry.worker.unref(); // an idle pool does not keep the process alive
    entry.worker.on('message', (response: PoolResponse) => {
      const task = entry.task;
      if (!task || task.id !== response.id) return;
      entry.task = undefined;
      entry.worker.unref();
      if (response.ok) {
        observe(task, response.value, performance.now() - task.started);
        task.resolve(response.value);
      } else {
        const error = response.error.name === 'VoletNotDetectedError' ? new VoletNotDetectedError(response.error.message) : Object.assign(new Error(response.error.message), { name: response.error.name });
        task.reject(error);
      }
      dispatch();
    });
    const fail = (error: Error) => {
      const task = entry.task;
      entry.task = undefined;
      workers.splice(workers.indexOf(entry), 1);
      const stopped = new Error(`A conformance worker stopped: ${error.message}`, { cause: error });
      task?.reject(stopped);
      for (let i = queue.length - 1; i >= 0; i--) if (queue[i]?.pinned === entry) queue.splice(i, 1)[0]?.reject(stopped);
      if (!closed) workers.push(spawn()); // keep the pool at its size
      dispatch();
    };
    entry.worker.on('error', fail);
    entry.worker.on('exit', (code) => {
      if (workers.includes(entry)) fail(new Error(`exit code ${code}`));
    });
    return entry;
  }

  /** Layer times from a result, and the rest of the task's time as the cost of a parse. */
  function observe(task: Task, value: unknown, wallMs: number): void {
    if (task.request.kind !== 'validate') return;
    const result = value as ValidationResult;
    let layersMs = 0;
    for (const layer of result.layers) {
      layersMs += layer.durationMs;
      learn(slotOf({ name: layer.layer, kind: layer.layer === 'xsd' ? 'xsd' : 'schematron', path: '' }), layer.durationMs);
    }
    if (result.layers.some((l) => l.layer !== 'xsd')) learn('parse', wallMs - layersMs);
  }

  function dispatch(): void {
    for (const entry of workers) {
      if (entry.task) continue;
      const at = queue.findIndex((t) => !t.pinned || t.pinned === entry);
      if (at < 0) continue;
      const task = queue.splice(at, 1)[0] as Task;
      const id = nextId++;
      entry.task = { ...task, id, started: performance.now() };
      entry.worker.ref();
      entry.worker.postMessage({ ...task.request, id } as PoolRequest);
    }
  }

  function submit<T>(request: Request, pinned?: PoolWorker): Promise<T> {
    if (closed) return Promise.reject(new Error('The validator pool is closed'));
    return new Promise<T>((resolve, reject) => {
      queue.push({ request, resolve: resolve as (value: unknown) => void, reject, ...(pinned ? { pinned } : {}) });
      dispatch();
    });
  }

  for (let i = 0; i < size; i++) workers.push(spawn());

  async function validate(xml: string, opts: ValidateOptions = {}): Promise<ValidationResult> {
    const base = { kind: 'validate' as const, text: xml, name: opts.name ?? 'document.xml', ...(opts.volet ? { volet: opts.volet } : {}) };
    const idle = workers.filter((w) => !w.task).length;
    const parts = !opts.layers && split && queue.length === 0 && idle >= 2 ? planSplit(estimates) : undefined;
    if (!parts) return submit<ValidationResult>({ ...base, ...(opts.layers ? { layers: opts.layers } : {}) });
    const results = await Promise.all(parts.map((layers) => submit<ValidationResult>({ ...base, layers })));
    return merge(results);
  }

  return {
    size,
    validate,
    validateMany: (docs) => Promise.all(docs.map((doc) => validate(doc.text, { name: doc.name, ...(doc.volet ? { volet: doc.volet } : {}) }))),
    async warmUp(volets) {
      await Promise.all(workers.map((entry) => submit<void>({ kind: 'warmUp', ...(volets ? { volets } : {}) }, entry)));
    },
    dispose() {
      void close();
    },
    close,
  };

  async function close(): Promise<void> {
    closed = true;
    for (const task of queue.splice(0)) task.reject(new Error('The validator pool is closed'));
    const ending = workers.splice(0);
    for (const entry of ending) entry.task?.reject(new Error('The validator pool is closed'));
    await Promise.all(ending.map((entry) => entry.worker.terminate()));
  }
}

/**
 * The two halves of a verdict, balanced by the estimated times (longest layer first into the
 * lighter half; a half with a schematron layer also pays a parse of the document), or
 * undefined when the longer half would not be clearly (10 %) shorter than the whole verdict
 * on one worker.
 */
export function planSplit(estimates: ReadonlyMap<LayerSlot | 'parse', number>): [LayerSlot[], LayerSlot[]] | undefined {
  const parse = estimates.get('parse') ?? 0;
  const a = { slots: [] as LayerSlot[], ms: 0 };
  const b = { slots: [] as LayerSlot[], ms: 0 };
  const cost = (bin: typeof a, slot: LayerSlot) => (estimates.get(slot) ?? 0) + (slot !== 'xsd' && bin.slots.every((s) => s === 'xsd') ? parse : 0);
  for (const slot of [...LAYER_SLOTS].sort((x, y) => (estimates.get(y) ?? 0) - (estimates.get(x) ?? 0))) {
    const target = a.ms + cost(a, slot) <= b.ms + cost(b, slot) ? a : b;
    target.ms += cost(target, slot);
    target.slots.push(slot);
  }
  const whole = LAYER_SLOTS.reduce((sum, slot) => sum + (estimates.get(slot) ?? 0), parse);
  if (a.slots.length === 0 || b.slots.length === 0 || Math.max(a.ms, b.ms) >= 0.9 * whole) return undefined;
  return [a.slots, b.slots];
}

/** One verdict from the halves: the volet of the half that parsed the document, the layers in kit order. */
function merge(parts: readonly ValidationResult[]): ValidationResult {
  const judged = parts.find((p) => p.layers.some((l) => l.layer !== 'xsd')) ?? parts[0];
  const volet: Volet = (judged as ValidationResult).volet;
  const byName = new Map<string, LayerResult>(parts.flatMap((p) => p.layers.map((l) => [l.layer, l] as const)));
  const layers = layersFor(volet).map((definition) => {
    const layer = byName.get(definition.name);
    if (!layer) throw new Error(`The split verdict lacks the layer ${definition.name}`);
    return layer;
  });
  return { volet, valid: layers.every((l) => l.valid), layers };
}
