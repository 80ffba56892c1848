import { html } from 'lit';
import { sendKeys } from '@web/test-runner-commands';
import type { ValueSet } from '@dcc-kit/cda/core';
import '../define/dcc-code-picker.js';
import { DccCodePicker } from './index.js';
import { foldForSearch, indexValueSet, searchConcepts } from './index.js';
import { assert, expectNoAxeViolations, fixture } from '../testing/index.js';

const GENDER: ValueSet = {
  name: 'JDV_Test_Genre',
  oid: '1.2.3',
  source: 'test',
  concepts: [
    { code: 'F', codeSystem: '2.16.840.1.113883.5.1', displayName: 'Féminin' },
    { code: 'M', codeSystem: '2.16.840.1.113883.5.1', displayName: 'Masculin' },
    { code: 'UN', codeSystem: '2.16.840.1.113883.5.1', displayName: 'Inconnu' },
  ],
};

/** The lazily loaded value set is there (the picker's own promise, no polling) and rendered. */
async function valueSetLoaded(picker: DccCodePicker): Promise<void> {
  await picker.ensureValueSet();
  await settle(picker);
}

function parts(picker: DccCodePicker) {
  const root = picker.shadowRoot!;
  return {
    input: root.querySelector<HTMLInputElement>('[part="input"]')!,
    listbox: root.querySelector<HTMLElement>('[role="listbox"]')!,
    options: () => [...root.querySelectorAll<HTMLElement>('[role="option"]')],
    status: () => root.querySelector('[role="status"]')!.textContent!.trim(),
    error: () => root.querySelector('[part="error"]'),
  };
}

async function settle(picker: DccCodePicker): Promise<void> {
  await picker.updateComplete;
  await new Promise((r) => requestAnimationFrame(() => r(undefined)));
  await picker.updateComplete;
}

