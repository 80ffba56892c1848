// Unit tests of the pieces below HTTP: the request schemas (Ajv) and their issues, the userinfo mapping, the
// session cipher, the store (migrations, immutability, optimistic concurrency, cursors).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { DR_LEFORT } from '@dcc-kit/psc-emulator';
import { OpenApiSchemas } from './validation/openapi-schemas.js';
import { MAX_ISSUES } from './validation/ajv-issues.js';
import { professionalFromUserInfo } from './auth/professional.js';
import { SessionCipher, parseKey } from './secrets.js';
import { safeReturnTo } from './auth/auth.js';
import { migrate } from './store/driver.js';
import { decodeCursor, encodeCursor } from './store/records.js';
import { openTestStore, postgresTarget, type StoreKind } from './testing/harness.js';
import { checkDraft, DocumentChecker, draftIssues } from './services/document-checker.js';
import type { Patient } from './store/records.js';
import { isBirthDate } from './services/patients.js';
import { serverConfigOf } from './main-config.js';

describe('OpenAPI schemas (Ajv)', () => {
  const root = {
    components: {
      schemas: {
        P: {
          type: 'object',
          additionalProperties: false,
          required: ['a', 'list'],
          properties: { a: { type: 'string', pattern: "^[\\p{L}' -]+$", 'x-dcc-label': 'a' }, n: { type: ['integer', 'null'] }, list: { type: 'array', items: { $ref: '#/components/schemas/Q' } } },
        },
        Q: { type: 'object', additionalProperties: false, required: ['k'], properties: { k: { enum: ['x', 'y'] } } },
      },
    },
  };
  const c = new OpenApiSchemas(root);
  // Order is Ajv's traversal order: the contract is the set of path:code pairs.
  const check = (v: unknown) => c.check({ $ref: '#/components/schemas/P' }, v).map((i) => `${i.path}:${i.code}`).sort();
  test('reports every failing path in contract notation, never the value', () => {
    assert.deepEqual(check({ a: 'Élodie', list: [{ k: 'x' }], n: null }), []);
    assert.deepEqual(check({ a: '<b>', list: [{ k: 'z', extra: 1 }, {}], n: 1.5, zz: 0 }), ['a:format', 'list[0].k:enum', 'list[0].extra:unknown-field', 'list[1].k:required', 'n:type', 'zz:unknown-field'].sort());
    assert.deepEqual(check([]), [':type']);
    const messages = JSON.stringify(c.check({ $ref: '#/components/schemas/P' }, { a: 'SECRETNAME<', list: [] }));
    assert.ok(!messages.includes('SECRETNAME'));
  });
  test('prototype-named keys are unknown fields; by name or inline; the list is bounded', () => {
    assert.deepEqual(check(JSON.parse('{"a":"x","list":[],"__proto__":{"a":1},"constructor":{"prototype":{}}}')), ['__proto__:unknown-field', 'constructor:unknown-field']);
    assert.deepEqual(c.check('Q', { k: 'y' }), []);
    const many = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`f${i}`, i]));
    assert.equal(c.check('Q', many).length, MAX_ISSUES);
  });
  test('messages in French and English, with the limits of the contract', () => {
    const [issue] = c.check({ type: 'object', properties: { s: { type: 'string', maxLength: 3 } } }, { s: 'abcd' });
    assert.deepEqual(issue, { path: 's', code: 'too-long', message: { fr: 's est trop long (au plus 3 caractères).', en: 's is too long (at most 3 characters).' } });
  });
});

describe('configuration', () => {
  test('DCC_IDEMPOTENCY_LEASE_SECONDS: seconds → idempotencyLeaseMs; absent → the default; nonsense refused at start', () => {
    assert.equal(serverConfigOf({ DCC_IDEMPOTENCY_LEASE_SECONDS: '30' }).idempotencyLeaseMs, 30_000);
    assert.equal(serverConfigOf({}).idempotencyLeaseMs, undefined);
    for (const bad of ['0', '1.5', 'x', '', '100000']) assert.throws(() => serverConfigOf({ DCC_IDEMPOTENCY_LEASE_SECONDS: bad }), /DCC_IDEMPOTENCY_LEASE_SECONDS/);
  });
});

