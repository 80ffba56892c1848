// Directory search latency through the backend (issue 14): GET /directory/practitioners and
// /directory/organizations over real HTTP with the real PSC login, the server's Annuaire client
// against the fixture server (@dcc-kit/annuaire-simulator) on loopback. Uncached, every search
// is 1–2 directory calls paced by the documented 17 calls/s (token bucket), as in production;
// cached, the answer of the same query within DCC_ANNUAIRE_CACHE_SECONDS. Prints; asserts nothing.
import { randomBytes } from 'node:crypto';

const { createServer, openStore } = await import('@dcc-kit/server');
const { startPscEmulator, completeLogin, DR_LEFORT } = await import('@dcc-kit/psc-emulator');
const { startAnnuaireSimulator } = await import('@dcc-kit/annuaire-simulator');

const SEARCHES = Number(process.env.BENCH_DIRECTORY_SEARCHES ?? 40);
const QUERIES = ['martin', 'lefort', 'le guen', 'rochette', 'bernard', '10209801199', 'dubois', 'chevalier'];
const ORG_QUERIES = ['chu', 'ico', 'institut', '492805973', 'centre', 'clinique', 'hopital', 'nantes'];

function stats(ms) {
  const sorted = [...ms].sort((a, b) => a - b);
  const q = (p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
  return `median ${q(0.5).toFixed(1)} ms, p95 ${q(0.95).toFixed(1)} ms (n=${ms.length})`;
}

async function measure(label, cacheSeconds) {
  const annuaire = await startAnnuaireSimulator();
  const store = await openStore({ memory: true });
  let psc;
  const app = createServer({
    store,
    sessionKey: randomBytes(32),
    logger: () => undefined,
    limits: { perClient: { perSecond: 1000, burst: 2000 }, perProfessional: { perSecond: 1000, burst: 2000 } },
    submissions: { worker: false },
    directory: { url: annuaire.baseUrl, apiKey: annuaire.apiKey, cacheSeconds },
    oidc: () => ({ discoveryUrl: psc.discoveryUrl, clientId: 'bench', clientSecret: 'bench-secret', allowInsecureRequests: true }),
  });
  const { url } = await app.listen(0);
  psc = await startPscEmulator({ clients: [{ client_id: 'bench', client_secret: 'bench-secret', redirect_uris: [`${url}/auth/callback`] }], accessTokenTtl: 600 });
  try {
    const start = await fetch(`${url}/auth/login`, { redirect: 'manual' });
    const loginCookie = start.headers.getSetCookie()[0].split(';')[0];
    const callback = await completeLogin(start.headers.get('location'), { user: DR_LEFORT.userinfo.SubjectNameID });
    const done = await fetch(callback, { redirect: 'manual', headers: { cookie: loginCookie } });
    const cookie = done.headers.getSetCookie().find((c) => c.startsWith('dcc_session=')).split(';')[0];
    const get = async (path) => {
      const t = performance.now();
      const res = await fetch(`${url}${path}`, { headers: { cookie, 'dcc-api-version': '2026-11-01' } });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`GET ${path} → ${res.status}`);
      return performance.now() - t;
    };
    const people = [];
    const orgs = [];
    for (let i = 0; i < SEARCHES; i++) {
      people.push(await get(`/directory/practitioners?q=${encodeURIComponent(QUERIES[i % QUERIES.length])}`));
      orgs.push(await get(`/directory/organizations?q=${encodeURIComponent(ORG_QUERIES[i % ORG_QUERIES.length])}`));
    }
    console.log(`  ${label}: practitioners ${stats(people)}; organizations ${stats(orgs)}`);
  } finally {
    await app.close();
    await psc.close();
    await store.close();
    await annuaire.close();
  }
}

console.log('Directory search through the backend (Annuaire Santé fixture server on loopback):');
await measure('uncached, paced at 17 directory calls/s', 0);
await measure('cached (60 s)', 60);
