// Test certificates made per run (never committed): a CA, a TLS server and client, a signer.
import { generate } from 'selfsigned';

export interface TestCerts {
  ca: { cert: string; key: string };
  server: { cert: string; key: string };
  client: { cert: string; key: string };
  signing: { cert: string; key: string };
}

let cached: Promise<TestCerts> | undefined;

export function testCerts(): Promise<TestCerts> {
  cached ??= (async () => {
    const ca = await generate([{ name: 'commonName', value: 'dcc-kit test CA' }, { name: 'countryName', value: 'FR' }], {
      keySize: 2048, algorithm: 'sha256', extensions: [{ name: 'basicConstraints', cA: true }, { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true }],
    });
    const issued = async (attrs: Array<{ name?: string; shortName?: string; value: string }>, extensions: Parameters<typeof generate>[1] extends infer O ? (O extends { extensions?: infer E } ? E : never) : never) => {
      const r = await generate(attrs, { keySize: 2048, algorithm: 'sha256', ca: { key: ca.private, cert: ca.cert }, extensions });
      return { cert: r.cert, key: r.private };
    };
    return {
      ca: { cert: ca.cert, key: ca.private },
      server: await issued([{ name: 'commonName', value: 'localhost' }], [{ name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }] }, { name: 'extKeyUsage', serverAuth: true }]),
      client: await issued([{ name: 'commonName', value: 'CH Test ORG_AUTH_CLI' }, { name: 'organizationName', value: 'CH Test' }], [{ name: 'extKeyUsage', clientAuth: true }]),
      signing: await issued(
        [
          { name: 'countryName', value: 'FR' },
          { shortName: 'ST', value: 'Maine-et-Loire' },
          { name: 'organizationName', value: 'Centre Hospitalier Test' },
          { shortName: 'OU', value: '1750100125' },
          { name: 'commonName', value: 'CH Test cachet ORG_SIGN' },
        ],
        [{ name: 'keyUsage', digitalSignature: true, nonRepudiation: true }],
      ),
    };
  })();
  return cached;
}
