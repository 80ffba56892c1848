// Cancer diagnosis section (PPS S3 / FRCP F3): narrative, E-LPC problem concern, E-DC diagnosis
// with its TNM stage (E-TNM), other stages and comments, one entry per tumour.
import type { XmlSink } from '../xml/writer.js';
import { empty } from '../xml/writer.js';
import type { CodedOrText } from '../model/common.js';
import type { CancerDiagnosis } from '../model/oncology.js';
import { cd, fixedCode, ts } from './datatypes.js';
import {
  type SectionHead,
  T,
  closeSection,
  entry,
  entryRelationship,
  nestedComment,
  nullCd,
  openSection,
  originalTextRef,
  simpleObservation,
  templateIds,
} from './entries.js';
import { type Cell, codedFr, dateFr, table } from './narrative.js';
import { tnmStageLabelFr } from '../narrative/stage.js';
import { BuildState, OID } from './state.js';

export const DIAGNOSIS_SECTION: SectionHead = {
  templateIds: [
    '2.16.840.1.113883.10.20.1.11',
    '1.3.6.1.4.1.19376.1.5.3.1.3.6',
    '1.3.6.1.4.1.19376.1.7.3.1.3.14.1',
    '1.2.250.1.213.1.1.2.27',
  ],
  code: ['72135-7', OID.loinc, 'Diagnostic du cancer'],
};

const tnmText = (t: NonNullable<CancerDiagnosis['tnm']>) =>
  [t.t ?? 'T?', t.n ?? 'N?', t.m ?? 'M?'].join(' ') + (t.stage !== undefined ? `, stade ${t.stage}` : '') + ` (UICC ${t.version ?? '8'}e éd.)`;

/** Narrative ids of one tumour (prefix `p` = the volet's section key). */
export const tumourIds = (p: string, i: number) => ({
  diag: `${p}-tumeur-${i + 1}`,
  topography: `${p}-tumeur-${i + 1}-topographie`,
  morphology: `${p}-tumeur-${i + 1}-morphologie`,
  tnm: `${p}-tumeur-${i + 1}-tnm`,
  t: `${p}-tumeur-${i + 1}-t`,
  n: `${p}-tumeur-${i + 1}-n`,
  m: `${p}-tumeur-${i + 1}-m`,
  stage: (k: number) => `${p}-tumeur-${i + 1}-stade-${k + 1}`,
  stageName: (k: number) => `${p}-tumeur-${i + 1}-stade-${k + 1}-nom`,
  stageVersion: (k: number) => `${p}-tumeur-${i + 1}-stade-${k + 1}-version`,
  comment: `${p}-tumeur-${i + 1}-commentaire`,
});

const STATUS_FR: Record<string, string> = { active: 'actif', suspended: 'suspendu', aborted: 'interrompu', completed: 'terminé' };

export function diagnosisNarrative(w: XmlSink, prefix: string, tumours: readonly CancerDiagnosis[]): void {
  w.start('text');
  tumours.forEach((tumour, i) => {
    const ids = tumourIds(prefix, i);
    const rows: Cell[][] = [
      ['Date du diagnostic initial', dateFr(tumour.diagnosisDate) || 'Inconnue'],
      ['Topographie', { id: ids.topography, text: codedFr(tumour.topography) }],
      ['Latéralité', tumour.laterality ? `${tumour.laterality.displayName}` : 'Non renseignée'],
      ['Morphologie', { id: ids.morphology, text: codedFr(tumour.morphology) }],
      ['Statut', { id: ids.diag, text: `Cancer ${STATUS_FR[tumour.status ?? 'active']}${tumour.endDate ? `, fin le ${dateFr(tumour.endDate)}` : ''}` }],
    ];
    if (tumour.tnm) {
      rows.push([tnmStageLabelFr(tumour.tnm), { id: ids.tnm, text: tnmText(tumour.tnm) }]);
      rows.push(['TNM (T)', { id: ids.t, text: tumour.tnm.t ?? 'Inconnu' }]);
      rows.push(['TNM (N)', { id: ids.n, text: tumour.tnm.n ?? 'Inconnu' }]);
      rows.push(['TNM (M)', { id: ids.m, text: tumour.tnm.m ?? 'Inconnu' }]);
    }
    tumour.otherStages?.forEach((s, k) => {
      rows.push(['Autre stade', { id: ids.stage(k), text: s.text }]);
      if (s.classificationName !== undefined) rows.push(['Nom de la classification', { id: ids.stageName(k), text: s.classificationName }]);
      if (s.classificationVersion !== undefined)
        rows.push(['Version de la classification', { id: ids.stageVersion(k), text: s.classificationVersion }]);
    });
    if (tumour.comment !== undefined) rows.push(['Commentaire', { id: ids.comment, text: tumour.comment }]);
    table(w, tumours.length > 1 ? `Tumeur ${i + 1}` : 'Tumeur', ['Élément', 'Valeur'], rows);
  });
  w.end();
}

function codedOrTextElement(w: XmlSink, name: string, value: CodedOrText, textId: string, xsiType: boolean, qualifier?: () => void): void {
  w.start(name);
  if (xsiType) w.attr('xsi:type', 'CD');
  if (value.coding) {
    w.attr('code', value.coding.code);
    w.attr('codeSystem', value.coding.codeSystem);
    w.attr('displayName', value.coding.displayName);
  } else w.attr('nullFlavor', 'OTH');
  originalTextRef(w, textId);
  qualifier?.();
  w.end();
}

