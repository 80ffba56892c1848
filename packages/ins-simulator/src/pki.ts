// The INSi organisation certificates (CN INSI-AUTO for automatic calls, INSI-MANU for calls a
// user triggers; §1.9), issued by the DMP simulator's test CA so that one test PKI serves both
// services: the same CA and server certificate, two more client certificates. Test material only.
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { issueTestClientCertificate, loadOrCreateTestPki, type KeyPair, type TestPki } from '@dcc-kit/dmp-simulator/pki';

export interface InsiTestPki extends TestPki {
  /** CN INSI-AUTO: automatic calls (e.g. the backend's vérification). */
  insiAuto: KeyPair;
  /** CN INSI-MANU: calls a professional triggers. */
  insiManu: KeyPair;
}

const FILES = [['insiAuto', 'insi-auto'], ['insiManu', 'insi-manu']] as const;

/** The test PKI of `dir` (created by loadOrCreateTestPki when missing) and the INSi certificates (created beside it, files 0600). */
export async function loadOrCreateInsiPki(dir: string): Promise<InsiTestPki> {
  const pki = await loadOrCreateTestPki(dir);
  const out = { ...pki } as InsiTestPki;
  for (const [field, file] of FILES) {
    try {
      out[field] = { cert: await readFile(join(dir, `${file}.crt`), 'utf8'), key: await readFile(join(dir, `${file}.key`), 'utf8') };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      const pair = await issueTestClientCertificate(pki.ca, field === 'insiAuto' ? 'INSI-AUTO' : 'INSI-MANU');
      for (const [part, ext] of [['cert', 'crt'], ['key', 'key']] as const) {
        const path = join(dir, `${file}.${ext}`);
        await writeFile(path, pair[part], { mode: 0o600 });
        await chmod(path, 0o600);
      }
      out[field] = pair;
    }
  }
  return out;
}
