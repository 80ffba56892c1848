// The other sections both volets write the same way: cancer phase (S5 / F8), discovery (S4 / F2),
// document status (S8 / F18) and the free comment section template (S1 / S10 / F17).
import type { Coding } from '../model/common.js';
import type { CancerPhase } from '../model/oncology.js';
import {
  type SectionHead,
  T,
  bl,
  cdValue,
  closeSection,
  entry,
  entryRelationship,
  nestedComment,
  openSection,
  originalTextRef,
  simpleObservation,
} from './entries.js';
import { type Cell, dateFr, ouiNon, table } from './narrative.js';
import { BuildState, OID } from './state.js';

export const PHASE_LABELS: Record<string, string> = { 'MED-268': 'Phase initiale du cancer', 'MED-244': 'Rechute du cancer' };

export function phaseSection(state: BuildState, prefix: string, title: string, phase: CancerPhase): void {
  const w = state.w;
  openSection(state, {
    templateIds: ['1.3.6.1.4.1.19376.1.5.3.1.1.13.2.7', '1.2.250.1.213.1.1.2.25'],
    code: ['18733-6', OID.loinc, 'Note de progression'],
    title,
  });
  const id = (s: string) => `${prefix}-${s}`;
  const pr = phase.progression;
  w.start('text');
  const rows: Cell[][] = [
    ['Phase du cancer', { id: id('phase'), text: PHASE_LABELS[phase.phase]! }],
    [phase.phase === 'MED-244' ? 'Date de la rechute' : "Date d'observation", dateFr(phase.date) || 'Inconnue'],
  ];
  if (phase.comment !== undefined) rows.push(['Commentaire', { id: id('phase-commentaire'), text: phase.comment }]);
  rows.push(['Progression du cancer', { id: id('progression'), text: ouiNon(pr.observed) }]);
  if (pr.date !== undefined) rows.push(['Date de la progression', dateFr(pr.date)]);
  if (pr.local !== undefined) rows.push(['Progression locale', { id: id('progression-locale'), text: ouiNon(pr.local) }]);
  if (pr.regional !== undefined) rows.push(['Progression régionale', { id: id('progression-regionale'), text: ouiNon(pr.regional) }]);
  if (pr.distant !== undefined) rows.push(['Progression à distance', { id: id('progression-distance'), text: ouiNon(pr.distant) }]);
  table(w, undefined, ['Élément', 'Valeur'], rows);
  w.end();
  entry(w, () =>
    simpleObservation(state, {
      code: ['MED-243', OID.taAsip, 'Phase du cancer'],
      textId: id('phase'),
      time: { value: phase.date },
      value: (w) => {
        w.start('value');
        w.attr('xsi:type', 'CD');
        w.attr('code', phase.phase);
        w.attr('codeSystem', OID.taAsip);
        w.attr('displayName', PHASE_LABELS[phase.phase]);
        originalTextRef(w, id('phase'));
        w.end();
      },
      children: () => nestedComment(state, phase.comment !== undefined ? id('phase-commentaire') : undefined),
    }),
  );
  entry(w, () =>
    simpleObservation(state, {
      code: ['MED-245', OID.taAsip, 'Progression du cancer'],
      textId: id('progression'),
      time: { value: pr.date },
      value: bl(pr.observed),
      children: () => {
        const sub = (flag: boolean | undefined, code: string, label: string, textId: string) => {
          if (flag === undefined) return;
          entryRelationship(w, 'COMP', undefined, () =>
            simpleObservation(state, { code: [code, OID.taAsip, label], textId, time: { value: pr.date }, value: bl(flag) }),
          );
        };
        sub(pr.local, 'MED-246', 'Progression locale', id('progression-locale'));
        sub(pr.regional, 'MED-247', 'Progression régionale', id('progression-regionale'));
        sub(pr.distant, 'MED-248', 'Progression à distance', id('progression-distance'));
      },
    }),
  );
  closeSection(w);
}

// ---------------------------------------------------------------- discovery (S4 / F2)

export function discoverySection(state: BuildState, prefix: string, discovery: { viaScreening: boolean; date?: string }): void {
  const w = state.w;
  openSection(state, {
    templateIds: ['1.3.6.1.4.1.19376.1.5.3.1.1.21.2.9', '1.3.6.1.4.1.19376.1.7.3.1.1.13.7', '1.2.250.1.213.1.1.2.163'],
    code: ['42545-4', OID.loinc, 'Evènements observés'],
    title: 'MODE DE DÉCOUVERTE DU CANCER',
  });
  const id = `${prefix}-depistage`;
  w.start('text');
  table(w, undefined, ['Patient issu du dépistage', 'Date'], [[{ id, text: ouiNon(discovery.viaScreening) }, dateFr(discovery.date)]]);
  w.end();
  entry(w, () =>
    simpleObservation(state, {
      code: ['63921-1', OID.loinc, 'Dépistage du cancer'],
      textId: id,
      time: { period: { start: discovery.date } },
      value: bl(discovery.viaScreening),
    }),
  );
  closeSection(w);
}

// ---------------------------------------------------------------- document status (S8 / F18)

export const STATUS_SECTION: SectionHead = {
  templateIds: ['1.2.250.1.213.1.1.2.35'],
  code: ['33557-0', OID.loinc, "Etat d'achèvement"],
  title: 'STATUT DU DOCUMENT',
};

/** E-STD FR-Statut-document with its optional comment. */
export function statusEntry(state: BuildState, status: Coding, date: string | undefined, textId: string, commentId?: string): void {
  entry(state.w, () =>
    simpleObservation(state, {
      templateIds: T.status,
      code: ['GEN-065', OID.taAsip, 'Statut du document'],
      textId,
      time: { value: date },
      value: cdValue(status),
      children: () => nestedComment(state, commentId),
    }),
  );
}

/** FR-Commentaire-non-code section (S1 / S10 / F17). */
export const FREE_COMMENT_TEMPLATES = ['2.16.840.1.113883.10.12.201', '1.3.6.1.4.1.19376.1.4.1.2.16', '1.2.250.1.213.1.1.2.73'] as const;
