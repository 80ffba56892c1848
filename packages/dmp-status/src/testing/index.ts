// `@dcc-kit/dmp-status/testing`: what tests and stories of a host need to show <dmp-status>
// without a platform — the platform's records (./records.ts) and an in-memory client with a
// push feed (./fake-dmp-client.ts). Not for production.
export * from './records.js';
export * from './fake-dmp-client.js';
