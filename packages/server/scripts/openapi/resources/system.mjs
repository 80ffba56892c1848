// Liveness and the Pro Santé Connect login (BFF session).
import { ref, str, obj, dateTime, json, body, errors } from '../helpers.mjs';

export const tags = ['system', 'auth'];

export const schemas = {
  Health: obj({ status: { type: 'string', enum: ['ok'] }, store: { type: 'string', enum: ['pglite', 'postgres'] } }),
  Activity: obj(
    {
      id: str('Stable id of the activity within the session (use it for X-DCC-Activity and PUT /auth/session/activity).'),
      structureId: str('FINESS (site) or SIRET of the structure, or its technical id when neither is known.'),
      structureIdType: { type: 'string', enum: ['FINESS', 'SIRET', 'TECHNICAL'] },
      structureName: { type: ['string', 'null'] },
      professionCode: { type: ['string', 'null'], description: 'codeProfession (TRE_G15).' },
      specialtyCode: { type: ['string', 'null'], description: 'codeSavoirFaire (TRE_R38).' },
      modeCode: { type: ['string', 'null'], description: 'codeModeExercice (L, S, B).' },
    },
    ['id', 'structureId', 'structureIdType', 'structureName', 'professionCode', 'specialtyCode', 'modeCode'],
  ),
  Professional: obj({
    idNatPs: str('National professional id (SubjectNameID).'),
    givenName: { type: ['string', 'null'] },
    familyName: { type: ['string', 'null'] },
    roles: { type: 'array', items: { type: 'string' }, description: 'SubjectRole values (`code^OID`).' },
    activities: { type: 'array', items: ref('Activity') },
  }),
  Session: obj({
    professional: ref('Professional'),
    activeActivityId: { type: ['string', 'null'] },
    expiresAt: dateTime('End of the server session.'),
    draftKey: str('32 random bytes, base64url, per session (key material for encrypted local drafts).'),
  }),
  SelectActivity: obj({ activityId: str('An `Activity.id` of the professional.', { minLength: 1, maxLength: 200 }) }),
  LogoutResult: obj({ endSessionUrl: { type: ['string', 'null'], description: 'PSC end-session URL to send the browser to.' } }),
};

export const paths = {
  '/health': {
    get: { operationId: 'getHealth', tags: ['system'], security: [], summary: 'Liveness and store kind (no auth).', responses: { 200: json('OK', ref('Health')) } },
  },
  '/auth/login': {
    get: {
      operationId: 'login',
      tags: ['auth'],
      security: [],
      summary: 'Starts the Pro Santé Connect login (authorization code + PKCE S256 + nonce + state, acr eidas1).',
      parameters: [{ name: 'returnTo', in: 'query', schema: { type: 'string' }, description: 'Same-origin path to return to (default `/`).' }],
      responses: { 302: { description: 'Redirect to the PSC authorization endpoint; sets a short-lived `dcc_login` cookie.' }, ...errors(400, 502) },
    },
  },
  '/auth/callback': {
    get: {
      operationId: 'loginCallback',
      tags: ['auth'],
      security: [],
      summary: 'PSC redirects here; the server exchanges the code, checks state/nonce/PKCE/acr, reads userinfo and opens a session.',
      parameters: [
        { name: 'code', in: 'query', schema: { type: 'string' } },
        { name: 'state', in: 'query', schema: { type: 'string' } },
        { name: 'iss', in: 'query', schema: { type: 'string' } },
      ],
      responses: { 302: { description: 'Redirect to returnTo; sets the HttpOnly `dcc_session` cookie.' }, ...errors(400, 401, 502) },
    },
  },
  '/auth/logout': {
    post: {
      operationId: 'logout',
      tags: ['auth'],
      summary: 'Ends the server session and returns the PSC end-session URL.',
      responses: { 200: json('Session ended', ref('LogoutResult')), ...errors(401) },
    },
  },
  '/auth/session': {
    get: { operationId: 'getSession', tags: ['auth'], summary: 'The logged-in professional and the session.', responses: { 200: json('Session', ref('Session')), ...errors(401) } },
  },
  '/auth/session/activity': {
    put: {
      operationId: 'selectActivity',
      tags: ['auth'],
      summary: 'Picks the activity (structure) the professional acts for.',
      requestBody: body('SelectActivity'),
      responses: { 200: json('Session', ref('Session')), ...errors(400, 401, 404, 413, 415) },
    },
  },
};
