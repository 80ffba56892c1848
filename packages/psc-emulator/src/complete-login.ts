// Walks the emulator's browser steps over real HTTP, with a tiny cookie jar, for tests and scripts without a browser.

import { LOGIN_PAGE_HEADER, PSC_REALM_PATH } from './emulator.js';

export interface CompleteLoginOptions {
  /** SubjectNameID (IdNat_PS) of the test user to log in as, e.g. `810209801199`. */
  user: string;
  /** fetch implementation; defaults to the global one. */
  fetch?: typeof fetch;
}

const MAX_STEPS = 10;

/** Cookie jar keyed by name only: the emulator's cookies do not clash across paths within one walk. */
class CookieJar {
  readonly #cookies = new Map<string, string>();

  store(response: Response): void {
    const headers = response.headers as Headers & { getSetCookie?: () => string[] };
    const lines = headers.getSetCookie?.() ?? [];
    for (const line of lines) {
      const [pair = '', ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => {
        const [k = '', v = ''] = a.split('=');
        const key = k.trim().toLowerCase();
        return (key === 'max-age' && Number(v) <= 0) || (key === 'expires' && Date.parse(v) <= Date.now());
      });
      if (expired || value === '') this.#cookies.delete(name);
      else this.#cookies.set(name, value);
    }
  }

  header(): string {
    return [...this.#cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

function isEmulatorUrl(url: URL, realmBase: URL): boolean {
  return url.origin === realmBase.origin && url.pathname.startsWith(realmBase.pathname);
}

async function describeFailure(response: Response, url: URL): Promise<Error> {
  const text = await response.text().catch(() => '');
  const error = /id="error">([^<]*)</.exec(text)?.[1];
  const description = /id="error_description">([^<]*)</.exec(text)?.[1];
  const detail = error ? `${error}${description ? `: ${description}` : ''}` : text.slice(0, 200);
  return new Error(`PSC emulator answered ${response.status} at ${url.pathname}${detail ? ` (${detail})` : ''}`);
}

function realmBaseOf(url: URL): URL {
  const index = url.pathname.indexOf(PSC_REALM_PATH);
  if (index < 0) throw new TypeError(`Not a PSC emulator URL (no ${PSC_REALM_PATH} in the path)`);
  return new URL(url.pathname.slice(0, index + PSC_REALM_PATH.length), url.origin);
}

/**
 * Follows an authorization URL of the emulator through its login page as the given test user and returns the URL the
 * browser would be sent back to: the client's redirect_uri with `code`, `state` and `iss` (or `error` when the
 * authorization request is refused, e.g. wrong `acr_values`). Throws when the emulator shows an error page instead
 * (unknown client, unregistered redirect_uri…).
 */
export async function completeLogin(authorizationUrl: string, options: CompleteLoginOptions): Promise<string> {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const start = new URL(authorizationUrl);
  const realmBase = realmBaseOf(start);
  const jar = new CookieJar();
  let url = start;
  let submitted = false;
  for (let step = 0; step < MAX_STEPS; step++) {
    const response = await fetchImpl(url, { redirect: 'manual', headers: { cookie: jar.header() } });
    jar.store(response);
    if (response.status >= 300 && response.status < 400) {
      const location = response.headers.get('location');
      if (!location) throw new Error(`PSC emulator redirect without Location at ${url.pathname}`);
      const next = new URL(location, url);
      if (!isEmulatorUrl(next, realmBase)) return next.href;
      url = next;
      continue;
    }
    if (response.status === 200 && response.headers.get(LOGIN_PAGE_HEADER) === 'login' && !submitted) {
      await response.body?.cancel();
      submitted = true;
      const posted = await fetchImpl(url, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ user: options.user }).toString(),
      });
      jar.store(posted);
      const location = posted.headers.get('location');
      if (posted.status !== 303 || !location) throw await describeFailure(posted, url);
      const next = new URL(location, url);
      if (!isEmulatorUrl(next, realmBase)) return next.href;
      url = next;
      continue;
    }
    throw await describeFailure(response, url);
  }
  throw new Error(`PSC emulator login did not finish within ${MAX_STEPS} steps`);
}

/**
 * Follows an end-session URL (with id_token_hint, post_logout_redirect_uri and state) through the emulator's
 * logout confirmation and returns where the browser ends up: the post_logout_redirect_uri with `state`.
 */
export async function completeLogout(endSessionUrl: string, options: { fetch?: typeof fetch } = {}): Promise<string> {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const url = new URL(endSessionUrl);
  realmBaseOf(url);
  const jar = new CookieJar();
  const page = await fetchImpl(url, { redirect: 'manual' });
  jar.store(page);
  if (page.status !== 200) throw await describeFailure(page, url);
  const html = await page.text();
  // Either the logout confirmation (a session exists in this jar) or oidc-provider's auto-submitting form_post page.
  const action = /<form[^>]*\saction="([^"]+)"/.exec(html)?.[1];
  const fields = new URLSearchParams();
  for (const match of html.matchAll(/<input[^>]*\sname="([^"]+)"[^>]*\svalue="([^"]*)"/g)) {
    fields.set(decodeEntities(match[1] ?? ''), decodeEntities(match[2] ?? ''));
  }
  if (!action || !fields.has('xsrf')) throw new Error('PSC emulator logout page has no confirmation form');
  fields.set('logout', 'yes');
  const confirm = await fetchImpl(new URL(decodeEntities(action), url), {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
    body: fields.toString(),
  });
  const location = confirm.headers.get('location');
  if (confirm.status < 300 || confirm.status >= 400 || !location) throw await describeFailure(confirm, url);
  return new URL(location, url).href;
}

function decodeEntities(value: string): string {
  return value
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)))
    .replace(/&#x([0-9a-f]+);/gi, (_, code: string) => String.fromCharCode(parseInt(code, 16)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