describe('<dcc-code-picker>', () => {
  it('searches accent-, case- and punctuation-insensitively on code and label', () => {
    assert.equal(foldForSearch('  Épithéliome  MALIN, d’œil '), 'epitheliome malin d oeil');
    const index = indexValueSet(GENDER);
    assert.deepEqual(searchConcepts(index, 'feminin').map((i) => i.concept.code), ['F']);
    assert.deepEqual(searchConcepts(index, 'FÉMININ').map((i) => i.concept.code), ['F']);
    assert.deepEqual(searchConcepts(index, 'un').map((i) => i.concept.code), ['UN']);
    // A label word starting with the text ranks before a match inside a word.
    assert.deepEqual(searchConcepts(index, 'in').map((i) => i.concept.code), ['UN', 'F', 'M']);
    // The exact code comes first.
    assert.equal(searchConcepts(index, 'm')[0]!.concept.code, 'M');
    assert.deepEqual(searchConcepts(index, 'zzz'), []);
    assert.equal(searchConcepts(index, '').length, 3);
  });

  it('is chosen with the keyboard only: Tab in, type, arrows, Enter; Escape keeps the choice', async () => {
    const form = await fixture<HTMLFormElement>(html`<form>
      <button type="button" id="before">avant</button>
      <dcc-code-picker name="morphology" label="Morphologie (CIM-O-3)" value-set-name="JDV_Morphologie_CISIS"></dcc-code-picker>
    </form>`);
    const picker = form.querySelector('dcc-code-picker')!;
    const { input, listbox, options } = parts(picker);
    const events: string[] = [];
    picker.addEventListener('input', () => events.push('input'));
    picker.addEventListener('change', () => events.push('change'));
    form.querySelector<HTMLButtonElement>('#before')!.focus();

    await sendKeys({ press: 'Tab' });
    assert.equal(picker.shadowRoot!.activeElement, input, 'Tab moves the focus into the search field');
    await sendKeys({ type: 'epitheliome mal' });
    await valueSetLoaded(picker);
    assert.ok(options().length > 0, 'the filtered list');
    assert.equal(events.length, 0, 'typing a search is not a change of value');
    assert.equal(input.getAttribute('aria-expanded'), 'true');
    assert.equal(listbox.hidden, false);
    const activeId = input.getAttribute('aria-activedescendant');
    assert.ok(activeId, 'the best match is active (type-ahead)');
    const active = picker.shadowRoot!.getElementById(activeId)!;
    assert.match(active.textContent!, /Épithéliome malin/);
    assert.ok(options().every((o) => /epitheliome/.test(foldForSearch(o.textContent!)) && /mal/.test(foldForSearch(o.textContent!))));

    await sendKeys({ press: 'Enter' });
    await settle(picker);
    assert.equal(picker.value, '8011/3');
    assert.equal(picker.codeSystem, '2.16.840.1.113883.6.43.1');
    assert.deepEqual(events, ['input', 'change']);
    assert.equal(input.value, 'Épithéliome malin');
    assert.equal(input.getAttribute('aria-expanded'), 'false');
    assert.equal(listbox.hidden, true);

    // ArrowDown opens on the selection; End / Home move; Escape closes and keeps the value.
    await sendKeys({ press: 'ArrowDown' });
    await settle(picker);
    assert.equal(input.getAttribute('aria-expanded'), 'true');
    assert.equal(picker.shadowRoot!.getElementById(input.getAttribute('aria-activedescendant')!)!.getAttribute('aria-selected'), 'true');
    await sendKeys({ press: 'End' });
    await settle(picker);
    const visible = options();
    assert.equal(input.getAttribute('aria-activedescendant'), visible[visible.length - 1]!.id);
    await sendKeys({ press: 'Home' });
    await settle(picker);
    assert.equal(input.getAttribute('aria-activedescendant'), visible[0]!.id);
    await sendKeys({ press: 'ArrowDown' });
    await settle(picker);
    assert.equal(input.getAttribute('aria-activedescendant'), visible[1]!.id);
    await sendKeys({ press: 'Escape' });
    await settle(picker);
    assert.equal(input.getAttribute('aria-expanded'), 'false');
    assert.equal(picker.value, '8011/3');

    // Down twice then Enter picks the second concept of the value set.
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Home' });
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    await settle(picker);
    assert.equal(picker.value, picker.currentValueSet!.concepts[1]!.code);
    assert.equal(new FormData(form).get('morphology'), picker.value);
  });

  it('finds a concept typed without accents or with different case, and by code', async () => {
    const picker = await fixture<DccCodePicker>(html`<dcc-code-picker label="Sexe" .valueSet=${GENDER}></dcc-code-picker>`);
    picker.focus();
    await sendKeys({ type: 'FEMI' });
    await settle(picker);
    const { options } = parts(picker);
    assert.deepEqual(options().map((o) => o.querySelector('[part="option-label"]')!.textContent), ['Féminin']);
    await sendKeys({ press: 'Enter' });
    await settle(picker);
    assert.equal(picker.value, 'F');
    // Select all and type a code: the exact code wins.
    parts(picker).input.select();
    await sendKeys({ type: 'un' });
    await settle(picker);
    assert.equal(options()[0]!.querySelector('[part="option-code"]')!.textContent!.trim().endsWith('UN'), true);
  });

  it('exposes the ARIA 1.2 combobox pattern', async () => {
    const picker = await fixture<DccCodePicker>(html`<dcc-code-picker label="Sexe" help="Sexe administratif" required .valueSet=${GENDER} value="M"></dcc-code-picker>`);
    const { input, listbox } = parts(picker);
    assert.equal(input.getAttribute('role'), 'combobox');
    assert.equal(input.getAttribute('aria-autocomplete'), 'list');
    assert.equal(input.getAttribute('aria-expanded'), 'false');
    assert.equal(input.getAttribute('aria-required'), 'true');
    assert.equal(picker.shadowRoot!.getElementById(input.getAttribute('aria-controls')!), listbox);
    assert.equal(listbox.getAttribute('role'), 'listbox');
    assert.equal(picker.shadowRoot!.getElementById(listbox.getAttribute('aria-labelledby')!)!.textContent!.includes('Sexe'), true);
    assert.equal(input.labels?.[0]?.textContent?.includes('Sexe'), true);
    assert.equal(picker.shadowRoot!.getElementById(input.getAttribute('aria-describedby')!)!.textContent, 'Sexe administratif');
    assert.equal(input.value, 'Masculin');
    input.focus();
    await sendKeys({ press: 'ArrowDown' });
    await settle(picker);
    const opts = parts(picker).options();
    assert.equal(opts.length, 3);
    assert.deepEqual(opts.map((o) => o.getAttribute('aria-selected')), ['false', 'true', 'false']);
    assert.equal(input.getAttribute('aria-activedescendant'), opts[1]!.id);
    assert.equal(picker.matches(':state(open)'), true);
  });

  it('passes an error described by the enclosing form (aria-describedby / aria-invalid on the host) to its field', async () => {
    const container = await fixture<HTMLDivElement>(html`<div>
      <dcc-code-picker label="Sexe" .valueSet=${GENDER} aria-invalid="true" aria-describedby="outer-error"></dcc-code-picker>
      <p id="outer-error">Le sexe est incohérent avec l’INS.</p>
    </div>`);
    const picker = container.querySelector('dcc-code-picker')!;
    picker.requestUpdate();
    await settle(picker);
    const { input } = parts(picker);
    assert.equal(input.getAttribute('aria-invalid'), 'true');
    const described = input.getAttribute('aria-describedby')!.split(' ').map((id) => picker.shadowRoot!.getElementById(id)!.textContent);
    assert.deepEqual(described, ['Le sexe est incohérent avec l’INS.']);
    await expectNoAxeViolations(container, { context: 'error given by the enclosing form' });
  });

  it('is required: invalid until chosen, errors shown only after the user leaves the field', async () => {
    const form = await fixture<HTMLFormElement>(html`<form>
      <dcc-code-picker name="gender" label="Sexe" required .valueSet=${GENDER}></dcc-code-picker>
      <button type="submit">Enregistrer</button>
    </form>`);
    const picker = form.querySelector('dcc-code-picker')!;
    assert.equal(picker.checkValidity(), false);
    assert.equal(picker.validity.valueMissing, true);
    assert.equal(picker.validationMessage, 'Ce champ est obligatoire.');
    assert.equal(picker.matches(':state(user-invalid)'), false, 'no error before any interaction');
    assert.equal(parts(picker).error(), null);

    picker.focus();
    await sendKeys({ press: 'Tab' }); // leave the field without choosing
    await settle(picker);
    assert.equal(picker.matches(':state(user-invalid)'), true);
    assert.equal(parts(picker).error()!.textContent, 'Ce champ est obligatoire.');
    assert.equal(parts(picker).input.getAttribute('aria-invalid'), 'true');
    assert.ok(parts(picker).input.getAttribute('aria-describedby')!.includes(parts(picker).error()!.id));
    await expectNoAxeViolations(form, { context: 'required picker showing its error' });

    let submitted = 0;
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      submitted++;
    });
    form.requestSubmit();
    assert.equal(submitted, 0, 'an invalid picker blocks the native submit');

    picker.focus();
    await sendKeys({ type: 'masc' });
    await settle(picker);
    await sendKeys({ press: 'Enter' });
    await settle(picker);
    assert.equal(picker.checkValidity(), true);
    assert.equal(picker.matches(':state(user-invalid)'), false);
    form.requestSubmit();
    assert.equal(submitted, 1);
  });

  it('takes part in a native <form>: FormData, reset, fieldset disabled, state restore', async () => {
    const form = await fixture<HTMLFormElement>(html`<form>
      <fieldset>
        <legend>Patient</legend>
        <dcc-code-picker name="gender" label="Sexe" value="F" .valueSet=${GENDER}></dcc-code-picker>
      </fieldset>
    </form>`);
    const picker = form.querySelector('dcc-code-picker')!;
    assert.equal(picker.form, form);
    assert.equal(new FormData(form).get('gender'), 'F');
    picker.value = 'UN';
    await settle(picker);
    assert.equal(new FormData(form).get('gender'), 'UN');
    form.reset();
    await settle(picker);
    assert.equal(picker.value, 'F', 'reset goes back to the initial value');
    assert.equal(new FormData(form).get('gender'), 'F');

    form.querySelector('fieldset')!.disabled = true;
    await settle(picker);
    assert.equal(parts(picker).input.disabled, true);
    assert.equal(picker.matches(':state(disabled)'), true);
    assert.equal(new FormData(form).has('gender'), false, 'a disabled control is not submitted');
    form.querySelector('fieldset')!.disabled = false;
    await settle(picker);
    assert.equal(parts(picker).input.disabled, false);

    picker.formStateRestoreCallback('M', 'restore');
    await settle(picker);
    assert.equal(picker.value, 'M');
    assert.equal(new FormData(form).get('gender'), 'M');

    picker.readonly = true;
    await settle(picker);
    picker.focus();
    await sendKeys({ press: 'ArrowDown' });
    await settle(picker);
    assert.equal(parts(picker).input.getAttribute('aria-expanded'), 'false', 'read-only never opens');
  });

  it('renders a limited window of a large value set and says so', async () => {
    const picker = await fixture<DccCodePicker>(html`<dcc-code-picker label="Morphologie" value-set-name="JDV_Morphologie_CISIS"></dcc-code-picker>`);
    picker.focus();
    await sendKeys({ press: 'ArrowDown' });
    await valueSetLoaded(picker);
    const total = picker.currentValueSet!.concepts.length;
    assert.ok(total > 1000);
    assert.equal(parts(picker).options().length, 50);
    assert.equal(parts(picker).status(), `50 premiers résultats sur ${total} : précisez la recherche.`);
  });

  it('is axe-clean closed, open and with a value', async () => {
    const form = await fixture<HTMLFormElement>(html`<form>
      <dcc-code-picker name="gender" label="Sexe" help="Sexe administratif" .valueSet=${GENDER}></dcc-code-picker>
      <dcc-code-picker name="tumour" label="Topographie" value="C50" value-set-name="JDV_Tumeur_CISIS"></dcc-code-picker>
    </form>`);
    const [gender, tumour] = [...form.querySelectorAll('dcc-code-picker')] as [DccCodePicker, DccCodePicker];
    await valueSetLoaded(tumour);
    assert.ok(tumour.selectedConcept, 'the lazily loaded value set');
    assert.equal(parts(tumour).input.value, 'Tumeur maligne du sein');
    await expectNoAxeViolations(form, { context: 'closed pickers' });
    gender.focus();
    await sendKeys({ press: 'ArrowDown' });
    await settle(gender);
    assert.equal(parts(gender).input.getAttribute('aria-expanded'), 'true');
    await expectNoAxeViolations(form, { context: 'open listbox with an active option' });
    await sendKeys({ type: 'zzz' });
    await settle(gender);
    assert.equal(parts(gender).status(), 'Aucun résultat');
    await expectNoAxeViolations(form, { context: 'open with no result' });
  });

  it('axe sees inside the shadow root: an unlabelled picker is reported', async () => {
    const picker = await fixture<DccCodePicker>(html`<dcc-code-picker .valueSet=${GENDER}></dcc-code-picker>`);
    await assert.rejects(expectNoAxeViolations(picker), /label/);
  });

  it('speaks French by default and English under lang="en", following changes', async () => {
    const container = await fixture<HTMLDivElement>(html`<div lang="fr"><dcc-code-picker label="Sexe" required .valueSet=${GENDER}></dcc-code-picker></div>`);
    const picker = container.querySelector('dcc-code-picker')!;
    picker.focus();
    await sendKeys({ press: 'ArrowDown' });
    await settle(picker);
    assert.equal(parts(picker).status(), '3 résultats');
    assert.equal(picker.validationMessage, 'Ce champ est obligatoire.');
    container.lang = 'en';
    await new Promise((r) => setTimeout(r, 0));
    await settle(picker);
    assert.equal(parts(picker).status(), '3 results');
    picker.checkValidity();
    assert.equal(picker.validationMessage, 'This field is required.');
  });

  it('leaving with half-typed text keeps the previous choice; clearing the text clears it', async () => {
    const picker = await fixture<DccCodePicker>(html`<dcc-code-picker label="Sexe" value="F" .valueSet=${GENDER}></dcc-code-picker>`);
    const changes: string[] = [];
    picker.addEventListener('change', () => changes.push(picker.value));
    picker.focus();
    parts(picker).input.select();
    // Half-typed text matching several concepts (« in »: Féminin, Masculin, Inconnu).
    await sendKeys({ type: 'in' });
    await sendKeys({ press: 'Tab' });
    await settle(picker);
    assert.equal(picker.value, 'F');
    assert.equal(parts(picker).input.value, 'Féminin');
    picker.focus();
    parts(picker).input.select();
    await sendKeys({ press: 'Backspace' });
    await sendKeys({ press: 'Tab' });
    await settle(picker);
    assert.equal(picker.value, '');
    assert.deepEqual(changes, ['']);
  });

  it('Tab after text matching one concept only takes that concept instead of dropping the text', async () => {
    const picker = await fixture<DccCodePicker>(html`<dcc-code-picker label="Sexe" value="F" .valueSet=${GENDER}></dcc-code-picker>`);
    const changes: string[] = [];
    picker.addEventListener('change', () => changes.push(picker.value));
    picker.focus();
    parts(picker).input.select();
    await sendKeys({ type: 'mas' });
    await sendKeys({ press: 'Tab' });
    await settle(picker);
    assert.equal(picker.value, 'M');
    assert.equal(parts(picker).input.value, 'Masculin');
    assert.deepEqual(changes, ['M']);
  });

  it('finds what clinicians type: « chimio », « RT », « hormono » (VALUE_SET_SYNONYMS of @dcc-kit/cda)', async () => {
    const picker = await fixture<DccCodePicker>(html`<dcc-code-picker label="Type de traitement" value-set-name="JDV_TypeTraitementPPS_CISIS"></dcc-code-picker>`);
    for (const [typed, code] of [
      ['chimio', 'C15632'],
      ['RT', 'C15313'],
      ['hormono', 'C15445'],
      ['Chir', '387713003'],
    ] as const) {
      picker.focus();
      parts(picker).input.select();
      await sendKeys({ type: typed });
      await valueSetLoaded(picker);
      await sendKeys({ press: 'Enter' });
      await settle(picker);
      assert.equal(picker.value, code, `« ${typed} »`);
    }
  });

  it('says when the national value set lacks the concept (« psy ») and offers the free-text path first', async () => {
    const picker = await fixture<DccCodePicker>(html`<dcc-code-picker label="Soin de support" value-set-name="JDV_SoinsOncoDeSupport_CISIS"></dcc-code-picker>`);
    picker.focus();
    await sendKeys({ type: 'psy' });
    await valueSetLoaded(picker);
    const note = picker.shadowRoot!.querySelector('[part="note"]');
    assert.match(note?.textContent ?? '', /soutien psychologique du patient n’existe pas/);
    assert.match(parts(picker).status(), /n’existe pas dans ce jeu de valeurs national/, 'announced in the live status');
    assert.equal(parts(picker).options()[0]!.querySelector('[part="option-code"]')!.textContent!.replace(/\s+/g, ' ').trim(), 'code GEN-092.04.07');
    await expectNoAxeViolations(picker, { context: 'absent concept note' });
    await sendKeys({ press: 'Enter' });
    await settle(picker);
    assert.equal(picker.value, 'GEN-092.04.07', 'Enter takes « Autre soins de support », its precision typed as text');
  });

  it('shows its error when a native form submit finds it invalid', async () => {
    const form = await fixture<HTMLFormElement>(html`<form><dcc-code-picker name="sexe" label="Sexe" required .valueSet=${GENDER}></dcc-code-picker></form>`);
    const picker = form.querySelector('dcc-code-picker') as DccCodePicker;
    await settle(picker);
    assert.ok(!picker.matches(':state(user-invalid)'), 'nothing shown before any attempt');
    form.requestSubmit();
    await settle(picker);
    assert.ok(picker.matches(':state(user-invalid)'), 'the submit attempt shows the error');
  });

  it('once its value set is loaded, a new picker shows the label from its first update (one update, not two)', async () => {
    let loads = 0;
    class CountingPicker extends DccCodePicker {
      static override valueSetLoader = async () => {
        loads++;
        return GENDER;
      };
    }
    if (!customElements.get('dcc-counting-code-picker')) customElements.define('dcc-counting-code-picker', CountingPicker);
    const first = await fixture<DccCodePicker>(html`<dcc-counting-code-picker label="Sexe" value-set-name="JDV_Test_Genre_Counting" .value=${'F'}></dcc-counting-code-picker>`);
    await valueSetLoaded(first);
    assert.equal(parts(first).input.value, 'Féminin');
    // A second picker of the same value set (a form shows about 80): rendered once, with the label.
    const second = document.createElement('dcc-counting-code-picker') as DccCodePicker;
    second.setAttribute('label', 'Sexe');
    second.setAttribute('value-set-name', 'JDV_Test_Genre_Counting');
    second.value = 'M';
    let updates = 0;
    const update = (second as unknown as { update(changed: unknown): void }).update.bind(second);
    (second as unknown as { update(changed: unknown): void }).update = (changed) => {
      updates++;
      update(changed);
    };
    first.after(second);
    await settle(second);
    assert.equal(parts(second).input.value, 'Masculin', 'the label at once');
    assert.equal(updates, 1, 'one update');
    assert.equal(loads, 1, 'the value set was loaded once for both');
    second.remove();
  });

  it('keeps a whole-text selection when the label arrives after focus: typing replaces it', async () => {
    // The value set loads after the clinician focused the field and selected its text (the code
    // shown until then) to type over it; the label replacing the code must not drop that selection.
    let release!: (vs: ValueSet) => void;
    const held = new Promise<ValueSet>((resolve) => (release = resolve));
    class HeldPicker extends DccCodePicker {
      static override valueSetLoader = () => held;
    }
    if (!customElements.get('dcc-held-code-picker')) customElements.define('dcc-held-code-picker', HeldPicker);
    const picker = await fixture<DccCodePicker>(html`<dcc-held-code-picker label="Sexe" value-set-name="JDV_Test_Genre_Held" .value=${'F'}></dcc-held-code-picker>`);
    const { input } = parts(picker);
    assert.equal(input.value, 'F', 'the code is shown while its value set loads');
    picker.focus();
    input.select();
    release(GENDER);
    await valueSetLoaded(picker);
    assert.equal(input.value, 'Féminin', 'the label replaced the code');
    assert.equal([input.selectionStart, input.selectionEnd].join('-'), `0-${'Féminin'.length}`, 'the whole text is still selected');
    await sendKeys({ type: 'mas' });
    await settle(picker);
    assert.equal(input.value, 'mas', 'typing replaced the text: no keystroke appended to the label');
  });
});
