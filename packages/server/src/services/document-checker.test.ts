// The document checker's conformance engine: in this thread or on a warm worker pool, the same verdict.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadExample } from '@dcc-kit/cda/examples';
import { conformanceWorkerHeapOf, conformanceWorkersOf } from '../main-config.js';
import { DEFAULT_WORKER_HEAP_MB, DocumentChecker } from './document-checker.js';

describe('DocumentChecker conformance engine', () => {
  test('a pool of workers gives the verdict of the in-thread engine; close ends it and a later check starts a new one', async () => {
    const model = loadExample('pps', '01-').input;
    const now = new Date('2026-12-01T10:00:00Z');
    // The CDA carries fresh UUIDs on each build: compare the verdicts, not the texts.
    const verdict = (o: Awaited<ReturnType<DocumentChecker['check']>>) => ({ ok: o.ok, validation: o.validation, header: o.ok ? o.header : undefined });
    const local = new DocumentChecker();
    // As main.ts runs it: each worker's heap limited.
    const pooled = new DocumentChecker({ workers: 2, workerHeapMb: DEFAULT_WORKER_HEAP_MB });
    try {
      const expected = verdict(await local.check('pps', model, now));
      assert.equal(expected.ok, true);
      assert.equal(expected.validation?.layers.length, 7);
      assert.deepEqual(verdict(await pooled.check('pps', model, now)), expected);
      await pooled.close();
      assert.deepEqual(verdict(await pooled.check('pps', model, now)), expected);
    } finally {
      await local.close();
      await pooled.close();
    }
  });

  test('DCC_CONFORMANCE_WORKERS: an integer from 0, else the default; anything else refused by name', () => {
    assert.equal(conformanceWorkersOf({}, 2), 2);
    assert.equal(conformanceWorkersOf({ DCC_CONFORMANCE_WORKERS: '' }, 2), 2);
    assert.equal(conformanceWorkersOf({ DCC_CONFORMANCE_WORKERS: '0' }, 2), 0);
    assert.equal(conformanceWorkersOf({ DCC_CONFORMANCE_WORKERS: '4' }, 2), 4);
    for (const bad of ['-1', '1.5', 'two', '65']) assert.throws(() => conformanceWorkersOf({ DCC_CONFORMANCE_WORKERS: bad }, 2), /DCC_CONFORMANCE_WORKERS must be an integer between 0 and 64/);
  });

  test('DCC_CONFORMANCE_WORKER_HEAP_MB: MB from 64, 0 for no limit of ours, else the default; anything else refused by name', () => {
    assert.equal(conformanceWorkerHeapOf({}, 256), 256);
    assert.equal(conformanceWorkerHeapOf({ DCC_CONFORMANCE_WORKER_HEAP_MB: '' }, 256), 256);
    assert.equal(conformanceWorkerHeapOf({ DCC_CONFORMANCE_WORKER_HEAP_MB: '0' }, 256), undefined);
    assert.equal(conformanceWorkerHeapOf({ DCC_CONFORMANCE_WORKER_HEAP_MB: '512' }, 256), 512);
    for (const bad of ['63', '-1', '1.5', 'big', '20000']) assert.throws(() => conformanceWorkerHeapOf({ DCC_CONFORMANCE_WORKER_HEAP_MB: bad }, 256), /DCC_CONFORMANCE_WORKER_HEAP_MB must be 0 or an integer between 64 and 16384/);
  });
});
