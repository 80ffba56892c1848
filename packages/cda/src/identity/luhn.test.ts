import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  checkAdeli,
  checkFiness,
  checkIdNatPs,
  checkIdNatStruct,
  checkRpps,
  checkSiren,
  checkSiret,
  luhnCheckDigit,
  luhnValid,
} from './index.js';
import { assertNoLeak, digits } from './identity.test.util.js';

// ── Generators ───────────────────────────────────────────────────────────────────────────────────────────────────
/** A Luhn-valid number of `length` digits. */
const luhnNumber = (length: number): fc.Arbitrary<string> => digits(length - 1).map((b) => b + luhnCheckDigit(b));
/** Replaces the digit at `position` by another digit. */
function changeDigit(value: string, position: number, delta: number): string {
  const c = value.charAt(position);
  return value.slice(0, position) + String((Number(c) + delta) % 10) + value.slice(position + 1);
}
const LA_POSTE = '356000000';

// ── Spec fixtures (§2.1–§2.3) ────────────────────────────────────────────────────────────────────────────────────
const VALID_RPPS = ['10001045367', '10104335319', '10005814339', '10100224947', '10000001916', '10000005479', '99700218896'];
const DOCUMENTATION_RPPS = ['10001234567', '10003461033', '10001766123'];
const VALID_FINESS = ['010780054', '590064036', '010000024'];
const VALID_ADELI = ['012600631', '759124159'];

describe('Luhn primitives', () => {
  test('luhnValid accepts the worked examples of the spec', () => {
    for (const n of [...VALID_RPPS, ...VALID_FINESS, ...VALID_ADELI, '73282932000074']) assert.equal(luhnValid(n), true, n);
  });

  test('luhnValid rejects the fictitious documentation numbers and non-digit input', () => {
    for (const n of [...DOCUMENTATION_RPPS, '754567860', '73282932000079', '', 'abc', '1000104536a', ' 10001045367', '-18']) {
      assert.equal(luhnValid(n), false, JSON.stringify(n));
    }
  });

  test('luhnCheckDigit computes the check digits of the worked examples', () => {
    assert.equal(luhnCheckDigit('1000104536'), '7');
    assert.equal(luhnCheckDigit('01078005'), '4');
    assert.equal(luhnCheckDigit('01260063'), '1');
    assert.equal(luhnCheckDigit('7328293200007'), '4');
    assert.equal(luhnCheckDigit('9970021889'), '6');
  });

  test('luhnCheckDigit throws a RangeError on anything but digits, without echoing it', () => {
    for (const bad of ['', '12a4', ' 123', '１２３']) {
      assert.throws(
        () => luhnCheckDigit(bad),
        (e: unknown) => e instanceof RangeError && (bad === '' || !e.message.includes(bad)),
        JSON.stringify(bad),
      );
    }
  });

  test('property: body + luhnCheckDigit(body) is Luhn-valid, and it is the only such digit', () => {
    fc.assert(
      fc.property(digits(1, 30), (body) => {
        const check = luhnCheckDigit(body);
        assert.match(check, /^\d$/);
        assert.equal(luhnValid(body + check), true);
        for (let d = 0; d <= 9; d++) if (String(d) !== check) assert.equal(luhnValid(body + String(d)), false);
      }),
    );
  });

  test('property: changing any single digit of a Luhn-valid number is detected', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 30 }).chain((n) => luhnNumber(n)),
        fc.nat(),
        fc.integer({ min: 1, max: 9 }),
        (n, p, delta) => {
          assert.equal(luhnValid(changeDigit(n, p % n.length, delta)), false);
        },
      ),
    );
  });

  test('property: swapping two adjacent different digits is detected, except 0 and 9 (a known Luhn blind spot)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 30 }).chain((n) => luhnNumber(n)), fc.nat(), (n, p) => {
        const i = p % (n.length - 1);
        const a = n.charAt(i);
        const b = n.charAt(i + 1);
        fc.pre(a !== b && !(a + b === '09' || a + b === '90'));
        assert.equal(luhnValid(n.slice(0, i) + b + a + n.slice(i + 2)), false);
      }),
    );
    // the blind spot itself: 09 ↔ 90 keeps the sum
    assert.equal(luhnValid('0901'.replace('09', '90')), luhnValid('0901'));
  });
});

