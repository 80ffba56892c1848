// The change feed of the submissions (SDK `submissions.events`, Server-Sent Events) as a
// reactive controller: it follows the feed while its host is connected, hands every event to
// the host, resumes after a drop from the last event seen (Last-Event-ID: the server replays
// what was missed) after a pause on the injected clock, and stops when the host leaves the page.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Clock } from '@dcc-kit/elements';
import type { SubmissionEvent } from '@dcc-kit/sdk';
import type { DmpStatusClient } from './dmp-status-model.js';

/** Pause before following the feed again after it ended or failed (ms). */
export const FEED_RECONNECT_MS = 2000;

export type FeedState = 'idle' | 'live' | 'reconnecting';

export interface SubmissionFeedOptions {
  /** The client to follow (read at each (re)start); undefined: nothing to follow. */
  client(): DmpStatusClient | undefined;
  clock(): Clock;
  onEvent(event: SubmissionEvent, id: string): void;
  onState?(state: FeedState): void;
  reconnectDelayMs?: number;
}

export class SubmissionFeedController implements ReactiveController {
  /** Id of the last event received: where a resumed feed starts again. */
  lastEventId: string | undefined;
  state: FeedState = 'idle';
  private abort: AbortController | undefined;
  private following: DmpStatusClient | undefined;

  constructor(
    host: ReactiveControllerHost,
    private readonly options: SubmissionFeedOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.sync();
  }

  hostDisconnected(): void {
    this.stop();
  }

  /** Follows the current client (restarts when it changed; no-op when it is the one followed). */
  sync(): void {
    const client = this.options.client();
    if (client === this.following && this.abort) return;
    this.stop();
    if (!client) return;
    this.following = client;
    this.abort = new AbortController();
    void this.run(client, this.abort.signal);
  }

  stop(): void {
    this.abort?.abort();
    this.abort = undefined;
    this.following = undefined;
    this.setState('idle');
  }

  private setState(state: FeedState): void {
    if (state === this.state) return;
    this.state = state;
    this.options.onState?.(state);
  }

  private async run(client: DmpStatusClient, signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      try {
        const follow = this.lastEventId === undefined ? { signal } : { signal, lastEventId: this.lastEventId };
        this.setState('live');
        for await (const event of client.submissions.events(follow)) {
          if (signal.aborted) return;
          this.lastEventId = event.id;
          this.options.onEvent(event.data, event.id);
        }
      } catch {
        // A dropped or refused stream: resumed below, from lastEventId.
      }
      if (signal.aborted) return;
      this.setState('reconnecting');
      await this.pause(signal);
    }
  }

  private pause(signal: AbortSignal): Promise<void> {
    const clock = this.options.clock();
    return new Promise((resolve) => {
      const handle = clock.setTimeout(done, this.options.reconnectDelayMs ?? FEED_RECONNECT_MS);
      function done(): void {
        signal.removeEventListener('abort', aborted);
        resolve();
      }
      function aborted(): void {
        clock.clearTimeout(handle);
        done();
      }
      signal.addEventListener('abort', aborted, { once: true });
    });
  }
}
