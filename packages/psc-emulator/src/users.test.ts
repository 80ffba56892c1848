import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { checkFiness, checkIdNatPs, checkRpps, checkSiren, checkSiret } from '@dcc-kit/cda/identity';

import { TEST_USERS } from './users.js';

describe('PSC emulator test users', () => {
  it('have valid national identifiers and structure numbers', () => {
    assert.ok(TEST_USERS.length >= 3);
    const ids = new Set<string>();
    for (const user of TEST_USERS) {
      const { SubjectNameID, otherIds, SubjectRefPro } = user.userinfo;
      assert.equal(checkIdNatPs(SubjectNameID), undefined, SubjectNameID);
      assert.ok(SubjectNameID.startsWith('8'));
      assert.equal(checkRpps(SubjectNameID.slice(1)), undefined);
      assert.equal(otherIds[0]?.identifiant, SubjectNameID.slice(1));
      assert.ok(!ids.has(SubjectNameID), 'unique SubjectNameID');
      ids.add(SubjectNameID);
      for (const exercice of SubjectRefPro.exercices) {
        assert.ok(exercice.activities.length > 0);
        for (const a of exercice.activities) {
          assert.ok(a.numeroFinessSite || a.numeroSiretSite, 'each activity names its structure');
          if (a.numeroFinessSite) assert.equal(checkFiness(a.numeroFinessSite), undefined, a.numeroFinessSite);
          if (a.numeroFinessetablissementJuridique) assert.equal(checkFiness(a.numeroFinessetablissementJuridique), undefined);
          if (a.numeroSiretSite) assert.equal(checkSiret(a.numeroSiretSite), undefined, a.numeroSiretSite);
          if (a.numeroSirenSite) assert.equal(checkSiren(a.numeroSirenSite), undefined);
        }
      }
    }
  });

  it('cover two activities for one oncologist and oncologists of different structures', () => {
    const structuresOf = (i: number) =>
      (TEST_USERS[i]?.userinfo.SubjectRefPro.exercices ?? []).flatMap((e) => e.activities.map((a) => a.numeroFinessSite || a.numeroSiretSite));
    assert.equal(structuresOf(0).length, 2);
    assert.ok(structuresOf(1).every((s) => !structuresOf(0).includes(s)));
    assert.ok(TEST_USERS.some((u) => u.userinfo.SubjectRole.some((r) => !r.startsWith('10^'))), 'a non-physician profile');
  });
});