describe('RPPS', () => {
  test('accepts the real RPPS numbers of the spec, including the PSC test card', () => {
    for (const n of VALID_RPPS) assert.equal(checkRpps(n), undefined, n);
  });

  test('rejects the fictitious documentation examples with rpps.luhn', () => {
    for (const n of DOCUMENTATION_RPPS) assert.equal(checkRpps(n)?.code, 'rpps.luhn', n);
  });

  test('rejects wrong lengths and non-digits with rpps.format', () => {
    for (const n of ['', '1000104536', '100010453670', '1000104536A', ' 10001045367', '10001 045367', '810001045367']) {
      assert.equal(checkRpps(n)?.code, 'rpps.format', JSON.stringify(n));
    }
  });

  test('property: a single-digit change of a valid RPPS is detected', () => {
    fc.assert(
      fc.property(luhnNumber(11), fc.nat({ max: 10 }), fc.integer({ min: 1, max: 9 }), (n, p, delta) => {
        assert.equal(checkRpps(n), undefined);
        assert.equal(checkRpps(changeDigit(n, p, delta))?.code, 'rpps.luhn');
      }),
    );
  });
});

describe('ADELI', () => {
  test('accepts the real ADELI numbers of the spec', () => {
    for (const n of VALID_ADELI) assert.equal(checkAdeli(n), undefined, n);
  });

  test('rejects a wrong check digit with adeli.luhn', () => {
    assert.equal(checkAdeli('012600632')?.code, 'adeli.luhn');
    assert.equal(checkAdeli('759124150')?.code, 'adeli.luhn');
  });

  test('accepts Corsican 2A/2B numbers on format only, rejects lower case and bad shapes', () => {
    assert.equal(checkAdeli('2A1234567'), undefined);
    assert.equal(checkAdeli('2B0000000'), undefined);
    for (const n of ['2a1234567', '2C1234567', '', '01260063', '0126006310', '01260063 ', 'A12600631']) {
      assert.equal(checkAdeli(n)?.code, 'adeli.format', JSON.stringify(n));
    }
  });

  test('property: a single-digit change of a valid all-digit ADELI is detected', () => {
    fc.assert(
      fc.property(luhnNumber(9), fc.nat({ max: 8 }), fc.integer({ min: 1, max: 9 }), (n, p, delta) => {
        assert.equal(checkAdeli(n), undefined);
        assert.equal(checkAdeli(changeDigit(n, p, delta))?.code, 'adeli.luhn');
      }),
    );
  });
});

describe('FINESS', () => {
  test('accepts the real FINESS numbers of the spec', () => {
    for (const n of VALID_FINESS) assert.equal(checkFiness(n), undefined, n);
  });

  test('rejects the fictitious IG example 754567860 with finess.luhn', () => {
    assert.equal(checkFiness('754567860')?.code, 'finess.luhn');
  });

  test('accepts Corsican 2A/2B FINESS on format only (Luhn handling of the letter is undocumented)', () => {
    assert.equal(checkFiness('2A0000001'), undefined);
    assert.equal(checkFiness('2B0000009'), undefined);
  });

  test('rejects bad shapes with finess.format', () => {
    for (const n of ['', '01078005', '0107800540', '2a0000001', '2C0000001', '01078005A', '010 780 054', 'F754567860']) {
      assert.equal(checkFiness(n)?.code, 'finess.format', JSON.stringify(n));
    }
  });

  test('property: a single-digit change of a valid all-digit FINESS is detected', () => {
    fc.assert(
      fc.property(luhnNumber(9), fc.nat({ max: 8 }), fc.integer({ min: 1, max: 9 }), (n, p, delta) => {
        assert.equal(checkFiness(n), undefined);
        assert.equal(checkFiness(changeDigit(n, p, delta))?.code, 'finess.luhn');
      }),
    );
  });
});

