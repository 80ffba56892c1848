// The INSi client (identity-auth.md §1.9): one SOAP 1.2 exchange per operation, over mutual TLS
// with the organisation certificate (CN INSI-AUTO or INSI-MANU), reusing the DMP connector's
// envelope and transport. Node only.
import { ClientDispatcher, DmpError, post, type DmpClientOptions, type TlsMaterial } from '@dcc-kit/dmp/client';

/** An undici dispatcher (the DMP connector's transport is undici). */
type Dispatcher = NonNullable<DmpClientOptions['dispatcher']>;
import { NS, childrenNamed, elementChildren, parseXml, plainSoapContentType, soapEnvelope } from '@dcc-kit/dmp/soap';
import { INSI_ACTIONS } from './protocol.js';
import { InsiError } from './errors.js';
import { checkTraits, contextHeaders, faultError, readSearchResult, readVerifyResult, searchRequestXml, verifyRequestXml, type LpsIdentity } from './messages.js';
import type { InsiSearchResult, InsiStrategyResult, InsiTraits, InsiVerifyResult } from './types.js';

export interface InsiClientOptions {
  /** The service URL, e.g. `https://qualiflps-services-ps-tlsm.ameli.fr:443/lps`. */
  endpoint: string;
  /** Mutual TLS: the organisation certificate (CN INSI-AUTO or INSI-MANU), its key, the CA of the server. */
  tls?: TlsMaterial;
  /** An undici dispatcher (overrides `tls`). */
  dispatcher?: Dispatcher;
  lps: LpsIdentity;
  /** Per request, default 15 000 ms. */
  timeoutMs?: number;
  now?: () => Date;
}

const decoder = new TextDecoder();

export class InsiClient {
  private readonly options: InsiClientOptions;
  private readonly transport: ClientDispatcher;
  private readonly now: () => Date;

  constructor(options: InsiClientOptions) {
    if (!/^https?:\/\//.test(options.endpoint)) throw new Error('InsiClient: endpoint must be an http(s) URL.');
    this.options = options;
    this.now = options.now ?? (() => new Date());
    this.transport = new ClientDispatcher(options);
  }

  /** Closes the TLS agent this client made (not a dispatcher it was given). */
  async close(): Promise<void> {
    await this.transport.close();
  }

  /** rechercherInsAvecTraitsIdentite with exactly the first names given (one request). */
  async searchByTraits(traits: InsiTraits, signal?: AbortSignal): Promise<InsiSearchResult> {
    checkTraits(traits);
    return readSearchResult(await this.exchange(INSI_ACTIONS.searchByTraits, searchRequestXml(traits), signal));
  }

  /**
   * The search strategy of CNDA-approved clients (§1.9): one request per birth first name in
   * order, then one with the full list; stops at the first identity found. `several` from any
   * request is kept as the answer when nothing is found after it (the caller must add traits).
   * Faults and unavailability stop the strategy (thrown).
   */
  async searchWithStrategy(traits: InsiTraits, signal?: AbortSignal): Promise<InsiStrategyResult> {
    checkTraits(traits);
    const lists = traits.firstNames.length > 1 ? [...traits.firstNames.map((n) => [n]), traits.firstNames] : [traits.firstNames];
    let fallback: InsiSearchResult | undefined;
    let attempts = 0;
    for (const firstNames of lists) {
      attempts++;
      const result = await this.searchByTraits({ ...traits, firstNames }, signal);
      if (result.outcome === 'found') return { ...result, attempts };
      if (result.outcome === 'several' || !fallback) fallback = result;
    }
    return { ...(fallback as InsiSearchResult), attempts };
  }

  /** vérification of a stored INS and its traits: OK, or KO with the traits that differ. */
  async verify(ins: { value: string; oid: string }, traits: InsiTraits, signal?: AbortSignal): Promise<InsiVerifyResult> {
    checkTraits(traits);
    if (typeof ins.value !== 'string' || ins.value.length !== 15) throw new InsiError({ kind: 'invalid-request', code: 'ins', location: 'ins.value', detail: '15 characters' });
    return readVerifyResult(await this.exchange(INSI_ACTIONS.verify, verifyRequestXml(ins, traits), signal));
  }

  private async exchange(action: string, body: string, signal: AbortSignal | undefined): Promise<Element> {
    const envelope = soapEnvelope({ action, to: this.options.endpoint, body, headers: contextHeaders(this.options.lps, this.now()) });
    let reply;
    try {
      reply = await post({
        url: this.options.endpoint,
        contentType: plainSoapContentType(action),
        body: envelope,
        timeoutMs: this.options.timeoutMs ?? 15_000,
        ...(this.transport.dispatcher ? { dispatcher: this.transport.dispatcher } : {}),
        ...(signal ? { signal } : {}),
      });
    } catch (error) {
      if (error instanceof DmpError) {
        // A certificate problem is configuration, not an outage: retrying cannot fix it.
        throw new InsiError({ kind: error.code === 'tls' ? 'fault' : 'unavailable', code: error.code, detail: error.message, cause: error });
      }
      throw error;
    }
    let payload: Element | undefined;
    try {
      const doc = parseXml(decoder.decode(reply.body), 'INSi answer');
      const root = doc.documentElement;
      const soapBody = root.namespaceURI === NS.soap && root.localName === 'Envelope' ? childrenNamed(root, NS.soap, 'Body')[0] : undefined;
      payload = soapBody ? elementChildren(soapBody)[0] : undefined;
    } catch {
      payload = undefined;
    }
    if (payload && payload.namespaceURI === NS.soap && payload.localName === 'Fault') throw faultError(payload, reply.status);
    // 429: throttled on the way (a gateway's quota): transient like an outage, never the request's fault.
    if (reply.status >= 500 || reply.status === 429) throw new InsiError({ kind: 'unavailable', code: `http-${reply.status}`, httpStatus: reply.status });
    if (reply.status >= 400) throw new InsiError({ kind: 'fault', code: `http-${reply.status}`, httpStatus: reply.status });
    if (!payload) throw new InsiError({ kind: 'invalid-response', code: 'invalid-response', location: 'soap:Envelope', httpStatus: reply.status, detail: 'not a SOAP 1.2 envelope with a body' });
    return payload;
  }
}
