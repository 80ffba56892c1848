// <pps-editor> with the Annuaire Santé pickers: the provider's client (a component-test double
// answering like `client.directory.*` of @dcc-kit/sdk, in the shapes of GET /directory/*), the
// general practitioner and the 3C filled from a choice made with the keyboard, and manual entry
// when the directory is down.
import '@dcc-kit/elements/testing/mocha-globals.js';
import { html } from 'lit';
import { sendKeys } from '@web/test-runner-commands';
import { fixture, assert, loadExampleJson, FakeClock, expectNoAxeViolations, editorControl as control, editorRendered as rendered } from '@dcc-kit/elements/testing/index.js';
import { DIRECTORY_DEBOUNCE_MS, type DccDirectoryPicker } from '@dcc-kit/elements';
import '@dcc-kit/elements/define/dcc-provider.js';
import './pps-editor.js';
import type { PpsEditor } from './pps-editor.component.js';

type Model = Record<string, unknown> & { careNetwork: Record<string, Record<string, unknown>> };

const GP = {
  idNatPs: '819001000016',
  rpps: '19001000016',
  name: { family: 'MARTIN', given: 'Paul', prefix: 'M', suffix: 'DR' },
  profession: { code: '10', system: 'https://mos.esante.gouv.fr/NOS/TRE_G15-ProfessionSante/FHIR/TRE-G15-ProfessionSante', display: 'Médecin' },
  specialty: { code: 'SM54', system: 'https://mos.esante.gouv.fr/NOS/TRE_R38-SpecialiteOrdinale/FHIR/TRE-R38-SpecialiteOrdinale', display: 'Médecine Générale' },
  authorSpecialty: { code: 'G15_10/SM54', codeSystem: '1.2.250.1.213.1.1.4.5', displayName: 'Médecin - Médecine Générale (SM)' },
  mssante: ['paul.martin@demo.mssante.fr'],
  structures: [
    {
      idNatStruct: '373282932000074',
      siret: '73282932000074',
      name: 'Maison de santé pluriprofessionnelle des Tilleuls',
      address: { use: 'WP', lines: ['3 allée des Tilleuls', '44300 Nantes'] },
      postalCode: '44300',
      city: 'Nantes',
      telecoms: [{ scheme: 'tel', value: '0240000001', use: 'WP' }],
      active: true,
    },
  ],
  active: true,
};
const THREE_C = {
  idNatStruct: '1449371087',
  finess: '449371087',
  finessKind: 'EG',
  name: '3C CHU de Nantes',
  telecoms: [{ scheme: 'mailto', value: '3c@chu-nantes.mssante.fr', use: 'WP' }],
  active: true,
};

/** A client double with the SDK's directory API; `down` makes every search fail as the SDK does on a 503. */
function directoryClient(state: { down: boolean; queries: string[] }) {
  const page = <T>(items: T[], q: string) => ({
    page: async () => {
      state.queries.push(q);
      if (state.down) throw Object.assign(new Error('Annuaire indisponible'), { status: 503, problem: { type: 'https://dcc-kit.dev/problems/directory-unavailable' } });
      return { data: { items, nextCursor: null, total: items.length } };
    },
  });
  return {
    directory: {
      practitioners: (query: { q: string }) => page(/martin/i.test(query.q) ? [GP] : [], query.q),
      organizations: (query: { q: string }) => page(/3c|nantes/i.test(query.q) ? [THREE_C] : [], query.q),
    },
  };
}

const pickerAt = (editor: PpsEditor, path: string) => editor.shadowRoot!.querySelector<DccDirectoryPicker>(`dcc-directory-picker[data-directory-path="${path}"]`)!;
const statusOf = (picker: DccDirectoryPicker) => picker.shadowRoot!.querySelector('[role="status"]')!.textContent!.trim();

async function settle(editor: PpsEditor, picker: DccDirectoryPicker): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await new Promise((r) => setTimeout(r, 0));
    await picker.updateComplete;
    await editor.updateComplete;
  }
}

async function mount(state: { down: boolean; queries: string[] }) {
  const clock = new FakeClock();
  const model = await loadExampleJson<Model>('pps', '01-sein-gauche-fec-docetaxel-radiotherapie.json');
  const provider = await fixture<HTMLElement>(html`<dcc-provider .client=${directoryClient(state)} .clock=${clock}><pps-editor .value=${model}></pps-editor></dcc-provider>`);
  const editor = provider.querySelector('pps-editor') as PpsEditor;
  await rendered(editor);
  return { editor, clock };
}

async function typeIn(picker: DccDirectoryPicker, clock: FakeClock, editor: PpsEditor, text: string): Promise<void> {
  picker.focus();
  await sendKeys({ type: text });
  await clock.tick(DIRECTORY_DEBOUNCE_MS);
  await settle(editor, picker);
}

