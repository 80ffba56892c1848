// Local DMP simulator and MSSanté sink (dmp-mes.md §5).
export { startDmpSimulator, ACTIONS, SERVICES_PATH } from './simulator.js';
export type { DmpSimulator, DmpSimulatorOptions } from './simulator.js';
export { SIM_REFUSALS } from './refusals.js';
export type { Refusal, SimCode, SimStage } from './refusals.js';
export { FAULT_KINDS } from './faults.js';
export type { FaultKind, Endpoint, Fault } from './faults.js';
export { FIXTURE_PS, fixturePatients, isValidNir } from './state.js';
export type { Patient, Entry, EntryStatus, DmpStatus, SubmissionSetRecord } from './state.js';
export type { ValidateCda } from './coherence.js';
export { QUERIES } from './iti18.js';
