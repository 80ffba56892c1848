// The submission settings from the environment, read once at start (main.ts): the DMP endpoint
// and its keys (PEM files, or a PKI folder laid out like @dcc-kit/dmp-simulator's), the LPS
// identity, the MSSanté relay, the worker switch and the retry policy. Nothing configured →
// no port: submissions stay queued with `dmp-not-configured` / `mss-not-configured`, never lost.
import { join } from 'node:path';
import { dmpPort, mssPort } from './adapters.js';
import { DEFAULT_SECTEUR_ACTIVITE, type SubmissionOptions } from './options.js';
import { pemFromEnv as pem } from '../env-files.js';


const count = (env: NodeJS.ProcessEnv, name: string, min: number, max: number): number | undefined => {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min || n > max) throw new Error(`${name} must be a number between ${min} and ${max}.`);
  return n;
};

const required = (env: NodeJS.ProcessEnv, name: string, why: string): string => {
  const v = env[name];
  if (!v) throw new Error(`${name} is required when ${why}.`);
  return v;
};

export function submissionsFromEnv(env: NodeJS.ProcessEnv): SubmissionOptions {
  const options: SubmissionOptions = {};
  const pki = env.DCC_DMP_PKI_DIR;
  const inPki = (file: string) => (pki ? join(pki, file) : undefined);
  const sourceId = env.DCC_DMP_SOURCE_ID;
  const lps = {
    name: env.DCC_LPS_NAME ?? 'dcc-kit',
    version: env.DCC_LPS_VERSION ?? '0.1.0',
    instanceId: env.DCC_LPS_INSTANCE_ID ?? 'dcc-kit-server',
    homologationId: env.DCC_LPS_HOMOLOGATION_ID ?? 'NON-HOMOLOGUE',
  };
  if (env.DCC_DMP_URL) {
    const key = pem(env, 'DCC_DMP_SIGNING_KEY', inPki('signing.key'));
    const certificate = pem(env, 'DCC_DMP_SIGNING_CERT', inPki('signing.crt'));
    if (!key || !certificate) throw new Error('DCC_DMP_SIGNING_KEY and DCC_DMP_SIGNING_CERT (or DCC_DMP_PKI_DIR) are required with DCC_DMP_URL.');
    const tlsCert = pem(env, 'DCC_DMP_TLS_CERT', env.DCC_DMP_URL.startsWith('https:') ? inPki('client.crt') : undefined);
    const tlsKey = pem(env, 'DCC_DMP_TLS_KEY', env.DCC_DMP_URL.startsWith('https:') ? inPki('client.key') : undefined);
    const tlsCa = pem(env, 'DCC_DMP_TLS_CA', env.DCC_DMP_URL.startsWith('https:') ? inPki('ca.crt') : undefined);
    options.dmp = dmpPort({
      sourceId: required(env, 'DCC_DMP_SOURCE_ID', 'DCC_DMP_URL is set'),
      client: {
        endpoint: env.DCC_DMP_URL,
        signing: { key, certificate },
        lps,
        ...(tlsCert && tlsKey && tlsCa ? { tls: { cert: tlsCert, key: tlsKey, ca: tlsCa } } : {}),
      },
    });
  }
  if (env.DCC_MSS_SMTP_URL) {
    options.mss = mssPort({
      smtpUrl: env.DCC_MSS_SMTP_URL,
      from: required(env, 'DCC_MSS_FROM', 'DCC_MSS_SMTP_URL is set'),
      nil: required(env, 'DCC_MSS_NIL', 'DCC_MSS_SMTP_URL is set'),
      sourceId: sourceId ?? required(env, 'DCC_DMP_SOURCE_ID', 'DCC_MSS_SMTP_URL is set'),
      sender: { organisation: env.DCC_MSS_ORGANISATION ?? lps.name, software: lps.name, version: lps.version },
    });
  }
  if (env.DCC_SUBMISSION_WORKER === 'false') options.worker = false;
  const retryLimit = count(env, 'DCC_SUBMISSION_RETRY_LIMIT', 0, 1000);
  const retryDelaySeconds = count(env, 'DCC_SUBMISSION_RETRY_DELAY_SECONDS', 1, 86_400);
  const retryDelayMaxSeconds = count(env, 'DCC_SUBMISSION_RETRY_DELAY_MAX_SECONDS', 1, 86_400);
  if (retryLimit !== undefined || retryDelaySeconds !== undefined || retryDelayMaxSeconds !== undefined)
    options.retry = {
      ...(retryLimit !== undefined ? { retryLimit } : {}),
      ...(retryDelaySeconds !== undefined ? { retryDelaySeconds } : {}),
      ...(retryDelayMaxSeconds !== undefined ? { retryDelayMaxSeconds } : {}),
    };
  const heartbeat = count(env, 'DCC_SUBMISSION_HEARTBEAT_SECONDS', 10, 3600);
  if (heartbeat !== undefined) options.heartbeatSeconds = heartbeat;
  const supervise = count(env, 'DCC_SUBMISSION_SUPERVISE_SECONDS', 1, 3600);
  if (supervise !== undefined) options.superviseIntervalSeconds = supervise;
  const concurrency = count(env, 'DCC_SUBMISSION_CONCURRENCY', 1, 100);
  if (concurrency !== undefined) options.concurrency = concurrency;
  const poll = count(env, 'DCC_SUBMISSION_POLL_MS', 10, 60_000);
  if (poll !== undefined) options.pollMs = poll;
  const eventsPoll = count(env, 'DCC_EVENTS_POLL_MS', 10, 60_000);
  if (eventsPoll !== undefined) options.events = { pollMs: eventsPoll };
  options.secteurActivite = env.DCC_DMP_SECTEUR_ACTIVITE ?? DEFAULT_SECTEUR_ACTIVITE;
  return options;
}