describe('userinfo → professional', () => {
  test('PSC claims of a test user: idNatPs, names, roles, activities by FINESS then SIRET', () => {
    const p = professionalFromUserInfo(DR_LEFORT.userinfo as unknown as Record<string, unknown>);
    assert.equal(p.idNatPs, DR_LEFORT.userinfo.SubjectNameID);
    assert.equal(p.familyName, DR_LEFORT.userinfo.family_name);
    assert.ok(p.roles.length > 0);
    assert.deepEqual(p.activities.map((a) => [a.structureIdType, a.structureId]), [['FINESS', '492805973'], ['SIRET', '49231874600012']]);
    assert.equal(new Set(p.activities.map((a) => a.id)).size, p.activities.length);
  });
  test('technical structure id as last resort; activities without any id dropped; no SubjectNameID refused', () => {
    const p = professionalFromUserInfo({ SubjectNameID: '899700218896', SubjectRefPro: { exercices: [{ activities: [{ identifiantTechniqueDeLaStructure: 'R10000001' }, {}] }] } });
    assert.deepEqual(p.activities.map((a) => [a.structureIdType, a.structureId]), [['TECHNICAL', 'R10000001']]);
    assert.throws(() => professionalFromUserInfo({ given_name: 'x' }));
  });
});

describe('secrets and redirects', () => {
  test('AES-256-GCM session payloads: round trip, tamper and wrong key refused', () => {
    const key = randomBytes(32);
    const cipher = new SessionCipher(key);
    const sealed = cipher.encrypt({ token: 'abc' });
    assert.ok(!sealed.toString('latin1').includes('abc'));
    assert.deepEqual(cipher.decrypt(sealed), { token: 'abc' });
    const tampered = Buffer.from(sealed);
    tampered[tampered.length - 1]! ^= 1;
    assert.equal(cipher.decrypt(tampered), undefined);
    assert.equal(new SessionCipher(randomBytes(32)).decrypt(sealed), undefined);
    assert.equal(parseKey(key.toString('hex')).equals(key), true);
    assert.equal(parseKey(key.toString('base64url')).equals(key), true);
    assert.throws(() => parseKey('short'));
  });
  test('returnTo: same-origin paths only', () => {
    assert.equal(safeReturnTo('/patients?x=1'), '/patients?x=1');
    for (const bad of ['https://evil.example/', '//evil.example', '/\\evil', 'javascript:alert(1)', null, '/a\nb']) assert.equal(safeReturnTo(bad), '/');
    // serialised by the URL parser: a valid Location header even with non-ASCII characters
    assert.equal(safeReturnTo('/dossiers/Hélène #1'), '/dossiers/H%C3%A9l%C3%A8ne%20#1');
  });
});

describe('strict traits', () => {
  test('birth dates: real past days, 00 for an unknown month or day', () => {
    const today = new Date('2026-11-22T10:00:00Z');
    for (const ok of ['1970-01-01', '2000-02-29', '1980-00-00', '1980-07-00', '2026-11-22']) assert.equal(isBirthDate(ok, today), true, ok);
    for (const bad of ['1981-02-29', '1980-13-01', '1980-04-31', '1980-00-12', '2026-11-23', '1600-01-01', '80-01-01', '1980-1-01']) assert.equal(isBirthDate(bad, today), false, bad);
  });
});

describe('draft check on save', () => {
  test('missing parts pass, what is not a document (unknown field, wrong JSON type) is refused with model paths', () => {
    assert.deepEqual(draftIssues('pps', { patient: { birthFamilyName: 'X' } }), []);
    const issues = draftIssues('pps', { patient: { birthFamilyName: 3, gender: 'Q' }, nope: true });
    assert.deepEqual(issues.map((i) => i.path).sort(), ['model.nope', 'model.patient.birthFamilyName']);
  });

  test('nothing typed is refused: an almost empty draft and a draft breaking model rules are saved, their problems are warnings', () => {
    const almostEmpty = checkDraft('pps', { patient: { birthFamilyName: 'MARTIN' } });
    assert.deepEqual(almostEmpty.refused, []);
    assert.ok(almostEmpty.warnings.some((w) => w.code === 'required'), JSON.stringify(almostEmpty.warnings.slice(0, 3)));
    assert.ok(almostEmpty.warnings.length <= 100, 'bounded like every error list');
    assert.ok(!almostEmpty.warnings.some((w) => w.code === 'type'), 'a missing part is not also a wrong type');
    // A value outside its list, a partial or mistyped date, a pasted control character, a text too long.
    const typed = checkDraft('pps', { patient: { birthFamilyName: 'MAR\u000bTIN', gender: 'Q', birthDate: '14/06/1973' }, patientComment: 'x'.repeat(30_000) });
    assert.deepEqual(typed.refused, []);
    const codes = Object.fromEntries(typed.warnings.map((w) => [w.path, w.code]));
    assert.equal(codes['model.patient.gender'], 'enum');
    assert.equal(codes['model.patient.birthFamilyName'], 'characters');
    assert.ok(codes['model.patient.birthDate'], JSON.stringify(typed.warnings.map((w) => w.path)));
    assert.equal(codes['model.patientComment'], 'too-long');
  });
});