describe('<pps-editor> Annuaire Santé pickers', () => {
  it('fills the general practitioner from a keyboard choice, replacing the previous one whole', async () => {
    const state = { down: false, queries: [] as string[] };
    const { editor, clock } = await mount(state);
    const picker = pickerAt(editor, 'careNetwork.generalPractitioner.professional');
    assert.ok(picker, 'a picker above the GP block');
    assert.match(picker.shadowRoot!.querySelector('label')!.textContent!, /Annuaire Santé/);
    await typeIn(picker, clock, editor, 'martin');
    assert.deepEqual(state.queries, ['martin']);
    assert.match(statusOf(picker), /1 résultat/);
    await sendKeys({ press: 'Enter' });
    await settle(editor, picker);
    const gp = (editor.value as Model).careNetwork.generalPractitioner!.professional as Record<string, unknown>;
    assert.deepEqual(gp, {
      idNatPs: '819001000016',
      name: { family: 'MARTIN', given: 'Paul', prefix: 'M', suffix: 'DR' },
      profession: { code: 'G15_10/SM54', codeSystem: '1.2.250.1.213.1.1.4.5', displayName: 'Médecin - Médecine Générale (SM)' },
      telecoms: [{ scheme: 'mailto', value: 'paul.martin@demo.mssante.fr', use: 'WP' }],
      organization: { idNatStruct: '373282932000074', name: 'Maison de santé pluriprofessionnelle des Tilleuls', telecoms: [{ scheme: 'tel', value: '0240000001', use: 'WP' }], address: { use: 'WP', lines: ['3 allée des Tilleuls', '44300 Nantes'] } },
    }, 'the former GP’s own address does not stay');
    assert.equal(control(editor, 'careNetwork.generalPractitioner.professional.idNatPs')?.value, '819001000016', 'the fields show the choice');
    assert.match(statusOf(picker), /Dr Paul MARTIN : champs remplis/);
  });

  it('every block issue 14 names searches the directory as the user types: author, care team, GP, 3C, reference facilities', async () => {
    const state = { down: false, queries: [] as string[] };
    const { editor, clock } = await mount(state);
    const paths = [
      'author.professional',
      'careNetwork.careTeam[0].professional',
      'careNetwork.generalPractitioner.professional',
      'careNetwork.coordinationCentre3C.organization',
      'careNetwork.referenceFacilities[0].organization',
    ];
    for (const path of paths) assert.ok(pickerAt(editor, path), `a picker on ${path}`);
    // Debounced: one search per pause in the typing, whatever the block.
    await typeIn(pickerAt(editor, 'careNetwork.careTeam[0].professional'), clock, editor, 'Martin');
    await typeIn(pickerAt(editor, 'careNetwork.referenceFacilities[0].organization'), clock, editor, 'CHU Nantes');
    assert.deepEqual(state.queries, ['Martin', 'CHU Nantes']);
  });

  it('fills the 3C structure', async () => {
    const state = { down: false, queries: [] as string[] };
    const { editor, clock } = await mount(state);
    const picker = pickerAt(editor, 'careNetwork.coordinationCentre3C.organization');
    await typeIn(picker, clock, editor, '3C Nantes');
    await sendKeys({ press: 'Enter' });
    await settle(editor, picker);
    assert.deepEqual((editor.value as Model).careNetwork.coordinationCentre3C!.organization, {
      idNatStruct: '1449371087',
      name: '3C CHU de Nantes',
      telecoms: [{ scheme: 'mailto', value: '3c@chu-nantes.mssante.fr', use: 'WP' }],
    });
  });

  it('directory down: says so, and the fields below take a manual entry', async () => {
    const state = { down: true, queries: [] as string[] };
    const { editor, clock } = await mount(state);
    const picker = pickerAt(editor, 'careNetwork.coordinationCentre3C.organization');
    await typeIn(picker, clock, editor, 'CHU');
    assert.equal(statusOf(picker), 'Annuaire Santé indisponible : saisissez les informations dans les champs ci-dessous.');
    const name = control(editor, 'careNetwork.coordinationCentre3C.organization.name')!;
    name.focus();
    name.select();
    await sendKeys({ type: '3C saisi à la main' });
    await editor.updateComplete;
    assert.equal(((editor.value as Model).careNetwork.coordinationCentre3C!.organization as Record<string, unknown>).name, '3C saisi à la main');
    await expectNoAxeViolations(picker);
  });

  it('no directory in the client: no picker, the form as before', async () => {
    const model = await loadExampleJson<Model>('pps', '01-sein-gauche-fec-docetaxel-radiotherapie.json');
    const provider = await fixture<HTMLElement>(html`<dcc-provider .client=${{}}><pps-editor .value=${model}></pps-editor></dcc-provider>`);
    const editor = provider.querySelector('pps-editor') as PpsEditor;
    await rendered(editor);
    assert.equal(editor.shadowRoot!.querySelector('dcc-directory-picker'), null);
  });
});
