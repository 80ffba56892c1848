// @dcc-kit/cda: typed model, validation, builders and parsers of the CANCER-PPS_2022.01
// and CANCER-FRCP_2022.01 CDA R2 documents. Browser-safe (no node: imports).
export * from './core.js';
export { parsePps, parseFrcp, parseCda, CdaParseError, VOLET_TEMPLATE_IDS } from './parse/index.js';
export type { ParsedCda, ParseOptions, ParseWarning, ParseWarningCode, CdaParseErrorCode } from './parse/index.js';
export { startPpsFromRcpCda } from './start/from-rcp-cda.js';
