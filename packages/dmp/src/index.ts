// @dcc-kit/dmp: the metadata side (pure, Node and browser) and the SOAP client (Node).
export * from './metadata/index.js';
