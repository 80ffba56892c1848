import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadExample } from '@dcc-kit/cda/examples';
import { resolveKitDir } from '@dcc-kit/conformance/node';
import { run, tempDir } from './testing/cli-run.test-util.js';

const kitDir = resolveKitDir();
const ppsExample = path.join(kitDir, 'ExemplesCDA', 'CANCER-PPS_2022.01_feuille-de-style-externe.xml');
const frcpExample = path.join(kitDir, 'ExemplesCDA', 'CANCER-FRCP_2022.01_Appareil.xml');

let tmp: string;
before(async () => {
  tmp = await tempDir('dcc-cli-test-');
  process.env.DCC_CACHE_DIR = path.join(tmp, 'cache');
});

test('validate --format json: the documented shape, exit 1 when a document has an error', async () => {
  const { code, stdout, stderr } = await run(['validate', '--format', 'json', ppsExample, frcpExample]);
  assert.equal(stderr, '');
  assert.equal(code, 1);
  const out = JSON.parse(stdout) as Array<{ file: string; volet: string; valid: boolean; layers: Array<{ layer: string; errors: Array<Record<string, string>> }> }>;
  assert.equal(out.length, 2);
  assert.deepEqual(out.map((d) => [d.file, d.volet, d.valid]), [[ppsExample, 'pps', true], [frcpExample, 'frcp', false]]);
  assert.deepEqual(out[1]?.layers.map((l) => l.layer), ['xsd', 'IHE', 'ASIP-STRUCT-MIN-StrucMin', 'CI-SIS_ModelesDeContenusCDA', 'CI-SIS_Modeles_ANS', 'terminologie', 'CI-SIS_CANCER-FRCP_2022.01']);
  const [error] = out[1]?.layers[3]?.errors ?? [];
  assert.deepEqual(Object.keys(error ?? {}).slice(0, 4), ['location', 'message', 'pattern', 'test']);
  assert.equal(error?.pattern, 'JDV_assignedAuthorCode');
});

test('validate: exit 0 and a text summary when every document is valid', async () => {
  const { code, stdout } = await run(['validate', ppsExample]);
  assert.equal(code, 0);
  assert.match(stdout, /: valid \(CANCER-PPS_2022\.01, 0 errors\)/);
  assert.match(stdout, /ASIP-STRUCT-MIN-StrucMin: ok/);
});

test('validate --format junit: one testsuite per file, one testcase per layer, failures for failing layers', async () => {
  const { code, stdout } = await run(['validate', '--format', 'junit', frcpExample]);
  assert.equal(code, 1);
  assert.match(stdout, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites name="dcc validate">/);
  assert.equal((stdout.match(/<testcase /g) ?? []).length, 7);
  assert.match(stdout, /<testsuite name="[^"]+" tests="7" failures="1" errors="0"/);
  assert.match(stdout, /<testcase classname="[^"]+" name="CI-SIS_ModelesDeContenusCDA" time="[\d.]+"><failure message="1 error\(s\)"/);
});

test('validate: usage errors exit 2 with a message saying what is wrong', async () => {
  assert.deepEqual(await run(['validate']), { code: 2, stdout: '', stderr: 'dcc validate: give at least one FILE to validate\n' });
  assert.equal((await run(['validate', '--format', 'xml', ppsExample])).code, 2);
  assert.match((await run(['validate', '--volet', 'abc', ppsExample])).stderr, /--volet must be pps or frcp \(got "abc"\)/);
  assert.match((await run(['validate', path.join(tmp, 'missing.xml')])).stderr, /cannot read .*missing\.xml: ENOENT/);
  assert.match((await run(['validate', '--kit', path.join(tmp, 'nokit'), ppsExample])).stderr, /ANS TestContenuCDA kit not found at .*nokit \(given explicitly\)/);
  assert.equal((await run(['frobnicate'])).code, 2);
});

