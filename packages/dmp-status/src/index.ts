// @dcc-kit/dmp-status: the <dmp-status> class and its types. No side effect: import
// '@dcc-kit/dmp-status/dmp-status.js' to define the tag.
export { DmpStatus } from './dmp-status.component.js';
export {
  DmpStatusActionEvent,
  DmpStatusActionResultEvent,
  DmpStatusChangeEvent,
  type DmpStatusActionDetail,
  type DmpStatusActionResultDetail,
  type DmpStatusChangeDetail,
} from './dmp-status-events.js';
export {
  DMP_STATUS_ACTIONS,
  CONFIRMED_ACTIONS,
  availableActions,
  rowLabels,
  isShown,
  isOldVersion,
  invisibleToPatient,
  feedBlockers,
  dmpEntryStatus,
  parisTime,
  isDmpStatusClient,
  type DmpStatusAction,
  type DmpStatusClient,
  type VersionRow,
  type RowLabel,
  type DisplayOptions,
  type FeedBlocker,
} from './dmp-status-model.js';
export { SubmissionFeedController, FEED_RECONNECT_MS, type FeedState, type SubmissionFeedOptions } from './submission-feed-controller.js';
export { registerDmpStatusStrings, type DmpStatusStrings } from './dmp-status-strings.js';
