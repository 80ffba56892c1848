// F13 case summary and question, F14 status of the case presented to the RCP.
import { empty } from '../../xml/writer.js';
import type { FrcpDocument } from '../../model/frcp.js';
import { fixedCode } from '../datatypes.js';
import {
  openSection,
  closeSection,
  entry,
  simpleObservation,
  commentAct,
  templateIds,
  bl,
  cdValue,
} from '../entries.js';
import { table, type Cell, ouiNon } from '../narrative.js';
import { BuildState, OID } from '../state.js';
import { label, taAsip } from './coding.js';

export function caseSummarySection(state: BuildState, s: FrcpDocument['caseSummary']): void {
  const w = state.w;
  openSection(state, {
    templateIds: ['1.3.6.1.4.1.19376.1.5.3.1.3.4', '1.2.250.1.213.1.1.2.130'],
    code: ['10164-2', OID.loinc, 'Histoire de la maladie'],
    title: "SYNTHÈSE DU CAS PRÉSENTÉ ET QUESTION POSÉE À LA RCP - AUTRES DONNÉES INDISPENSABLES À L'AVIS DE LA RCP",
  });
  w.start('text');
  table(w, undefined, ['Synthèse du cas présenté et question posée à la RCP'], [[{ id: 'f13-synthese', text: s.summaryAndQuestion }]]);
  if (s.otherData !== undefined)
    table(w, undefined, ["Autres données indispensables à l'avis de la RCP"], [[{ id: 'f13-autres-donnees', text: s.otherData }]]);
  w.end();
  closeSection(w);
}

export function recordStatusSection(state: BuildState, s: FrcpDocument['recordStatus']): void {
  const w = state.w;
  openSection(state, {
    templateIds: ['1.2.250.1.213.1.1.2.33'],
    code: ['21874-3', OID.loinc, 'Statut du dossier présenté en RCP'],
    title: 'STATUT DU DOSSIER PRÉSENTÉ EN RCP',
  });
  w.start('text');
  const rows: Cell[][] = [
    ['Dossier complet', { id: 'f14-dossier-complet', text: ouiNon(s.complete) }],
    ['Quorum', { id: 'f14-quorum', text: label(s.quorum) }],
  ];
  if (s.comment !== undefined) rows.push(['Commentaire', { id: 'f14-commentaire', text: s.comment }]);
  table(w, 'Statut du dossier présenté à la RCP', ['Élément', 'Valeur'], rows);
  w.end();
  entry(w, () => {
    w.start('organizer');
    w.attr('classCode', 'CLUSTER');
    w.attr('moodCode', 'EVN');
    templateIds(w, ['1.2.250.1.213.1.1.3.7']);
    state.freshId();
    fixedCode(w, 'code', 'GEN-099', OID.taAsip, 'Information RCP');
    empty(w, 'statusCode', ['code', 'completed']);
    w.start('component');
    simpleObservation(state, { code: taAsip('GEN-100', 'Dossier complet'), textId: 'f14-dossier-complet', time: { nullFlavor: 'NA' }, value: bl(s.complete) });
    w.end();
    w.start('component');
    simpleObservation(state, { code: taAsip('ORG-125', 'Quorum RCP'), textId: 'f14-quorum', time: { nullFlavor: 'NA' }, value: cdValue(s.quorum) });
    w.end();
    if (s.comment !== undefined) {
      w.start('component');
      commentAct(state, 'f14-commentaire');
      w.end();
    }
    w.end();
  });
  closeSection(w);
}
