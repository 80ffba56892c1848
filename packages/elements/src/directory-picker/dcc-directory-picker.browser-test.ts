// <dcc-directory-picker> with a fake search function (the element knows no directory): typing
// debounced on a FakeClock, the search before cancelled, keyboard choice, the labels a screen
// reader reads, axe, and the "unavailable" message that sends the user to manual entry.
import { html } from 'lit';
import { sendKeys } from '@web/test-runner-commands';
import '../define/dcc-directory-picker.js';
import { DIRECTORY_DEBOUNCE_MS, type DccDirectoryPicker, type DccDirectoryPickEvent, type DirectoryOption } from './index.js';
import { assert, expectNoAxeViolations, fixture, FakeClock } from '../testing/index.js';

const PEOPLE: DirectoryOption<{ idNatPs: string }>[] = [
  { key: '810209801199', label: 'Dr Camille LEFORT', detail: 'Oncologie médicale · ICO Angers', value: { idNatPs: '810209801199' } },
  { key: '810430519933', label: 'Dr Pauline LABORDE', detail: 'Oncologie médicale · Institut Bergonié', value: { idNatPs: '810430519933' } },
];

interface Call {
  text: string;
  signal: AbortSignal;
}

function recordingSearch(answer: (text: string) => Promise<readonly DirectoryOption[]>) {
  const calls: Call[] = [];
  const search = (text: string, signal: AbortSignal) => {
    calls.push({ text, signal });
    return answer(text);
  };
  return { calls, search };
}

function parts(picker: DccDirectoryPicker) {
  const root = picker.shadowRoot!;
  return {
    input: root.querySelector<HTMLInputElement>('[part="input"]')!,
    label: root.querySelector<HTMLLabelElement>('[part="label"]')!,
    options: () => [...root.querySelectorAll<HTMLElement>('[role="option"]')],
    status: () => root.querySelector('[role="status"]')!.textContent!.trim(),
  };
}

async function settle(picker: DccDirectoryPicker): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await new Promise((r) => setTimeout(r, 0));
    await picker.updateComplete;
  }
}

