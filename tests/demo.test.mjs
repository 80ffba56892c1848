// The main job (`npm start`) end to end, over real HTTP: scripts/start.mjs's startDemo() runs
// the PSC emulator, the backend (in-memory PGlite here) and the Vite page server with its
// proxy; the test uses the page's origin only, as a browser would. Then, when Debian's
// Chromium is there, a browser smoke test of the page: elements defined, no script error,
// the real login through the emulator's page.
/* global customElements, document, Headers, Request */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { loadExample } from '@dcc-kit/cda/examples';
import { patientToApi } from '@dcc-kit/cda/identity';
import { completeLogin, DR_LEFORT } from '@dcc-kit/psc-emulator';
import { createDccClient } from '@dcc-kit/sdk';
import { startDemo } from '../scripts/start.mjs';
import { launchChromium, skipWithoutChromium } from './support/chromium.mjs';

const ICO = '492805973'; // DR_LEFORT's salaried activity (FINESS)
const OTHER_TEST_NIR = '273064900708539'; // same birth traits as the PPS example's patient, valid key

function examplePps() {
  return loadExample('pps', '01-sein-gauche-fec-docetaxel-radiotherapie').input;
}

/** Patient resource body from an example model (the example INS are test ones: OID .10). */
function patientBody(model) {
  return { ...patientToApi(model.patient), identityStatus: 'qualified', structureId: ICO };
}