describe('SIREN', () => {
  test('accepts valid SIREN numbers (those of the SIRET example and of La Poste)', () => {
    assert.equal(checkSiren('732829320'), undefined);
    assert.equal(checkSiren(LA_POSTE), undefined);
  });

  test('rejects a wrong check digit with siren.luhn and bad shapes with siren.format', () => {
    assert.equal(checkSiren('732829321')?.code, 'siren.luhn');
    for (const n of ['', '73282932', '7328293200', '73282932A', '732 829 320']) {
      assert.equal(checkSiren(n)?.code, 'siren.format', JSON.stringify(n));
    }
  });

  test('property: a single-digit change of a valid SIREN is detected', () => {
    fc.assert(
      fc.property(luhnNumber(9), fc.nat({ max: 8 }), fc.integer({ min: 1, max: 9 }), (n, p, delta) => {
        assert.equal(checkSiren(n), undefined);
        assert.equal(checkSiren(changeDigit(n, p, delta))?.code, 'siren.luhn');
      }),
    );
  });
});

describe('SIRET', () => {
  test('accepts the SIRET example of the spec and rejects its neighbours', () => {
    assert.equal(checkSiret('73282932000074'), undefined);
    assert.equal(checkSiret('73282932000079')?.code, 'siret.luhn');
    // digit sum is a multiple of 5 but the Luhn key is wrong: the La Poste rule applies to La Poste only
    assert.equal(checkSiret('73282932000072')?.code, 'siret.luhn');
  });

  test('La Poste establishments use "sum of digits ≡ 0 mod 5" instead of Luhn', () => {
    assert.equal(luhnValid('35600000009075'), false); // precondition: not Luhn-valid
    assert.equal(checkSiret('35600000009075'), undefined);
    assert.equal(luhnValid('35600000049837'), false);
    assert.equal(checkSiret('35600000049837'), undefined);
    assert.equal(checkSiret('35600000049838')?.code, 'siret.luhn');
    // Luhn-valid but digit sum not a multiple of 5: refused, since Luhn does not apply to La Poste establishments
    assert.equal(luhnValid('35600000000014'), true);
    assert.equal(checkSiret('35600000000014')?.code, 'siret.luhn');
  });

  test('the La Poste head office 35600000000048 follows the plain Luhn rule', () => {
    assert.equal(luhnValid('35600000000048'), true);
    assert.notEqual((3 + 5 + 6 + 4 + 8) % 5, 0); // its digit sum is not a multiple of 5
    assert.equal(checkSiret('35600000000048'), undefined);
  });

  test('rejects a SIRET whose 14 digits pass Luhn but whose SIREN does not', () => {
    assert.equal(luhnValid('73282932100072'), true);
    assert.equal(luhnValid('732829321'), false);
    assert.equal(checkSiret('73282932100072')?.code, 'siret.siren-luhn');
  });

  test('rejects bad shapes with siret.format', () => {
    for (const n of ['', '7328293200007', '732829320000740', '732 829 320 00074', '7328293200007A']) {
      assert.equal(checkSiret(n)?.code, 'siret.format', JSON.stringify(n));
    }
  });

  test('property: a single-digit change of a valid (non La Poste) SIRET is detected', () => {
    const siret = fc.tuple(luhnNumber(9), digits(4)).map(([siren, nic]) => siren + nic + luhnCheckDigit(siren + nic));
    fc.assert(
      fc.property(siret, fc.nat({ max: 13 }), fc.integer({ min: 1, max: 9 }), (n, p, delta) => {
        const changed = changeDigit(n, p, delta);
        fc.pre(!n.startsWith(LA_POSTE) && !changed.startsWith(LA_POSTE));
        assert.equal(checkSiret(n), undefined);
        assert.notEqual(checkSiret(changed), undefined, changed);
      }),
    );
  });
});

