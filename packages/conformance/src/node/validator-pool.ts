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
import type { PoolRequest, PoolResponse, PoolWorkerData, WorkerMemory } from './pool-worker.js';

export type { WorkerMemory } from './pool-worker.js';

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
  /**
   * Layers that only one worker compiles and runs, so that what they keep in memory is held
   * once: the i-th on worker i modulo the size (the server: `terminologie`, the kit's
   * terminologies it opens and indexes, about 45 MB of heap per worker once both volets have
   * been seen, on the first; `xsd`, the compiled schema's WebAssembly memory, on the second). A
   * document runs the layers its worker lacks on their worker, which parses it once more when
   * one of them is a schematron. Default: none.
   */
  readonly soleLayers?: readonly LayerSlot[];
}

export interface ValidatorPool extends Validator {
  readonly size: number;
  /** Each worker's heap, in worker order (asked of each worker after what it is running). */
  memory(): Promise<WorkerMemory[]>;
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
  /** Layers this worker never compiles nor runs (the soleLayers homed on other workers). */
  readonly lacks: ReadonlySet<LayerSlot>;
  task: (Task & { readonly id: number; readonly started: number }) | undefined;
}

export function createValidatorPool(options: ValidatorPoolOptions = {}): ValidatorPool {
  const size = options.size ?? DEFAULT_POOL_SIZE;
  if (!Number.isInteger(size) || size < 1) throw new Error(`The validator pool size must be a positive integer (got ${String(size)})`);
  // Resolved here so that a missing kit fails now, in the caller's thread, with its own message.
  // The cache folder's default is resolved in each worker (same environment and working folder).
  const workerOptions: NodeValidatorOptions & { readonly kitDir: string } = { kitDir: resolveKitDir(options.kitDir), ...(options.cacheDir !== undefined ? { cacheDir: options.cacheDir } : {}) };
  const split = options.split ?? true;
  const soleLayers = [...new Set(options.soleLayers ?? [])];
  for (const slot of soleLayers) if (!LAYER_SLOTS.includes(slot)) throw new Error(`Unknown layer in soleLayers: ${String(slot)}`);
  /** The sole layers homed on worker `at`. */
  const homedOn = (at: number) => soleLayers.filter((_, i) => i % size === at);
  const lacksOf = (at: number) => new Set(soleLayers.filter((_, i) => i % size !== at));
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

  function spawn(lacks: ReadonlySet<LayerSlot>): PoolWorker {
    const workerData: PoolWorkerData = { ...workerOptions, lacks: [...lacks] };
    const entry: PoolWorker = { worker: new Worker(new URL('./pool-worker.js', import.meta.url), { workerData, ...resourceLimits }), lacks, task: undefined };
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
      const position = workers.indexOf(entry);
      workers.splice(position, 1);
      const stopped = new Error(`A conformance worker stopped: ${error.message}`, { cause: error });
      task?.reject(stopped);
      for (let i = queue.length - 1; i >= 0; i--) if (queue[i]?.pinned === entry) queue.splice(i, 1)[0]?.reject(stopped);
      if (!closed) workers.splice(Math.min(position, workers.length), 0, spawn(entry.lacks)); // keep the pool at its size, the replacement in the same role
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

  /**
   * Tasks in order, each to the idle worker that holds its layers and lacks the most (so the
   * first worker stays free for what only it runs). A document whose only idle workers lack
   * some of its layers runs the others there now; the rest waits for a worker holding them.
   */
  function dispatch(): void {
    for (let i = 0; i < queue.length; ) {
      const task = queue[i] as Task;
      const idle = workers.filter((w) => !w.task && (!task.pinned || task.pinned === w));
      const holder = idle.filter((w) => holds(w, task)).sort((a, b) => b.lacks.size - a.lacks.size)[0];
      if (holder) {
        queue.splice(i, 1);
        start(holder, task);
        continue;
      }
      const partly = task.request.kind === 'validate' && !task.pinned ? idle.find((w) => slotsOf(task).some((slot) => !w.lacks.has(slot))) : undefined;
      if (partly) {
        const [mine, rest] = divide(task, partly.lacks);
        queue.splice(i, 1, rest);
        start(partly, mine);
        continue; // the rest, now at i, may go to another idle worker
      }
      i++;
    }
  }

  function start(entry: PoolWorker, task: Task): void {
    const id = nextId++;
    entry.task = { ...task, id, started: performance.now() };
    entry.worker.ref();
    entry.worker.postMessage({ ...task.request, id } as PoolRequest);
  }

  /** The layers a validate task runs (all seven when it names none). */
  function slotsOf(task: Task): readonly LayerSlot[] {
    return task.request.kind === 'validate' ? (task.request.layers ?? LAYER_SLOTS) : [];
  }

  function holds(entry: PoolWorker, task: Task): boolean {
    return slotsOf(task).every((slot) => !entry.lacks.has(slot));
  }

  /** A validate task as two: the layers a worker lacks and the others, one result merged from both. */
  function divide(task: Task, lacks: ReadonlySet<LayerSlot>): [Task, Task] {
    const request = task.request as Extract<Request, { kind: 'validate' }>;
    const slots = slotsOf(task);
    const parts: Array<Promise<ValidationResult>> = [];
    const part = (layers: LayerSlot[]): Task => {
      let resolve!: (value: unknown) => void;
      let reject!: (error: Error) => void;
      parts.push(new Promise<ValidationResult>((res, rej) => ((resolve = res as (value: unknown) => void), (reject = rej))));
      return { request: { ...request, layers }, resolve, reject };
    };
    const mine = part(slots.filter((slot) => !lacks.has(slot)));
    const rest = part(slots.filter((slot) => lacks.has(slot)));
    Promise.all(parts).then(
      (results) => {
        try {
          task.resolve(merge(results, request.layers));
        } catch (error) {
          task.reject(error as Error);
        }
      },
      (error: Error) => task.reject(error),
    );
    return [mine, rest];
  }

  function submit<T>(request: Request, pinned?: PoolWorker): Promise<T> {
    if (closed) return Promise.reject(new Error('The validator pool is closed'));
    return new Promise<T>((resolve, reject) => {
      queue.push({ request, resolve: resolve as (value: unknown) => void, reject, ...(pinned ? { pinned } : {}) });
      dispatch();
    });
  }

  for (let i = 0; i < size; i++) workers.push(spawn(lacksOf(i)));

  async function validate(xml: string, opts: ValidateOptions = {}): Promise<ValidationResult> {
    const base = { kind: 'validate' as const, text: xml, name: opts.name ?? 'document.xml', ...(opts.volet ? { volet: opts.volet } : {}) };
    const idle = workers.filter((w) => !w.task);
    // With sole layers, the halves go to the first two workers, each seeded with the layers homed there.
    const pair = soleLayers.length === 0 ? undefined : soleLayers.length <= 2 || size === 2 ? ([workers[0], workers[1]] as const) : undefined;
    const canSplit = !opts.layers && split && queue.length === 0 && (pair ? pair.every((w) => w && !w.task) : idle.length >= 2);
    const parts = canSplit ? planSplit(estimates, pair ? [homedOn(0), homedOn(1)] : undefined) : undefined;
    if (!parts) return submit<ValidationResult>({ ...base, ...(opts.layers ? { layers: opts.layers } : {}) });
    const results = await Promise.all(parts.map((layers, i) => submit<ValidationResult>({ ...base, layers }, pair?.[i])));
    return merge(results, undefined);
  }

  return {
    size,
    validate,
    validateMany: (docs) => Promise.all(docs.map((doc) => validate(doc.text, { name: doc.name, ...(doc.volet ? { volet: doc.volet } : {}) }))),
    async warmUp(volets) {
      await Promise.all(workers.map((entry) => submit<void>({ kind: 'warmUp', ...(volets ? { volets } : {}) }, entry)));
    },
    memory: () => Promise.all(workers.map((entry) => submit<WorkerMemory>({ kind: 'memory' }, entry))),
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
 * lighter half; a half with a schematron layer also pays a parse of the document; `seeds`: the
 * layers each half must hold, placed first), or
 * undefined when the longer half would not be clearly (10 %) shorter than the whole verdict
 * on one worker.
 */
export function planSplit(estimates: ReadonlyMap<LayerSlot | 'parse', number>, seeds?: readonly [readonly LayerSlot[], readonly LayerSlot[]]): [LayerSlot[], LayerSlot[]] | undefined {
  const parse = estimates.get('parse') ?? 0;
  const a = { slots: [] as LayerSlot[], ms: 0 };
  const b = { slots: [] as LayerSlot[], ms: 0 };
  const cost = (bin: typeof a, slot: LayerSlot) => (estimates.get(slot) ?? 0) + (slot !== 'xsd' && bin.slots.every((s) => s === 'xsd') ? parse : 0);
  const seeded = new Set(seeds?.flat());
  for (const [bin, slots] of [[a, seeds?.[0] ?? []], [b, seeds?.[1] ?? []]] as const) {
    for (const slot of slots) {
      bin.ms += cost(bin, slot);
      bin.slots.push(slot);
    }
  }
  for (const slot of [...LAYER_SLOTS].filter((s) => !seeded.has(s)).sort((x, y) => (estimates.get(y) ?? 0) - (estimates.get(x) ?? 0))) {
    const target = a.ms + cost(a, slot) <= b.ms + cost(b, slot) ? a : b;
    target.ms += cost(target, slot);
    target.slots.push(slot);
  }
  const whole = LAYER_SLOTS.reduce((sum, slot) => sum + (estimates.get(slot) ?? 0), parse);
  if (a.slots.length === 0 || b.slots.length === 0 || Math.max(a.ms, b.ms) >= 0.9 * whole) return undefined;
  return [a.slots, b.slots];
}

/**
 * One verdict from the parts: the volet of a part that parsed the document, the layers asked
 * for (all seven when `only` is undefined) in kit order.
 */
function merge(parts: readonly ValidationResult[], only: readonly LayerSlot[] | undefined): ValidationResult {
  const judged = parts.find((p) => p.layers.some((l) => l.layer !== 'xsd')) ?? parts[0];
  const volet: Volet = (judged as ValidationResult).volet;
  const byName = new Map<string, LayerResult>(parts.flatMap((p) => p.layers.map((l) => [l.layer, l] as const)));
  const layers = layersFor(volet).filter((definition) => !only || only.includes(slotOf(definition))).map((definition) => {
    const layer = byName.get(definition.name);
    if (!layer) throw new Error(`The split verdict lacks the layer ${definition.name}`);
    return layer;
  });
  return { volet, valid: layers.every((l) => l.valid), layers };
}
