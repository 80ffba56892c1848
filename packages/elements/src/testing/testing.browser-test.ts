// Proves the shared browser-test infrastructure itself: fixtures render, axe reports real
// violations (and nothing on clean markup), the conformance server command validates a PPS
// built in the page, and the probe page reloads for real while keeping the origin's storage.
import { html } from 'lit';
import { buildPps } from '@dcc-kit/cda/core';
import { assert, axeViolations, expectNoAxeViolations, fixture, loadExampleJson, openProbePage, validateCdaInNode, voletLayer } from './index.js';

describe('browser test infrastructure', () => {
  it('fixture renders a string or a Lit template into the document and cleans up', async () => {
    const fromString = await fixture('<p class="probe">bonjour</p>');
    assert.equal(fromString.isConnected, true);
    assert.equal(fromString.textContent, 'bonjour');
    const fromTemplate = await fixture<HTMLButtonElement>(html`<button type="button">OK</button>`, { lang: 'en' });
    assert.equal(fromTemplate.localName, 'button');
    assert.equal(fromTemplate.closest('[lang]')?.getAttribute('lang'), 'en');
  });

  it('leaves no fixture behind after a test', () => {
    assert.equal(document.querySelectorAll('[data-fixture]').length, 0);
  });

  it('axe reports a WCAG violation with its rule id, and nothing on clean markup', async () => {
    const bad = await fixture(html`<div><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" /><button type="button"></button></div>`);
    const violations = await axeViolations(bad);
    const ids = violations.map((v) => v.id).sort();
    assert.deepEqual(ids, ['button-name', 'image-alt']);
    await assert.rejects(expectNoAxeViolations(bad, { context: 'broken markup' }), /image-alt[\s\S]*broken markup|broken markup[\s\S]*image-alt/);
    const good = await fixture(html`<form><label for="f">Nom</label><input id="f" /><button type="submit">Envoyer</button></form>`);
    await expectNoAxeViolations(good, { context: 'labelled form' });
  });

  it('checks several elements, inside shadow roots, in one axe run', async () => {
    const host = await fixture('<div><p>hors échantillon</p></div>');
    const inner = document.createElement('section');
    host.attachShadow({ mode: 'open' }).append(inner);
    const ok = document.createElement('p');
    ok.textContent = 'texte';
    const bad = document.createElement('div');
    bad.innerHTML = '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">';
    inner.append(ok, bad);
    await expectNoAxeViolations([ok], { context: 'clean sample' });
    const violations = await axeViolations([ok, bad]);
    assert.deepEqual(violations.map((v) => v.id), ['image-alt']);
  });

  it('refuses an axe exclusion without a written reason', async () => {
    const el = await fixture('<p>texte</p>');
    await assert.rejects(expectNoAxeViolations(el, { disabledRules: { 'color-contrast': '' } }), /without a written reason/);
  });

  it('validates a PPS built in the page with the kit layers in Node', async function () {
    this.timeout(120_000);
    const input = await loadExampleJson('pps', '01-sein-gauche-fec-docetaxel-radiotherapie.json');
    const xml = buildPps(input);
    const verdict = await validateCdaInNode(xml, 'pps', ['xsd', voletLayer('pps')]);
    assert.deepEqual(verdict.layers.map((l) => l.layer), ['xsd', 'CI-SIS_CANCER-PPS_2022.01']);
    assert.equal(verdict.valid, true, JSON.stringify(verdict.layers));
    // The same command must also say no: an unknown element at the top is not schema-valid.
    const broken = xml.replace(/(<ClinicalDocument[^>]*>)/, '$1<bogus/>');
    const refused = await validateCdaInNode(broken, 'pps', ['xsd']);
    assert.equal(refused.valid, false);
    assert.ok(refused.layers[0]!.errors.length > 0);
  });

  it('a probe page of the same origin survives a real reload and keeps the storage', async () => {
    const probe = await openProbePage();
    try {
      const first = await probe.call<{ href: string; marker: number }>(new URL('./probe-module.js', import.meta.url).href, 'markRealm', ['dcc-probe']);
      await probe.reload();
      const second = await probe.call<{ href: string; marker: number; stored: string | null }>(new URL('./probe-module.js', import.meta.url).href, 'readRealm', ['dcc-probe']);
      assert.equal(second.href, first.href);
      // A fresh JS realm (the global marker is gone) that still sees the origin's storage.
      assert.equal(second.marker, 0);
      assert.equal(second.stored, String(first.marker));
    } finally {
      await probe.close();
    }
  });
});