describe('<dcc-directory-picker>', () => {
  it('searches once the typing pauses, on the injected clock, and is chosen with the keyboard', async () => {
    const clock = new FakeClock();
    const { calls, search } = recordingSearch(async () => PEOPLE);
    const picker = await fixture<DccDirectoryPicker>(html`<dcc-directory-picker label="Auteur : rechercher dans l’Annuaire Santé" .search=${search} .clock=${clock}></dcc-directory-picker>`);
    const p = parts(picker);
    p.input.focus();
    await sendKeys({ type: 'lef' });
    await picker.updateComplete;
    assert.equal(calls.length, 0, 'nothing before the pause');
    await clock.tick(DIRECTORY_DEBOUNCE_MS - 1);
    assert.equal(calls.length, 0);
    await clock.tick(1);
    await settle(picker);
    assert.deepEqual(calls.map((c) => c.text), ['lef'], 'one search for three keystrokes');
    assert.equal(p.input.getAttribute('aria-expanded'), 'true');
    assert.equal(p.options().length, 2);
    assert.equal(p.status(), '2 résultats');
    assert.equal(p.input.getAttribute('aria-activedescendant'), p.options()[0]!.id);
    let picked: DirectoryOption | undefined;
    picker.addEventListener('dcc-directory-pick', (e: DccDirectoryPickEvent) => (picked = e.detail.option));
    await sendKeys({ press: 'ArrowDown' });
    await picker.updateComplete;
    assert.equal(p.input.getAttribute('aria-activedescendant'), p.options()[1]!.id);
    assert.equal(p.options()[1]!.getAttribute('aria-selected'), 'true');
    await sendKeys({ press: 'Enter' });
    await picker.updateComplete;
    assert.equal(picked?.key, '810430519933');
    assert.equal(p.input.getAttribute('aria-expanded'), 'false');
    assert.match(p.status(), /Dr Pauline LABORDE : champs remplis/);
  });

  it('cancels the search in flight when the user types on, and ignores its late answer', async () => {
    const clock = new FakeClock();
    const pending: ((v: readonly DirectoryOption[]) => void)[] = [];
    const { calls, search } = recordingSearch(() => new Promise((resolve) => pending.push(resolve)));
    const picker = await fixture<DccDirectoryPicker>(html`<dcc-directory-picker label="Structure" .search=${search} .clock=${clock}></dcc-directory-picker>`);
    const p = parts(picker);
    p.input.focus();
    await sendKeys({ type: 'ico' });
    await clock.tick(DIRECTORY_DEBOUNCE_MS);
    await settle(picker);
    assert.equal(p.status(), 'Recherche dans l’Annuaire Santé…');
    assert.equal(p.input.getAttribute('aria-busy'), 'true');
    await sendKeys({ type: ' a' });
    await clock.tick(DIRECTORY_DEBOUNCE_MS);
    await settle(picker);
    assert.deepEqual(calls.map((c) => [c.text, c.signal.aborted]), [['ico', true], ['ico a', false]]);
    pending[0]!([PEOPLE[0]!]);
    pending[1]!([]);
    await settle(picker);
    assert.equal(p.options().length, 0, 'the cancelled answer is not shown');
    assert.match(p.status(), /Aucun résultat.*saisissez les informations/);
  });

  it('says the directory is unavailable and points at the fields when the search fails', async () => {
    const clock = new FakeClock();
    const { search } = recordingSearch(async () => {
      throw new Error('503 directory-unavailable');
    });
    const picker = await fixture<DccDirectoryPicker>(html`<dcc-directory-picker label="Médecin traitant" .search=${search} .clock=${clock}></dcc-directory-picker>`);
    let unavailable = 0;
    picker.addEventListener('dcc-directory-unavailable', () => unavailable++);
    const p = parts(picker);
    p.input.focus();
    await sendKeys({ type: 'martin' });
    await clock.tick(DIRECTORY_DEBOUNCE_MS);
    await settle(picker);
    assert.equal(unavailable, 1);
    assert.equal(p.status(), 'Annuaire Santé indisponible : saisissez les informations dans les champs ci-dessous.');
    assert.equal(p.input.getAttribute('aria-expanded'), 'false');
    // Enter with nothing to choose does not block a surrounding form's own keyboard use.
    assert.equal(p.input.disabled, false);
    await expectNoAxeViolations(picker);
  });

  it('is named by its label and described by its live status; axe-clean with the list open; Escape clears', async () => {
    const clock = new FakeClock();
    const { search } = recordingSearch(async () => PEOPLE);
    const picker = await fixture<DccDirectoryPicker>(html`<dcc-directory-picker label="Équipe de soins : rechercher" help="Nom ou n° RPPS" .search=${search} .clock=${clock}></dcc-directory-picker>`);
    const p = parts(picker);
    assert.equal(p.label.htmlFor, p.input.id);
    assert.equal(p.input.getAttribute('role'), 'combobox');
    const describedBy = p.input.getAttribute('aria-describedby')!.split(' ');
    assert.equal(describedBy.length, 2, 'status and help');
    for (const id of describedBy) assert.ok(picker.shadowRoot!.getElementById(id));
    p.input.focus();
    await sendKeys({ type: 'l' });
    await picker.updateComplete;
    assert.equal(p.status(), 'Saisissez au moins 2 caractères.');
    await sendKeys({ type: 'a' });
    await clock.tick(DIRECTORY_DEBOUNCE_MS);
    await settle(picker);
    assert.equal(p.options().length, 2);
    await expectNoAxeViolations(picker);
    await sendKeys({ press: 'Escape' });
    await picker.updateComplete;
    assert.equal(p.input.value, '');
    assert.equal(p.input.getAttribute('aria-expanded'), 'false');
  });

  it('renders nothing without a search function (no directory configured)', async () => {
    const picker = await fixture<DccDirectoryPicker>(html`<dcc-directory-picker label="x"></dcc-directory-picker>`);
    assert.equal(picker.shadowRoot!.querySelector('input'), null);
  });
});