/** A cookie jar for fetch (Node's fetch keeps none). */
class Jar {
  cookies = new Map();
  keep(response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (value === '' || attrs.some((a) => /max-age=0$/i.test(a.trim()))) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  fetch = async (input, init = {}) => {
    const headers = new Headers(init.headers ?? (input instanceof Request ? input.headers : undefined));
    if (this.cookies.size) headers.set('cookie', this.header());
    const response = await fetch(input, { ...init, headers, redirect: 'manual' });
    this.keep(response);
    return response;
  };
}

describe('npm start: demo page, backend and PSC emulator on one origin', () => {
  let demo;
  before(async () => {
    demo = await startDemo({ port: 0, pscPort: 0, memory: true, quiet: true });
  });
  after(async () => demo?.close());

  test('the page is served with its strict CSP, and its module is compiled', async () => {
    const page = await fetch(`${demo.url}/`);
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, /<pps-editor id="pps-editor"/);
    assert.match(html, /<rcp-form id="rcp-form"/);
    assert.match(html, /<dcc-provider id="provider">/);
    const csp = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    assert.ok(csp, 'CSP meta present');
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.doesNotMatch(html.replace(/<script type="module" src="[^"]+"><\/script>/g, ''), /<script|style=/i, 'no inline script or style');
    const main = await fetch(`${demo.url}/src/main.ts`);
    assert.equal(main.status, 200);
    assert.match(main.headers.get('content-type') ?? '', /javascript/);
    assert.match(await main.text(), /createDccClient/);
    const worker = await fetch(`${demo.url}/mockServiceWorker.js`);
    assert.equal(worker.status, 200, 'msw worker generated for the offline mode');
  });

  test('/health answers through the proxy (embedded store)', async () => {
    const r = await fetch(`${demo.url}/health`);
    assert.equal(r.status, 200);
    assert.deepEqual(await r.json(), { status: 'ok', store: 'pglite' });
  });

  test('every resource of the backend contract reaches the backend through the page origin, the change feed included', async () => {
    // The contract's own paths, not the page server's list: a resource it forgets is Vite's 404.
    const contract = JSON.parse(readFileSync(fileURLToPath(import.meta.resolve('@dcc-kit/server/openapi.json')), 'utf8'));
    const segments = [...new Set(Object.keys(contract.paths).map((path) => path.split('/')[1]))];
    assert.ok(segments.includes('events'), 'GET /events is in the contract');
    for (const segment of segments) {
      const r = await fetch(`${demo.url}/${segment}`, { redirect: 'manual' });
      await r.body?.cancel();
      // The backend stamps every answer (problems included) with its API version; Vite does not.
      assert.ok(r.headers.get('dcc-api-version'), `/${segment} answered by the backend (HTTP ${r.status}, ${r.headers.get('content-type')})`);
    }
  });

  test('real PSC login through the page origin, then a patient and a PPS through the SDK', async () => {
    const jar = new Jar();
    const start = await jar.fetch(`${demo.url}/auth/login?returnTo=/`);
    assert.equal(start.status, 302);
    const authorize = new URL(start.headers.get('location'));
    assert.equal(`${authorize.origin}${authorize.pathname}`.startsWith(demo.pscIssuer), true, 'redirected to the emulator');
    assert.equal(authorize.searchParams.get('redirect_uri'), `${demo.url}/auth/callback`, 'callback on the page origin');

    const callback = await completeLogin(authorize.href, { user: DR_LEFORT.userinfo.SubjectNameID });
    assert.ok(callback.startsWith(`${demo.url}/auth/callback?`), 'back to the page origin');
    const done = await jar.fetch(callback);
    assert.equal(done.status, 302);
    assert.equal(done.headers.get('location'), '/');
    assert.ok(jar.cookies.get('dcc_session'), 'session cookie set on the page origin');

    const dcc = createDccClient({ baseUrl: demo.url, fetch: jar.fetch, retry: { maxRetries: 0 } });
    const { data: session } = await dcc.session.get();
    assert.equal(session.professional.idNatPs, DR_LEFORT.userinfo.SubjectNameID);
    assert.match(session.draftKey, /^[A-Za-z0-9_-]{43}$/);
    const ico = session.professional.activities.find((a) => a.structureId === ICO);
    assert.ok(ico, 'ICO activity');
    assert.equal((await dcc.session.selectActivity(ico.id)).data.activeActivityId, ico.id);

    const model = examplePps();
    const { data: patient, etag } = await dcc.patients.create(patientBody(model));
    assert.equal(etag, '"1"');
    assert.equal(patient.structureId, ICO);
    const { data: doc } = await dcc.documents.create({ patientId: patient.id, type: 'pps', model });
    assert.equal(doc.status, 'draft');
    assert.equal(doc.currentVersion, 1);
    const listed = [];
    for await (const d of dcc.documents.list({ patientId: patient.id })) listed.push(d.id);
    assert.deepEqual(listed, [doc.id]);

    // Logout ends the session and points at PSC's end-session endpoint.
    const { data: out } = await dcc.session.logout();
    assert.ok(out.endSessionUrl?.startsWith(demo.pscIssuer));
    assert.equal((await jar.fetch(`${demo.url}/auth/session`)).status, 401);
  });

  test('npm start feeds its DMP simulator: a signed PPS is accepted in the DMP and its XDM reaches the MSSanté sink', async () => {
    assert.ok(demo.dmp, 'the simulator started with the demo');
    const jar = new Jar();
    const start = await jar.fetch(`${demo.url}/auth/login?returnTo=/`);
    await jar.fetch(await completeLogin(start.headers.get('location'), { user: DR_LEFORT.userinfo.SubjectNameID }));
    const dcc = createDccClient({ baseUrl: demo.url, fetch: jar.fetch, retry: { maxRetries: 0 } });
    const { data: session } = await dcc.session.get();
    await dcc.session.selectActivity(session.professional.activities.find((a) => a.structureId === ICO).id);

    // Another patient than the test above's (one patient per INS and structure): same traits, another test NIR.
    const model = examplePps();
    model.patient.ins = { ...model.patient.ins, value: OTHER_TEST_NIR };
    const { data: patient } = await dcc.patients.create(patientBody(model));
    const { data: doc } = await dcc.documents.create({ patientId: patient.id, type: 'pps', model });
    let { etag } = await dcc.documents.validate(doc.id, 1, { ifMatch: `"${doc.version}"` });
    ({ etag } = await dcc.documents.sign(doc.id, 1, { ifMatch: etag }));
    // The change feed, followed through the page's origin as <dmp-status> does (replayed from the
    // start: an event written before the stream is open is not missed).
    const following = new AbortController();
    const feedTimeout = setTimeout(() => following.abort(), 60_000);
    const live = (async () => {
      const seen = [];
      for await (const e of dcc.submissions.events({ signal: following.signal, lastEventId: 0, reconnectDelayMs: 200 })) {
        if (e.data.documentId !== doc.id) continue;
        seen.push([e.data.channel, e.data.state]);
        if (e.data.channel === 'dmp' && e.data.state === 'accepted') break;
      }
      return seen;
    })();
    await dcc.documents.submit(doc.id, 1, { ifMatch: etag, body: { mss: { patient: true } } });
    const seen = await live.finally(() => {
      clearTimeout(feedTimeout);
      following.abort();
    });
    assert.deepEqual(seen.filter(([channel]) => channel === 'dmp').at(-1), ['dmp', 'accepted'], `the feed told the DMP's answer live: ${JSON.stringify(seen)}`);

    const deadline = Date.now() + 60_000;
    let rows = [];
    for (;;) {
      rows = (await dcc.submissions.forVersion(doc.id, 1)).data.items;
      if (rows.length > 0 && rows.every((r) => ['accepted', 'refused', 'parked'].includes(r.state))) break;
      assert.ok(Date.now() < deadline, `submissions still pending: ${JSON.stringify(rows.map((r) => [r.channel, r.state]))}`);
      await new Promise((done) => setTimeout(done, 250));
    }
    assert.deepEqual(rows.map((r) => [r.channel, r.state, r.reason?.code]).sort(), [['dmp', 'accepted', undefined], ['mss:patient', 'accepted', undefined]]);
    const entries = await (await fetch(`${demo.dmp.adminUrl}/entries`)).json();
    const dmpRow = rows.find((r) => r.channel === 'dmp');
    assert.equal(entries.filter((e) => e.entryUUID === dmpRow.dmp.entryUUID).length, 1, 'the simulator holds the entry once');
    const mails = await (await fetch(`${demo.dmp.adminUrl}/mails`)).json();
    assert.equal(mails.length, 1);
    assert.match(JSON.stringify(mails[0]), /IHE_XDM\.zip/i);
  });

  // Page problems a test must not see: script errors, console errors (minus the failed loads
  // each test expects) and Content-Security-Policy violations, reported by the page itself so
  // that the strict CSP (no unsafe-inline, no eval) is checked with the editors rendered.
  async function watchProblems(page, expectedConsoleError) {
    const problems = [];
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' && !expectedConsoleError.test(m.text())) problems.push(`console: ${m.text()}`);
    });
    await page.exposeFunction('reportCspViolation', (directive) => problems.push(`CSP violation: ${directive}`));
    await page.evaluateOnNewDocument(() => {
      document.addEventListener('securitypolicyviolation', (e) => globalThis.reportCspViolation(`${e.effectiveDirective} ${e.blockedURI}`));
    });
    return problems;
  }

