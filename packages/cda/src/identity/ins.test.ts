import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  IDENTITY_MESSAGES,
  INS_OIDS,
  checkInsMatricule,
  checkInsOid,
  describeInsOid,
  identityIssue,
  insKey,
  insOid,
  isInsOid,
  type IdentityIssueCode,
} from './index.js';
import { assertNoLeak, digits } from './identity.test.util.js';

// ── Generators ───────────────────────────────────────────────────────────────────────────────────────────────────
/** Any canonical 13-character matricule, Corsican départements included. */
const matricule13 = fc
  .tuple(
    fc.integer({ min: 1, max: 8 }).map(String),
    digits(4),
    fc.oneof(digits(2), fc.constantFrom('2A', '2B')),
    digits(6),
  )
  .map((parts) => parts.join(''));
const validIns = matricule13.map((m) => m + insKey(m));

// ── Spec fixtures (§1.3, §1.9) ───────────────────────────────────────────────────────────────────────────────────
const WORKED_EXAMPLES: ReadonlyArray<readonly [matricule13: string, key: string]> = [
  ['2790351215189', '89'], // ANS test patient PAT-TROIS Dominique
  ['2751263220749', '74'], // CNAM test patient ADRUN Zoé
  ['253072A073004', '43'], // Corse-du-Sud
  ['180032B020401', '23'], // Haute-Corse, CORSE Anthony
  ['1090763220888', '35'], // NIA, PROVISOIRE Matricule
];
const SIMULATOR_SEED_INS = ['236066322083656', '110086322083060', '109076322083489', '209076322083439', '209066322012355'];

describe('INS OIDs', () => {
  test('INS_OIDS holds the four OIDs of the spec', () => {
    assert.deepEqual(
      { ...INS_OIDS },
      {
        NIR: '1.2.250.1.213.1.4.8',
        NIA: '1.2.250.1.213.1.4.9',
        NIR_TEST: '1.2.250.1.213.1.4.10',
        NIR_DEMO: '1.2.250.1.213.1.4.11',
      },
    );
  });

  test('insOid gives the OID of each existing kind/environment pair', () => {
    assert.equal(insOid('NIR', 'production'), '1.2.250.1.213.1.4.8');
    assert.equal(insOid('NIA', 'production'), '1.2.250.1.213.1.4.9');
    assert.equal(insOid('NIR', 'test'), '1.2.250.1.213.1.4.10');
    assert.equal(insOid('NIR', 'demo'), '1.2.250.1.213.1.4.11');
  });

  test('insOid throws RangeError for NIA test and demo: no such OID exists', () => {
    assert.throws(() => insOid('NIA', 'test'), RangeError);
    assert.throws(() => insOid('NIA', 'demo'), RangeError);
  });

  test('describeInsOid gives kind, environment and the spec labels', () => {
    assert.deepEqual(describeInsOid('1.2.250.1.213.1.4.8'), { kind: 'NIR', environment: 'production', label: 'INS-NIR' });
    assert.deepEqual(describeInsOid('1.2.250.1.213.1.4.9'), { kind: 'NIA', environment: 'production', label: 'INS-NIA' });
    assert.deepEqual(describeInsOid('1.2.250.1.213.1.4.10'), { kind: 'NIR', environment: 'test', label: 'INS-NIR de test' });
    assert.deepEqual(describeInsOid('1.2.250.1.213.1.4.11'), {
      kind: 'NIR',
      environment: 'demo',
      label: 'INS-NIR de démonstration',
    });
  });

  test('describeInsOid and isInsOid reject non-INS OIDs (INS-C, NSS, neighbours, padding)', () => {
    for (const oid of ['1.2.250.1.213.1.4.2', '1.2.250.1.213.1.4.13', '1.2.250.1.213.1.4.14', '1.2.250.1.213.1.4.1',
      '1.2.250.1.213.1.4.12', '1.2.250.1.213.1.4.80', ' 1.2.250.1.213.1.4.8', '1.2.250.1.213.1.4.8 ', '']) {
      assert.equal(describeInsOid(oid), undefined, oid);
      assert.equal(isInsOid(oid), false, oid);
    }
    for (const oid of Object.values(INS_OIDS)) assert.equal(isInsOid(oid), true, oid);
  });

  test('insOid and describeInsOid are inverse on every existing pair', () => {
    for (const oid of Object.values(INS_OIDS)) {
      const d = describeInsOid(oid);
      assert.ok(d);
      assert.equal(insOid(d.kind, d.environment), oid);
    }
  });

  test('checkInsOid accepts production OIDs in every mode', () => {
    for (const allowTestOids of [false, true]) {
      assert.equal(checkInsOid(INS_OIDS.NIR, { allowTestOids }), undefined);
      assert.equal(checkInsOid(INS_OIDS.NIA, { allowTestOids }), undefined);
    }
    assert.equal(checkInsOid(INS_OIDS.NIR), undefined);
  });

  test('checkInsOid refuses test and demo OIDs in production, by default too', () => {
    assert.equal(checkInsOid(INS_OIDS.NIR_TEST, { allowTestOids: false })?.code, 'ins.oid.test');
    assert.equal(checkInsOid(INS_OIDS.NIR_DEMO, { allowTestOids: false })?.code, 'ins.oid.demo');
    assert.equal(checkInsOid(INS_OIDS.NIR_TEST)?.code, 'ins.oid.test');
    assert.equal(checkInsOid(INS_OIDS.NIR_DEMO, {})?.code, 'ins.oid.demo');
  });

  test('checkInsOid accepts test and demo OIDs when allowed', () => {
    assert.equal(checkInsOid(INS_OIDS.NIR_TEST, { allowTestOids: true }), undefined);
    assert.equal(checkInsOid(INS_OIDS.NIR_DEMO, { allowTestOids: true }), undefined);
  });

  test('checkInsOid reports unknown, INS-C and NSS OIDs, even when test OIDs are allowed', () => {
    for (const allowTestOids of [false, true]) {
      assert.equal(checkInsOid('1.2.250.1.213.1.4.2', { allowTestOids })?.code, 'ins.oid.ins-c');
      assert.equal(checkInsOid('1.2.250.1.213.1.4.13', { allowTestOids })?.code, 'ins.oid.nss');
      assert.equal(checkInsOid('1.2.250.1.213.1.4.14', { allowTestOids })?.code, 'ins.oid.nss');
      assert.equal(checkInsOid('1.2.250.1.213.1.4.12', { allowTestOids })?.code, 'ins.oid.unknown');
      assert.equal(checkInsOid('1.2.250.1.71.4.2.1', { allowTestOids })?.code, 'ins.oid.unknown');
      assert.equal(checkInsOid('', { allowTestOids })?.code, 'ins.oid.unknown');
    }
  });

  test('property: checkInsOid messages never contain the checked OID', () => {
    const oid = fc.oneof(
      fc.integer({ min: 0, max: 200 }).map((n) => `1.2.250.1.213.1.4.${n}`),
      fc.array(fc.nat({ max: 999 }), { minLength: 4, maxLength: 12 }).map((a) => a.join('.')),
    );
    fc.assert(
      fc.property(oid, fc.boolean(), (value, allowTestOids) => {
        assertNoLeak(value, checkInsOid(value, { allowTestOids }));
      }),
    );
  });
});