describe('document ↔ patient binding at validation and signature', () => {
  test('the model names the patient resource (INS and strict traits); the setId is filled in', () => {
    const patient = {
      ins: { value: '273064900708440', oid: '1.2.250.1.213.1.4.10' },
      identityStatus: 'qualified',
      traits: { birthName: 'ROUSSEAU', firstNames: ['Isabelle', 'Marie'], birthDate: '1973-06-14', sex: 'F' },
    } as Patient;
    const checker = new DocumentChecker();
    const same = { patient: { ins: { value: '273064900708440' }, birthFamilyName: 'ROUSSEAU', birthGivenNames: 'Isabelle Marie', birthDate: '1973-06-14', gender: 'F' } };
    const prepared = checker.prepare(same, '1.2.3^S', patient);
    assert.deepEqual(prepared.issues, []);
    assert.deepEqual((prepared.model as { document: unknown }).document, { setId: { root: '1.2.3', extension: 'S' } });
    assert.deepEqual(checker.prepare({}, 'S', patient).issues, [], 'missing parts are the model rules’ business');
    const other = { patient: { ins: { value: '158114418421759' }, birthFamilyName: 'DURAND', birthGivenNames: 'Isabelle', birthDate: '1973-06-15', gender: 'M' } };
    const issues = checker.prepare(other, 'S', patient).issues;
    assert.deepEqual(issues.map((i) => i.path), ['model.patient.ins.value', 'model.patient.birthFamilyName', 'model.patient.birthGivenNames', 'model.patient.birthDate', 'model.patient.gender']);
    assert.ok(issues.every((i) => i.code === 'patient-mismatch'));
    assert.doesNotMatch(JSON.stringify(issues), /DURAND|ROUSSEAU|1973/);
  });
});

