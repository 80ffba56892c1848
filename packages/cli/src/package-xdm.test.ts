import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { buildPps } from '@dcc-kit/cda';
import { loadExample } from '@dcc-kit/cda/examples';
import { uuidRootsAsOids } from '@dcc-kit/mss/testing';
import { run, tempDir } from './testing/cli-run.test-util.js';

let tmp: string;
let ppsFile: string;
let uuidIdsFile: string;
before(async () => {
  tmp = await tempDir('dcc-package-xdm-');
  let n = 0;
  const xml = buildPps(loadExample('pps', '01').input, { now: () => new Date('2026-12-01T09:30:00Z'), newId: () => `6f1c0a52-3b7e-4d1a-9c2f-${String(++n).padStart(12, '0')}` });
  // Document ids as OIDs (2.25.<uuid>), as a registry needs them; the raw build keeps the UUID form for the refusal test.
  const withOids = uuidRootsAsOids(xml);
  ppsFile = path.join(tmp, 'pps.xml');
  uuidIdsFile = path.join(tmp, 'pps-uuid-ids.xml');
  await writeFile(ppsFile, withOids);
  await writeFile(uuidIdsFile, xml.replace(/<setId root="[^"]*"/, '<setId root="6f1c0a52-3b7e-4d1a-9c2f-000000000999"'));
});

test('package xdm: writes IHE_XDM.zip with INDEX.HTM, README.TXT, METADATA.XML and DOC0001.XML; hash and size of the file', async () => {
  const out = path.join(tmp, 'out.zip');
  const { code, stdout, stderr } = await run(['package', 'xdm', ppsFile, '-o', out, '--contact', 'dpo@hopital-test.fr', '--to', 'dr.oncologue@hopital-test.mssante.fr', '--submission-time', '2026-12-01T10:00:00Z']);
  assert.equal(stderr, '');
  assert.equal(code, 0);
  const cda = await readFile(ppsFile);
  const sha1 = createHash('sha1').update(cda).digest('hex');
  assert.match(stdout, new RegExp(`out\\.zip: IHE_XDM\\.zip .* \\(${cda.byteLength} bytes, SHA-1 ${sha1}\\)`));
  const files = unzipSync(await readFile(out));
  assert.deepEqual(Object.keys(files).sort(), ['IHE_XDM/SUBSET01/DOC0001.XML', 'IHE_XDM/SUBSET01/METADATA.XML', 'INDEX.HTM', 'README.TXT']);
  assert.deepEqual(Buffer.from(files['IHE_XDM/SUBSET01/DOC0001.XML']!), cda);
  const metadata = strFromU8(files['IHE_XDM/SUBSET01/METADATA.XML']!);
  assert.match(metadata, new RegExp(`<(?:\\w+:)?Value>${sha1}</`));
  assert.match(metadata, /dr\.oncologue@hopital-test\.mssante\.fr/);
  assert.match(metadata, /<(?:\w+:)?Value>DOC0001\.XML</);
  assert.match(strFromU8(files['README.TXT']!), /Contact : dpo@hopital-test\.fr/);
  assert.match(strFromU8(files['README.TXT']!), /Date de l'envoi \(UTC, AAAAMMJJhhmmss\) : 20261201100000/);
});

test('package xdm: usage errors exit 2, a CDA whose metadata cannot be derived exits 1 naming the field', async () => {
  assert.equal((await run(['package', 'xdm', ppsFile])).code, 2);
  assert.equal((await run(['package', 'iso', ppsFile, '-o', 'x'])).code, 2);
  assert.match((await run(['package', 'xdm', ppsFile, '-o', path.join(tmp, 'x.zip'), '--visibility', 'SECRET'])).stderr, /--visibility must be one of MASQUE_PS, INVISIBLE_PATIENT, INVISIBLE_REPRESENTANTS_LEGAUX \(got "SECRET"\)/);
  assert.match((await run(['package', 'xdm', path.join(tmp, 'missing.xml'), '-o', path.join(tmp, 'x.zip')])).stderr, /cannot read .*missing\.xml: ENOENT/);
  const refused = await run(['package', 'xdm', uuidIdsFile, '-o', path.join(tmp, 'x.zip')]);
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /ClinicalDocument\/setId\/@root/);
});
