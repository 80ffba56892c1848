export { API_VERSION, createDccClient, retryOnPreconditionFailed } from './client.js';
export type { CreateOptions, DccClient, DccClientOptions, ListOptions, SubmitOptions, TransitionOptions } from './client.js';
export { followEvents, parseEventStream } from './event-stream.js';
export type { EventStreamOptions, FollowOptions, ServerSentEvent } from './event-stream.js';
export {
  DccAbortError,
  DccAuthenticationError,
  DccConflictError,
  DccError,
  DccNetworkError,
  DccNotFoundError,
  DccPreconditionFailedError,
  DccRateLimitError,
  DccTimeoutError,
  DccValidationError,
  redactUrl,
} from './errors.js';
export type { DccFieldError, DccProblem, LocalizedMessage } from './errors.js';
export { paginate } from './pagination.js';
export type { ByPageOptions, Page, PagedAsyncIterable } from './pagination.js';
export { createStaticTokenProvider } from './token-provider.js';
export type { GetTokenOptions, TokenProvider } from './token-provider.js';
export { backoffDelay, parseRetryAfter } from './transport.js';
export type {
  CallOptions,
  DccResponse,
  IdempotentOptions,
  RequestInfo,
  ResponseInfo,
  RetryOptions,
  WriteOptions,
} from './transport.js';
export type * from './types.js';
