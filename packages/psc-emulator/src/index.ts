export {
  LOGIN_PAGE_HEADER,
  PSC_ACR,
  PSC_DISCOVERY_PATH,
  PSC_REALM_PATH,
  startPscEmulator,
  type PscEmulator,
  type PscEmulatorClient,
  type PscEmulatorOptions,
} from './emulator.js';
export { completeLogin, completeLogout, type CompleteLoginOptions } from './complete-login.js';
export {
  DR_LABORDE,
  DR_LEFORT,
  DR_LE_GUEN,
  IDE_MARCHAND,
  TEST_USERS,
  type PscActivity,
  type PscExercice,
  type PscOtherId,
  type PscTestUser,
  type PscUserInfo,
} from './users.js';
