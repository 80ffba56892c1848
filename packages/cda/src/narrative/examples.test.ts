// The narrative rules over the realistic examples: what the builders write in the sections'
// <text> (no empty column, states, stage labels, phones) and the header part of every example.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildWithModel } from '../api.js';
import { ACT_LISTS, actLabel } from '../build/pps/care-plan.js';
import { parseXml, children, isElement, type DomElement, type DomNode, type DomCharacterData } from '../parse/xml.js';
import type { PpsCareAct, PpsDocument } from '../model/pps.js';
import { fixedContext, loadExamples } from '../testing/support.js';
import { ppsNarrativeHeader, frcpNarrativeHeader } from './index.js';

const text = (n: DomNode): string => {
  if (!isElement(n)) return (n as DomCharacterData).data ?? '';
  let s = '';
  for (let c = n.firstChild; c; c = c.nextSibling) s += isElement(c) && c.localName === 'br' ? '\n' : text(c);
  return s;
};

function descendants(el: DomElement, name: string, out: DomElement[] = []): DomElement[] {
  for (const c of children(el)) {
    if (c.localName === name) out.push(c);
    descendants(c, name, out);
  }
  return out;
}

interface Table {
  caption: string;
  headers: string[];
  rows: string[][];
}

/** Every narrative table of the body: caption, header cells, body rows. */
function narrativeTables(xml: string): Table[] {
  const root = parseXml(xml);
  return descendants(root, 'table').map((t) => ({
    caption: descendants(t, 'caption').map(text).join(''),
    headers: descendants(t, 'th').map((th) => text(th).trim()),
    rows: descendants(t, 'tbody')
      .flatMap((b) => children(b, 'tr'))
      .map((tr) => children(tr, 'td').map((td) => text(td).trim())),
  }));
}

const pps = loadExamples('pps');
const frcp = loadExamples('frcp');

