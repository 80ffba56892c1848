// The INSi téléservice behind a port (identity-auth.md §1.9 item 4): the identity service calls
// it; the adapter is @dcc-kit/ins's client; tests may give their own over the simulator.
import { join } from 'node:path';
import { InsiClient, type InsiClientOptions, type InsiStrategyResult, type InsiTraits, type InsiVerifyResult } from '@dcc-kit/ins';
import { pemFromEnv as pem } from '../env-files.js';

export interface InsiPort {
  /** The CNDA search strategy (one request per first name, then the list). */
  search(traits: InsiTraits, signal?: AbortSignal): Promise<InsiStrategyResult>;
  verify(ins: { value: string; oid: string }, traits: InsiTraits, signal?: AbortSignal): Promise<InsiVerifyResult>;
  close(): Promise<void>;
}

/** The port over an INSi client. */
export function insiPort(options: InsiClientOptions): InsiPort {
  const client = new InsiClient(options);
  return {
    search: (traits, signal) => client.searchWithStrategy(traits, signal),
    verify: (ins, traits, signal) => client.verify(ins, traits, signal),
    close: () => client.close(),
  };
}

/** The identity settings of the server (ServerOptions.identity). */
export interface IdentityOptions {
  /** INSi; absent → the INSi routes answer 503 insi-not-configured. */
  insi?: InsiPort;
  /**
   * Take the identity status the caller gives on POST/PUT /patients (the host's identity
   * server is the authority: DCC_INSI_TRUST_HOST_STATUS=true). Default false: the status follows
   * the lifecycle only.
   */
  statusFromHost?: boolean;
}


/**
 * DCC_INSI_URL (the service), its organisation certificate for mutual TLS — DCC_INSI_TLS_CERT,
 * DCC_INSI_TLS_KEY, DCC_INSI_TLS_CA, or DCC_INSI_PKI_DIR holding insi-manu.crt/.key and ca.crt
 * (@dcc-kit/ins-simulator's layout) —, DCC_INSI_AUTHORISATION_NUMBER (CNDA, default
 * NON-HOMOLOGUE), DCC_INSI_EMITTER, DCC_INSI_TIMEOUT_MS, DCC_INSI_TRUST_HOST_STATUS; the LPS
 * identity from DCC_LPS_* as for the DMP. Read once at start.
 */
export function identityFromEnv(env: NodeJS.ProcessEnv): IdentityOptions {
  const options: IdentityOptions = {};
  if (env.DCC_INSI_TRUST_HOST_STATUS === 'true') options.statusFromHost = true;
  const url = env.DCC_INSI_URL;
  if (!url) return options;
  if (!/^https?:\/\//.test(url)) throw new Error('DCC_INSI_URL must be an http(s) URL.');
  const pki = env.DCC_INSI_PKI_DIR;
  const inPki = (file: string) => (pki && url.startsWith('https:') ? join(pki, file) : undefined);
  const cert = pem(env, 'DCC_INSI_TLS_CERT', inPki('insi-manu.crt'));
  const key = pem(env, 'DCC_INSI_TLS_KEY', inPki('insi-manu.key'));
  const ca = pem(env, 'DCC_INSI_TLS_CA', inPki('ca.crt'));
  if (url.startsWith('https:') && !(cert && key && ca)) throw new Error('DCC_INSI_URL over https needs DCC_INSI_TLS_CERT, DCC_INSI_TLS_KEY and DCC_INSI_TLS_CA (or DCC_INSI_PKI_DIR).');
  const timeout = env.DCC_INSI_TIMEOUT_MS;
  if (timeout !== undefined && !(Number(timeout) >= 100 && Number(timeout) <= 120_000)) throw new Error('DCC_INSI_TIMEOUT_MS must be between 100 and 120000.');
  const version = env.DCC_LPS_VERSION ?? '0.1.0';
  options.insi = insiPort({
    endpoint: url,
    ...(cert && key && ca ? { tls: { cert, key, ca } } : {}),
    lps: {
      name: env.DCC_LPS_NAME ?? 'dcc-kit',
      version,
      instanceId: env.DCC_LPS_INSTANCE_ID ?? 'dcc-kit-server',
      authorisationNumber: env.DCC_INSI_AUTHORISATION_NUMBER ?? 'NON-HOMOLOGUE',
      emitter: env.DCC_INSI_EMITTER ?? env.DCC_LPS_INSTANCE_ID ?? 'dcc-kit-server',
    },
    ...(timeout !== undefined ? { timeoutMs: Number(timeout) } : {}),
  });
  return options;
}