test('validate: a document of an unknown volet exits 2 unless --volet is given', async () => {
  const other = path.join(tmp, 'other.xml');
  await writeFile(other, (await readFile(ppsExample, 'utf8')).replace('root="1.2.250.1.213.1.1.1.26"', 'root="1.2.250.1.213.1.1.1.99"'));
  const refused = await run(['validate', other]);
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, /give the volet explicitly/);
  const forced = await run(['validate', '--volet', 'pps', '--format', 'json', other]);
  assert.equal(forced.code, 1); // the volet layer now misses its templateId
  const layers = (JSON.parse(forced.stdout) as Array<{ layers: Array<{ layer: string; errors: unknown[] }> }>)[0]?.layers ?? [];
  assert.ok((layers.find((l) => l.layer === 'CI-SIS_CANCER-PPS_2022.01')?.errors.length ?? 0) > 0);
});


test('validate over many files: an undetectable volet and a malformed file get their own entries; the others are still judged', async () => {
  const pps = await readFile(ppsExample, 'utf8');
  const unknown = path.join(tmp, 'unknown-volet.xml');
  await writeFile(unknown, pps.replace('root="1.2.250.1.213.1.1.1.26"', 'root="1.2.250.1.213.1.1.1.99"'));
  const malformed = path.join(tmp, 'malformed.xml');
  await writeFile(malformed, '<?xml version="1.0"?>\n<ClinicalDocument xmlns="urn:hl7-org:v3">\n<title>x</titl>\n</ClinicalDocument>\n');
  const missing = path.join(tmp, 'absent.xml');
  const files = [ppsExample, unknown, malformed, missing, frcpExample];

  const json = await run(['validate', '--format', 'json', ...files]);
  assert.equal(json.code, 2);
  assert.match(json.stderr, /unknown-volet\.xml: not a CANCER-PPS_2022\.01 .* give the volet explicitly/);
  assert.match(json.stderr, /cannot read .*absent\.xml: ENOENT/);
  const out = JSON.parse(json.stdout) as Array<{ file: string; valid: boolean; volet?: string; layers?: unknown[]; error?: { code: string; message: string; issues: Array<{ location: string; line?: number; message: string }> } }>;
  assert.deepEqual(
    out.map((o) => [o.file, o.valid, o.volet ?? o.error?.code]),
    [
      [ppsExample, true, 'pps'],
      [unknown, false, 'volet-not-detected'],
      [malformed, false, 'not-well-formed'],
      [missing, false, 'unreadable'],
      [frcpExample, false, 'frcp'],
    ],
  );
  assert.equal(out[0]?.layers?.length, 7);
  assert.equal(out[4]?.layers?.length, 7);
  assert.deepEqual(out[2]?.error?.issues, [{ location: '/', line: 3, message: 'parser error : Opening and ending tag mismatch: title line 3 and titl', pattern: '', test: '' }]);

  const junit = await run(['validate', '--format', 'junit', ...files]);
  assert.equal(junit.code, 2);
  assert.equal((junit.stdout.match(/<testsuite /g) ?? []).length, 5);
  assert.match(junit.stdout, /<testcase classname="[^"]*unknown-volet\.xml" name="volet-not-detected" time="0\.000"><error message="volet-not-detected"/);
  assert.match(junit.stdout, /<testcase classname="[^"]*malformed\.xml" name="not-well-formed" time="0\.000"><error [^>]*>[^<]*\/ \(line 3\): parser error : Opening and ending tag mismatch/);
  assert.match(junit.stdout, /name="[^"]*absent\.xml" tests="1" failures="0" errors="1"/);

  // The same entries from one thread as from the worker pool (the default with several files).
  const inThread = await run(['validate', '--format', 'json', '--workers', '0', ...files]);
  assert.deepEqual([inThread.code, JSON.parse(inThread.stdout)], [2, out]);
  assert.match((await run(['validate', '--workers', 'two', ppsExample])).stderr, /--workers must be an integer from 0 to 64 \(got "two"\)/);

  const text = await run(['validate', ...files]);
  assert.match(text.stdout, /malformed\.xml: NOT JUDGED \(not-well-formed\)/);
  assert.match(text.stdout, /CANCER-FRCP_2022\.01_Appareil\.xml: INVALID/);
});