describe('IdNat_PS', () => {
  test('8 + RPPS: the RPPS is checked', () => {
    assert.equal(checkIdNatPs('810001045367'), undefined);
    assert.equal(checkIdNatPs('899700218896'), undefined); // PSC test card
    for (const n of DOCUMENTATION_RPPS) assert.equal(checkIdNatPs(`8${n}`)?.code, 'rpps.luhn', n);
  });

  test('8 + anything but 11 digits: idnatps.rpps-format', () => {
    for (const n of ['8', '81000104536', '8100010453670', '81000104536A']) {
      assert.equal(checkIdNatPs(n)?.code, 'idnatps.rpps-format', n);
    }
  });

  test('0 + ADELI: the ADELI is checked', () => {
    assert.equal(checkIdNatPs('0012600631'), undefined);
    assert.equal(checkIdNatPs('0759124159'), undefined);
    assert.equal(checkIdNatPs('02A1234567'), undefined); // Corsica: format only
    assert.equal(checkIdNatPs('0012600632')?.code, 'adeli.luhn');
    for (const n of ['0', '001260063', '00126006310', '02a1234567']) {
      assert.equal(checkIdNatPs(n)?.code, 'idnatps.adeli-format', n);
    }
  });

  test('1, 3, 4, 5, 6 + internal id: accepted on format', () => {
    for (const n of ['1ABC', '3010780054/LOGICIEL-42', '4732829320', '573282932000074', '6F754567860', '1012345678']) {
      assert.equal(checkIdNatPs(n), undefined, n);
    }
    for (const n of ['1', '3', '4', '5', '6']) assert.equal(checkIdNatPs(n)?.code, 'idnatps.format', n);
  });

  test('a PSI UUID is accepted, even when it starts with 0 or 8', () => {
    assert.equal(checkIdNatPs('f47ac10b-58cc-4372-a567-0e02b2c3d479'), undefined);
    assert.equal(checkIdNatPs('F47AC10B-58CC-4372-A567-0E02B2C3D479'), undefined);
    assert.equal(checkIdNatPs('8c2f6a1e-1b2c-4d3e-8f90-123456789abc'), undefined);
    assert.equal(checkIdNatPs('0c2f6a1e-1b2c-4d3e-8f90-123456789abc'), undefined);
    // not a UUID (one character short): read as prefix 8 + id
    assert.equal(checkIdNatPs('8c2f6a1e-1b2c-4d3e-8f90-123456789ab')?.code, 'idnatps.rpps-format');
  });

  test('a bare RPPS (11 digits, prefix forgotten) and unknown prefixes: idnatps.prefix', () => {
    for (const n of [...VALID_RPPS, '2ABC', '7123', '9123', 'X123', 'abcdef']) {
      assert.equal(checkIdNatPs(n)?.code, 'idnatps.prefix', n);
    }
  });

  test('empty values and whitespace: idnatps.format', () => {
    for (const n of ['', ' ', '8 10001045367', ' 810001045367', '810001045367\n', '1AB\tC']) {
      assert.equal(checkIdNatPs(n)?.code, 'idnatps.format', JSON.stringify(n));
    }
  });

  test('property: a single-digit change in the RPPS of an IdNat_PS 8… is detected', () => {
    fc.assert(
      fc.property(luhnNumber(11), fc.integer({ min: 1, max: 11 }), fc.integer({ min: 1, max: 9 }), (n, p, delta) => {
        const idNat = `8${n}`;
        assert.equal(checkIdNatPs(idNat), undefined);
        assert.equal(checkIdNatPs(changeDigit(idNat, p, delta))?.code, 'rpps.luhn');
      }),
    );
  });
});

