// How a server submits: the ports (built from the configuration by adapters.ts, or given by
// tests), whether this process works the queue, the retry policy and the feed's polling.
import type { EventFeedOptions } from './event-feed.js';
import type { RetryPolicy } from './job-queue.js';
import type { DmpPort, MssPort } from './ports.js';

export interface SubmissionOptions {
  /** The DMP; absent → DMP submissions stay `queued` with `stateDetail: dmp-not-configured`. */
  dmp?: DmpPort;
  /** The MSSanté relay; absent → MSSanté submissions stay `queued` (`mss-not-configured`). */
  mss?: MssPort;
  /** Whether this process works the queue (default true; DCC_SUBMISSION_WORKER=false for API-only processes). */
  worker?: boolean;
  retry?: Partial<RetryPolicy>;
  /** Seconds without a heartbeat before a job held by a dead process is given back (≥ 10, default 10). */
  heartbeatSeconds?: number;
  /** pg-boss supervisor interval in seconds (lost heartbeats are found this often; default 5). */
  superviseIntervalSeconds?: number;
  /** Jobs one process handles at once per channel (default 4). */
  concurrency?: number;
  /** Worker idle poll (ms, default 1000). */
  pollMs?: number;
  /** Time allowed to one DMP / SMTP call (ms, default 60 000). */
  callTimeoutMs?: number;
  /** VIHF Secteur_Activite of the structure (default `SA01^1.2.250.1.71.4.2.4`, établissement public de santé). */
  secteurActivite?: string;
  /** The change feed's polling (GET /events). */
  events?: EventFeedOptions;
}

export const DEFAULT_SECTEUR_ACTIVITE = 'SA01^1.2.250.1.71.4.2.4';
