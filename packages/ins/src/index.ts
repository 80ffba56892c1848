// @dcc-kit/ins: the INSi téléservice client (identity-auth.md §1.9). Node only.
export { InsiClient, type InsiClientOptions } from './client.js';
export { InsiError, type InsiErrorKind } from './errors.js';
export { checkTraits, type LpsIdentity } from './messages.js';
export type { InsiIdentity, InsiIns, InsiSearchResult, InsiStrategyResult, InsiTraits, InsiVerifyResult } from './types.js';
export { INSI_ACTIONS, INSI_CERTIFICATE_CNS, INSI_ELEMENTS, INSI_FAULTS, INSI_NS, SEARCH_CODES, VERIFY_CODES, TRAIT_ELEMENTS } from './protocol.js';
