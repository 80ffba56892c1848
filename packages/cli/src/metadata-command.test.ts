import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { resolveKitDir } from '@dcc-kit/conformance/node';
import { run, tempDir } from './testing/cli-run.test-util.js';

const frcpExample = path.join(resolveKitDir(), 'ExemplesCDA', 'CANCER-FRCP_2022.01_Appareil.xml');

let tmp: string;
before(async () => {
  tmp = await tempDir('dcc-metadata-test-');
});

test('metadata: { entry, facts } of the ANS FRCP example, hash of the file', async () => {
  const { code, stdout, stderr } = await run(['metadata', '--visibility', 'INVISIBLE_PATIENT', '--comments', 'à annoncer', frcpExample]);
  assert.equal(stderr, '');
  assert.equal(code, 0);
  const out = JSON.parse(stdout) as {
    entry: { uniqueId: string; creationTime: string; patientId: string; comments: string; confidentialityCodes: Array<{ code: string }>; hash: string; size: number };
    facts: { volet: string; cdaCodes: string[] };
  };
  assert.deepEqual(Object.keys(out), ['entry', 'facts']);
  assert.equal(out.entry.uniqueId, '1.2.250.1.213.1.1.1.8.2022.1.1');
  assert.equal(out.entry.creationTime, '20190218084914');
  assert.equal(out.entry.patientId, '279035121518989^^^&1.2.250.1.213.1.4.10&ISO^NH');
  assert.equal(out.entry.comments, 'à annoncer');
  assert.deepEqual(out.entry.confidentialityCodes.map((c) => c.code), ['N', 'INVISIBLE_PATIENT']);
  const bytes = await readFile(frcpExample);
  assert.equal(out.entry.hash, createHash('sha1').update(bytes).digest('hex'));
  assert.equal(out.entry.size, bytes.byteLength);
  assert.equal(out.facts.volet, 'frcp');
  assert.deepEqual(out.facts.cdaCodes, ['34794-8']);
});

test('metadata: a bad CDA exits 1 with each problem and its path, no patient data', async () => {
  const bad = path.join(tmp, 'bad.xml');
  const text = (await readFile(frcpExample, 'utf8'))
    .replace('<effectiveTime value="20190218094914+0100" />', '<effectiveTime value="20190218094914" />')
    .replace('root="1.2.250.1.213.1.4.10"', 'root="1.2.250.1.213.1.4.2"');
  await writeFile(bad, text);
  const { code, stdout, stderr } = await run(['metadata', bad]);
  assert.equal(code, 1);
  assert.equal(stdout, '');
  assert.match(stderr, /: 2 problem\(s\)\n/);
  assert.match(stderr, / {2}ClinicalDocument\/effectiveTime\/@value: .*\[local-time\]\n/);
  assert.match(stderr, / {2}ClinicalDocument\/recordTarget\/patientRole\/id: .*\[ins-c\]\n/);
  assert.doesNotMatch(stderr, /279035121518989|PAT-TROIS/);
});

test('metadata: usage errors exit 2', async () => {
  assert.equal((await run(['metadata'])).code, 2);
  assert.match((await run(['metadata', '--visibility', 'HIDDEN', frcpExample])).stderr, /--visibility takes MASQUE_PS, INVISIBLE_PATIENT, INVISIBLE_REPRESENTANTS_LEGAUX \(got HIDDEN\)/);
  assert.match((await run(['metadata', path.join(tmp, 'missing.xml')])).stderr, /cannot read .*missing\.xml: ENOENT/);
  const conflict = await run(['metadata', '--visibility', 'INVISIBLE_PATIENT,MASQUE_PS', frcpExample]);
  assert.equal(conflict.code, 1);
  assert.match(conflict.stderr, /confidentialityCode: .*EX_2\.1-1050\) \[visibility-conflict\]/);
  assert.equal((await run(['metadata', '--help'])).code, 0);
});
