/**
 * The worker thread behind `startXsdThread` (xsd-thread.ts): compiles the kit's XML schema as
 * soon as it starts, says `ready` (or why not), then validates the documents it is sent with
 * that one compiled schema. It loads libxml2-wasm and nothing of the schematron engine.
 */
import { parentPort, workerData } from 'node:worker_threads';
import path from 'node:path';
import { createXsdValidatorReading, type XsdIssue, type XsdValidator } from '../xsd.js';
import { createFsSyncReader } from './fs-loader.js';

export interface XsdThreadData {
  readonly kitDir: string;
  readonly schemaPath: string;
}

export type XsdThreadRequest = { readonly id: number; readonly text: string; readonly name: string };

export type XsdThreadMessage =
  | { readonly kind: 'ready' }
  | { readonly kind: 'failed'; readonly message: string }
  | { readonly kind: 'result'; readonly id: number; readonly issues: XsdIssue[] }
  | { readonly kind: 'error'; readonly id: number; readonly message: string };

const port = parentPort;
if (!port) throw new Error('xsd-thread-worker.js runs as the worker thread of startXsdThread');
const { kitDir, schemaPath } = workerData as XsdThreadData;

let validator: XsdValidator | undefined;
try {
  // libxml2 reads the includes from the kit folder as it meets them (no pre-scan of 650 kB).
  validator = createXsdValidatorReading(createFsSyncReader(kitDir), path.resolve(kitDir), schemaPath);
  port.postMessage({ kind: 'ready' } satisfies XsdThreadMessage);
} catch (error) {
  port.postMessage({ kind: 'failed', message: error instanceof Error ? error.message : String(error) } satisfies XsdThreadMessage);
}

port.on('message', (request: XsdThreadRequest) => {
  if (!validator) return; // the caller was told the schema failed and sends nothing
  validator.validate(request.text, request.name).then(
    (issues) => port.postMessage({ kind: 'result', id: request.id, issues } satisfies XsdThreadMessage),
    (error: unknown) => port.postMessage({ kind: 'error', id: request.id, message: error instanceof Error ? error.message : String(error) } satisfies XsdThreadMessage),
  );
});
