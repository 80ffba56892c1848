import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { create } from 'xmlbuilder2';
import { buildPps, buildWithModel, buildInto, validatePps, ModelValidationError } from '../index.js';
import { Xmlbuilder2Sink } from '../xml/xmlbuilder2-sink.js';
import { basePps } from '../testing/fixtures.js';
import { conformance, failures, fixedContext, loadExamples, narrativeLinkProblems } from '../testing/support.js';

const examples = loadExamples('pps');

describe('PPS builder', () => {
  test('the examples folder holds at least 10 PPS inputs', () => {
    assert.ok(examples.length >= 10, `only ${examples.length} PPS examples`);
  });

  test('every example and the base fixture pass the seven layers of the ANS kit', async () => {
    const docs = [{ name: 'base', input: basePps() }, ...examples].map(({ name, input }) => ({
      name,
      text: buildPps(input, fixedContext()),
      volet: 'pps' as const,
    }));
    const results = await conformance().validateMany(docs);
    results.forEach((result, i) => {
      assert.equal(result.layers.length, 7);
      assert.ok(result.valid, `${docs[i]!.name}:\n  ${failures(result)}`);
    });
  });

  test('every narrative reference resolves and every ID is unique', () => {
    for (const { name, input } of [{ name: 'base', input: basePps() }, ...examples]) {
      const xml = buildPps(input, fixedContext());
      const { dangling, duplicated } = narrativeLinkProblems(xml);
      assert.deepEqual(dangling, [], `${name}: dangling references`);
      assert.deepEqual(duplicated, [], `${name}: duplicated IDs`);
      assert.ok((xml.match(/<reference value="#/g) ?? []).length > 10, `${name}: entries reference the narrative`);
    }
  });

  test('same input and same injected clock and ids give the same bytes', () => {
    const a = buildPps(basePps(), fixedContext());
    const b = buildPps(basePps(), fixedContext());
    assert.equal(a, b);
    const c = buildPps(basePps(), fixedContext(7));
    assert.notEqual(a, c, 'other ids give another document');
    assert.equal(a.replace(/00000000-0000-4000-8\d{3}/g, ''), c.replace(/00000000-0000-4000-8\d{3}/g, ''));
  });

  test('the caller input is not modified', () => {
    const input = basePps();
    const copy = structuredClone(input);
    buildPps(input, fixedContext());
    assert.deepEqual(input, copy);
  });

  test('every time with hours carries a UTC offset, defaults come from the injected clock', () => {
    const input = basePps();
    delete input.document;
    const xml = buildPps(input, fixedContext());
    const values = [...xml.matchAll(/value="(\d{8,}[^"]*)"/g)].map((m) => m[1]!);
    assert.ok(values.length > 5);
    for (const v of values) if (v.length > 8) assert.match(v, /^\d{12}(\d{2})?[+-]\d{4}$/, v);
    // 2026-01-15T09:00Z is 10:00 in Paris (winter, +0100).
    assert.match(xml, /<effectiveTime value="20260115100000\+0100"\/>/);
  });

  test('a new version keeps the setId, increments the version and points to the replaced document', () => {
    const input = basePps();
    input.document = {
      id: { root: '1.2.250.1.999.1', extension: 'PPS-2' },
      setId: { root: '1.2.250.1.999.2', extension: 'PPS' },
      versionNumber: 2,
      replaces: { root: '1.2.250.1.999.1', extension: 'PPS-1' },
      effectiveTime: '2025-02-01T14:00:00+01:00',
    };
    input.status.updateReason = { reason: { code: 'MED-560' }, precision: 'Décalage de la radiothérapie' };
    const xml = buildPps(input, fixedContext());
    assert.match(xml, /<setId root="1.2.250.1.999.2" extension="PPS"\/><versionNumber value="2"\/>/);
    assert.match(xml, /<relatedDocument typeCode="RPLC"><parentDocument><id root="1.2.250.1.999.1" extension="PPS-1"\/><\/parentDocument><\/relatedDocument>/);
    assert.match(xml, /code="GEN-037"/);
    const missing = validatePps({ ...input, status: { ...input.status, updateReason: undefined } }, fixedContext());
    assert.equal(missing.ok, false);
    assert.deepEqual(missing.issues.map((i) => i.path), ['status.updateReason']);
  });

  test('codings are completed from their value set', () => {
    const { document } = buildWithModel('pps', basePps(), fixedContext());
    const act = document.therapeuticProgramme.treatments![1]!;
    assert.deepEqual(act.type, { code: 'C15313', codeSystem: '2.16.840.1.113883.3.26.1.1', displayName: 'radiothérapie' });
  });

  test('the string writer and xmlbuilder2 produce the same tree', () => {
    for (const { input } of [{ input: basePps() }, ...examples.slice(0, 4)]) {
      const xml = buildPps(input, fixedContext());
      const sink = new Xmlbuilder2Sink();
      buildInto('pps', input, sink, fixedContext());
      assert.equal(create(xml).end({ headless: true }), sink.document.end({ headless: true }));
    }
  });
});

describe('PPS input errors', () => {
  const issuesOf = (mutate: (input: ReturnType<typeof basePps>) => void) => {
    const input = basePps();
    mutate(input);
    const result = validatePps(input, fixedContext());
    assert.equal(result.ok, false, 'the input should be rejected');
    return result.issues;
  };

  test('a wrong INS key is reported on patient.ins.value, in French and English, without the value', () => {
    const [issue, ...rest] = issuesOf((i) => (i.patient.ins!.value = '279035121518988'));
    assert.equal(rest.length, 0);
    assert.equal(issue!.path, 'patient.ins.value');
    assert.equal(issue!.code, 'ins.key');
    assert.ok(issue!.message.fr.length > 10 && issue!.message.en.length > 10);
    assert.ok(!issue!.message.fr.includes('2790351215189'));
  });

  test('a code outside the bound value set is reported with its path', () => {
    const issues = issuesOf((i) => (i.therapeuticProgramme.treatments![0]!.type = { code: 'C547' }));
    assert.deepEqual(issues.map((i) => [i.path, i.code]), [['therapeuticProgramme.treatments[0].type.code', 'value-set']]);
  });

  test('structure errors carry the field path', () => {
    const issues = issuesOf((i) => {
      (i.tumours[0] as Record<string, unknown>).topograhpy = 'typo';
      delete (i as Partial<typeof i>).careNetwork;
      i.patient.birthDate = '1979-02-30';
    });
    const paths = issues.map((i) => i.path).sort();
    assert.ok(paths.includes('careNetwork'), paths.join());
    assert.ok(paths.includes('tumours[0].topograhpy'), paths.join());
  });

  test('dates and telecom schemes outside the formats are rejected, not passed to the writer', () => {
    const issues = issuesOf((i) => {
      i.status.statusDate = '2025-03-11 ou plus tard';
      i.therapeuticProgramme.treatments![0]!.confirmedPeriod = { start: '2024-02-01T25:00+01:00' };
      i.custodian.telecoms = [{ scheme: 'https' as 'http', value: 'chu.fr' }];
    });
    assert.deepEqual(issues.map((i) => i.path).sort(), [
      'custodian.telecoms[0].scheme',
      'status.statusDate',
      'therapeuticProgramme.treatments[0].confirmedPeriod.start',
    ]);
  });

  test('an impossible date, a bad RPPS key and test identities in production are rejected', () => {
    const input = basePps();
    input.patient.birthDate = '1979-02-30';
    input.author.professional.idNatPs = '810001045368';
    const result = validatePps(input, { ...fixedContext(), allowTestIdentities: false });
    assert.equal(result.ok, false);
    assert.deepEqual(result.issues.map((i) => i.path).sort(), ['author.professional.idNatPs', 'patient.birthDate', 'patient.ins.environment']);
  });

  test('buildPps throws a ModelValidationError listing the issues', () => {
    const input = basePps();
    input.tumours = [];
    assert.throws(() => buildPps(input, fixedContext()), (error: unknown) => {
      assert.ok(error instanceof ModelValidationError);
      assert.equal(error.issues[0]!.path, 'tumours');
      assert.match(error.message, /tumours/);
      return true;
    });
  });
});
