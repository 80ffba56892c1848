// CANCER-PPS_2022.01 writer (pps-cda.md §3-§4): header participants P1-P11, then sections
// S1-S10 with a French narrative generated from the same data as the entries.
import type { PpsDocument } from '../model/pps.js';
import { PRIVACY_NOTICE } from '../generated/privacy-notice.js';
import { diagnosisSection } from './diagnosis.js';
import { writeHeader } from './header.js';
import { paragraph, content, richText } from './narrative.js';
import { phaseSection, discoverySection } from './shared-sections.js';
import { BuildState } from './state.js';
import { carePlanSection } from './pps/care-plan.js';
import { documentationOf, participants } from './pps/header.js';
import { freeCommentSection, paediatricsSection, referencesSection, statusSection } from './pps/sections.js';

/** Writes the whole PPS of a checked, normalised model. */
export function writePps(state: BuildState, doc: PpsDocument): void {
  const w = state.w;
  writeHeader(
    state,
    doc,
    { templateId: '1.2.250.1.213.1.1.1.26', code: '18776-5', displayName: 'Plan personnalisé de soins' },
    { participants: (s) => participants(s, doc), documentationOf: (s) => documentationOf(s, doc) },
  );
  w.start('component');
  w.start('structuredBody');
  if (doc.patientComment !== undefined) {
    const text = doc.patientComment;
    freeCommentSection(state, ['GEN-293', 'Commentaire sur le patient'], 'COMMENTAIRE SUR LE PATIENT', (w) => paragraph(w, text, 's1-commentaire'));
  }
  if (doc.paediatrics) paediatricsSection(state, doc.paediatrics);
  // One section per tumour: the kit's IHE rule S_cancerDiagnosis raises an XPath error
  // (FORG0006) on a section holding two tumour entries.
  doc.tumours.forEach((tumour, i) =>
    diagnosisSection(state, i === 0 ? 's3' : `s3-${i + 1}`, doc.tumours.length > 1 ? `DIAGNOSTIC — TUMEUR ${i + 1}` : 'DIAGNOSTIC', [tumour], true),
  );
  discoverySection(state, 's4', doc.discovery);
  if (doc.phase) phaseSection(state, 's5', 'PHASE ET PROGRESSION DU CANCER', doc.phase);
  carePlanSection(state, doc, 'therapeuticProgramme');
  carePlanSection(state, doc, 'supportiveCare');
  statusSection(state, doc);
  referencesSection(state, doc);
  const establishment = doc.privacyNotice?.establishmentText;
  freeCommentSection(state, ['GEN-294', 'Information pour le patient'], 'INFORMATION SUR LES DONNÉES PERSONNELLES VOUS CONCERNANT', (w) => {
    w.start('table');
    w.attr('border', '1');
    w.start('tbody');
    w.start('tr');
    w.start('td');
    if (establishment !== undefined) content(w, 's10-etablissement', establishment);
    else richText(w, PRIVACY_NOTICE.establishmentDefault);
    w.end();
    w.end();
    w.start('tr');
    for (const paragraphText of PRIVACY_NOTICE.inca) {
      w.start('td');
      richText(w, paragraphText);
      w.end();
    }
    w.end();
    w.end();
    w.end();
  });
  w.end();
  w.end();
  w.end();
}
