// Clinical sections: F4 medical history, F5 comorbidities, F7 exam results (narrative only) and
// F6 functional status (WHO performance status, weight, pain).
import { empty } from '../../xml/writer.js';
import type { FrcpDocument } from '../../model/frcp.js';
import { JDV_OMSEchPerf_CISIS, JDV_OMSInterpret_CISIS } from '../../generated/value-sets/index.js';
import { conceptCoding } from '../../value-set.js';
import { cd } from '../datatypes.js';
import { openSection, closeSection, type SectionHead, entry, simpleObservation, cdValue } from '../entries.js';
import { table, paragraph, dateFr } from '../narrative.js';
import { BuildState, OID } from '../state.js';

/** WHO performance stage → its LOINC answer (JDV_OMSInterpret_CISIS), in scale order. */
export const WHO_INTERPRETATION: Record<string, string> = {
  'MED-240': 'LA9622-7',
  'MED-264': 'LA9623-5',
  'MED-265': 'LA9624-3',
  'MED-266': 'LA9625-0',
  'MED-267': 'LA9626-8',
};

const WHO_GRADE: Record<string, string> = { 'MED-240': '0', 'MED-264': '1', 'MED-265': '2', 'MED-266': '3', 'MED-267': '4' };

// ---------------------------------------------------------------- F4 / F5 / F7 (narrative only)

export function datedListSection(state: BuildState, head: SectionHead, caption: string, key: string, items: ReadonlyArray<{ date?: string; label: string }>): void {
  openSection(state, head);
  state.w.start('text');
  table(
    state.w,
    caption,
    ['Date', 'Libellé'],
    items.map((item, i) => [dateFr(item.date), { id: `${key}-${i + 1}`, text: item.label }]),
  );
  state.w.end();
  closeSection(state.w);
}

export function examResultsSection(state: BuildState, results: NonNullable<FrcpDocument['examResults']>): void {
  const w = state.w;
  openSection(state, {
    templateIds: ['1.3.6.1.4.1.19376.1.5.3.1.3.27', '1.2.250.1.213.1.1.2.150'],
    code: ['30954-2', OID.loinc, "Résultats d'examens"],
    title: 'ÉLÉMENTS PARACLINIQUES',
  });
  w.start('text');
  table(
    w,
    'Éléments paracliniques',
    ['Date', 'Examen', 'Résultat'],
    results.items.map((item, i) => [
      dateFr(item.date),
      { id: `f7-examen-${i + 1}`, text: item.exam },
      { id: `f7-resultat-${i + 1}`, text: item.result },
    ]),
  );
  if (results.comment !== undefined) paragraph(w, results.comment, 'f7-commentaire');
  w.end();
  // No entry: IHE Results (non coded) forbids them (F-T9).
  closeSection(w);
}

// ---------------------------------------------------------------- F6

