// Test helpers of @dcc-kit/dashboard (not published): fictitious reports and an in-memory client.
export * from './indicators-fixtures.js';
export * from './fake-indicators-client.js';
export * from './fake-indicators-route.js';
