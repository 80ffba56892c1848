// Authentication and CSRF for route handlers: the caller (session cookie or bearer token) is
// resolved before the handler runs, and cookie writes must carry DCC-API-Version.
import { HttpProblem, type Handler, type Reply, type RequestContext } from '../http.js';
import type { Caller, PscAuth } from '../auth/auth.js';
import type { Actor } from '../store/records.js';
import type { TrafficGuard } from './rate-limit.js';

export type AuthenticatedHandler = (ctx: RequestContext, caller: Caller) => Promise<Reply>;

export function authenticated(auth: PscAuth, guard?: TrafficGuard): (handler: AuthenticatedHandler) => Handler {
  return (handler) => async (ctx) => {
    const caller = await auth.authenticate(ctx.req);
    ctx.actor = caller.professional.idNatPs;
    // Per professional, whatever the address: one account cannot take the service for itself.
    guard?.professional(caller.professional.idNatPs);
    // CSRF: the session cookie goes with any request the browser makes, even one another
    // site triggers. SameSite=Lax keeps it off cross-site POSTs, but not off sibling
    // subdomains (same site), and some writes have no JSON body to force a preflight.
    // A custom header cannot be set by a form nor, without CORS (which this server does
    // not grant), by a cross-origin script: every cookie write must carry DCC-API-Version.
    if (caller.via === 'session' && ctx.req.method !== 'GET' && ctx.req.method !== 'HEAD' && ctx.req.headers['dcc-api-version'] === undefined)
      throw new HttpProblem(403, 'api-version-header-required', 'En-tête requis', 'Writes with a session cookie must send the DCC-API-Version header.');
    return handler(ctx, caller);
  };
}

/** Who writes, for the store's audit trail and structure checks. */
export const actorOf = (ctx: RequestContext, caller: Caller): Actor => ({
  idNatPs: caller.professional.idNatPs,
  structures: caller.structures,
  requestId: ctx.requestId,
  channel: caller.via === 'bearer' ? 'connector' : 'editor',
});
