// `smtp://user:pass@host:587` / `smtps://host:465` → MssSmtpOptions, for a single setting such
// as the server's DCC_MSS_SMTP_URL.
import { mssRefusal } from './errors.js';
import type { MssSmtpOptions } from './sender.js';

/**
 * smtp: (STARTTLS when offered; `?requireTLS=true` to insist), smtps: (implicit TLS). Default
 * ports 587 and 465. User and password are percent-decoded.
 * @throws MssError MSS_CONFIG (location `smtpUrl`; the URL is not echoed: it may hold a password).
 */
export function smtpOptionsFromUrl(url: string): MssSmtpOptions {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw mssRefusal('MSS_CONFIG', { location: 'smtpUrl' });
  }
  const secure = parsed.protocol === 'smtps:';
  if ((!secure && parsed.protocol !== 'smtp:') || !parsed.hostname) throw mssRefusal('MSS_CONFIG', { location: 'smtpUrl' });
  const options: MssSmtpOptions = {
    host: parsed.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: parsed.port ? Number(parsed.port) : secure ? 465 : 587,
    secure,
  };
  if (parsed.username) options.auth = { user: decodeURIComponent(parsed.username), pass: decodeURIComponent(parsed.password) };
  if (parsed.searchParams.get('requireTLS') === 'true') options.requireTLS = true;
  return options;
}
