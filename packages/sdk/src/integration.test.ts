// Integration over real HTTP: the real platform server (@dcc-kit/server, PGlite in memory), the PSC emulator, tokens
// from the real authorization-code flow (openid-client as a confidential client + completeLogin), and the SDK with
// createOidcTokenProvider. The server is loaded at run time so the SDK's build does not depend on the server's.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { loadExample } from '@dcc-kit/cda/examples';
import { patientToApi, type ModelPatient } from '@dcc-kit/cda/identity';
import { DR_LABORDE, DR_LEFORT } from '@dcc-kit/psc-emulator';

import { createDccClient, retryOnPreconditionFailed, type DccClient } from './client.js';
import { DccAuthenticationError, DccNotFoundError, DccPreconditionFailedError, DccValidationError } from './errors.js';
import { createStaticTokenProvider } from './token-provider.js';
import type { DocumentModel, PatientInput } from './types.js';
import { loadOptional, startServerStack, type ServerModule, type ServerStack } from './server-stack.test.util.js';

const loaded = await loadOptional<ServerModule>('@dcc-kit/server');
const unavailable = typeof loaded === 'string' ? `${loaded} (SDK integration tests)` : undefined;

function example(prefix: string): Record<string, unknown> {
  return loadExample('pps', prefix).input;
}

/** The Patient body matching an example model's patient block. */
function patientOf(model: Record<string, unknown>, structureId: string): PatientInput {
  return { ...patientToApi(model.patient as ModelPatient), identityStatus: 'qualified', structureId };
}

const ICO = '492805973';

