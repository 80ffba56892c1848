// <rcp-form> with the Annuaire Santé pickers (the provider's client: a component-test double of
// the SDK's `directory.*`): a quorum member — an item of a list of professionals — filled from a
// keyboard choice, and the meeting's facility picker there too.
import '@dcc-kit/elements/testing/mocha-globals.js';
import { html } from 'lit';
import { sendKeys } from '@web/test-runner-commands';
import { fixture, assert, loadExampleJson, FakeClock, editorControl as control, editorRendered as rendered } from '@dcc-kit/elements/testing/index.js';
import { DIRECTORY_DEBOUNCE_MS, type DccDirectoryPicker } from '@dcc-kit/elements';
import '@dcc-kit/elements/define/dcc-provider.js';
import './rcp-form.js';
import type { RcpForm } from './rcp-form.component.js';

const PATHOLOGIST = {
  idNatPs: '810323784552',
  name: { family: 'COTTEREAU', given: 'Antoine', prefix: 'M', suffix: 'DR' },
  specialty: { code: 'SM01', system: 'https://mos.esante.gouv.fr/NOS/TRE_R38-SpecialiteOrdinale/FHIR/TRE-R38-SpecialiteOrdinale', display: 'Anatomie et cytologie pathologiques' },
  authorSpecialty: { code: 'G15_10/SM01', codeSystem: '1.2.250.1.213.1.1.4.5', displayName: 'Médecin - Anatomie et Cytologie pathologiques (SM)' },
  mssante: [],
  structures: [{ idNatStruct: '1499468346', name: "CHU d'Angers", telecoms: [], active: true }],
  active: true,
};

const client = {
  directory: {
    practitioners: () => ({ page: async () => ({ data: { items: [PATHOLOGIST], nextCursor: null } }) }),
    organizations: () => ({ page: async () => ({ data: { items: [], nextCursor: null } }) }),
  },
};

describe('<rcp-form> Annuaire Santé pickers', () => {
  it('fills a quorum member from the directory; the facility has its picker', async () => {
    const clock = new FakeClock();
    const model = await loadExampleJson<Record<string, unknown>>('frcp', '01-sein-appareil-organes-post-operatoire.json');
    const provider = await fixture<HTMLElement>(html`<dcc-provider .client=${client} .clock=${clock}><rcp-form .value=${model}></rcp-form></dcc-provider>`);
    const editor = provider.querySelector('rcp-form') as RcpForm;
    await rendered(editor);
    const root = editor.shadowRoot!;
    assert.ok(root.querySelector('dcc-directory-picker[data-directory-path="meeting.facility"]'), 'the facility picker');
    // Every block issue 14 names: the author, the referring professional (requester), the GP.
    for (const path of ['author.professional', 'meeting.requester', 'meeting.generalPractitioner.professional'])
      assert.ok(root.querySelector(`dcc-directory-picker[data-directory-path="${path}"]`), `a picker on ${path}`);
    const picker = root.querySelector<DccDirectoryPicker>('dcc-directory-picker[data-directory-path="meeting.quorumMembers[0]"]');
    assert.ok(picker, 'a picker on the first quorum member');
    picker.focus();
    await sendKeys({ type: 'cottereau' });
    await clock.tick(DIRECTORY_DEBOUNCE_MS);
    for (let i = 0; i < 3; i++) {
      await new Promise((r) => setTimeout(r, 0));
      await picker.updateComplete;
    }
    await sendKeys({ press: 'Enter' });
    await editor.updateComplete;
    const members = (editor.value as { meeting: { quorumMembers: Record<string, unknown>[] } }).meeting.quorumMembers;
    assert.deepEqual(members[0], {
      idNatPs: '810323784552',
      name: { family: 'COTTEREAU', given: 'Antoine', prefix: 'M', suffix: 'DR' },
      profession: { code: 'G15_10/SM01', codeSystem: '1.2.250.1.213.1.1.4.5', displayName: 'Médecin - Anatomie et Cytologie pathologiques (SM)' },
      organization: { idNatStruct: '1499468346', name: "CHU d'Angers" },
    });
    assert.equal(control(editor, 'meeting.quorumMembers[0].name.family')?.value, 'COTTEREAU');
  });
});
