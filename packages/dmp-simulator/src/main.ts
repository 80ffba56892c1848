#!/usr/bin/env node
// Runs the DMP simulator standalone (demo, manual testing, other tools' integration).
// Options (flags win over the environment):
//   --port N        DMP_SIM_PORT        SOAP + admin port (default 8280; 0 = any free port)
//   --host H        DMP_SIM_HOST        listen address (default 127.0.0.1)
//   --tls | --no-tls DMP_SIM_TLS=1|0    mutual TLS with the test PKI (default off: plain HTTP)
//   --pki-dir D     DMP_SIM_PKI_DIR     test PKI folder (default .data/dmp-simulator/pki under the cwd;
//                                       created on first use with loadOrCreateTestPki)
//   --profile P     DMP_SIM_PROFILE     'test' (INS OIDs .4.10/.4.11, default) or 'prod-like' (.4.8/.4.9)
//   --smtp-port N   DMP_SIM_SMTP_PORT   MSSanté sink port (default 0 = any free port)
//   --no-smtp       DMP_SIM_SMTP=0      do not start the MSSanté sink
//   --no-fixtures   DMP_SIM_FIXTURES=0  start without the §5.6 patients
//   --open-dmp      DMP_SIM_OPEN_DMP=1  an unknown (valid) INS gets an active DMP on first use
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadOrCreateTestPki } from './pki/index.js';
import { startDmpSimulator } from './simulator.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string' }, host: { type: 'string' }, tls: { type: 'boolean' }, 'no-tls': { type: 'boolean' },
    'pki-dir': { type: 'string' }, profile: { type: 'string' }, 'smtp-port': { type: 'string' },
    'no-smtp': { type: 'boolean' }, 'no-fixtures': { type: 'boolean' }, 'open-dmp': { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  console.log('Usage: dcc-dmp-simulator [--port N] [--host H] [--tls|--no-tls] [--pki-dir DIR] [--profile test|prod-like] [--smtp-port N] [--no-smtp] [--no-fixtures] [--open-dmp]');
  process.exit(0);
}
const env = process.env;
const flag = (name: string): boolean | undefined => (env[name] === undefined ? undefined : !['0', 'false', 'no', 'off', ''].includes(env[name]!.toLowerCase()));
const port = Number(values.port ?? env.DMP_SIM_PORT ?? 8280);
if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port / DMP_SIM_PORT: not a port number: ${values.port ?? env.DMP_SIM_PORT}`);
const profile = values.profile ?? env.DMP_SIM_PROFILE ?? 'test';
if (profile !== 'test' && profile !== 'prod-like') throw new Error(`--profile / DMP_SIM_PROFILE: 'test' or 'prod-like', not '${profile}'`);
const tls = values['no-tls'] ? false : (values.tls ?? flag('DMP_SIM_TLS') ?? false);
const smtpOn = values['no-smtp'] ? false : (flag('DMP_SIM_SMTP') ?? true);
const smtpPort = Number(values['smtp-port'] ?? env.DMP_SIM_SMTP_PORT ?? 0);
const pkiDir = resolve(values['pki-dir'] ?? env.DMP_SIM_PKI_DIR ?? '.data/dmp-simulator/pki');
const pki = await loadOrCreateTestPki(pkiDir);

const simulator = await startDmpSimulator({
  host: values.host ?? env.DMP_SIM_HOST ?? '127.0.0.1',
  port,
  profile,
  trust: { vihfCertificates: [pki.signing.cert] },
  ...(tls ? { tls: { key: pki.server.key, cert: pki.server.cert, ca: pki.ca.cert } } : {}),
  fixtures: !(values['no-fixtures'] || flag('DMP_SIM_FIXTURES') === false),
  openDmpForUnknownPatients: Boolean(values['open-dmp'] || flag('DMP_SIM_OPEN_DMP') === true),
  smtp: smtpOn ? { port: smtpPort } : false,
});

console.log(`DMP simulator SOAP: ${simulator.url}/{patients,habilitations,registry,repository}`);
console.log(`DMP simulator admin: ${simulator.adminUrl}`);
console.log(`MSSanté sink SMTP:  ${simulator.smtp ? `${simulator.smtp.host}:${simulator.smtp.port}` : 'not started'}`);
console.log(`Test PKI:           ${pkiDir} (${tls ? 'mutual TLS on' : 'plain HTTP'}; VIHF/XAdES trusted: signing.crt)`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void simulator.close().then(() => process.exit(0));
  });
}
