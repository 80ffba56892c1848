/**
 * The XML schema layer on a worker thread of its own. Compiling CDA_extended.xsd is the
 * largest single cost of a new process (libxml2-wasm, ≈ 0.3–0.8 s of CPU) and needs nothing
 * the six schematron layers need; started first, it compiles on the second core while this
 * thread loads saxon-js and runs the schematrons, so that a one-document `dcc validate` waits
 * for the longer of the two instead of their sum. Same compiled schema, same messages and
 * locations as `createXsdValidator` in this thread (xsd-thread.test.ts checks both agree).
 *
 * This module imports neither saxon-js nor libxml2-wasm: the caller can start the thread
 * before loading the rest of the engine.
 */
import { Worker } from 'node:worker_threads';
import { GENERIC_LAYERS } from '../layers.js';
import type { XsdIssue, XsdValidator } from '../xsd.js';
import { resolveKitDir } from './kit-dir.js';
import type { XsdThreadData, XsdThreadMessage, XsdThreadRequest } from './xsd-thread-worker.js';

export interface XsdThreadOptions {
  /** Kit folder; see resolveKitDir for the defaults. */
  readonly kitDir?: string;
  /** Kit-relative path of the schema (default: the kit's CDA_extended.xsd). */
  readonly schemaPath?: string;
}

export interface XsdThread {
  /** The validator once the schema is compiled; rejects with the reason when it does not compile (or the thread stops). */
  readonly validator: Promise<XsdValidator>;
  /** Ends the thread now, compiled or not (the validator's `dispose()` does the same). */
  close(): void;
}

/**
 * Starts the thread and its compilation now. The thread keeps the process alive only while it
 * compiles or a validation is in flight.
 */
export function startXsdThread(options: XsdThreadOptions = {}): XsdThread {
  const data: XsdThreadData = { kitDir: resolveKitDir(options.kitDir), schemaPath: options.schemaPath ?? GENERIC_LAYERS[0].path };
  const worker = new Worker(new URL('./xsd-thread-worker.js', import.meta.url), { workerData: data });
  const pending = new Map<number, { resolve(issues: XsdIssue[]): void; reject(error: Error): void }>();
  let nextId = 1;
  let ended: Error | undefined;
  let rejectReady: (error: Error) => void = () => undefined;

  const endAll = (error: Error) => {
    ended ??= error;
    rejectReady(error); // no effect once compiled
    for (const task of pending.values()) task.reject(error);
    pending.clear();
    worker.unref();
  };
  const validator: XsdValidator = {
    async validateMany(docs) {
      return Promise.all(docs.map((doc) => validator.validate(doc.text, doc.name)));
    },
    validate(text, name = 'document') {
      if (ended) return Promise.reject(ended);
      const id = nextId++;
      worker.ref(); // in flight: the process waits for the answer
      return new Promise<XsdIssue[]>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, text, name } satisfies XsdThreadRequest);
      });
    },
    dispose() {
      endAll(new Error('This XSD validator was disposed'));
      void worker.terminate();
    },
  };

  const ready = new Promise<XsdValidator>((resolve, reject) => {
    rejectReady = reject;
    worker.on('message', (message: XsdThreadMessage) => {
      switch (message.kind) {
        case 'ready':
          worker.unref(); // compiled and idle: nothing to wait for
          return resolve(validator);
        case 'failed':
          endAll(new Error(message.message));
          void worker.terminate();
          return;
        case 'result':
        case 'error': {
          const task = pending.get(message.id);
          pending.delete(message.id);
          if (pending.size === 0) worker.unref();
          if (message.kind === 'result') task?.resolve(message.issues);
          else task?.reject(new Error(message.message));
          return;
        }
      }
    });
    const stopped = (error: Error) => {
      const wrapped = new Error(`The XML schema thread stopped: ${error.message}`, { cause: error });
      endAll(wrapped);
    };
    worker.on('error', stopped);
    worker.on('exit', (code) => {
      if (!ended) stopped(new Error(`exit code ${code}`));
    });
  });
  ready.catch(() => undefined); // the caller sees the reason when it awaits the validator
  return { validator: ready, close: () => validator.dispose() };
}
