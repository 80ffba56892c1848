#!/usr/bin/env node
// Runs the PSC emulator standalone (demo, manual testing). Configuration from the environment:
//   PORT (default 8180), HOST (default 127.0.0.1), PUBLIC_ORIGIN (default http://HOST:PORT),
//   CLIENT_ID (default dcc-demo), CLIENT_SECRET (default dcc-demo-secret),
//   REDIRECT_URI (comma-separated; default http://127.0.0.1:3000/auth/callback),
//   POST_LOGOUT_REDIRECT_URI (comma-separated; default: the origin of the first REDIRECT_URI + '/'),
//   ACCESS_TOKEN_TTL (seconds, default 120).
import { startPscEmulator } from './emulator.js';

function list(value: string | undefined): string[] | undefined {
  const items = value?.split(',').map((s) => s.trim()).filter(Boolean);
  return items && items.length > 0 ? items : undefined;
}

const env = process.env;
const redirectUris = list(env.REDIRECT_URI) ?? ['http://127.0.0.1:3000/auth/callback'];
const postLogout = list(env.POST_LOGOUT_REDIRECT_URI) ?? [`${new URL(redirectUris[0] ?? 'http://127.0.0.1:3000').origin}/`];

const emulator = await startPscEmulator({
  port: env.PORT ? Number(env.PORT) : 8180,
  host: env.HOST ?? '127.0.0.1',
  ...(env.PUBLIC_ORIGIN ? { publicOrigin: env.PUBLIC_ORIGIN } : {}),
  accessTokenTtl: env.ACCESS_TOKEN_TTL ? Number(env.ACCESS_TOKEN_TTL) : 120,
  clients: [
    {
      client_id: env.CLIENT_ID ?? 'dcc-demo',
      client_secret: env.CLIENT_SECRET ?? 'dcc-demo-secret',
      redirect_uris: redirectUris,
      post_logout_redirect_uris: postLogout,
    },
  ],
});

console.log(`PSC emulator issuer: ${emulator.issuer}`);
console.log(`Discovery:           ${emulator.discoveryUrl}`);
console.log(`Test users:          ${emulator.users.map((u) => u.userinfo.SubjectNameID).join(', ')}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void emulator.close().then(() => process.exit(0));
  });
}