for (const kind of ['pglite', 'postgres'] as StoreKind[]) {
  const skip = kind === 'postgres' ? (postgresTarget().skip ?? false) : false;
  describe(`store (${kind})`, { skip }, () => {
    test('migrations are recorded and idempotent; versions are immutable; concurrent If-Match → one winner; cursors page', async () => {
      const store = await openTestStore(kind);
      try {
        assert.deepEqual(await migrate(store.driver), []);
        const names = await store.driver.query<{ name: string }>('SELECT name FROM dcc_migrations');
        assert.deepEqual(names.map((n) => n.name), ['001_initial.sql', '002_hardening.sql', '003_replacements.sql', '004_dmp_submissions.sql', '005_identity_lifecycle.sql', '006_indicators.sql', '007_idempotency_holder.sql', '008_indicator_document_months.sql']);
        const actor = { idNatPs: '810209801199', structures: ['492805973'], requestId: 'r' };
        const ids: string[] = [];
        for (const value of ['273064900708440', '158114418421759', '268103726109328']) {
          const p = await store.patients.create({ ins: { value, oid: '1.2.250.1.213.1.4.10' }, identityStatus: 'qualified', traits: { birthName: 'X', firstNames: ['Y'], birthDate: '1970-01-01', sex: 'F' }, structureId: '492805973' }, actor);
          assert.ok(p.ok);
          ids.push(p.value.id);
        }
        const page1 = await store.patients.list({ structures: ['492805973'], limit: 2 });
        assert.equal(page1.items.length, 2);
        const page2 = await store.patients.list({ structures: ['492805973'], limit: 2, after: decodeCursor(page1.nextCursor!)! });
        assert.deepEqual([...page1.items, ...page2.items].map((p) => p.id).sort(), [...ids].sort());
        assert.equal(page2.nextCursor, null);
        assert.equal(decodeCursor('garbage'), undefined);
        assert.equal(decodeCursor(encodeCursor(5)), 5);
        assert.equal(decodeCursor(encodeCursor(2 ** 31 - 1)), 2 ** 31 - 1);
        assert.equal(decodeCursor(encodeCursor(2 ** 31)), undefined, 'past PostgreSQL integer: no row, and the query would fail');
        assert.equal(decodeCursor(Buffer.from('{"s":1e300}').toString('base64url')), undefined);

        const doc = await store.documents.create({ patientId: ids[0]!, type: 'pps', setId: 'S', model: { v: 1 } }, actor);
        assert.ok(doc.ok);
        const results = await Promise.all([1, 2, 3].map((i) => store.documents.addVersion(doc.value.id, 1, actor, () => ({ model: { v: i + 1 }, action: 'document.version.create' }))));
        assert.equal(results.filter((r) => r.ok).length, 1);
        assert.deepEqual(results.filter((r) => !r.ok).map((r) => !r.ok && r.reason), ['stale', 'stale']);
        await assert.rejects(store.driver.query(`UPDATE document_versions SET model = '{"v":9}'::jsonb WHERE number = 1`), /immutable/);
        await assert.rejects(store.driver.query('DELETE FROM document_versions'), /never deleted/);
        assert.deepEqual((await store.documents.getVersion(doc.value.id, 1, ['492805973']))?.model, { v: 1 });
        assert.equal(await store.documents.getVersion(doc.value.id, 1, ['338521651']), undefined);
      } finally {
        await store.close();
      }
    });

    test('idempotency lease: pending until it runs out, then one taker among concurrent ones', async () => {
      const store = await openTestStore(kind);
      try {
        const t0 = new Date('2026-12-01T10:00:00Z');
        const at = (ms: number) => new Date(t0.getTime() + ms);
        const first = await store.idempotency.claim('a', 'k', 'POST /x', 'h', t0, 60_000);
        assert.equal(first.state, 'new');
        assert.deepEqual(await store.idempotency.claim('a', 'k', 'POST /x', 'h', at(59_000), 60_000), { state: 'pending', retryAfterMs: 1_000 });
        assert.deepEqual(await store.idempotency.claim('a', 'k', 'POST /x', 'other', at(61_000), 60_000), { state: 'mismatch' });
        const takers = await Promise.all([1, 2, 3].map(() => store.idempotency.claim('a', 'k', 'POST /x', 'h', at(61_000), 60_000)));
        assert.deepEqual(takers.map((c) => c.state).sort(), ['new', 'pending', 'pending']);
        const taker = takers.find((c) => c.state === 'new');
        assert.ok(first.state === 'new' && taker?.state === 'new' && taker.holder !== first.holder);
        // The request that lost the key (it outlived its lease) can neither answer nor free it.
        assert.equal(await store.idempotency.complete('a', 'k', first.holder, 500, Buffer.from('late')), false);
        await store.idempotency.release('a', 'k', first.holder);
        // The holder answers in the transaction of its change: rolled back with it, or committed with it.
        await assert.rejects(
          store.driver.transaction(async (tx) => {
            assert.equal(await store.idempotency.complete('a', 'k', taker.holder, 201, Buffer.from('rolled back'), tx), true);
            throw new Error('the change failed');
          }),
          /the change failed/,
        );
        assert.equal((await store.idempotency.claim('a', 'k', 'POST /x', 'h', at(62_000), 60_000)).state, 'pending');
        await store.driver.transaction(async (tx) => assert.equal(await store.idempotency.complete('a', 'k', taker.holder, 201, Buffer.from('sealed'), tx), true));
        assert.equal(await store.idempotency.complete('a', 'k', taker.holder, 201, Buffer.from('twice')), false, 'answered once');
        const replay = await store.idempotency.claim('a', 'k', 'POST /x', 'h', at(10 * 60_000), 60_000);
        assert.ok(replay.state === 'replay' && replay.status === 201 && replay.sealed.toString() === 'sealed');
      } finally {
        await store.close();
      }
    });
  });
}