describe('INS key', () => {
  test('insKey reproduces every worked example of the spec (Corsica included)', () => {
    for (const [m13, key] of WORKED_EXAMPLES) assert.equal(insKey(m13), key, m13);
  });

  test('insKey: 2A counts as 19 and 2B as 18', () => {
    assert.equal(insKey('253072A073004'), insKey('2530719073004'));
    assert.equal(insKey('180032B020401'), insKey('1800318020401'));
    assert.notEqual(insKey('253072A073004'), insKey('253072B073004'));
  });

  test('insKey: remainder 0 gives 97, small keys are zero-padded', () => {
    assert.equal(insKey('1000000000047'), '97'); // 1000000000047 = 97 × 10309278351
    assert.equal(insKey('2790351215269'), '09');
  });

  test('insKey rejects non-canonical input with a RangeError that does not echo it', () => {
    for (const bad of ['253072a073004', '279035121518', '27903512151890', ' 2790351215189', '2790 51215189', '0790351215189',
      '9790351215189', '27903A1215189', '']) {
      assert.throws(
        () => insKey(bad),
        (e: unknown) => e instanceof RangeError && (bad === '' || !e.message.includes(bad)),
        JSON.stringify(bad),
      );
    }
  });

  test('property: every generated 13-character matricule followed by its insKey is valid', () => {
    fc.assert(
      fc.property(matricule13, (m) => {
        const key = insKey(m);
        assert.match(key, /^\d{2}$/);
        assert.ok(Number(key) >= 1 && Number(key) <= 97);
        assert.equal(checkInsMatricule(m + key), undefined);
      }),
    );
  });
});

