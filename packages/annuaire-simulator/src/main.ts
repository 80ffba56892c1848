#!/usr/bin/env node
// Runs the Annuaire Santé simulator standalone (demo, manual testing). Options (flags win over the environment):
//   --port N     ANNUAIRE_SIM_PORT     port (default 4105; 0 = any free port)
//   --host H     ANNUAIRE_SIM_HOST     listen address (default 127.0.0.1)
//   --api-key K  ANNUAIRE_SIM_API_KEY  the ESANTE-API-KEY expected (default dcc-demo-annuaire-key)
import { parseArgs } from 'node:util';
import { DEFAULT_API_KEY, startAnnuaireSimulator } from './simulator.js';

const { values } = parseArgs({ options: { port: { type: 'string' }, host: { type: 'string' }, 'api-key': { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
if (values.help) {
  console.log('Usage: dcc-annuaire-simulator [--port N] [--host H] [--api-key K]');
  process.exit(0);
}
const env = process.env;
const port = Number(values.port ?? env.ANNUAIRE_SIM_PORT ?? 4105);
if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('--port / ANNUAIRE_SIM_PORT: not a port number.');
const simulator = await startAnnuaireSimulator({ port, host: values.host ?? env.ANNUAIRE_SIM_HOST ?? '127.0.0.1', apiKey: values['api-key'] ?? env.ANNUAIRE_SIM_API_KEY ?? DEFAULT_API_KEY });
console.log(`Annuaire Santé simulator (FHIR R4): ${simulator.baseUrl}`);
console.log(`API key (ESANTE-API-KEY):           ${simulator.apiKey === DEFAULT_API_KEY ? simulator.apiKey : '(as given)'}`);
console.log(`Content: ${simulator.data.practitioners.length} practitioners, ${simulator.data.organizations.length} organizations; faults: PUT ${simulator.url}/admin/faults`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void simulator.close().then(() => process.exit(0)));