describe('IdNat_Struct', () => {
  test('1 + FINESS: the FINESS is checked (the IG example 1754567860 is rejected)', () => {
    for (const n of VALID_FINESS) assert.equal(checkIdNatStruct(`1${n}`), undefined, n);
    assert.equal(checkIdNatStruct('12A0000001'), undefined); // Corsica: format only
    assert.equal(checkIdNatStruct('1754567860')?.code, 'finess.luhn');
    for (const n of ['1', '1010780', '10107800540', '12a0000001', '1F75456786']) {
      assert.equal(checkIdNatStruct(n)?.code, 'idnatstruct.finess-format', n);
    }
  });

  test('2 + SIREN and 3 + SIRET: the number is checked, La Poste included', () => {
    assert.equal(checkIdNatStruct('2732829320'), undefined);
    assert.equal(checkIdNatStruct('2732829321')?.code, 'siren.luhn');
    assert.equal(checkIdNatStruct('373282932000074'), undefined);
    assert.equal(checkIdNatStruct('373282932000079')?.code, 'siret.luhn');
    assert.equal(checkIdNatStruct('335600000009075'), undefined);
    assert.equal(checkIdNatStruct('335600000049838')?.code, 'siret.luhn');
    assert.equal(checkIdNatStruct('2ABC')?.code, 'idnatstruct.siren-format');
    assert.equal(checkIdNatStruct('27328293200')?.code, 'idnatstruct.siren-format');
    assert.equal(checkIdNatStruct('3732829320000740')?.code, 'idnatstruct.siret-format');
    assert.equal(checkIdNatStruct('3')?.code, 'idnatstruct.siret-format');
  });

  test('0 + cabinet id, 4 + RPPS rang and technical ids without prefix: accepted on format', () => {
    for (const n of ['0012600631', '4F754567860', '0X', '4R', 'TECH-42', 'A1', '99-ABC', '7']) {
      assert.equal(checkIdNatStruct(n), undefined, n);
    }
    for (const n of ['0', '4']) assert.equal(checkIdNatStruct(n)?.code, 'idnatstruct.format', n);
  });

  test('a bare FINESS, SIREN or SIRET (prefix forgotten): idnatstruct.prefix', () => {
    for (const n of [...VALID_FINESS, '754567860', '732829320', '2A0000001', '73282932000074', '35600000009075', '41234567890123']) {
      assert.equal(checkIdNatStruct(n)?.code, 'idnatstruct.prefix', n);
    }
  });

  test('empty values and whitespace: idnatstruct.format', () => {
    for (const n of ['', ' ', '1 010780054', '1010780054 ', 'TECH 42']) {
      assert.equal(checkIdNatStruct(n)?.code, 'idnatstruct.format', JSON.stringify(n));
    }
  });
});

describe('no personal data in messages', () => {
  const checks = { checkRpps, checkAdeli, checkFiness, checkSiren, checkSiret, checkIdNatPs, checkIdNatStruct };
  const mutated = (n: string): fc.Arbitrary<string> =>
    fc
      .tuple(fc.nat({ max: n.length - 1 }), fc.constantFrom(...'0123456789Aa -'))
      .map(([i, c]) => n.slice(0, i) + c + n.slice(i + 1));
  const candidate = fc.oneof(
    digits(6, 16),
    fc.constantFrom(9, 10, 11, 12, 14, 15).chain((len) => luhnNumber(len).chain(mutated)),
    fc.constantFrom(...VALID_RPPS, ...DOCUMENTATION_RPPS, ...VALID_FINESS, ...VALID_ADELI, '73282932000074').chain((n) =>
      fc.constantFrom('', '0', '1', '2', '3', '4', '8').map((prefix) => prefix + n),
    ),
    fc.string({ unit: fc.constantFrom(...'0123456789ABab-/ '), minLength: 6, maxLength: 20 }),
  );

  for (const [name, check] of Object.entries(checks)) {
    test(`property: ${name} messages never contain the checked value`, () => {
      fc.assert(
        fc.property(candidate, (value) => {
          assertNoLeak(value, check(value));
        }),
      );
    });
  }
});