function tnmCategory(state: BuildState, code: string, label: string, value: string | undefined, textId: string, version: string): void {
  entryRelationship(state.w, 'COMP', undefined, () =>
    simpleObservation(state, {
      code: [code, OID.loinc, label],
      textId,
      time: { nullFlavor: 'NAV' },
      value: (w) => {
        w.start('value');
        w.attr('xsi:type', 'CD');
        if (value === undefined) w.attr('nullFlavor', 'UNK');
        else {
          w.attr('code', value);
          w.attr('codeSystem', OID.tnm);
          w.attr('codeSystemVersion', version);
          w.attr('displayName', value);
        }
        w.end();
      },
    }),
  );
}

/** E-TNM clinical stage with its T, N and M observations, under a diagnosis. */
function tnmObservation(state: BuildState, tnm: NonNullable<CancerDiagnosis['tnm']>, ids: ReturnType<typeof tumourIds>): void {
  const w = state.w;
  const version = tnm.version ?? '8';
  entryRelationship(w, 'SUBJ', false, () =>
    simpleObservation(state, {
      negationInd: false,
      templateIds: T.tnm,
      code: ['75620-5', OID.loinc, 'Stade TNM Clinique'],
      textId: ids.tnm,
      time: { low: tnm.date },
      value: (w) => {
        w.start('value');
        w.attr('xsi:type', 'CD');
        w.attr('nullFlavor', 'NA');
        if (tnm.stage !== undefined) {
          w.start('qualifier');
          fixedCode(w, 'name', '21909-7', OID.loinc, 'Stade clinique');
          empty(w, 'value', ['code', tnm.stage], ['codeSystem', OID.tnm], ['displayName', tnm.stage]);
          w.end();
        }
        w.start('qualifier');
        fixedCode(w, 'name', '21917-0', OID.loinc, 'Version TNM Classification');
        empty(w, 'value', ['code', version], ['codeSystem', OID.tnm], ['displayName', `TNM_UICC ${version}ème édition`]);
        w.end();
        w.end();
      },
      children: () => {
        tnmCategory(state, '21905-5', 'Tumeur primitive (T)', tnm.t, ids.t, version);
        tnmCategory(state, '21906-3', 'Ganglions régionaux (N)', tnm.n, ids.n, version);
        tnmCategory(state, '21907-1', 'Métastases à distance (M)', tnm.m, ids.m, version);
      },
    }),
  );
}

/** E-LPC → E-DC (→ E-TNM, other stages, comment), one entry per tumour. */
export function diagnosisEntries(state: BuildState, prefix: string, tumours: readonly CancerDiagnosis[], withClassificationDetails: boolean): void {
  const w = state.w;
  tumours.forEach((tumour, i) => {
    const ids = tumourIds(prefix, i);
    const status = tumour.status ?? 'active';
    entry(w, () => {
      w.start('act');
      w.attr('classCode', 'ACT');
      w.attr('moodCode', 'EVN');
      templateIds(w, T.cancerConcern);
      state.freshId();
      empty(w, 'code', ['nullFlavor', 'NA']);
      empty(w, 'statusCode', ['code', status]);
      w.start('effectiveTime');
      ts(w, 'low', tumour.diagnosisDate);
      if (status === 'completed' || status === 'aborted') ts(w, 'high', tumour.endDate);
      w.end();
      entryRelationship(w, 'SUBJ', false, () =>
        simpleObservation(state, {
          negationInd: false,
          templateIds: T.cancerDiagnosis,
          code: ['282291009', OID.snomed, 'Interprétation diagnostique'],
          textId: ids.diag,
          time: { low: tumour.diagnosisDate },
          value: (w) => {
            codedOrTextElement(w, 'value', tumour.morphology, ids.morphology, true);
            codedOrTextElement(w, 'targetSiteCode', tumour.topography, ids.topography, false, () => {
              if (!tumour.laterality) return;
              w.start('qualifier');
              fixedCode(w, 'name', '20228-3', OID.loinc, 'Latéralité');
              cd(w, 'value', tumour.laterality);
              w.end();
            });
          },
          children: () => {
            if (tumour.tnm) tnmObservation(state, tumour.tnm, ids);
            tumour.otherStages?.forEach((s, k) => {
              entryRelationship(w, 'SUBJ', false, () =>
                simpleObservation(state, {
                  code: ['21918-8', OID.loinc, 'Autre classification du stade'],
                  textId: ids.stage(k),
                  time: { nullFlavor: 'NAV' },
                  value: nullCd('NA', ids.stage(k)),
                  children: () => {
                    if (!withClassificationDetails) return;
                    if (s.classificationName !== undefined)
                      entryRelationship(w, 'COMP', undefined, () =>
                        simpleObservation(state, {
                          code: ['GEN-101', OID.taAsip, 'Nom de la classification'],
                          textId: ids.stageName(k),
                          time: { nullFlavor: 'NAV' },
                          value: nullCd('NA', ids.stageName(k)),
                        }),
                      );
                    if (s.classificationVersion !== undefined)
                      entryRelationship(w, 'COMP', undefined, () =>
                        simpleObservation(state, {
                          code: ['GEN-102', OID.taAsip, 'Version de la classification'],
                          textId: ids.stageVersion(k),
                          time: { nullFlavor: 'NAV' },
                          value: nullCd('NA', ids.stageVersion(k)),
                        }),
                      );
                  },
                }),
              );
            });
            nestedComment(state, tumour.comment !== undefined ? ids.comment : undefined);
          },
        }),
      );
      w.end();
    });
  });
}

export function diagnosisSection(state: BuildState, prefix: string, title: string, tumours: readonly CancerDiagnosis[], withClassificationDetails: boolean): void {
  openSection(state, { ...DIAGNOSIS_SECTION, title });
  diagnosisNarrative(state.w, prefix, tumours);
  diagnosisEntries(state, prefix, tumours, withClassificationDetails);
  closeSection(state.w);
}