describe('narrative of the examples', () => {
  test('no table has a column that no row fills (all PPS and FRCP examples)', () => {
    let checked = 0;
    for (const [volet, examples] of [['pps', pps], ['frcp', frcp]] as const)
      for (const example of examples) {
        const { xml } = buildWithModel(volet, example.input, fixedContext());
        for (const table of narrativeTables(xml)) {
          if (table.headers.length === 0) continue;
          if (table.rows.length === 1 && table.rows[0]!.length === 1) continue; // « Aucun »
          for (const row of table.rows) assert.equal(row.length, table.headers.length, `${example.name} ${table.caption}: row width`);
          table.headers.forEach((header, c) => {
            if (c === 0) return;
            assert.ok(table.rows.some((row) => row[c] !== ''), `${example.name} « ${table.caption} »: column « ${header} » is empty`);
          });
          checked++;
        }
      }
    assert.ok(checked > 50, `only ${checked} tables checked`);
  });

  test('the care-act tables are narrower than the nine columns of the volet', () => {
    const { xml } = buildWithModel('pps', pps[0]!.input, fixedContext());
    const treatments = narrativeTables(xml).filter((t) => t.caption.startsWith('Traitement'));
    assert.equal(treatments.length, 2);
    for (const t of treatments) assert.ok(t.headers.length < 9, `${t.caption}: ${t.headers.join(' | ')}`);
    // The one done treatment (the surgery) has no planned dates, route or rhythm: no such columns.
    const done = treatments.find((t) => t.caption === 'Traitement — réalisé(s)')!;
    assert.deepEqual(done.headers.filter((h) => ['Dates prévisionnelles', "Mode d'administration", 'Rythme'].includes(h)), []);
  });

  test('every care act of every PPS example shows its state: done, ongoing, to come, stopped, cancelled', () => {
    const allowed: Record<string, RegExp> = { done: /^(réalisé|interrompu( le .*)?|annulé)$/, planned: /^(en cours|à venir|interrompu( le .*)?|annulé)$/ };
    let acts = 0;
    for (const example of pps) {
      const { xml, document } = buildWithModel('pps', example.input, fixedContext());
      const tables = narrativeTables(xml);
      for (const l of ACT_LISTS) {
        const list = ((document as PpsDocument)[l.section] as Record<string, PpsCareAct[] | undefined>)[l.list] ?? [];
        for (const act of list) {
          const label = actLabel(act);
          const captionStart = `${l.label} — ${act.performed === 'done' ? 'réalisé(s)' : 'en cours ou à venir'}`;
          const table = tables.find((t) => t.caption === captionStart);
          assert.ok(table, `${example.name}: no table « ${captionStart} »`);
          const state = table.headers.indexOf('État');
          const row = table.rows.find((r) => r[0] === label);
          assert.ok(row, `${example.name}: « ${label} » not in « ${captionStart} »`);
          assert.match(row[state]!, allowed[act.performed]!, `${example.name}: « ${label} »`);
          acts++;
        }
      }
    }
    assert.ok(acts > 80, `${acts} acts`);
  });

  test('planned acts not started on the document date are « à venir », started ones « en cours »', () => {
    const input = structuredClone(pps[0]!.input) as unknown as PpsDocument;
    // The document is of 19/11/2024; chemotherapy planned from 25/11/2024, confirmed.
    const treatments = input.therapeuticProgramme.treatments!;
    treatments[1] = { ...treatments[1]!, performed: 'planned', statusCode: 'active', confirmedPeriod: { start: '2024-11-25' } };
    treatments[2] = { ...treatments[2]!, performed: 'planned', confirmedPeriod: { start: '2024-11-12' } };
    const { xml } = buildWithModel('pps', input, fixedContext());
    const table = narrativeTables(xml).find((t) => t.caption === 'Traitement — en cours ou à venir')!;
    const state = table.headers.indexOf('État');
    assert.equal(table.rows.find((r) => r[0]!.startsWith('chimiothérapie'))![state], 'à venir');
    assert.equal(table.rows.find((r) => r[0]!.startsWith('radiothérapie'))![state], 'en cours');
    const done = narrativeTables(xml).find((t) => t.caption === 'Traitement — réalisé(s)')!;
    assert.equal(done.rows[0]![done.headers.indexOf('État')], 'réalisé');
  });

  test('the stage is labelled by its prefix: cTNM, pTNM, ypTNM', () => {
    const withTnm = pps.find((e) => (e.input as unknown as PpsDocument).tumours.some((t) => t.tnm))!;
    const stageRows = (tnm: Record<string, string>) => {
      const input = structuredClone(withTnm.input) as unknown as PpsDocument;
      input.tumours[0]!.tnm = { ...input.tumours[0]!.tnm, ...tnm };
      const { xml } = buildWithModel('pps', input, fixedContext());
      const diagnosis = narrativeTables(xml).find((t) => t.caption.startsWith('Tumeur'))!;
      return diagnosis.rows.map((r) => r[0]!).filter((label) => label.startsWith('Stade'));
    };
    assert.deepEqual(stageRows({ t: 'T2', n: 'N1', m: 'M0' }), ['Stade clinique (cTNM)']);
    assert.deepEqual(stageRows({ t: 'pT2', n: 'pN1a', m: 'M0' }), ['Stade pathologique (pTNM)']);
    assert.deepEqual(stageRows({ t: 'ypT1c', n: 'ypN0', m: 'M0' }), ['Stade pathologique après traitement néoadjuvant (ypTNM)']);
  });

  test('performers of the care acts are shown with their telephone number', () => {
    const { xml } = buildWithModel('pps', pps[0]!.input, fixedContext());
    const places = narrativeTables(xml).flatMap((t) => {
      const c = t.headers.indexOf('Lieu / intervenants');
      return c < 0 ? [] : t.rows.map((r) => r[c]!).filter((s) => s !== '');
    });
    assert.ok(places.some((p) => /\(tél\.\u00a00\d(\u00a0\d\d){4}/.test(p)), places.join('\n'));
  });

  test('the header part names the patient, the birth date, the author and the care team with phones', () => {
    for (const example of pps) {
      const { document } = buildWithModel('pps', example.input, fixedContext());
      const header = ppsNarrativeHeader(document);
      const fact = (label: string) => header.facts.find((f) => f.label === label)?.value ?? '';
      const p = document.patient;
      assert.ok(fact('Patient(e)').includes(p.usedFamilyName ?? p.birthFamilyName), `${example.name}: ${fact('Patient(e)')}`);
      assert.match(fact('Date de naissance'), /^(\d\d\/)?(\d\d\/)?\d{4}$/);
      assert.ok(fact('Rédigé par').includes(document.author.professional.name.family), example.name);
      assert.ok(header.careTeam, `${example.name}: no care team`);
      assert.ok(header.careTeam.rows.some((r) => r[0] === 'Centre de coordination en cancérologie (3C)'));
    }
    const first = ppsNarrativeHeader(buildWithModel('pps', pps[0]!.input, fixedContext()).document);
    assert.equal(first.facts[0]!.value, 'Mme Isabelle MOREAU (née ROUSSEAU)');
    assert.equal(first.facts[1]!.value, '14/06/1973');
    assert.match(first.facts[2]!.value, /^Dr Camille LEFORT, .* — tél\.\u00a002\u00a041\u00a035\u00a027\u00a045$/);
    const phone = first.careTeam!.headers.indexOf('Téléphone');
    assert.ok(first.careTeam!.rows.filter((r) => r[phone] !== '').length >= 3);
    for (const example of frcp) {
      const { document } = buildWithModel('frcp', example.input, fixedContext());
      const header = frcpNarrativeHeader(document);
      assert.ok(header.facts[0]!.value.includes(document.patient.usedFamilyName ?? document.patient.birthFamilyName), example.name);
      assert.ok(header.facts.find((f) => f.label === 'Rédigé par')!.value.includes(document.author.professional.name.family));
    }
  });
});
