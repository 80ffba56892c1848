// End to end in Debian's Chromium: the demo (`startDemo`: PSC emulator, backend on in-memory
// PGlite, DMP simulator + MSSanté sink, Vite page) driven like a clinician would — login through
// the emulator's page, open a seeded patient, write (the example loaded through the page's
// « Pré-remplir avec un exemple » path), save, validate, sign after the confirmation, send to the
// DMP, watch « accepté » arrive live in the chart's <dmp-status> (the change feed, the patient
// never reopened), find the XDM message in the sink; a Fiche RCP under an injected DMP outage
// (« nouvel essai » then « accepté »); a replacement version deprecating the first; the
// non-qualified patient refused with its reason, then qualified from its identity panel (INSi
// search, identity document); the closed DMP's and the minor's secret-connection reasons live in
// <dmp-status>, then the minor's document hidden from the legal representatives accepted with its
// label. Screenshots of each step: .artifacts/e2e/.
/* global CSS, customElements, document, slotText */
import assert from 'node:assert/strict';
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { DR_LEFORT } from '@dcc-kit/psc-emulator';
import { startDemo } from '../scripts/start.mjs';
import { SEEDED_PATIENTS, seededPatientBody } from '../scripts/demo-seed.mjs';
import { TYPED_FRCP, TYPED_PPS } from './e2e/typed-documents.mjs';
import { notSubmittableBecause } from '@dcc-kit/cda/identity';
import { launchChromium, skipWithoutChromium } from './support/chromium.mjs';
import { loginToDemo } from './support/demo-login.mjs';

const ARTIFACTS = join(dirname(fileURLToPath(import.meta.url)), '..', '.artifacts', 'e2e');
const skip = skipWithoutChromium('end-to-end test');

const adult = seededPatientBody(SEEDED_PATIENTS[0]);
const minorSecret = seededPatientBody(SEEDED_PATIENTS[1]);
const nonQualified = seededPatientBody(SEEDED_PATIENTS[2]);
const closedDmp = seededPatientBody(SEEDED_PATIENTS[3]);
const CARE_TEAM_ADDRESS = 'nathalie.guerin@medecin.mssante.fr';


/** `actual` holds `wanted`: the same scalars and list lengths, and every field of `wanted` (more fields allowed). */
function assertHolds(actual, wanted, where) {
  if (wanted === null || typeof wanted !== 'object') return assert.deepEqual(actual, wanted, where);
  if (Array.isArray(wanted)) {
    assert.ok(Array.isArray(actual) && actual.length === wanted.length, `${where}: ${JSON.stringify(actual)} is not a list of ${wanted.length}`);
    wanted.forEach((w, i) => assertHolds(actual[i], w, `${where}[${i}]`));
    return undefined;
  }
  assert.ok(actual !== null && typeof actual === 'object' && !Array.isArray(actual), `${where}: ${JSON.stringify(actual)} is not an object`);
  for (const key of Object.keys(wanted)) assertHolds(actual[key], wanted[key], `${where}.${key}`);
  return undefined;
}

