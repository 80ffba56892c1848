// CANCER-FRCP_2022.01 writer (frcp-cda.md §3-§4): header participants R1-R7, inFulfillmentOf,
// the two documentationOf and the RCP encounter, then sections F1-F18 in the order of the
// official examples, each with a French narrative generated from the same data as its entries.
// Narrative IDs are prefixed with the section key (f1-, f3- …) so that they stay unique.
import type { FrcpDocument } from '../model/frcp.js';
import { diagnosisSection } from './diagnosis.js';
import { writeHeader } from './header.js';
import { phaseSection, discoverySection } from './shared-sections.js';
import { BuildState, OID } from './state.js';
import { caseSummarySection, recordStatusSection } from './frcp/case.js';
import { datedListSection, examResultsSection, functionalStatusSection } from './frcp/clinical.js';
import { patientCommentSection, statusSection } from './frcp/closing.js';
import {
  FRCP_VOLET,
  documentationOf,
  encounterIds,
  frcpEncounter,
  inFulfillmentOf,
  participants,
} from './frcp/header.js';
import { frameworkSection, proposalSection } from './frcp/proposal.js';
import { reasonSection } from './frcp/reason.js';
import { PATHOLOGY, SURGERY, molecular, reportSection } from './frcp/reports.js';
import { pastTreatmentsSection } from './frcp/treatments.js';

/** Writes the whole FRCP of a checked, normalised model (see checkFrcp). */
export function writeFrcp(state: BuildState, doc: FrcpDocument): void {
  const w = state.w;
  writeHeader(state, { ...doc, encounter: frcpEncounter(doc) }, FRCP_VOLET, {
    participants: (s) => participants(s, doc),
    inFulfillmentOf: (s) => inFulfillmentOf(s, doc),
    documentationOf: (s) => documentationOf(s, doc),
    encounterIds: (s) => encounterIds(s, doc),
  });
  w.start('component');
  w.start('structuredBody');
  reasonSection(state, doc);
  discoverySection(state, 'f2', doc.discovery);
  // One F3 section per tumour: the kit's IHE rule S_cancerDiagnosis.sch evaluates
  // `cda:entry/cda:act/(… and …)` as a boolean, a dynamic error (FORG0006) as soon as a
  // section holds two E-LPC acts; one act per section keeps every tumour validatable.
  doc.tumours.forEach((t, i) =>
    diagnosisSection(state, i === 0 ? 'f3' : `f3-${i + 1}`, doc.tumours.length > 1 ? `TUMEUR ${i + 1}` : 'TUMEUR', [t], true),
  );
  if (doc.medicalHistory)
    datedListSection(
      state,
      { templateIds: ['1.2.250.1.213.1.1.2.2'], code: ['11348-0', OID.loinc, 'Antécédents médicaux'], title: 'CLINIQUE - ANTÉCÉDENTS NOTABLES' },
      "Antécédents médicaux (ceux notables pour l'avis)",
      'f4-antecedent',
      doc.medicalHistory,
    );
  if (doc.comorbidities)
    datedListSection(
      state,
      { templateIds: ['1.2.250.1.213.1.1.2.176'], code: ['11450-4', OID.loinc, 'Liste des problèmes actifs'], title: 'COMORBIDITÉS' },
      'Comorbidités',
      'f5-comorbidite',
      doc.comorbidities,
    );
  if (doc.functionalStatus) functionalStatusSection(state, doc.functionalStatus);
  if (doc.examResults) examResultsSection(state, doc.examResults);
  phaseSection(state, 'f8', 'PHASE CLINIQUE DE LA MALADIE', doc.phase);
  if (doc.pastTreatments) pastTreatmentsSection(state, doc.pastTreatments);
  if (doc.surgeryReport) reportSection(state, doc, SURGERY, doc.surgeryReport);
  if (doc.pathologyReport) reportSection(state, doc, PATHOLOGY, doc.pathologyReport);
  (doc.molecularReports ?? []).forEach((r, i) => reportSection(state, doc, molecular(i), r));
  caseSummarySection(state, doc.caseSummary);
  recordStatusSection(state, doc.recordStatus);
  proposalSection(state, doc.proposal);
  frameworkSection(state, doc.framework);
  if (doc.patientComment !== undefined) patientCommentSection(state, doc.patientComment);
  statusSection(state, doc.status);
  w.end();
  w.end();
  w.end();
}
