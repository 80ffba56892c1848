// @dcc-kit/annuaire-simulator: a local Annuaire Santé FHIR API for tests, the bench and the demo.
export {
  DEFAULT_API_KEY,
  DEFAULT_BASE_PATH,
  directoryData,
  startAnnuaireSimulator,
  type AnnuaireFaults,
  type AnnuaireSimulator,
  type AnnuaireSimulatorOptions,
} from './simulator.js';
export { defaultSeed, type DirectorySeed, type SeedOrganization, type SeedProfessional } from './seed.js';
export { directoryRecords } from './records.js';
export { answerDirectorySearch, directoryUnavailableAnswer, type DirectoryRecords, type OfflineDirectoryAnswer, type OfflineDirectoryList } from './offline-directory.js';