describe('demo end to end in Chromium: PPS and Fiche RCP from the form to the DMP simulator and the MSSanté sink', { skip }, () => {
  let demo;
  let browser;
  let page;
  let shot = 0;
  const problems = [];

  const screenshot = async (name) => {
    const file = join(ARTIFACTS, `${String(++shot).padStart(2, '0')}-${name}.png`);
    // The viewport at the open document (or the page's top): the editor itself is very long.
    await page.evaluate(() => (document.querySelector('#editor:not([hidden])') ?? document.body).scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: file });
  };
  const text = (selector) => page.$eval(selector, (e) => e.textContent ?? '');
  const messageIsError = () => page.$eval('#message', (e) => /error/.test(e.className));
  /** Waits for a page condition, bounded; on timeout says what the page showed. */
  const until = async (fn, arg, timeout, what) => {
    try {
      await page.waitForFunction(fn, { timeout, polling: 100 }, arg);
    } catch (error) {
      await screenshot(`timeout-${what.replace(/\W+/g, '-')}`).catch(() => undefined);
      const message = await text('#message').catch(() => '?');
      const errors = await text('#document-errors').catch(() => '?');
      const versions = await text('#version-table tbody').catch(() => '?');
      // The refusal's DMP code and field (never health data), for the open document's versions.
      const reasons = await page
        .evaluate(async () => {
          const editor = document.querySelector('#pps-editor:not([hidden]), #rcp-form:not([hidden])');
          if (!editor?.documentId) return '';
          const rows = [...document.querySelectorAll('#version-table tr[data-version]')].map((tr) => tr.dataset.version);
          const out = [];
          for (const n of rows) {
            const r = await fetch(`/documents/${editor.documentId}/versions/${n}/submissions`, { credentials: 'same-origin' });
            const body = r.ok ? await r.json() : {};
            for (const s of body.data ?? body.items ?? []) if (s.reason) out.push(`v${n} ${s.channel}: ${s.reason.code} ${s.reason.field ?? ''}`);
          }
          return out.join('; ');
        })
        .catch(() => '?');
      throw new Error(`${what}: not reached in ${timeout} ms (message: ${message}; errors: ${errors}; versions: ${versions}; refusals: ${reasons}; problems: ${problems.join(' | ')})`, { cause: error });
    }
  };
  const stepsDone = (count) => until((n) => [...document.querySelectorAll('#steps li')].filter((li) => li.className === 'done').length >= n, count, 60_000, `${count} step(s) done`);
  const channelState = (version, channel, state, timeout = 60_000) =>
    until(
      ([v, c, s]) => document.querySelector(`#version-table tr[data-version="${v}"] [data-channel="${c}"]`)?.getAttribute('data-state') === s,
      [version, channel, state],
      timeout,
      `v${version} ${channel} ${state}`,
    );

  /**
   * Tags the chart's <dmp-status>: a later `liveInDmpStatus` on the same tag proves that this
   * very element (the patient not reopened, nothing reloaded by the page) showed the change,
   * so it came from the change feed.
   */
  const tagDmpStatus = () =>
    page.evaluate(() => {
      const element = document.querySelector('#dmp-status-slot dmp-status');
      element.dataset.e2eTag = String(Math.random());
      return element.dataset.e2eTag;
    });
  /** The tagged <dmp-status> shows the open document's version `n` with its DMP channel in `state` and `pattern` in its row. */
  async function liveInDmpStatus(tag, n, state, pattern, what, timeout = 60_000) {
    await until(
      ([t, v, st, source]) => {
        const element = document.querySelector('#dmp-status-slot dmp-status');
        const editor = document.querySelector('#pps-editor:not([hidden]), #rcp-form:not([hidden])');
        if (element?.dataset.e2eTag !== t || !editor?.documentId) return false;
        const row = element.shadowRoot?.querySelector(`[data-row="${CSS.escape(`${editor.documentId}#${v}`)}"]`);
        // The DMP channel comes first in a row's channels.
        return Boolean(row?.querySelector('dd[part~="state"]')?.matches(`[part~="state-${st}"]`) && new RegExp(source).test(row.textContent));
      },
      [tag, n, state, pattern.source],
      timeout,
      what,
    );
    // The feed stayed up: no « mise à jour en direct interrompue ».
    assert.doesNotMatch(await page.evaluate(() => slotText()), /interrompue/);
  }

  before(async () => {
    rmSync(ARTIFACTS, { recursive: true, force: true }); // this run's screenshots only
    mkdirSync(ARTIFACTS, { recursive: true });
    console.log(`# screenshots: ${ARTIFACTS}`);
    // Short retry delays: the injected outage is retried within seconds.
    demo = await startDemo({ port: 0, pscPort: 0, memory: true, quiet: true, env: { DCC_SUBMISSION_RETRY_DELAY_SECONDS: '2', DCC_SUBMISSION_RETRY_DELAY_MAX_SECONDS: '2' } });
    browser = await launchChromium();
    page = await browser.newPage();
    await page.setViewport({ width: 1400, height: 1000 });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    // The keyboard the page's fill helper types with: real key events, from puppeteer.
    await page.exposeFunction('e2eKeyboard', async (op, arg) => {
      if (op === 'press') await page.keyboard.press(arg);
      else if (op === 'type') await page.keyboard.type(arg);
      else if (op === 'down') await page.keyboard.down(arg);
      else if (op === 'up') await page.keyboard.up(arg);
      else throw new Error(`e2eKeyboard: unknown operation ${op}`);
    });
    await page.evaluateOnNewDocument(() => {
      // The text of the chart's DMP panel, <dmp-status>'s shadow root included.
      globalThis.slotText = () => {
        const slot = document.getElementById('dmp-status-slot');
        const element = slot?.querySelector('dmp-status');
        return `${slot?.textContent ?? ''} ${element?.shadowRoot?.textContent ?? ''}`;
      };
    });
  });
  after(async () => {
    await browser?.close();
    await demo?.close();
  });

  /** The messages the MSSanté sink accepted, without re-sends of the same Message-ID (delivery is at least once). */
  const sinkMails = async () => (await (await fetch(`${demo.dmp.adminUrl}/mails`)).json()).filter((m) => !m.duplicateOf);

  /** Opens the seeded patient whose birth name is `birthName`. */
  async function openPatient(birthName) {
    await page.evaluate((name) => {
      const row = [...document.querySelectorAll('#patient-table tbody tr')].find((tr) => tr.cells[0]?.textContent?.includes(name));
      row?.focus();
    }, birthName);
    await page.keyboard.press('Enter');
    await until((name) => !document.getElementById('patient-header').hidden && document.getElementById('p-name').textContent.includes(name), birthName, 10_000, 'patient opened');
  }

  /**
   * Activates a button with the keyboard (focus, Enter), wherever it is. A mouse click aims at
   * coordinates: where the page is still filling in what lies above the button (the patient's
   * identity, DMP and documents load after it opens), the button may have moved by the time it lands.
   */
  async function activate(selector) {
    await page.focus(selector);
    await page.keyboard.press('Enter');
  }

  /**
   * Types `target` into the open editor with real key events (puppeteer's keyboard, reached
   * from the page through an exposed function), driven by the keyboard-fill helper of
   * `@dcc-kit/elements/testing` (served by the demo's Vite). Stops on the editor's submit
   * button; checks the editor's value is what was typed.
   */
  async function typeDocument(kind, target) {
    const selector = kind === 'pps' ? '#pps-editor' : '#rcp-form';
    await page.focus('#submit-doc'); // the editor is the next thing Tab reaches
    const started = Date.now();
    const report = await page.evaluate(
      async (sel, wanted) => {
        // The dev server resolves the package's export for the page (`/@id/` + a bare specifier).
        const { fillByKeyboard, comparable } = await import('/@id/@dcc-kit/elements/testing/keyboard-fill.js');
        const keys = {
          press: (key) => globalThis.e2eKeyboard('press', key),
          type: (text) => globalThis.e2eKeyboard('type', text),
          down: (key) => globalThis.e2eKeyboard('down', key),
          up: (key) => globalThis.e2eKeyboard('up', key),
        };
        const editor = document.querySelector(sel);
        // Every section rendered and the draft look-up done before the first key (on a loaded
        // machine the form renders its sections over several tasks).
        await editor.renderComplete;
        await editor.draftsComplete;
        const fill = await fillByKeyboard(editor, wanted, { keys, submit: false });
        // What the editor holds for the typed keys, without the value sets' display names.
        const typed = Object.fromEntries(Object.keys(wanted).map((k) => [k, comparable(editor.value[k])]));
        return { ...fill, typed, wanted: comparable(wanted) };
      },
      selector,
      target,
    );
    console.log(`# ${kind} typed: ${report.keys} keys, ${report.steps} steps, ${Math.round((Date.now() - started) / 1000)} s`);
    // What was typed is in the editor; the establishment's identifiers the host gives (e.g. the
    // encounter's facility) are there too, never typed.
    for (const key of Object.keys(target)) assertHolds(report.typed[key], report.wanted[key], `typed ${kind}: ${key}`);
  }

  /** New document of `kind`, typed (or the example loaded), saved as a draft, validated, signed after the confirmation. */
  async function writeValidateSign(kind, { version = 1, typed } = {}) {
    if (version === 1) {
      await activate(kind === 'pps' ? '#new-pps' : '#new-rcp');
      if (typed) await typeDocument(kind, typed);
      else {
        await page.waitForSelector('#load-example', { visible: true, timeout: 10_000 }); // the editor opens asynchronously
        await activate('#load-example');
        await until(() => /Exemple chargé/.test(document.getElementById('message').textContent), null, 10_000, 'example loaded');
      }
      // The draft, saved with the keyboard.
      await activate('#save-draft');
      await stepsDone(1);
      assert.match(await text('#editor-doc'), /Brouillon/);
      await until(() => document.querySelector('#version-table tr[data-version="1"]')?.textContent.includes('Brouillon'), null, 10_000, 'draft listed');
      await screenshot(`${kind}-draft`);
    }
    await page.click('#submit-doc');
    await until(() => !document.getElementById('sign-doc').disabled || /error/.test(document.getElementById('message').className), null, 90_000, 'validated');
    assert.equal(await messageIsError(), false, await text('#document-errors'));
    await screenshot(`${kind}-v${version}-validated`);
    await page.click('#sign-doc');
    await page.waitForSelector('#sign-dialog[open]', { timeout: 5_000 });
    const what = await text('#sign-what');
    assert.match(what, new RegExp(`version ${version}`));
    assert.match(what, /Camille LEFORT/);
    assert.match(what, new RegExp(`RPPS ${DR_LEFORT.userinfo.SubjectNameID}`));
    await screenshot(`${kind}-v${version}-sign-confirmation`);
    await page.click('#sign-confirm');
    await until(() => /Signé/.test(document.getElementById('editor-doc').textContent) || /error/.test(document.getElementById('message').className), null, 60_000, 'signed');
    assert.equal(await messageIsError(), false, await text('#document-errors'));
    const editor = kind === 'pps' ? '#pps-editor' : '#rcp-form';
    assert.equal(await page.$eval(editor, (e) => e.readonly), true, 'a signed version is read-only');
    assert.equal(await page.$eval('#save-draft', (e) => e.disabled), true);
    await screenshot(`${kind}-v${version}-signed`);
  }

  /** « Envoyer au DMP… » with the visibility choice (radio value, '' = visible to all) and the care team's MSSanté addresses. */
  async function send({ mssPatient = true, visibility = '', recipients = '', hiddenFromLegalRepresentatives = false } = {}) {
    await page.click('#send-doc');
    await page.waitForSelector('#send-form:not([hidden])', { timeout: 5_000 });
    const checked = await page.$eval('#send-form [name="mssPatient"]', (e) => e.checked);
    if (checked !== mssPatient) await page.click('#send-form [name="mssPatient"]');
    await page.click(`#send-form [name="visibility"][value="${visibility}"]`);
    assert.equal(await page.$eval('#send-form [name="hiddenFromLegalRepresentatives"]', (e) => e.checked), false, 'starts unchecked');
    if (hiddenFromLegalRepresentatives) await page.click('#send-form [name="hiddenFromLegalRepresentatives"]');
    // A new document's send form starts empty (no address left from another patient's document).
    assert.equal(await page.$eval('#send-form [name="recipients"]', (e) => e.value), '');
    if (recipients) await page.type('#send-form [name="recipients"]', recipients);
    await page.click('#send-confirm');
    await until(() => /Transmis/.test(document.getElementById('editor-doc').textContent) || /error/.test(document.getElementById('message').className), null, 30_000, 'sent');
    assert.equal(await messageIsError(), false, await text('#message'));
  }

  test('login through the local Pro Santé Connect, the seeded patients listed', async () => {
    await loginToDemo(page, demo.url);
    await page.waitForSelector('#workspace:not([hidden])', { timeout: 10_000 });
    await until((n) => document.querySelectorAll('#patient-table tbody tr').length >= n, SEEDED_PATIENTS.length, 10_000, 'seeded patients');
    await screenshot('patients');
  });

  test('PPS: draft, validate, sign, send → DMP « accepté », XDM message in the sink', async () => {
    await openPatient(adult.usedName ?? adult.traits.birthName);
    // <dmp-status> (its shadow root) or the page's own summary when the element is missing.
    await until(() => /peuvent être envoyés/.test(slotText()), null, 20_000, 'patient DMP open');
    assert.equal(await page.evaluate(() => Boolean(customElements.get('dmp-status'))), true, '<dmp-status> defined');
    await screenshot('patient-dmp-status');
    await writeValidateSign('pps', { typed: TYPED_PPS });
    const tag = await tagDmpStatus();
    await send();
    await liveInDmpStatus(tag, 1, 'accepted', /accepté/, '<dmp-status>: PPS accepted, live');
    await channelState(1, 'dmp', 'accepted');
    await channelState(1, 'mss:patient', 'accepted');
    assert.match(await text('#version-table tr[data-version="1"] [data-channel="dmp"]'), /accepté/);
    await screenshot('pps-accepted');
    const mails = await sinkMails();
    assert.equal(mails.length, 1);
    assert.match(JSON.stringify(mails[0].attachments), /IHE_XDM\.zip/i);
    // The page's mailbox panel shows it (through the GET-only side door of the page server).
    await page.click('#mailbox summary');
    await until(() => /IHE_XDM\.zip/i.test(document.querySelector('#mail-table tbody').textContent), null, 30_000, 'mail listed in the page');
    await screenshot('mailbox');
  });

  test('« Nouvelle version » replaces the signed PPS: v2 accepted, v1 Deprecated in the DMP', async () => {
    await page.select('#replace-reason', 'MED-560');
    await page.click('#new-version');
    await until(() => /version 2/.test(document.getElementById('editor-title').textContent) && /Brouillon/.test(document.getElementById('editor-doc').textContent), null, 30_000, 'v2 draft');
    assert.equal(await page.$eval('#pps-editor', (e) => e.readonly), false, 'the new version is editable');
    await writeValidateSign('pps', { version: 2 });
    // Sent masked to professionals (until they are told), and to the GP's MSSanté address.
    await send({ mssPatient: false, visibility: 'MASQUE_PS', recipients: CARE_TEAM_ADDRESS });
    await channelState(2, 'dmp', 'accepted');
    await channelState(2, `mss:${CARE_TEAM_ADDRESS}`, 'accepted');
    await screenshot('pps-v2-accepted');
    const entries = await (await fetch(`${demo.dmp.adminUrl}/entries?patientId=${adult.ins.value}`)).json();
    // The CDA entries (each comes with its signature entry): v1 deprecated by v2, same logical document.
    const cdas = entries.filter((e) => !e.isSignature).sort((a, b) => a.version - b.version);
    assert.deepEqual(cdas.map((e) => e.status), ['Deprecated', 'Approved']);
    assert.equal(cdas[0].setIdFromCda, cdas[1].setIdFromCda);
    assert.deepEqual(cdas.map((e) => e.confidentiality.some((c) => c.code === 'MASQUE_PS')), [false, true], 'the visibility chosen at submission');
    // The care team's message in the sink, addressed to the GP only (not the patient's mailbox).
    const mails = await sinkMails();
    const toGp = mails.filter((m) => m.envelope.rcptTo.includes(CARE_TEAM_ADDRESS));
    assert.equal(toGp.length, 1);
    assert.match(JSON.stringify(toGp[0].attachments), /IHE_XDM\.zip/i);
    assert.equal(mails.length, 2, 'v1 to the patient, v2 to the GP');
    const rows = await page.$$eval('#document-table tbody tr', (trs) => trs.map((tr) => [...tr.cells].slice(0, 2).map((td) => td.textContent)));
    assert.deepEqual(rows, [['PPS', 'v2']], 'the same document, not a second one');
  });

  test('Fiche RCP under a DMP outage: « nouvel essai » then « accepté », XDM in the sink', async () => {
    await openPatient(adult.usedName ?? adult.traits.birthName);
    const fault = await fetch(`${demo.dmp.adminUrl}/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ endpoint: 'repository', kind: 'http-503', count: 2 }),
    });
    assert.ok(fault.ok, `fault injected (HTTP ${fault.status})`);
    await writeValidateSign('frcp', { typed: TYPED_FRCP });
    const tag = await tagDmpStatus();
    await send();
    await until(() => /nouvel essai/.test(document.querySelector('#version-table tr[data-version="1"] [data-channel="dmp"]')?.textContent ?? ''), null, 60_000, 'retrying shown');
    await screenshot('frcp-retrying');
    await channelState(1, 'dmp', 'accepted', 90_000);
    await liveInDmpStatus(tag, 1, 'accepted', /accepté/, '<dmp-status>: Fiche RCP accepted after the outage, live');
    await screenshot('frcp-accepted');
    const mails = await sinkMails();
    assert.equal(mails.length, 3);
    assert.match(JSON.stringify(mails[2].attachments), /IHE_XDM\.zip/i);
  });

  test('« Nouveau PPS depuis la RCP » on the signed Fiche RCP: the PPS starts with its proposals, RCP date and reference, nothing typed', async () => {
    await until(() => [...document.querySelectorAll('#document-table button')].some((b) => b.textContent === 'Nouveau PPS depuis la RCP'), null, 20_000, 'action offered on the signed RCP');
    await page.evaluate(() => [...document.querySelectorAll('#document-table button')].find((b) => b.textContent === 'Nouveau PPS depuis la RCP').click());
    await until(() => /PPS prérempli/.test(document.getElementById('message').textContent) || /error/.test(document.getElementById('message').className), null, 20_000, 'PPS started from the RCP');
    assert.equal(await messageIsError(), false, await text('#message'));
    const started = await page.$eval('#pps-editor', (e) => ({
      hidden: e.hidden,
      references: e.value.referencedDocuments ?? [],
      performed: (e.value.therapeuticProgramme?.treatments ?? []).map((t) => t.performed),
      rcpDate: e.value.status?.rcpDate,
      tumours: (e.value.tumours ?? []).length,
    }));
    assert.equal(started.hidden, false);
    assert.equal(started.references.length, 1);
    assert.match(started.references[0].id.root, /^[0-9]+(\.[0-9]+)+$/, 'the RCP\'s own document id, as signed');
    assert.ok(started.performed.length > 0 && started.performed.every((p) => p === 'planned'), started.performed.join());
    assert.match(started.rcpDate, /^\d{4}-\d{2}-\d{2}$/);
    assert.ok(started.tumours > 0);
    await screenshot('pps-from-rcp');
  });

  test('the non-qualified patient: the DMP sending is refused with its reason', async () => {
    await openPatient(nonQualified.usedName ?? nonQualified.traits.birthName);
    await until(() => /qualifi/.test(slotText()), null, 20_000, 'identity not qualified shown');
    assert.match(await page.evaluate(() => slotText()), /ne peuvent pas être envoyés/);
    await writeValidateSign('pps');
    // The platform refuses to queue it (422), and the page says why.
    await page.click('#send-doc');
    await page.waitForSelector('#send-form:not([hidden])', { timeout: 5_000 });
    await page.click('#send-confirm');
    await until(() => /error/.test(document.getElementById('message').className), null, 30_000, 'refusal shown');
    assert.match(await text('#message'), /qualified identity \(INS qualifiée\)/);
    assert.match(await text('#steps'), /Envoi au DMP.*✘/);
    await screenshot('non-qualified-refused');
  });

  test('the patient whose DMP is closed: <dmp-status> says so, the sending waits with its reason in plain French', async () => {
    await openPatient(closedDmp.usedName ?? closedDmp.traits.birthName);
    await until(() => /fermé/i.test(slotText()), null, 20_000, 'closed DMP shown');
    await screenshot('closed-dmp-status');
    await writeValidateSign('pps');
    const tag = await tagDmpStatus();
    await send({ mssPatient: false });
    // The reason reaches the open chart's <dmp-status> through the change feed, nothing reopened.
    await liveInDmpStatus(tag, 1, 'parked', /DMP du patient est fermé/, 'closure reason in <dmp-status>, live');
    await channelState(1, 'dmp', 'parked');
    await screenshot('closed-dmp-parked');
    const entries = await (await fetch(`${demo.dmp.adminUrl}/entries?patientId=${closedDmp.ins.value}`)).json();
    assert.deepEqual(entries, [], 'nothing deposited');
  });

  test('the minor with a secret connection: visible to the legal representatives → refused with the rule; hidden from them → accepted, labelled', async () => {
    await openPatient(minorSecret.usedName ?? minorSecret.traits.birthName);
    await until(() => /peuvent être envoyés/.test(slotText()), null, 20_000, 'minor DMP open');
    const tag = await tagDmpStatus();
    await writeValidateSign('pps');
    await send({ mssPatient: false });
    await liveInDmpStatus(tag, 1, 'refused', /connexion secrète/, 'secret-connection rule in <dmp-status>, live');
    await channelState(1, 'dmp', 'refused');
    assert.match(await text('#version-table tr[data-version="1"] [data-channel="dmp"]'), /Patient mineur en connexion secrète/);
    await screenshot('minor-secret-refused');
    assert.deepEqual(await (await fetch(`${demo.dmp.adminUrl}/entries?patientId=${minorSecret.ins.value}`)).json(), [], 'nothing deposited');

    // The correct path: « non visible par les représentants légaux » — the platform tells the DMP
    // it is the minor's secret connection (VIHF), and the document is deposited hidden from them.
    await writeValidateSign('pps');
    // The patient's MSSanté copy left ticked: never sent in a secret connection (her legal representatives may read that mailbox).
    await send({ mssPatient: true, hiddenFromLegalRepresentatives: true });
    await liveInDmpStatus(tag, 1, 'accepted', /non visible par les représentants légaux/, 'minor’s document accepted with its label in <dmp-status>, live');
    await channelState(1, 'dmp', 'accepted');
    assert.equal(await page.$('#version-table tr[data-version="1"] [data-channel="mss:patient"]'), null, 'no copy to the minor’s mailbox');
    await screenshot('minor-secret-accepted');
    const entries = await (await fetch(`${demo.dmp.adminUrl}/entries?patientId=${minorSecret.ins.value}`)).json();
    assert.deepEqual(entries.filter((e) => !e.isSignature).map((e) => [e.status, e.visibility]), [['Approved', ['INVISIBLE_REPRESENTANTS_LEGAUX']]]);
  });

  test('two tabs of the same session save the same document: the second save gets the 412 explained, no second document', async () => {
    await openPatient(adult.usedName ?? adult.traits.birthName);
    await activate('#new-pps');
    await page.waitForSelector('#load-example', { visible: true, timeout: 30_000 }); // the editor opens asynchronously
    await activate('#load-example');
    await until(() => /Exemple chargé/.test(document.getElementById('message').textContent), null, 30_000, 'example loaded');
    await page.click('#save-draft');
    await stepsDone(1);
    const countPps = (p) => p.$$eval('#document-table tbody tr', (trs) => trs.filter((tr) => tr.cells[0]?.textContent === 'PPS').length);
    await until(() => document.querySelectorAll('#document-table tbody tr').length >= 3, null, 30_000, 'new PPS listed');
    const ppsBefore = await countPps(page);

    // The second tab: same browser, same session cookie; opens the draft and saves a new version.
    const other = await browser.newPage();
    try {
      await other.setViewport({ width: 1400, height: 1000 });
      await other.goto(`${demo.url}/`);
      await other.waitForSelector('html[data-ready]', { timeout: 60_000 });
      if (await other.$eval('#workspace', (e) => e.hidden)) {
        const ico = await other.$$eval('#activity option', (options) => options.find((o) => o.textContent.includes('492805973'))?.value);
        await other.select('#activity', ico);
      }
      await other.waitForFunction(
        (name) => [...document.querySelectorAll('#patient-table tbody tr')].some((tr) => tr.cells[0]?.textContent?.includes(name)),
        { timeout: 30_000 },
        adult.usedName ?? adult.traits.birthName,
      );
      await other.evaluate((name) => {
        const row = [...document.querySelectorAll('#patient-table tbody tr')].find((tr) => tr.cells[0]?.textContent?.includes(name));
        row?.focus();
      }, adult.usedName ?? adult.traits.birthName);
      await other.keyboard.press('Enter');
      // The newest document first: the draft just saved in the first tab. Found and clicked in
      // one page task: the list is redrawn whenever the page hears of a change, so a button found
      // by puppeteer may be detached by the time its mouse click lands (CI under load).
      await other.waitForFunction(
        () => {
          const row = document.querySelector('#document-table tbody tr:first-child');
          if (row?.cells[2]?.textContent !== 'Brouillon') return false;
          row.querySelector('button').click();
          return true;
        },
        { timeout: 30_000, polling: 100 },
      );
      await other.waitForFunction(() => !document.getElementById('editor').hidden && /version 1/.test(document.getElementById('editor-title').textContent), { timeout: 30_000 });
      await other.click('#save-draft');
      await other.waitForFunction(() => [...document.querySelectorAll('#steps li')].some((li) => li.className === 'done'), { timeout: 30_000 });
      assert.match(await other.$eval('#editor-title', (e) => e.textContent), /version 2/);
      await other.screenshot({ path: join(ARTIFACTS, `${String(++shot).padStart(2, '0')}-second-tab-saved-v2.png`) });
    } finally {
      await other.close();
    }

    // Back in the first tab: its save carries the old ETag → 412, explained, nothing overwritten.
    await page.bringToFront();
    await page.click('#save-draft');
    await until(() => !document.getElementById('conflict').hidden, null, 30_000, 'conflict shown');
    assert.match(await text('#message'), /modifié dans un autre onglet/);
    assert.match(await text('#steps'), /Enregistrement du brouillon ✘/);
    await screenshot('two-tabs-conflict');
    await page.click('#conflict-reload');
    await until(() => document.getElementById('conflict').hidden && /version 2/.test(document.getElementById('editor-title').textContent), null, 30_000, 'saved version reloaded');
    await until((n) => document.querySelectorAll('#document-table tbody tr').length >= n, 3, 30_000, 'documents listed');
    assert.equal(await countPps(page), ppsBefore, 'the same document: no second PPS');
    await screenshot('two-tabs-reloaded');
    assert.deepEqual(problems, []);
  });

  test('the identity panel: the provisional patient says why it cannot be deposited; INSi search then the identity document qualify it', async () => {
    const panel = () => document.getElementById('identity-slot')?.textContent ?? '';
    await openPatient(nonQualified.usedName ?? nonQualified.traits.birthName);
    // The status and the reason, from the one text source (@dcc-kit/cda/identity).
    const why = notSubmittableBecause('provisional').fr;
    await until((text) => document.getElementById('identity-slot')?.textContent.includes(text), why, 10_000, 'the reason shown');
    assert.match(await page.evaluate(panel), /Dépôt au DMP impossible — Identité provisoire/);
    // INSi (the simulator, mutual TLS) finds the identity: recovered, still not depositable.
    await page.click('#identity-slot button[data-action="insi-search"]');
    await until(() => /Identité récupérée/.test(document.getElementById('identity-slot')?.textContent ?? '') && !!document.querySelector('#identity-slot button[data-action="identity-document"]:not([disabled])'), null, 30_000, 'INSi found, recovered');
    assert.match(await page.evaluate(panel), /INSi : une identité trouvée/);
    await page.click('#identity-slot button[data-action="identity-document"]');
    await until(() => /Identité qualifiée : les documents peuvent être déposés au DMP/.test(document.getElementById('identity-slot')?.textContent ?? ''), null, 10_000, 'qualified');
    assert.equal(await text('#p-status'), 'Qualifiée', 'the chart header follows');
    await screenshot('identity-qualified');
    assert.deepEqual(problems, []);
  });
});
