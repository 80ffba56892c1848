// Traffic limits, in memory per process: a token bucket per client address (every request,
// anonymous or not), one per professional (authenticated requests), a bound on a client's
// requests in flight, and a budget of failed bearer introspections per client (forged tokens
// must not turn into calls to Pro Santé Connect). Exceeding one → 429 problem with Retry-After.
// Several instances each keep their own counters (documented in the README).
import { HttpProblem } from '../http.js';

/** A rate: `perSecond` tokens added per second, at most `burst` kept. */
export interface Rate {
  perSecond: number;
  burst: number;
}

export interface TrafficLimits {
  /** Every request, per client address (anonymous and authenticated). */
  perClient: Rate;
  /** Authenticated requests, per professional (idNatPs), whatever their address. */
  perProfessional: Rate;
  /** Requests of one client address being processed at the same time. */
  concurrentPerClient: number;
  /**
   * Long-lived streams (the change feed, GET /events) one professional keeps open at once. A
   * stream waits for events instead of working, so it gives back its in-flight slot once its
   * headers are sent and is bounded here instead: many clinicians behind one proxy address
   * would otherwise fill `concurrentPerClient` with their feeds and get 429 on every request.
   */
  streamsPerProfessional: number;
  /** Bearer tokens PSC said were not active (or could not introspect), per client address. */
  failedIntrospections: Rate;
}

export const DEFAULT_LIMITS: TrafficLimits = {
  perClient: { perSecond: 50, burst: 200 },
  perProfessional: { perSecond: 20, burst: 100 },
  concurrentPerClient: 64,
  streamsPerProfessional: 8,
  failedIntrospections: { perSecond: 0.2, burst: 10 },
};

/** Milliseconds since the epoch; injected so tests drive time. */
export type Clock = () => number;

/** Most keys a bucket map keeps: past it, full (idle) buckets are dropped first. */
const MAX_KEYS = 50_000;

/**
 * Counts one more slot of `key` in `counts`; the returned function gives it back, once however
 * often it is called, and forgets a key at zero.
 */
function holdSlot(counts: Map<string, number>, key: string): () => void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
  let done = false;
  return () => {
    if (done) return;
    done = true;
    const left = (counts.get(key) ?? 1) - 1;
    if (left <= 0) counts.delete(key);
    else counts.set(key, left);
  };
}

export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly rate: Rate,
    private readonly now: Clock,
  ) {}

  private level(key: string): { tokens: number; at: number } {
    const t = this.now();
    const b = this.buckets.get(key);
    if (!b) return { tokens: this.rate.burst, at: t };
    return { tokens: Math.min(this.rate.burst, b.tokens + ((t - b.at) / 1000) * this.rate.perSecond), at: t };
  }

  /** Seconds to wait before a token is there (0: one is available now). */
  waitSeconds(key: string): number {
    const { tokens } = this.level(key);
    if (tokens >= 1) return 0;
    return this.rate.perSecond > 0 ? Math.max(1, Math.ceil((1 - tokens) / this.rate.perSecond)) : 3600;
  }

  /** Takes one token: 0 when taken, else the seconds to wait (nothing taken). */
  take(key: string): number {
    const b = this.level(key);
    if (b.tokens < 1) return this.waitSeconds(key);
    this.buckets.set(key, { tokens: b.tokens - 1, at: b.at });
    if (this.buckets.size > MAX_KEYS) this.prune();
    return 0;
  }

  private prune(): void {
    for (const key of [...this.buckets.keys()]) if (this.level(key).tokens >= this.rate.burst) this.buckets.delete(key);
    // Still full of active keys: forget the oldest (they get a fresh bucket, never a crash).
    for (const key of this.buckets.keys()) {
      if (this.buckets.size <= MAX_KEYS) break;
      this.buckets.delete(key);
    }
  }
}

export const tooManyRequests = (retryAfterSeconds: number, detail: string): HttpProblem =>
  new HttpProblem(429, 'too-many-requests', 'Trop de requêtes', detail, undefined, { 'retry-after': String(retryAfterSeconds) });

/** The limits of one server, with their counters. */
export class TrafficGuard {
  readonly limits: TrafficLimits;
  private readonly clients: TokenBuckets;
  private readonly professionals: TokenBuckets;
  private readonly failures: TokenBuckets;
  private readonly inFlight = new Map<string, number>();
  private readonly streams = new Map<string, number>();

  constructor(limits: Partial<TrafficLimits> = {}, now: Clock = Date.now) {
    this.limits = { ...DEFAULT_LIMITS, ...limits };
    this.clients = new TokenBuckets(this.limits.perClient, now);
    this.professionals = new TokenBuckets(this.limits.perProfessional, now);
    this.failures = new TokenBuckets(this.limits.failedIntrospections, now);
  }

  /** Admits a request of `client` (rate and concurrency); the returned function ends it. */
  admit(client: string): () => void {
    const count = this.inFlight.get(client) ?? 0;
    if (count >= this.limits.concurrentPerClient) throw tooManyRequests(1, 'Too many requests in progress from this client.');
    const wait = this.clients.take(client);
    if (wait) throw tooManyRequests(wait, 'Too many requests from this client.');
    return holdSlot(this.inFlight, client);
  }

  /**
   * A long-lived stream of `who` (the professional; the client address when anonymous) starts:
   * refused with 429 past `streamsPerProfessional`; the returned function ends it.
   */
  openStream(who: string): () => void {
    const count = this.streams.get(who) ?? 0;
    if (count >= this.limits.streamsPerProfessional) throw tooManyRequests(5, 'Too many change feeds open for this professional.');
    return holdSlot(this.streams, who);
  }

  professional(idNatPs: string): void {
    const wait = this.professionals.take(idNatPs);
    if (wait) throw tooManyRequests(wait, 'Too many requests for this professional.');
  }

  /** Before introspecting an unknown bearer token: refused while the client's failure budget is spent. */
  checkIntrospectionBudget(client: string): void {
    const wait = this.failures.waitSeconds(client);
    if (wait) throw tooManyRequests(wait, 'Too many invalid bearer tokens from this client.');
  }

  introspectionFailed(client: string): void {
    this.failures.take(client);
  }
}

/** A request's client address (the socket's: no proxy header is trusted). */
export const clientOf = (req: { socket?: { remoteAddress?: string | undefined } }): string => req.socket?.remoteAddress ?? 'unknown';