describe('checkInsMatricule', () => {
  test('accepts the worked examples of the spec (NIR, NIA, Corsica)', () => {
    for (const [m13, key] of WORKED_EXAMPLES) assert.equal(checkInsMatricule(m13 + key), undefined, m13);
    for (const ins of ['279035121518989', '275126322074974', '253072A07300443', '180032B02040123', '109076322088835']) {
      assert.equal(checkInsMatricule(ins), undefined, ins);
    }
  });

  test('accepts the other seed identities of the INSi simulator', () => {
    for (const ins of SIMULATOR_SEED_INS) assert.equal(checkInsMatricule(ins), undefined, ins);
  });

  test('rejects the CNDA HERMANN Gatien fixture keys (60 and 10 instead of 76 and 26)', () => {
    assert.equal(checkInsMatricule('181036322045660')?.code, 'ins.key');
    assert.equal(checkInsMatricule('281036322045610')?.code, 'ins.key');
    // the same matricules with the keys given by the algorithm are valid
    assert.equal(checkInsMatricule('181036322045676'), undefined);
    assert.equal(checkInsMatricule('281036322045626'), undefined);
  });

  test('rejects key 00, which is never valid', () => {
    assert.equal(checkInsMatricule('279035121518900')?.code, 'ins.key');
    assert.equal(checkInsMatricule('100000000004700')?.code, 'ins.key'); // its key is 97 (remainder 0), not 00
    assert.equal(checkInsMatricule('100000000004797'), undefined);
  });

  test('rejects keys above 97', () => {
    assert.equal(checkInsMatricule('279035121518998')?.code, 'ins.key');
    assert.equal(checkInsMatricule('279035121518999')?.code, 'ins.key');
  });

  test('rejects non-canonical forms (lower case, spaces) instead of normalising them', () => {
    for (const bad of ['253072a07300443', '180032b02040123', ' 279035121518989', '279035121518989 ', '2 79 03 51 215 189 89',
      '279035121518989\n', '2790351215189 89']) {
      assert.equal(checkInsMatricule(bad)?.code, 'ins.format', JSON.stringify(bad));
    }
  });

  test('rejects wrong lengths, characters and first digits', () => {
    for (const bad of ['', '2790351215189', '27903512151898', '2790351215189890', '079035121518989', '979035121518989',
      '27903A121518989', '253072C07300443', '2530722A7300443', '27903512151898A', '２79035121518989']) {
      assert.equal(checkInsMatricule(bad)?.code, 'ins.format', JSON.stringify(bad));
    }
  });

  test('property: changing any single digit of a valid INS is detected', () => {
    fc.assert(
      fc.property(validIns, fc.nat({ max: 14 }), fc.integer({ min: 1, max: 9 }), (ins, position, delta) => {
        const c = ins.charAt(position);
        fc.pre(/\d/.test(c));
        const changed = ins.slice(0, position) + String((Number(c) + delta) % 10) + ins.slice(position + 1);
        assert.notEqual(changed, ins);
        assert.notEqual(checkInsMatricule(changed), undefined, changed);
      }),
    );
  });

  test('property: swapping two adjacent different digits of a valid INS is detected', () => {
    fc.assert(
      fc.property(validIns, fc.nat({ max: 13 }), (ins, position) => {
        const a = ins.charAt(position);
        const b = ins.charAt(position + 1);
        fc.pre(/\d/.test(a) && /\d/.test(b) && a !== b);
        const swapped = ins.slice(0, position) + b + a + ins.slice(position + 2);
        assert.notEqual(checkInsMatricule(swapped), undefined, swapped);
      }),
    );
  });

  test('property: messages never contain the checked value', () => {
    const candidate = fc.oneof(
      validIns,
      validIns.chain((ins) =>
        fc.tuple(fc.nat({ max: 14 }), fc.constantFrom(...'0123456789AaBb ')).map(
          ([i, c]) => ins.slice(0, i) + c + ins.slice(i + 1),
        ),
      ),
      fc.string({ unit: fc.constantFrom(...'0123456789ABab -'), minLength: 6, maxLength: 20 }),
    );
    fc.assert(
      fc.property(candidate, (value) => {
        assertNoLeak(value, checkInsMatricule(value));
      }),
    );
  });
});

describe('issue messages', () => {
  test('every message is a full sentence in both languages, and the two languages differ', () => {
    for (const [code, message] of Object.entries(IDENTITY_MESSAGES)) {
      for (const text of [message.fr, message.en]) {
        assert.match(text, /^[A-ZÀ-Ý]/u, code);
        assert.match(text, /\.$/, code);
        assert.ok(text.length > 40, code);
        assert.doesNotMatch(text, /\$\{|%s|\{\w+\}/, `${code} looks like a template`);
      }
      assert.notEqual(message.fr, message.en, code);
    }
  });

  test('every check code of the brief is in the catalogue', () => {
    const expected: IdentityIssueCode[] = ['ins.format', 'ins.key', 'ins.oid.unknown', 'ins.oid.test', 'ins.oid.demo',
      'rpps.format', 'rpps.luhn', 'adeli.format', 'adeli.luhn', 'finess.format', 'finess.luhn', 'siren.format', 'siren.luhn',
      'siret.format', 'siret.luhn', 'idnatps.prefix', 'idnatstruct.prefix'];
    for (const code of expected) assert.ok(Object.hasOwn(IDENTITY_MESSAGES, code), code);
  });

  test('messages never contain a run of 4 digits or an OID (nothing that could be a fragment of an identifier)', () => {
    for (const [code, message] of Object.entries(IDENTITY_MESSAGES)) {
      assert.doesNotMatch(message.fr, /\d{4}|\d+\.\d+\.\d+/, code);
      assert.doesNotMatch(message.en, /\d{4}|\d+\.\d+\.\d+/, code);
    }
  });

  test('identityIssue returns a fresh copy, so the catalogue cannot be altered through an issue', () => {
    const issue = identityIssue('ins.key');
    assert.deepEqual(issue, { code: 'ins.key', message: IDENTITY_MESSAGES['ins.key'] });
    assert.notEqual(issue.message, IDENTITY_MESSAGES['ins.key']);
    (issue.message as { fr: string }).fr = 'altéré';
    assert.notEqual(IDENTITY_MESSAGES['ins.key'].fr, 'altéré');
  });
});
