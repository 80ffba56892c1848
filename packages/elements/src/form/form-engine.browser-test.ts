// Pure parts of the form engine: schema reading, paths, in-place edits that keep siblings,
// required yes/no defaults, Paris instants across DST, and the narrative converter.
import '../testing/mocha-globals.js';
import { PpsDocument, FrcpDocument } from '@dcc-kit/cda/core';
import { assert } from '../testing/assert.js';
import { ensureRequiredBooleans, getAt, isInlineObject, kindOf, parsePath, pathToString, schemaAt, setAt, type SchemaNode } from './schema.js';
import { convertPrecision, instantToLocal, localToInstant, precisionOf } from './dates.js';
import { narrativeToFragment } from './narrative.js';
import { isNewerVersion } from './schema-form.js';

const pps = PpsDocument as unknown as SchemaNode;
const frcp = FrcpDocument as unknown as SchemaNode;
const kindAt = (root: SchemaNode, path: string) => kindOf(schemaAt(root, parsePath(path))!);

describe('form engine: schema', () => {
  it('gives every model field the right control', () => {
    assert.equal(kindAt(pps, 'tumours[0].diagnosisDate'), 'partialDate');
    assert.equal(kindAt(pps, 'document.effectiveTime'), 'instant');
    assert.equal(kindAt(pps, 'status.statusDate'), 'dateOrInstant');
    assert.equal(kindAt(pps, 'patientComment'), 'textarea');
    assert.equal(kindAt(pps, 'patient.ins.value'), 'text');
    assert.equal(kindAt(pps, 'tumours[0].topography'), 'codedOrText');
    assert.equal(kindAt(pps, 'therapeuticProgramme.treatments[0].type'), 'coding');
    assert.equal(kindAt(pps, 'therapeuticProgramme.treatments[0].performed'), 'enum');
    assert.equal(kindAt(pps, 'discovery.viaScreening'), 'boolean');
    assert.equal(kindAt(pps, 'therapeuticProgramme.treatments[0].weight.valueKg'), 'number');
    assert.equal(kindAt(frcp, 'functionalStatus.pain.score'), 'integer');
    assert.equal(kindAt(frcp, 'meeting.quorumMembers'), 'array');
    assert.ok(isInlineObject(schemaAt(pps, parsePath('therapeuticProgramme.treatments[0].confirmedPeriod'))!));
    assert.ok(!isInlineObject(schemaAt(pps, parsePath('paediatrics'))!));
  });

  it('writes paths in the model notation and keeps every other value', () => {
    const text = 'therapeuticProgramme.treatments[2].performers[0].name.family';
    assert.equal(pathToString(parsePath(text)), text);
    const model: Record<string, unknown> = { patientComment: 'garder', tumours: [{ comment: 'a' }, { comment: 'b' }] };
    setAt(model, parsePath('tumours[1].tnm.t'), 'T2');
    setAt(model, parsePath('tumours[0].comment'), undefined);
    assert.deepEqual(model, { patientComment: 'garder', tumours: [{}, { comment: 'b', tnm: { t: 'T2' } }] });
    assert.equal(getAt(model, parsePath('tumours[1].tnm.t')), 'T2');
    assert.equal(getAt(model, parsePath('tumours[5].tnm.t')), undefined);
  });

  it('answers "no" to required yes/no questions and creates required blocks that may be empty', () => {
    const model: Record<string, unknown> = { discussion: { nature: 'ORG-117' } };
    ensureRequiredBooleans(frcp, model);
    const discussion = model.discussion as Record<string, unknown>;
    assert.equal(discussion.nature, 'ORG-117');
    assert.equal(discussion.isRecourseRcp, false);
    assert.deepEqual(discussion.reason, { diagnosticOpinion: false, treatmentProposal: false, recourse: false, paediatrics: false });
    assert.deepEqual(model.recordStatus, { complete: false });
    assert.deepEqual(model.phase, { progression: { observed: false } }, 'FRCP phase is required and holds a yes/no');
    const ppsModel: Record<string, unknown> = {};
    ensureRequiredBooleans(pps, ppsModel);
    assert.equal(ppsModel.phase, undefined, 'optional blocks stay absent');
    assert.equal(ppsModel.paediatrics, undefined);
    assert.deepEqual(ppsModel.discovery, { viaScreening: false });
  });
});

describe('form engine: dates', () => {
  it('writes Paris wall-clock time with the offset of that date', () => {
    assert.equal(localToInstant('2024-01-15T10:30'), '2024-01-15T10:30+01:00');
    assert.equal(localToInstant('2024-07-15T10:30'), '2024-07-15T10:30+02:00');
    assert.equal(localToInstant('2024-03-31T03:30'), '2024-03-31T03:30+02:00', 'after the spring change');
    assert.equal(localToInstant('2024-10-27T01:30:15'), '2024-10-27T01:30:15+02:00');
    assert.equal(instantToLocal('2024-11-19T11:20:00+01:00'), '2024-11-19T11:20:00');
  });

  it('changes precision without inventing days', () => {
    assert.equal(precisionOf('2024', 'day'), 'year');
    assert.equal(precisionOf('2024-03', 'day'), 'month');
    assert.equal(precisionOf('2024-03-15T10:00+01:00', 'day'), 'time');
    assert.equal(convertPrecision('2024-03-15', 'month'), '2024-03');
    assert.equal(convertPrecision('2024-03', 'day'), undefined);
    assert.equal(convertPrecision('2024-03-15T10:00+01:00', 'day'), '2024-03-15');
  });

  it('compares server versions', () => {
    assert.ok(isNewerVersion('3', '2'));
    assert.ok(!isNewerVersion('2', '2'));
    assert.ok(!isNewerVersion('10', '11'));
    assert.ok(isNewerVersion('b', 'a'));
  });
});

describe('form engine: narrative', () => {
  it('rebuilds CDA narrative blocks and nothing else', () => {
    const xml = `<ClinicalDocument xmlns="urn:hl7-org:v3"><title>PPS</title><component><structuredBody>
      <component><section><title>Traitements</title><text>
        <paragraph styleCode="Bold" onclick="x()">Ligne <content>1</content><br/>suite</paragraph>
        <list listType="ordered"><item>a</item><item>b</item></list>
        <table><thead><tr><th>Type</th></tr></thead><tbody><tr><td colspan="2">FEC</td></tr></tbody></table>
        <linkHtml href="javascript:alert(1)">lien</linkHtml>
      </text>
      <component><section><title>Sous-section</title><text>texte</text></section></component>
      </section></component></structuredBody></component></ClinicalDocument>`;
    const host = document.createElement('div');
    host.append(narrativeToFragment(xml));
    assert.equal(host.querySelector('h2')!.textContent, 'PPS');
    assert.equal(host.querySelector('section > h3')!.textContent, 'Traitements');
    assert.equal(host.querySelector('section section > h4')!.textContent, 'Sous-section');
    assert.ok(host.querySelector('p.cda-bold br'));
    assert.equal(host.querySelectorAll('ol > li').length, 2);
    assert.equal((host.querySelector('td') as HTMLTableCellElement).colSpan, 2);
    assert.equal(host.querySelector('[onclick], [href], a, script'), null, 'no attribute or link from the document');
    assert.match(host.textContent!, /lien/);
  });
});
