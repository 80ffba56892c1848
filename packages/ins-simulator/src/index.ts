// The local INSi téléservice (identity-auth.md §1.9) for tests and the demo.
export { startInsiSimulator, SERVICE_PATH, type InsiSimulator, type InsiSimulatorOptions } from './simulator.js';
export { specIdentities, exampleIdentities, insiName, type SimIdentity } from './identities.js';
export { FAULT_KINDS, type Fault, type FaultKind, type Operation } from './faults.js';
export { loadOrCreateInsiPki, type InsiTestPki } from './pki.js';
