// F17 patient comment and F18 document status, the last two sections.
import type { FrcpDocument } from '../../model/frcp.js';
import { openSection, closeSection } from '../entries.js';
import { table, paragraph, type Cell, dateFr } from '../narrative.js';
import { FREE_COMMENT_TEMPLATES, STATUS_SECTION, statusEntry } from '../shared-sections.js';
import { BuildState, OID } from '../state.js';
import { label } from './coding.js';

export function patientCommentSection(state: BuildState, text: string): void {
  openSection(
    state,
    { templateIds: FREE_COMMENT_TEMPLATES, code: ['55112-7', OID.loinc, 'Commentaire'], title: 'COMMENTAIRES / PRÉCISIONS SUR LE PATIENT' },
    false,
  );
  state.w.start('text');
  paragraph(state.w, text, 'f17-commentaire');
  state.w.end();
  closeSection(state.w);
}

export function statusSection(state: BuildState, s: FrcpDocument['status']): void {
  const w = state.w;
  openSection(state, STATUS_SECTION);
  w.start('text');
  const rows: Cell[][] = [
    ['Statut du document', { id: 'f18-statut', text: label(s.status!) }],
    ['Date du statut', dateFr(s.date)],
  ];
  if (s.comment !== undefined) rows.push(['Commentaire sur la fiche RCP', { id: 'f18-commentaire', text: s.comment }]);
  table(w, undefined, ['Élément', 'Valeur'], rows);
  w.end();
  statusEntry(state, s.status!, s.date, 'f18-statut', s.comment !== undefined ? 'f18-commentaire' : undefined);
  closeSection(w);
}