export function functionalStatusSection(state: BuildState, fs: NonNullable<FrcpDocument['functionalStatus']>): void {
  const w = state.w;
  openSection(state, {
    templateIds: ['2.16.840.1.113883.10.20.1.5', '1.3.6.1.4.1.19376.1.5.3.1.3.17', '1.3.6.1.4.1.19376.1.5.3.1.1.12.2.1', '1.2.250.1.213.1.1.2.111'],
    code: ['47420-5', OID.loinc, 'Évaluation du statut fonctionnel'],
    title: 'ÉVALUATION DU STATUT FONCTIONNEL',
  });
  w.start('text');
  const parts = ['Évaluation de la douleur'];
  if (fs.whoPerformance) parts.push('échelle de performance OMS');
  if (fs.geriatricScreening) parts.push('dépistage de la fragilité gériatrique');
  paragraph(w, `Évaluations : ${parts.join(', ')} (détail ci-dessous).`);
  w.end();

  // F6a pain: mandatory sub-section with at least one entry (UNK when not assessed).
  const pain = fs.pain ?? {};
  openSection(state, {
    templateIds: ['1.3.6.1.4.1.19376.1.5.3.1.1.12.2.2', '1.2.250.1.213.1.1.2.112'],
    code: ['38208-5', OID.loinc, 'Sévérité de la douleur'],
    title: 'ÉVALUATION DE LA DOULEUR',
  });
  w.start('text');
  table(w, undefined, ['Date', 'Sévérité de la douleur (0 à 10)'], [
    [dateFr(pain.date), { id: 'f6-douleur', text: pain.score === undefined ? 'Non évaluée' : String(pain.score) }],
  ]);
  w.end();
  entry(w, () =>
    simpleObservation(state, {
      templateIds: ['1.3.6.1.4.1.19376.1.5.3.1.4.13', '1.3.6.1.4.1.19376.1.5.3.1.1.12.3.1', '1.2.250.1.213.1.1.3.89'],
      code: ['38208-5', OID.loinc, 'Sévérité de la douleur'],
      textId: 'f6-douleur',
      time: { value: pain.date },
      value: (w) =>
        pain.score === undefined
          ? empty(w, 'value', ['xsi:type', 'INT'], ['nullFlavor', 'UNK'])
          : empty(w, 'value', ['xsi:type', 'INT'], ['value', String(pain.score)]),
    }),
  );
  closeSection(w);

  // F6b WHO performance status (VOL binds value and interpretationCode one level down).
  const who = fs.whoPerformance;
  if (who) {
    const stage = conceptCoding(JDV_OMSEchPerf_CISIS, who.stage as 'MED-240');
    const interpretation = conceptCoding(JDV_OMSInterpret_CISIS, WHO_INTERPRETATION[who.stage] as 'LA9622-7');
    openSection(state, {
      templateIds: ['1.3.6.1.4.1.19376.1.5.3.1.1.12.2.5', '1.2.250.1.213.1.1.2.115'],
      code: ['46006-3', OID.loinc, 'Problèmes physiques fonctionnels et structurels'],
      title: 'ÉCHELLE DE PERFORMANCE OMS',
    });
    w.start('text');
    table(w, undefined, ['Date', 'Stade', 'Interprétation'], [
      [dateFr(who.date), { id: 'f6-oms', text: `Stade ${WHO_GRADE[who.stage]!}` }, interpretation.displayName],
    ]);
    w.end();
    entry(w, () =>
      simpleObservation(state, {
        templateIds: ['1.3.6.1.4.1.19376.1.5.3.1.4.13', '2.16.840.1.113883.10.20.1.31', '1.3.6.1.4.1.19376.1.5.3.1.1.12.3.6', '1.2.250.1.213.1.1.3.25'],
        code: ['MED-239', OID.taAsip, 'Echelle de performance OMS'],
        textId: 'f6-oms',
        time: { value: who.date },
        value: cdValue(stage),
        children: () => cd(w, 'interpretationCode', interpretation),
      }),
    );
    closeSection(w);
  }

  // F6c geriatric frailty screening.
  const g = fs.geriatricScreening;
  if (g) {
    openSection(state, {
      templateIds: ['1.3.6.1.4.1.19376.1.5.3.1.1.12.2.4', '1.2.250.1.213.1.1.2.114'],
      code: ['48542-5', OID.loinc, 'Évaluation de la dépression gériatrique'],
      title: 'DÉPISTAGE DE LA FRAGILITÉ GÉRIATRIQUE',
    });
    w.start('text');
    table(w, undefined, ['Date', 'Outil de dépistage', 'Score'], [[dateFr(g.date), { id: 'f6-fragilite-outil', text: g.toolName }, String(g.score)]]);
    w.end();
    entry(w, () =>
      simpleObservation(state, {
        templateIds: ['2.16.840.1.113883.10.20.1.31', '1.3.6.1.4.1.19376.1.5.3.1.4.13', '1.3.6.1.4.1.19376.1.5.3.1.1.12.3.4', '1.2.250.1.213.1.1.3.110'],
        code: ['48544-1', OID.loinc, 'Score de la dépression gériatrique'],
        textId: 'f6-fragilite-outil',
        time: { value: g.date },
        value: (w) => empty(w, 'value', ['xsi:type', 'INT'], ['value', String(g.score)]),
      }),
    );
    closeSection(w);
  }
  closeSection(w);
}
