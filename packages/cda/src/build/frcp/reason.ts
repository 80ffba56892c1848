// F1: reason for the RCP (problem concern, nature of the discussion, case status, flags).
import type { FrcpDocument } from '../../model/frcp.js';
import { JDV_NatureDiscussion_CISIS, JDV_StatutCasPresente_CISIS } from '../../generated/value-sets/index.js';
import { conceptCoding } from '../../value-set.js';
import {
  TEMPLATES,
  openSection,
  closeSection,
  entry,
  entryRelationship,
  simpleObservation,
  nestedComment,
  bl,
  cdValue,
  nullCd,
} from '../entries.js';
import { table, type Cell, dateFr, ouiNon } from '../narrative.js';
import { BuildState, OID } from '../state.js';
import { label, taAsip } from './coding.js';

export function reasonSection(state: BuildState, doc: FrcpDocument): void {
  const w = state.w;
  const d = doc.discussion;
  const r = d.reason;
  openSection(state, {
    templateIds: ['1.3.6.1.4.1.19376.1.5.3.1.3.1', '1.3.6.1.4.1.19376.1.5.3.1.3.2', '1.2.250.1.213.1.1.2.128'],
    code: ['42349-1', OID.loinc, 'Raison de la recommandation'],
    title: 'TYPE DE RCP / MOTIF DE LA RCP',
  });
  const nature = conceptCoding(JDV_NatureDiscussion_CISIS, d.nature);
  const caseStatus = conceptCoding(JDV_StatutCasPresente_CISIS, r.caseStatus);
  w.start('text');
  const typeRows: Cell[][] = [['Nature de la discussion', { id: 'f1-nature', text: nature.displayName }]];
  if (d.apparatus) typeRows.push(['Appareil', { id: 'f1-appareil', text: label(d.apparatus) }]);
  (d.organs ?? []).forEach((o, i) => typeRows.push(['Organe', { id: `f1-organe-${i + 1}`, text: label(o) }]));
  if (d.careType) typeRows.push(['Traitement / soins', { id: 'f1-traitement-soins', text: label(d.careType) }]);
  typeRows.push(['RCP de recours', { id: 'f1-rcp-recours', text: ouiNon(d.isRecourseRcp) }]);
  typeRows.push(['RCP pédiatrique', { id: 'f1-rcp-pediatrique', text: ouiNon(d.isPaediatricRcp) }]);
  if (d.typeComment !== undefined) typeRows.push(['Commentaire', { id: 'f1-type-commentaire', text: d.typeComment }]);
  table(w, 'Type de RCP', ['Élément', 'Valeur'], typeRows);
  const reasonRows: Cell[][] = [
    ['Avis diagnostique', { id: 'f1-avis-diagnostique', text: ouiNon(r.diagnosticOpinion) }],
    ['Proposition thérapeutique (dont surveillance, ajustement du traitement)', { id: 'f1-proposition-traitement', text: ouiNon(r.treatmentProposal) }],
    ['Recours', { id: 'f1-recours', text: ouiNon(r.recourse) }],
    ['Pédiatrie', { id: 'f1-pediatrie', text: ouiNon(r.paediatrics) }],
    ['Statut du cas présenté', { id: 'f1-statut-cas', text: caseStatus.displayName }],
  ];
  if (r.comment !== undefined) reasonRows.push(['Commentaire', { id: 'f1-motif-commentaire', text: r.comment }]);
  reasonRows.push(['Motif', { id: 'f1-motif', text: r.reasonText }]);
  if (r.date !== undefined) reasonRows.push(['Date', dateFr(r.date)]);
  table(w, 'Motif de la RCP', ['Élément', 'Valeur'], reasonRows);
  w.end();

  const nav = { nullFlavor: 'NAV' } as const;
  const flag = (code: string, display: string, textId: string, value: boolean) =>
    entryRelationship(w, 'REFR', undefined, () =>
      simpleObservation(state, { code: taAsip(code, display), textId, time: nav, value: bl(value) }),
    );
  // RCP type (ORG-118 + organs, or ORG-138) with the recourse / paediatric flags and comment.
  const typeChildren = () => {
    flag('ORG-184', 'RCP de recours', 'f1-rcp-recours', d.isRecourseRcp);
    flag('ORG-185', 'RCP pédiatrique', 'f1-rcp-pediatrique', d.isPaediatricRcp);
    nestedComment(state, d.typeComment !== undefined ? 'f1-type-commentaire' : undefined);
  };
  entry(w, () =>
    simpleObservation(state, {
      code: taAsip('GEN-098', 'Nature de la discussion'),
      textId: 'f1-nature',
      time: nav,
      value: cdValue(nature),
      children: () => {
        if (d.nature === 'ORG-117')
          entryRelationship(w, 'SUBJ', undefined, () =>
            simpleObservation(state, {
              code: taAsip('ORG-118', 'Appareil concerné'),
              textId: 'f1-appareil',
              time: nav,
              value: cdValue(d.apparatus!),
              children: () => {
                (d.organs ?? []).forEach((o, i) =>
                  entryRelationship(w, 'REFR', undefined, () =>
                    simpleObservation(state, { code: taAsip('ORG-119', 'Organe'), textId: `f1-organe-${i + 1}`, time: nav, value: cdValue(o) }),
                  ),
                );
                typeChildren();
              },
            }),
          );
        else
          entryRelationship(w, 'SUBJ', undefined, () =>
            simpleObservation(state, {
              code: taAsip('ORG-138', 'Traitement / Soins'),
              textId: 'f1-traitement-soins',
              time: nav,
              value: cdValue(d.careType!),
              children: typeChildren,
            }),
          );
        // Motif de la RCP: child of GEN-098 for both natures (F-T6), ORG-127 under it.
        entryRelationship(w, 'SUBJ', undefined, () =>
          simpleObservation(state, {
            code: taAsip('ORG-186', 'Motif de la RCP'),
            textId: 'f1-motif',
            time: nav,
            value: nullCd('NA'),
            children: () => {
              flag('MED-235', 'Avis diagnostique', 'f1-avis-diagnostique', r.diagnosticOpinion);
              flag('ORG-114', 'Proposition de traitement (dont ajustement et surveillance)', 'f1-proposition-traitement', r.treatmentProposal);
              flag('ORG-115', 'Recours', 'f1-recours', r.recourse);
              flag('ORG-116', 'Pédiatrie', 'f1-pediatrie', r.paediatrics);
              entryRelationship(w, 'REFR', undefined, () =>
                simpleObservation(state, {
                  code: taAsip('ORG-127', 'Statut du cas présenté'),
                  textId: 'f1-statut-cas',
                  time: { nullFlavor: 'NA' },
                  value: cdValue(caseStatus),
                }),
              );
              nestedComment(state, r.comment !== undefined ? 'f1-motif-commentaire' : undefined);
            },
          }),
        );
      },
    }),
  );
  // E-PB: the reason itself, as free text.
  entry(w, () =>
    simpleObservation(state, {
      negationInd: false,
      templateIds: TEMPLATES.problem,
      code: ['55607006', OID.snomed, 'Problème'],
      textId: 'f1-motif',
      time: { low: r.date },
      value: nullCd('NA', 'f1-motif'),
    }),
  );
  closeSection(w);
}