  // Under CI the browser is required (scripts/test.mjs installs it): no silent skip there.
  const skip = skipWithoutChromium('browser smoke test');
  test('browser smoke test: elements defined, no script error, login and logout through the emulator pages', { skip }, async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      // Failed loads are checked below with their URL.
      const problems = await watchProblems(page, /^Failed to load resource/);
      page.on('response', (r) => {
        const url = new URL(r.url());
        // Expected: 401 of /auth/session before login; the emulator's page has no favicon.
        const expected = (r.status() === 401 && url.pathname === '/auth/session') || (url.origin !== demo.url && url.pathname === '/favicon.ico');
        if (r.status() >= 400 && !expected) problems.push(`HTTP ${r.status()} ${url.origin === demo.url ? url.pathname : url.origin + url.pathname}`);
      });
      await page.goto(`${demo.url}/`);
      await page.waitForSelector('html[data-ready]', { timeout: 60_000 });
      const defined = await page.evaluate(() => ['dcc-provider', 'pps-editor', 'rcp-form', 'dcc-code-picker'].filter((t) => customElements.get(t)));
      assert.deepEqual(defined, ['dcc-provider', 'pps-editor', 'rcp-form', 'dcc-code-picker']);
      assert.equal(await page.$eval('#session-out', (e) => e.hidden), false, 'logged out at first');

      await Promise.all([page.waitForNavigation(), page.click('#login')]);
      assert.ok(page.url().startsWith(demo.pscIssuer), 'on the emulator login page');
      await page.click(`input[value="${DR_LEFORT.userinfo.SubjectNameID}"]`);
      await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
      assert.equal(page.url(), `${demo.url}/`);
      await page.waitForSelector('html[data-ready]', { timeout: 30_000 });
      assert.equal(await page.$eval('#pro-name', (e) => e.textContent), 'Camille LEFORT');
      const activities = await page.$$eval('#activity option', (options) => options.map((o) => o.value).filter(Boolean));
      assert.equal(activities.length, 2, 'her two activities offered');

      // Logout: drafts purged by <dcc-provider>, platform session ended, PSC end-session, back home.
      await page.evaluate(() => document.documentElement.removeAttribute('data-ready'));
      const visited = new Set();
      page.on('framenavigated', (frame) => visited.add(new URL(frame.url()).origin));
      await page.click('#logout');
      const deadline = Date.now() + 30_000;
      for (;;) {
        const ready = await page.$('html[data-ready]').catch(() => null);
        if (ready && page.url() === `${demo.url}/`) break;
        assert.ok(Date.now() < deadline, `logout did not come back home (at ${page.url()}; ${[...visited].join(', ')}; ${problems.join(', ')})`);
        await new Promise((done) => setTimeout(done, 200));
      }
      assert.ok(visited.has(new URL(demo.pscIssuer).origin), 'went through PSC end-session');
      assert.equal(await page.$eval('#session-out', (e) => e.hidden), false, 'logged out again');
      assert.deepEqual(problems, []);
    } finally {
      await browser.close();
    }
  });

  test('browser, offline mode (msw): patient, Fiche RCP example, submit → validated and signed in the page', { skip }, async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      const problems = await watchProblems(page, /^Failed to load resource: .*401/);
      await page.goto(`${demo.url}/?offline=1`);
      await page.waitForSelector('html[data-ready]', { timeout: 60_000 });
      assert.equal(await page.$eval('#offline-banner', (e) => e.hidden), false, 'offline banner shown');
      await page.click('#login');
      await page.waitForSelector('#activity option[value="finess-492805973-10"]');
      await page.select('#activity', 'finess-492805973-10');
      await page.waitForSelector('#workspace:not([hidden])');
      // The directory pickers' searches are answered in the page as the backend answers them (fixture server's records).
      const found = await page.evaluate(async () => {
        const r = await fetch('/directory/practitioners?q=lefort');
        return { status: r.status, ids: (await r.json()).items.map((p) => p.idNatPs) };
      });
      assert.deepEqual(found, { status: 200, ids: ['810209801199'] });
      await page.click('#patient-create summary');
      await page.click('#patient-example');
      await page.waitForFunction(() => document.querySelector('#patient-form [name="insValue"]').value !== '');
      await page.click('#patient-form button[type=submit]');
      await page.waitForSelector('#documents:not([hidden])');
      await page.click('#new-rcp');
      await page.click('#load-example');
      await page.waitForFunction(() => /Exemple chargé/.test(document.getElementById('message').textContent));
      // « Valider » (store + validate), then the signature as a separate act, after its confirmation.
      await page.click('#submit-doc');
      await page.waitForFunction(() => !document.getElementById('sign-doc').disabled || /error/.test(document.getElementById('message').className), { timeout: 30_000 });
      await page.click('#sign-doc');
      await page.waitForSelector('#sign-dialog[open]', { timeout: 5_000 });
      await page.click('#sign-confirm');
      await page.waitForFunction(() => !document.getElementById('download').hidden || /error/.test(document.getElementById('message').className), { timeout: 30_000 });
      const steps = await page.$$eval('#steps li', (items) => items.map((li) => li.className));
      assert.deepEqual(steps, ['done', 'done', 'done'], await page.$eval('#document-errors', (e) => e.textContent));
      const rows = await page.$$eval('#document-table tbody tr', (trs) => trs.map((tr) => [...tr.cells].slice(0, 3).map((td) => td.textContent)));
      assert.deepEqual(rows, [['Fiche RCP', 'v1', 'Signé']]);
      assert.deepEqual(problems, []);
    } finally {
      await browser.close();
    }
  });
});
