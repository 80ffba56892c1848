// End-to-end tests over real HTTP: the server on an ephemeral port, the real
// authorization-code flow through the PSC emulator, the real conformance engine, and each
// store (PGlite always; PostgreSQL when DCC_TEST_DATABASE_URL is set). Every response is
// checked against openapi.json by the client.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as oidc from 'openid-client';
import { completeLogin, DR_LABORDE, DR_LEFORT } from '@dcc-kit/psc-emulator';
import { parseFrcp, parsePps } from '@dcc-kit/cda';
import { ApiClient, example, patientFromModel, postgresTarget, startStack, type Stack, type StoreKind } from './testing/harness.js';

const ICO = '492805973'; // DR_LEFORT's FINESS (author of the PPS/FRCP 01 examples)
const BERGONIE = '338521651'; // DR_LABORDE's FINESS

type Json = Record<string, unknown>;
type Problem = { type: string; status: number; requestId: string; errors?: Array<{ path: string; code: string }> };
const paths = (p: Problem) => (p.errors ?? []).map((e) => e.path).sort();

function suite(kind: StoreKind, options: { full: boolean }) {
  const target = kind === 'postgres' ? postgresTarget() : {};
  describe(`server over HTTP (${kind})`, { skip: target.skip ?? false }, () => {
    let stack: Stack;
    let lefort: ApiClient;
    let laborde: ApiClient;
    const pps = example('pps', '01-');
    let patient: Json;

    before(async () => {
      stack = await startStack(kind);
      lefort = new ApiClient(stack.url);
      laborde = new ApiClient(stack.url);
      await lefort.login(DR_LEFORT);
      await laborde.login(DR_LABORDE);
    });
    after(async () => stack?.close());

    test('health needs no login; everything else does (401 problem with WWW-Authenticate)', async () => {
      const anonymous = new ApiClient(stack.url);
      const health = await anonymous.get('/health');
      assert.deepEqual(health.body, { status: 'ok', store: kind });
      assert.equal(health.headers.get('dcc-api-version'), '2026-11-01');
      for (const path of ['/patients', '/documents', '/auth/session', '/audit']) {
        const r = await anonymous.get<Problem>(path);
        assert.equal(r.status, 401, path);
        assert.equal(r.headers.get('www-authenticate'), 'Bearer');
        assert.equal(r.body.requestId, r.headers.get('x-request-id'));
      }
      const forged = await anonymous.get('/patients', { cookie: 'dcc_session=forged' });
      assert.equal(forged.status, 401);
      const echoed = await anonymous.get('/health', { 'x-request-id': 'abc-123' });
      assert.equal(echoed.headers.get('x-request-id'), 'abc-123');
    });

    test('session: the PSC professional, activities by FINESS/SIRET, a draft key, activity choice', async () => {
      const r = await lefort.get<{ professional: { idNatPs: string; activities: Array<{ id: string; structureId: string; structureIdType: string }> }; draftKey: string; activeActivityId: string | null }>('/auth/session');
      assert.equal(r.status, 200);
      assert.equal(r.body.professional.idNatPs, DR_LEFORT.userinfo.SubjectNameID);
      const ico = r.body.professional.activities.find((a) => a.structureId === ICO);
      assert.ok(ico && ico.structureIdType === 'FINESS');
      assert.ok(r.body.professional.activities.some((a) => a.structureIdType === 'SIRET'));
      assert.match(r.body.draftKey, /^[A-Za-z0-9_-]{43}$/);
      const chosen = await lefort.put<{ activeActivityId: string }>('/auth/session/activity', { activityId: ico.id });
      assert.equal(chosen.body.activeActivityId, ico.id);
      assert.equal((await lefort.put('/auth/session/activity', { activityId: 'nope' })).status, 404);
      assert.equal((await lefort.get<{ activeActivityId: string }>('/auth/session')).body.activeActivityId, ico.id);
    });

    test('patients: create with Idempotency-Key (replay, reuse with another body → 422)', async () => {
      const body = patientFromModel(pps, ICO);
      const first = await lefort.post<Json>('/patients', body, { 'idempotency-key': 'pat-1' });
      assert.equal(first.status, 201, first.text);
      assert.equal(first.headers.get('etag'), '"1"');
      patient = first.body;
      const replay = await lefort.post<Json>('/patients', body, { 'idempotency-key': 'pat-1' });
      assert.equal(replay.status, 201);
      assert.equal(replay.body.id, patient.id);
      assert.equal(replay.headers.get('idempotent-replayed'), 'true');
      const reused = await lefort.post<Problem>('/patients', { ...body, usedName: 'AUTRE' }, { 'idempotency-key': 'pat-1' });
      assert.equal(reused.status, 422);
      assert.match(reused.body.type, /idempotency-key-reused/);
      const list = await lefort.get<{ items: Json[] }>('/patients');
      assert.equal(list.body.items.length, 1);
      const byIns = await lefort.get<{ items: Json[] }>(`/patients?ins=${(body.ins as Json).value as string}`);
      assert.equal(byIns.body.items.length, 1);
    });

    test('patients: bad input names every field path and changes nothing', async () => {
      const before = await lefort.get<Json>(`/patients/${patient.id as string}`);
      const good = patientFromModel(pps, ICO);
      const traits = good.traits as Json;
      // invalid INS key
      const badKey = await lefort.post<Problem>('/patients', { ...good, ins: { value: '273064900708441', oid: '1.2.250.1.213.1.4.10' } });
      assert.equal(badKey.status, 422);
      assert.deepEqual(paths(badKey.body), ['ins.value']);
      assert.equal(badKey.body.errors![0]!.code, 'ins.key');
      // wrong types, unknown fields, markup and control characters, at every level
      const bad = await lefort.post<Problem>('/patients', {
        ...good,
        identityStatus: 'QUAL',
        colour: 'blue',
        ins: { value: 12, oid: '1.2.250.1.213.1.4.10', extra: true },
        traits: { ...traits, birthName: '<script>x</script>', firstNames: ['JEAN', 'A\u0007B'], sex: 'X' },
      });
      assert.equal(bad.status, 400);
      assert.deepEqual(paths(bad.body), ['colour', 'identityStatus', 'ins.extra', 'ins.value', 'traits.birthName', 'traits.firstNames[1]', 'traits.sex']);
      // malformed JSON: position, no echo
      const malformed = await lefort.request<Problem & { detail: string }>('POST', '/patients', { raw: '{"ins": {"value": "2730' });
      assert.equal(malformed.status, 400);
      assert.match(malformed.body.detail, /position \d+|line \d+/);
      assert.doesNotMatch(malformed.text, /2730/);
      // oversized body
      const big = await lefort.request<Problem>('POST', '/patients', { raw: JSON.stringify({ ...good, usedName: 'A'.repeat(1_100_000) }) });
      assert.equal(big.status, 413);
      // not JSON
      const form = await lefort.request('POST', '/patients', { raw: 'a=b', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      assert.equal(form.status, 415);
      // PUT: If-Match required, stale refused, wrong key refused — the stored patient unchanged
      const noMatch = await lefort.put<Problem>(`/patients/${patient.id as string}`, { ...good, usedName: 'DURAND' });
      assert.equal(noMatch.status, 428);
      const stale = await lefort.put<Problem>(`/patients/${patient.id as string}`, { ...good, usedName: 'DURAND' }, { 'if-match': '"7"' });
      assert.equal(stale.status, 412);
      const wrongKey = await lefort.put<Problem>(`/patients/${patient.id as string}`, { ...good, ins: { value: '273064900708441', oid: '1.2.250.1.213.1.4.10' } }, { 'if-match': '"1"' });
      assert.equal(wrongKey.status, 422);
      const afterAll = await lefort.get<Json>(`/patients/${patient.id as string}`);
      assert.deepEqual(afterAll.body, before.body);
      assert.equal((await lefort.get<{ items: Json[] }>('/patients')).body.items.length, 1);
      // a good update bumps the version
      const updated = await lefort.put<Json>(`/patients/${patient.id as string}`, { ...good, usedName: 'DURAND' }, { 'if-match': '"1"' });
      assert.equal(updated.status, 200);
      assert.equal(updated.headers.get('etag'), '"2"');
      patient = updated.body;
    });

    test('another structure: 404 for patients, documents; cannot create in a structure not theirs', async () => {
      assert.equal((await laborde.get(`/patients/${patient.id as string}`)).status, 404);
      assert.equal((await laborde.get<{ items: Json[] }>('/patients')).body.items.length, 0);
      const foreign = await laborde.post<Problem>('/patients', patientFromModel(pps, ICO));
      assert.equal(foreign.status, 422);
      assert.deepEqual(paths(foreign.body), ['structureId']);
      const doc = await laborde.post<Problem>('/documents', { patientId: patient.id, type: 'pps', model: pps });
      assert.equal(doc.status, 404);
      assert.equal((await laborde.get('/patients/not-a-uuid')).status, 404);
      assert.equal((await laborde.get('/documents?patientId=not-a-uuid')).status, 400);
      void BERGONIE;
    });

    test('PPS: versions, If-Match (428/412, concurrent writes), draft checks, validate, sign, read the signed CDA, submit', async () => {
      const created = await lefort.post<Json>('/documents', { patientId: patient.id, type: 'pps', model: pps }, { 'idempotency-key': 'doc-pps-1' });
      assert.equal(created.status, 201, created.text);
      const doc = created.body;
      const id = doc.id as string;
      assert.equal(doc.status, 'draft');
      assert.equal(doc.currentVersion, 1);
      assert.equal((await laborde.get(`/documents/${id}`)).status, 404);

      // writes need If-Match
      assert.equal((await lefort.post(`/documents/${id}/versions`, { model: pps })).status, 428);
      assert.equal((await lefort.post(`/documents/${id}/versions`, { model: pps }, { 'if-match': '"9"' })).status, 412);
      // two writers with the same If-Match: one wins, one gets 412
      const edited = structuredClone(pps);
      (edited.status as Json).rcpDate = '2024-03-06';
      const [a, b] = await Promise.all([
        lefort.post(`/documents/${id}/versions`, { model: edited }, { 'if-match': '"1"' }),
        lefort.post(`/documents/${id}/versions`, { model: pps }, { 'if-match': '"1"' }),
      ]);
      assert.deepEqual([a.status, b.status].sort(), [201, 412]);
      let current = await lefort.get<Json>(`/documents/${id}`);
      assert.equal(current.body.currentVersion, 2);
      let etag = current.headers.get('etag')!;

      // a draft may be incomplete, but a wrong shape is refused with its paths; nothing changes
      const incomplete = structuredClone(pps);
      delete incomplete.tumours;
      const bad = structuredClone(pps);
      (bad as Json).unknownBlock = 1;
      ((bad.patient as Json).birthFamilyName as unknown) = 12;
      (bad.author as { professional: { name: { family: string } } }).professional.name.family = 'MULLER\u0001';
      const refused = await lefort.post<Problem>(`/documents/${id}/versions`, { model: bad }, { 'if-match': etag });
      assert.equal(refused.status, 400);
      assert.deepEqual(paths(refused.body), ['model.author.professional.name.family', 'model.patient.birthFamilyName', 'model.unknownBlock']);
      assert.equal((await lefort.get<Json>(`/documents/${id}`)).headers.get('etag'), etag);
      const draft = await lefort.post<Json>(`/documents/${id}/versions`, { model: incomplete }, { 'if-match': etag });
      assert.equal(draft.status, 201, draft.text);
      etag = draft.headers.get('etag')!;
      // an incomplete draft does not validate: 422 with model paths, stays draft
      const invalid = await lefort.post<Problem>(`/documents/${id}/versions/3/validate`, undefined, { 'if-match': etag });
      assert.equal(invalid.status, 422);
      assert.ok(paths(invalid.body).includes('model.tumours'), JSON.stringify(invalid.body));
      // wrong transitions
      assert.equal((await lefort.post<Problem>(`/documents/${id}/versions/3/sign`, undefined, { 'if-match': etag })).status, 409);
      assert.equal((await lefort.post<Problem>(`/documents/${id}/versions/1/validate`, undefined, { 'if-match': etag })).status, 409);
      assert.equal((await lefort.post<Problem>(`/documents/${id}/versions/3/validate`)).status, 428);

      // old versions never change
      const v1 = await lefort.get<Json>(`/documents/${id}/versions/1`);
      assert.deepEqual(v1.body.model, pps);
      assert.equal(v1.body.createdBy, DR_LEFORT.userinfo.SubjectNameID);

      const complete = await lefort.post<Json>(`/documents/${id}/versions`, { model: edited }, { 'if-match': etag });
      etag = complete.headers.get('etag')!;
      const validated = await lefort.post<Json & { validation: { valid: boolean; layers: unknown[] } }>(`/documents/${id}/versions/4/validate`, undefined, { 'if-match': etag });
      assert.equal(validated.status, 200, validated.text.slice(0, 2000));
      assert.equal(validated.body.status, 'validated');
      assert.equal(validated.body.validation.valid, true);
      assert.equal(validated.body.validation.layers.length, 7);
      etag = validated.headers.get('etag')!;
      const signed = await lefort.post<Json>(`/documents/${id}/versions/4/sign`, undefined, { 'if-match': etag });
      assert.equal(signed.status, 200, signed.text.slice(0, 3000));
      assert.equal(signed.body.status, 'signed');
      assert.equal(signed.body.signedBy, DR_LEFORT.userinfo.SubjectNameID);
      etag = signed.headers.get('etag')!;

      const cda = await lefort.get(`/documents/${id}/versions/4/cda`);
      assert.equal(cda.status, 200);
      assert.match(cda.headers.get('content-type')!, /^application\/xml/);
      const parsed = parsePps(cda.text);
      assert.equal(parsed.legalAuthenticator?.professional.idNatPs, DR_LEFORT.userinfo.SubjectNameID);
      assert.equal(parsed.legalAuthenticator?.professional.name.family, DR_LEFORT.userinfo.family_name);
      assert.equal(parsed.status.rcpDate, '2024-03-06');
      assert.equal((await laborde.get(`/documents/${id}/versions/4/cda`)).status, 404);

      // signed content is final: no new version, no second signature
      assert.equal((await lefort.post(`/documents/${id}/versions`, { model: pps }, { 'if-match': etag })).status, 409);
      assert.equal((await lefort.post(`/documents/${id}/versions/4/sign`, undefined, { 'if-match': etag })).status, 409);

      // submit (qualified identity) with an idempotency key: replayed, queued once
      const submitted = await lefort.post<Json>(`/documents/${id}/versions/4/submit`, undefined, { 'if-match': etag, 'idempotency-key': 'sub-1' });
      assert.equal(submitted.status, 200, submitted.text);
      assert.equal(submitted.body.status, 'submitted');
      const again = await lefort.post<Json>(`/documents/${id}/versions/4/submit`, undefined, { 'if-match': etag, 'idempotency-key': 'sub-1' });
      assert.equal(again.status, 200);
      assert.equal(again.headers.get('idempotent-replayed'), 'true');
      assert.deepEqual(await stack.store.queuedSubmissions(id), [{ versionNumber: 4, status: 'pending' }]);

      const versions = await lefort.get<{ items: Array<{ number: number; status: string }> }>(`/documents/${id}/versions?limit=2`);
      assert.deepEqual(versions.body.items.map((v) => [v.number, v.status]), [[4, 'submitted'], [3, 'draft']]);
      const page2 = await lefort.get<{ items: Array<{ number: number }>; nextCursor: string | null }>(
        `/documents/${id}/versions?limit=2&cursor=${(versions.body as unknown as { nextCursor: string }).nextCursor}`,
      );
      assert.deepEqual(page2.body.items.map((v) => v.number), [2, 1]);
      assert.equal(page2.body.nextCursor, null);

      const audit = await lefort.get<{ items: Array<{ action: string; actor: string }> }>(`/audit?documentId=${id}&limit=100`);
      assert.deepEqual(
        audit.body.items.map((e) => e.action).reverse(),
        ['document.create', 'document.version.create', 'document.version.create', 'document.validate.failed', 'document.version.create', 'document.validate', 'document.sign', 'document.submit'],
      );
      assert.ok(audit.body.items.every((e) => e.actor === DR_LEFORT.userinfo.SubjectNameID));
      assert.doesNotMatch(JSON.stringify(audit.body), /ROUSSEAU|273064900708440/);
      assert.equal((await laborde.get<{ items: unknown[] }>(`/audit?documentId=${id}`)).body.items.length, 0);
      current = await lefort.get<Json>(`/documents?patientId=${patient.id as string}&status=submitted`);
      assert.equal((current.body.items as unknown[]).length, 1);
    });

    test('FRCP: validate and sign; submit refused while the identity is not qualified', { skip: !options.full }, async () => {
      const frcp = example('frcp', '01-');
      const pat = await lefort.post<Json>('/patients', { ...patientFromModel(frcp, ICO, 'validated'), ins: { value: '273064900708440', oid: '1.2.250.1.213.1.4.10' }, structureId: ICO });
      // same INS already registered in ICO by the PPS test → 409; use the existing patient after downgrading it
      assert.equal(pat.status, 409);
      const existing = await lefort.get<Json>(`/patients/${patient.id as string}`);
      const downgraded = await lefort.put<Json>(`/patients/${patient.id as string}`, { ...patientFromModel(frcp, ICO, 'validated') }, { 'if-match': existing.headers.get('etag')! });
      assert.equal(downgraded.status, 200);
      const doc = await lefort.post<Json>('/documents', { patientId: patient.id, type: 'frcp', model: frcp });
      assert.equal(doc.status, 201, doc.text);
      const id = doc.body.id as string;
      let etag = doc.headers.get('etag')!;
      const validated = await lefort.post<Json>(`/documents/${id}/versions/1/validate`, undefined, { 'if-match': etag });
      assert.equal(validated.status, 200, validated.text.slice(0, 2000));
      etag = validated.headers.get('etag')!;
      const signed = await lefort.post<Json>(`/documents/${id}/versions/1/sign`, undefined, { 'if-match': etag });
      assert.equal(signed.status, 200, signed.text.slice(0, 2000));
      etag = signed.headers.get('etag')!;
      const parsed = parseFrcp((await lefort.get(`/documents/${id}/versions/1/cda`)).text);
      assert.equal(parsed.legalAuthenticator?.professional.idNatPs, DR_LEFORT.userinfo.SubjectNameID);
      const refused = await lefort.post<Problem>(`/documents/${id}/versions/1/submit`, undefined, { 'if-match': etag });
      assert.equal(refused.status, 422);
      assert.match(refused.body.type, /identity-not-qualified/);
      assert.deepEqual(await stack.store.queuedSubmissions(id), []);
      assert.equal((await lefort.get<Json>(`/documents/${id}`)).body.status, 'signed');
    });

    test('bearer: a PSC access token verified by introspection, activity picked by X-DCC-Activity', async () => {
      const config = await oidc.discovery(new URL(stack.psc.discoveryUrl), 'dcc-server', 'test-secret', undefined, { execute: [oidc.allowInsecureRequests] });
      const verifier = oidc.randomPKCECodeVerifier();
      const state = oidc.randomState();
      const nonce = oidc.randomNonce();
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: `${stack.url}/auth/callback`,
        scope: 'openid scope_all',
        acr_values: 'eidas1',
        state,
        nonce,
        code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
      });
      const callback = await completeLogin(url.href, { user: DR_LEFORT.userinfo.SubjectNameID });
      const tokens = await oidc.authorizationCodeGrant(config, new URL(callback), { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce });
      const vendor = new ApiClient(stack.url);
      vendor.bearer = tokens.access_token;
      const introspections = stack.app.auth.introspectionCount;
      const list = await vendor.get<{ items: Json[] }>('/patients');
      assert.equal(list.status, 200);
      assert.equal(list.body.items.length, 1);
      assert.equal((await vendor.get('/documents')).status, 200);
      assert.equal(stack.app.auth.introspectionCount, introspections + 1, 'the introspection result is cached');
      const unknownActivity = await vendor.get<Problem>('/patients', { 'x-dcc-activity': 'nope' });
      assert.equal(unknownActivity.status, 400);
      assert.equal((await vendor.get('/auth/session')).status, 401);
      vendor.bearer = 'not-a-real-token';
      assert.equal((await vendor.get('/patients')).status, 401);
    });

    test('logs: method, route template, status, duration, request id, actor; never patient data', async () => {
      const text = stack.logText();
      assert.ok(stack.logs.length > 20);
      for (const leaked of ['ROUSSEAU', 'Isabelle', '273064900708440', 'DURAND', 'script']) assert.ok(!text.includes(leaked), `log leaks ${leaked}`);
      assert.ok(stack.logs.some((l) => l.route === '/documents/{id}/versions/{n}/sign' && l.status === 200 && l.actor === DR_LEFORT.userinfo.SubjectNameID));
      assert.ok(stack.logs.every((l) => !String(l.route).match(/[0-9a-f]{8}-/)), 'routes are templates, not paths');
    });

    test('logout ends the session and gives the PSC end-session URL', async () => {
      const oldCookie = laborde.cookieHeader();
      const r = await laborde.post<{ endSessionUrl: string }>('/auth/logout');
      assert.equal(r.status, 200);
      assert.ok(r.body.endSessionUrl.startsWith(stack.psc.issuer));
      assert.match(r.body.endSessionUrl, /id_token_hint=/);
      // the cookie is cleared, and the server-side session is gone even if a copy is replayed
      assert.equal(laborde.cookies.has('dcc_session'), false);
      assert.equal((await new ApiClient(stack.url).get('/auth/session', { cookie: oldCookie })).status, 401);
    });
  });
}

suite('pglite', { full: true });
suite('postgres', { full: true });
