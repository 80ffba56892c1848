// <pps-editor>.startFromRcp and the establishment context: a PPS started from the breast RCP of
// the examples shows the RCP's treatments, TNM and reference without typing; the 3C and the
// structure come from <dcc-provider>'s `establishment`; the started PPS is valid once the host's
// author is there (the model check of @dcc-kit/cda finds no problem); the RCP's participants are
// offered for the care team (a checkbox each: Space takes one, added folded to one line); what
// the establishment gives is a summary, not fields; axe-clean.
import '@dcc-kit/elements/testing/mocha-globals.js';
import { html } from 'lit';
import { fixture, assert, loadExampleJson, expectNoAxeViolations, editorControl as control } from '@dcc-kit/elements/testing/index.js';
import { sendKeys } from '@web/test-runner-commands';
import '@dcc-kit/elements/define/dcc-provider.js';
import type { FrcpDocument, PpsDocument } from '@dcc-kit/cda/core';
import type { EstablishmentContext } from '@dcc-kit/cda/start';
import './pps-editor.js';
import type { PpsEditor } from './pps-editor.component.js';

const ESTABLISHMENT: EstablishmentContext = {
  structure: { idNatStruct: '1492805973', name: "Institut de Cancérologie de l'Ouest (ICO) – site Paul Papin" },
  facilityType: { code: 'SA36', codeSystem: '1.2.250.1.71.4.2.4', displayName: 'Centre anti-cancer' },
  practiceSetting: { code: 'ETABLISSEMENT', codeSystem: '1.2.250.1.213.1.1.4.9', displayName: 'Etablissement de santé' },
  coordinationCentre3C: { idNatStruct: '1492805973', name: '3C ICO – CHU Angers' },
};

const rcp = () => loadExampleJson<FrcpDocument>('frcp', '01-sein-appareil-organes-post-operatoire.json');

describe('<pps-editor> startFromRcp', () => {
  it('starts the PPS from the signed RCP: treatments, TNM, RCP date and reference, 3C from the provider; valid with the host author', async () => {
    const frcp = await rcp();
    const provider = await fixture<HTMLElement>(html`<dcc-provider .author=${frcp.author} .establishment=${ESTABLISHMENT}>
      <pps-editor></pps-editor>
    </dcc-provider>`);
    const editor = provider.querySelector('pps-editor') as PpsEditor;
    await editor.updateComplete;
    const { careTeamCandidates, alternatives } = await editor.startFromRcp(frcp);
    await editor.updateComplete;
    const value = editor.value as unknown as PpsDocument;
    assert.deepEqual(
      value.therapeuticProgramme.treatments!.map((t) => t.type.code),
      ['C15632', 'C15313', 'C15445'],
    );
    assert.deepEqual(value.referencedDocuments[0]!.id, frcp.document!.id);
    assert.equal(value.status.rcpDate, '2024-11-05');
    assert.deepEqual(value.tumours[0]!.tnm, frcp.tumours[0]!.tnm);
    assert.equal(value.careNetwork.coordinationCentre3C.organization.name, '3C ICO – CHU Angers');
    assert.equal(value.custodian.idNatStruct, '1492805973');
    assert.ok(careTeamCandidates.length > 0);
    assert.equal(alternatives.length, 1);
    const issues = await editor.validate();
    assert.deepEqual(issues.map((i) => `${i.path} ${i.code}`), []);
    assert.ok(control(editor, 'therapeuticProgramme.treatments[0].typePrecision') ?? true);
    await expectNoAxeViolations(editor, { context: 'PPS started from its RCP' });
  });

  it("offers the RCP's participants for the care team, one key each; the establishment's 3C is a summary, not fields", async () => {
    const frcp = await rcp();
    const provider = await fixture<HTMLElement>(html`<dcc-provider .author=${frcp.author} .establishment=${ESTABLISHMENT}>
      <pps-editor lang="fr"></pps-editor>
    </dcc-provider>`);
    const editor = provider.querySelector('pps-editor') as PpsEditor;
    await editor.updateComplete;
    const { careTeamCandidates } = await editor.startFromRcp(frcp);
    await editor.renderComplete;
    const root = editor.shadowRoot!;
    const boxes = [...root.querySelectorAll<HTMLInputElement>('input[data-kind="candidate"][data-path="careNetwork.careTeam"]')];
    assert.equal(boxes.length, careTeamCandidates.length);
    assert.equal(boxes[0]!.closest('fieldset')!.querySelector('legend')!.textContent!.trim(), 'Participants de la RCP');
    const lefort = careTeamCandidates.findIndex((p) => p.name.family === 'LEFORT');
    boxes[0]!.focus();
    for (let i = 0; i < lefort; i++) await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Space' });
    await editor.updateComplete;
    const team = (editor.value as unknown as PpsDocument).careNetwork.careTeam!;
    assert.deepEqual(team.map((m) => m.professional.idNatPs), [careTeamCandidates[lefort]!.idNatPs]);
    assert.match(root.querySelector('[data-container="careNetwork.careTeam[0]"] > button[data-action="unfold-item"]')!.textContent!, /Camille LEFORT/);
    // The 3C given by the establishment: a summary with « Modifier », no field of its own.
    assert.equal(root.querySelector('[data-path^="careNetwork.coordinationCentre3C."][data-kind]'), null);
    assert.ok([...root.querySelectorAll('[part~="given"]')].some((el) => /3C ICO – CHU Angers/.test(el.textContent!)));
    await expectNoAxeViolations(editor, { context: 'PPS from its RCP, care team candidates' });
    // Another document: no more offer.
    editor.value = {};
    await editor.updateComplete;
    assert.equal(root.querySelector('input[data-kind="candidate"]'), null);
  });

  it('refuses an RCP without document id (not a signed RCP) and keeps the document shown', async () => {
    const frcp = await rcp();
    delete frcp.document!.id;
    const editor = await fixture<PpsEditor>(html`<pps-editor .value=${{ patientComment: 'kept' }}></pps-editor>`);
    await assert.rejects(editor.startFromRcp(frcp), /document\.id/);
    assert.equal((editor.value as Record<string, unknown>).patientComment, 'kept');
  });

  it("the editor's own establishment property wins over the provider's, and what the document says is kept", async () => {
    const own: EstablishmentContext = { coordinationCentre3C: { name: '3C du site' } };
    const provider = await fixture<HTMLElement>(html`<dcc-provider .establishment=${ESTABLISHMENT}>
      <pps-editor .establishment=${own} .value=${{ custodian: { idNatStruct: '1000000001' } }}></pps-editor>
    </dcc-provider>`);
    const editor = provider.querySelector('pps-editor') as PpsEditor;
    await editor.updateComplete;
    const value = editor.value as unknown as PpsDocument;
    assert.equal(value.careNetwork.coordinationCentre3C.organization.name, '3C du site');
    assert.equal(value.custodian.idNatStruct, '1000000001');
  });
});
