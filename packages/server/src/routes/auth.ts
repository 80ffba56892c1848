// Pro Santé Connect login (authorization-code flow through the BFF), the session, the
// activity choice and logout.
import { HttpProblem, cookie, problems } from '../http.js';
import { LOGIN_COOKIE, SESSION_COOKIE, type Caller, type SessionData } from '../auth/auth.js';
import type { RouteDeps } from './route-deps.js';

const sessionView = (caller: Caller, data?: SessionData) => ({
  professional: caller.professional,
  activeActivityId: data?.activeActivityId ?? caller.activeActivityId,
  expiresAt: new Date(data?.expiresAt ?? Date.now()).toISOString(),
  draftKey: data?.draftKey ?? '',
});

export function authRoutes({ router, authenticated, jsonBody, auth }: RouteDeps): void {
  router.add('GET', '/auth/login', async (ctx) => {
    const { location, loginCookie } = await auth.beginLogin(ctx.url.searchParams.get('returnTo') ?? '/');
    return {
      status: 302,
      headers: { location, 'set-cookie': cookie(LOGIN_COOKIE, loginCookie, { maxAge: 600, secure: auth.secureCookies, path: '/auth' }) },
    };
  });

  router.add('GET', '/auth/callback', async (ctx) => {
    // The registered redirect URI with this request's query: never an origin taken from the request line.
    const current = new URL(auth.redirectUri);
    current.search = ctx.url.search;
    const clearLogin = cookie(LOGIN_COOKIE, '', { maxAge: 0, secure: auth.secureCookies, path: '/auth' });
    try {
      const { sessionCookie, returnTo, expiresAt } = await auth.completeLogin(ctx.req, current);
      return {
        status: 302,
        headers: {
          location: returnTo,
          'set-cookie': [cookie(SESSION_COOKIE, sessionCookie, { maxAge: (expiresAt - Date.now()) / 1000, secure: auth.secureCookies }), clearLogin].join('\n'),
        },
      };
    } catch (error) {
      if (error instanceof HttpProblem) error.headers['set-cookie'] = clearLogin;
      throw error;
    }
  });

  router.add(
    'GET',
    '/auth/session',
    authenticated(async (_ctx, caller) => {
      if (caller.via !== 'session' || !caller.session) throw problems.unauthorized('No browser session (bearer callers have no session).');
      return { status: 200, body: sessionView(caller, caller.session) };
    }),
  );

  router.add(
    'PUT',
    '/auth/session/activity',
    authenticated(async (ctx, caller) => {
      const body = await jsonBody<{ activityId: string }>(ctx, 'SelectActivity');
      if (caller.via !== 'session' || !caller.session || !caller.sessionId) throw problems.unauthorized('No browser session: bearer callers send X-DCC-Activity.');
      if (!caller.professional.activities.some((a) => a.id === body.activityId)) throw problems.notFound('Activity');
      const next = { ...caller.session, activeActivityId: body.activityId };
      await auth.saveSession(caller.sessionId, next);
      return { status: 200, body: sessionView(caller, next) };
    }),
  );

  router.add(
    'POST',
    '/auth/logout',
    authenticated(async (_ctx, caller) => {
      const endSessionUrl = caller.sessionId && caller.session ? await auth.logout(caller.sessionId, caller.session) : null;
      return {
        status: 200,
        body: { endSessionUrl },
        headers: { 'set-cookie': cookie(SESSION_COOKIE, '', { maxAge: 0, secure: auth.secureCookies }) },
      };
    }),
  );
}
