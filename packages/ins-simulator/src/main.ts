#!/usr/bin/env node
// Runs the INSi simulator standalone (demo, manual testing).
//   --port N        INSI_SIM_PORT      (default 4104; 0 = any free port)
//   --host H        INSI_SIM_HOST      (default 127.0.0.1)
//   --no-tls        INSI_SIM_TLS=0     plain HTTP, no certificate check (default: mutual TLS with the test PKI)
//   --pki-dir D     INSI_SIM_PKI_DIR   test PKI folder (default .data/dmp-simulator/pki, shared with the DMP simulator)
//   --examples      INSI_SIM_EXAMPLES=1 also know every patient of the @dcc-kit/cda examples
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadOrCreateInsiPki } from './pki.js';
import { startInsiSimulator } from './simulator.js';

const { values } = parseArgs({
  options: { port: { type: 'string' }, host: { type: 'string' }, 'no-tls': { type: 'boolean' }, 'pki-dir': { type: 'string' }, examples: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
});
if (values.help) {
  console.log('Usage: dcc-insi-simulator [--port N] [--host H] [--no-tls] [--pki-dir DIR] [--examples]');
  process.exit(0);
}
const env = process.env;
const port = Number(values.port ?? env.INSI_SIM_PORT ?? 4104);
if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('--port / INSI_SIM_PORT: not a port number');
const tls = !(values['no-tls'] || env.INSI_SIM_TLS === '0');
const pkiDir = resolve(values['pki-dir'] ?? env.INSI_SIM_PKI_DIR ?? '.data/dmp-simulator/pki');
const pki = tls ? await loadOrCreateInsiPki(pkiDir) : undefined;
const simulator = await startInsiSimulator({
  host: values.host ?? env.INSI_SIM_HOST ?? '127.0.0.1',
  port,
  examples: Boolean(values.examples || env.INSI_SIM_EXAMPLES === '1'),
  ...(pki ? { tls: { key: pki.server.key, cert: pki.server.cert, ca: pki.ca.cert } } : {}),
});
console.log(`INSi simulator SOAP:  ${simulator.url}`);
console.log(`INSi simulator admin: ${simulator.adminUrl}`);
console.log(pki ? `Test PKI: ${pkiDir} (mutual TLS; client certificates insi-auto.crt / insi-manu.crt)` : 'Plain HTTP: no certificate checked');
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void simulator.close().then(() => process.exit(0)));
