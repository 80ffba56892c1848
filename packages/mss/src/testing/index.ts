// @dcc-kit/mss/testing: test support shared by the packages that test MSSanté sending and
// receiving (this package, the simulator's sink, the CLI). Not for production use.
export { buildDocument, uuidRootsAsOids } from './documents.js';