test('build pps -o then validate then parse: a valid document that reads back', async () => {
  const input = loadExample('pps', '02-colon-sigmoide-capox-v1').path;
  const out = path.join(tmp, 'pps.xml');
  const built = await run(['build', 'pps', input, '-o', out]);
  assert.deepEqual([built.code, built.stdout, built.stderr], [0, '', '']);
  const validated = await run(['validate', out]);
  assert.equal(validated.code, 0, validated.stdout);
  const parsed = await run(['parse', out]);
  assert.equal(parsed.code, 0, parsed.stderr);
  const json = JSON.parse(parsed.stdout) as { volet: string; document: { patient: { birthFamilyName: string } } };
  const source = JSON.parse(await readFile(input, 'utf8')) as { patient: { birthFamilyName: string } };
  assert.equal(json.volet, 'pps');
  assert.equal(json.document.patient.birthFamilyName, source.patient.birthFamilyName);
});

test('build writes document ids as 2.25 OIDs: a v2 names the id written for v1 (inputs give UUIDs)', async () => {
  const v1 = await run(['build', 'pps', loadExample('pps', '02-colon-sigmoide-capox-v1').path]);
  const v2 = await run(['build', 'pps', loadExample('pps', '03-colon-sigmoide-capox-v2-neuropathie').path]);
  assert.equal(v1.code, 0, v1.stderr);
  assert.equal(v2.code, 0, v2.stderr);
  const header = (xml: string) => ({
    id: /<id root="([^"]+)"/.exec(xml)?.[1], // the first <id> is ClinicalDocument/id
    setId: /<setId root="([^"]+)"/.exec(xml)?.[1],
    parent: /<parentDocument><id root="([^"]+)"/.exec(xml)?.[1],
  });
  const a = header(v1.stdout);
  const b = header(v2.stdout);
  for (const id of [a.id, a.setId, b.id, b.setId, b.parent]) assert.match(id ?? '', /^2\.25\.[1-9][0-9]{0,38}$/);
  assert.equal(b.parent, a.id);
  assert.equal(b.setId, a.setId);
  assert.equal(a.parent, undefined);
});

test('build frcp writes to stdout without -o', async () => {
  const { code, stdout } = await run(['build', 'frcp', loadExample('frcp', '02-colon-cas-enregistre-referentiel-tncd').path]);
  assert.equal(code, 0);
  assert.match(stdout, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<ClinicalDocument xmlns="urn:hl7-org:v3"/);
  assert.match(stdout, /<templateId root="1.2.250.1.213.1.1.1.8" extension="2022.01"\/>/);
});

test('build: an invalid input exits 1 and names each field path, in French with --lang fr', async () => {
  const input = JSON.parse(await readFile(loadExample('pps', '02-colon-sigmoide-capox-v1').path, 'utf8')) as {
    patient: { ins?: { value: string }; birthDate: string };
  };
  input.patient.ins!.value = input.patient.ins!.value.slice(0, 13) + '00';
  input.patient.birthDate = '1950-02-30';
  const file = path.join(tmp, 'bad.json');
  await writeFile(file, JSON.stringify(input));
  const { code, stdout, stderr } = await run(['build', 'pps', file, '--lang', 'fr']);
  assert.equal(code, 1);
  assert.equal(stdout, '');
  assert.match(stderr, /patient\.ins\.value: .*clé/);
  assert.match(stderr, /patient\.birthDate: .*n'existe pas/);
  const usage = await run(['build', 'xyz', file]);
  assert.equal(usage.code, 2);
});

test('parse: a file that is not a CDA exits 1 with the reason', async () => {
  const file = path.join(tmp, 'not-cda.xml');
  await writeFile(file, '<root/>');
  const { code, stderr } = await run(['parse', file]);
  assert.equal(code, 1);
  assert.match(stderr, /ClinicalDocument/);
});

test('dcc build names each problem as the editor shows it, once, with its path and code', async () => {
  const input = path.join(tmp, 'broken-pps.json');
  await writeFile(input, JSON.stringify({ tumours: [{}] }));
  const built = await run(['build', 'pps', input, '--lang', 'fr']);
  assert.equal(built.code, 1);
  assert.match(built.stderr, /tumours\[0\]\.topography: Diagnostic › Tumeur 1 › Topographie \(CIM-10\) : Ce champ est obligatoire\. \[required\]/);
  assert.doesNotMatch(built.stderr, /doit être un objet|check the spelling|vérifiez l'orthographe/);
});