describe('SDK against the real server over HTTP', { skip: unavailable ?? false }, () => {
  let stack: ServerStack;
  let baseUrl: string;
  let lefort: DccClient;
  let laborde: DccClient;
  let patientId: string;
  let patientEtag: string;
  let documentId: string;

  before(async () => {
    stack = await startServerStack(loaded as ServerModule, {
      // Dr LEFORT administers her structures' audit trail in this test (the audit test reads it).
      auditReaders: [DR_LEFORT.userinfo.SubjectNameID],
      // Patients are created with their status (the host is the identity authority here).
      identity: { statusFromHost: true },
    });
    baseUrl = stack.baseUrl;
    lefort = await stack.clientFor(DR_LEFORT, ICO);
    laborde = await stack.clientFor(DR_LABORDE, '338521651');
  });

  after(async () => stack?.close());

  it('answers health with the API version the SDK speaks', async () => {
    const res = await lefort.health();
    assert.equal(res.data.status, 'ok');
    assert.equal(res.data.store, 'pglite');
  });

  it('creates a patient with a PSC bearer token; the same Idempotency-Key replays it', async () => {
    const body = patientOf(example('01-'), ICO);
    const created = await lefort.patients.create(body, { idempotencyKey: 'sdk-int-pat-1' });
    assert.equal(created.status, 201);
    assert.equal(created.etag, '"1"');
    assert.match(created.requestId ?? '', /.+/);
    assert.equal(created.data.ins.value, body.ins.value);
    patientId = created.data.id;
    patientEtag = created.etag;
    const replay = await lefort.patients.create(body, { idempotencyKey: 'sdk-int-pat-1' });
    assert.equal(replay.data.id, patientId);
    const fetched = await lefort.patients.get(patientId);
    assert.equal(fetched.etag, patientEtag);
  });

  it('reports refused bodies as DccValidationError with field paths', async () => {
    const body = patientOf(example('01-'), ICO);
    await assert.rejects(
      lefort.patients.create({ ...body, ins: { ...body.ins, value: `${body.ins.value.slice(0, 13)}00` } }),
      (err: unknown) => {
        assert.ok(err instanceof DccValidationError);
        assert.ok(err.fieldErrors.some((f) => f.path.startsWith('ins')), JSON.stringify(err.fieldErrors.map((f) => f.path)));
        assert.ok(!JSON.stringify(err).includes(body.traits.birthName));
        return true;
      },
    );
  });

  it('hides another structure’s patient (404) and refuses a bogus token (401)', async () => {
    await assert.rejects(laborde.patients.get(patientId), DccNotFoundError);
    const anonymous = createDccClient({ baseUrl, tokenProvider: createStaticTokenProvider('not-a-psc-token') });
    await assert.rejects(anonymous.patients.get(patientId), DccAuthenticationError);
  });

  it('creates a PPS from example 01, saves a version with If-Match, and refuses a stale write', async () => {
    const model = example('01-') as DocumentModel;
    const doc = await lefort.documents.create({ patientId, type: 'pps', model });
    assert.equal(doc.status, 201);
    assert.equal(doc.data.currentVersion, 1);
    assert.equal(doc.data.status, 'draft');
    assert.ok(doc.etag);
    documentId = doc.data.id;

    const v2 = await lefort.documents.saveVersion(documentId, { model }, { ifMatch: doc.etag });
    assert.equal(v2.status, 201);
    assert.equal(v2.data.number, 2);
    assert.ok(v2.etag && v2.etag !== doc.etag);

    await assert.rejects(lefort.documents.saveVersion(documentId, { model }, { ifMatch: doc.etag }), (err: unknown) => {
      assert.ok(err instanceof DccPreconditionFailedError);
      assert.equal(err.status, 412);
      assert.equal(err.preconditionRequired, false);
      return true;
    });

    // The 412 helper: re-read, re-apply on the fresh state, write with the fresh ETag.
    const v3 = await retryOnPreconditionFailed(
      () => lefort.documents.get(documentId),
      (current) => lefort.documents.saveVersion(documentId, { model }, { ifMatch: current.etag }),
    );
    assert.equal(v3.data.number, 3);

    const v1 = await lefort.documents.getVersion(documentId, 1);
    assert.deepEqual(v1.data.model, model);
    const numbers: number[] = [];
    for await (const v of lefort.documents.listVersions(documentId, { limit: 2 })) numbers.push(v.number);
    assert.deepEqual([...numbers].sort(), [1, 2, 3]);
  });

  it('validates (7 conformance layers), signs and fetches the CDA of a version', async () => {
    const doc = await lefort.documents.get(documentId);
    const n = doc.data.currentVersion;
    const validated = await lefort.documents.validate(documentId, n, { ifMatch: doc.etag! });
    assert.equal(validated.data.status, 'validated');
    assert.equal(validated.data.validation?.valid, true);
    const signed = await lefort.documents.sign(documentId, n, { ifMatch: validated.etag! });
    assert.equal(signed.data.status, 'signed');
    assert.equal(signed.data.signedBy, DR_LEFORT.userinfo.SubjectNameID);
    const cda = await lefort.documents.getCda(documentId, n);
    assert.match(cda.data, /<ClinicalDocument[\s>]/);
    assert.ok(cda.data.includes(DR_LEFORT.userinfo.SubjectNameID));
  });

  it('submits with visibility and a recipient, reads the submissions and follows the change feed (SSE)', async () => {
    const doc = await lefort.documents.get(documentId);
    const n = doc.data.currentVersion;
    const submitted = await lefort.documents.submit(documentId, n, {
      ifMatch: doc.etag!,
      body: { visibility: ['INVISIBLE_PATIENT'], mss: { recipients: ['dr.martin@ch-test.mssante.fr'] } },
    });
    assert.equal(submitted.data.status, 'submitted');
    // No DMP or MSSanté configured on this server: the rows wait, saying why.
    const rows = await lefort.submissions.forVersion(documentId, n);
    assert.deepEqual(rows.data.items.map((r) => [r.channel, r.state, r.stateDetail, r.visibility]).sort(), [
      ['dmp', 'queued', 'dmp-not-configured', ['INVISIBLE_PATIENT']],
      ['mss:dr.martin@ch-test.mssante.fr', 'queued', 'mss-not-configured', ['INVISIBLE_PATIENT']],
    ]);
    const stop = new AbortController();
    const timer = setTimeout(() => stop.abort(), 15_000);
    const channels: string[] = [];
    for await (const e of lefort.submissions.events({ lastEventId: 0, signal: stop.signal })) {
      if (e.data.documentId === documentId) channels.push(e.data.channel);
      if (channels.length === 2) stop.abort();
    }
    clearTimeout(timer);
    assert.deepEqual(channels.sort(), ['dmp', 'mss:dr.martin@ch-test.mssante.fr']);
    await assert.rejects(lefort.submissions.retry(rows.data.items[0]!.id), /parked/);
  });

  it('replaces the signed version with its reason (replaceSigned): the server sets setId, versionNumber and replaces', async () => {
    const doc = await lefort.documents.get(documentId);
    const signedNumber = doc.data.currentVersion;
    const signed = await lefort.documents.getVersion(documentId, signedNumber);
    const model = example('01-') as DocumentModel;
    const reason = { reason: { code: 'MED-560' }, precision: 'Décalage de la radiothérapie' };
    // The example's header names version 1: it contradicts the replacement, each field named.
    await assert.rejects(lefort.documents.replaceSigned(documentId, { model, replacementReason: reason }, { ifMatch: doc.etag! }), (err: unknown) => {
      assert.ok(err instanceof DccValidationError);
      assert.deepEqual(err.fieldErrors.map((e) => e.path).sort(), ['model.document.id', 'model.document.versionNumber']);
      return true;
    });
    const { document: _header, ...body } = model as DocumentModel & { document?: unknown };
    const replacement = await lefort.documents.replaceSigned(documentId, { model: body as DocumentModel, replacementReason: reason }, { ifMatch: doc.etag! });
    assert.equal(replacement.status, 201);
    assert.equal(replacement.data.replacesVersion, signedNumber);
    assert.equal(replacement.data.replacesCdaDocumentId, signed.data.cdaDocumentId);
    assert.equal(replacement.data.cdaVersionNumber, (signed.data.cdaVersionNumber ?? 0) + 1);
    assert.equal(replacement.data.replacementReason?.reason.code, 'MED-560');
    await assert.rejects(
      lefort.documents.replaceSigned(documentId, { model: body as DocumentModel, replacementReason: { reason: { code: '' } } }, { ifMatch: replacement.etag! }),
      /replacementReason\.reason\.code is required/,
    );
  });

  it('lists patients with the async iterator across pages and by page', async () => {
    for (const prefix of ['02-', '09-']) {
      await lefort.patients.create(patientOf(example(prefix), ICO));
    }
    const ids: string[] = [];
    for await (const p of lefort.patients.list({ limit: 1 })) ids.push(p.id);
    assert.equal(ids.length, 3);
    assert.equal(new Set(ids).size, 3);
    assert.ok(ids.includes(patientId));
    const pages = [];
    for await (const page of lefort.patients.list().byPage({ limit: 2 })) pages.push(page);
    assert.deepEqual(pages.map((p) => p.items.length), [2, 1]);
    assert.equal(pages[0]?.nextCursor !== null, true);
    assert.equal(pages[1]?.nextCursor, null);
    // Another structure sees none of them.
    const theirs = [];
    for await (const p of laborde.patients.list()) theirs.push(p);
    assert.equal(theirs.length, 0);
  });

  it('lists the audit trail of the document (no health data)', async () => {
    const events = [];
    for await (const e of lefort.audit.list({ documentId })) events.push(e);
    assert.ok(events.length >= 3);
    assert.ok(events.every((e) => e.actor === DR_LEFORT.userinfo.SubjectNameID));
    const reads = [];
    for await (const e of lefort.audit.list({ documentId, kind: 'read' })) reads.push(e);
    assert.ok(reads.length > 0 && reads.every((e) => e.action.endsWith('.read') && e.resourceId === documentId), 'reads of the document are audited');
  });
});
