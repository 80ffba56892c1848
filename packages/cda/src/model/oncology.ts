// Clinical blocks shared by the PPS and the FRCP: cancer diagnosis (E-LPC/E-DC/TNM) and
// cancer phase/progression (pps-cda.md §4.4, §4.6; frcp-cda.md §4.4, §4.9).
import { Type, type Static } from '@sinclair/typebox';
import {
  JDV_ModificateurTopographique_CISIS,
  JDV_Morphologie_CISIS,
  JDV_StatutDoc_CISIS,
  JDV_Tumeur_CISIS,
} from '../generated/value-sets/index.js';
import { Obj, titled, describe, bound, Coding, CodedOrText, PartialDate, FreeText, Text } from './common.js';

const TnmValue = (d: string) => Type.Optional(Text(d, { maxLength: 20 }));

export const Tnm = titled(
  'Tnm',
  Obj(
    {
      date: Type.Optional(describe(PartialDate, 'Date of the staging.')),
      stage: TnmValue('Clinical stage, e.g. "IB".'),
      version: Type.Optional(
        Type.Union([Type.Literal('7'), Type.Literal('8')], { default: '8', description: 'TNM UICC edition.' }),
      ),
      t: TnmValue('T category, e.g. "T1b". Absent = unknown.'),
      n: TnmValue('N category, e.g. "N1". Absent = unknown.'),
      m: TnmValue('M category, e.g. "M0". Absent = unknown.'),
    },
    { description: 'Clinical TNM staging (UICC). Required in the FRCP, where unknown categories are simply omitted.' },
  ),
);
export type Tnm = Static<typeof Tnm>;

export const CancerDiagnosis = titled(
  'CancerDiagnosis',
  Obj(
    {
      status: Type.Optional(
        Type.Union(['active', 'suspended', 'aborted', 'completed'].map((v) => Type.Literal(v)), {
          default: 'active',
          description: 'Concern status: active (current cancer), suspended, aborted, completed (then `endDate` is required).',
        }),
      ),
      diagnosisDate: Type.Optional(describe(PartialDate, 'Date of the initial diagnosis (unknown when absent).')),
      endDate: Type.Optional(describe(PartialDate, 'End of the concern; required when status is completed or aborted.')),
      topography: bound(
        describe(CodedOrText, 'Topography, value set JDV_Tumeur_CISIS (CIM-10, e.g. C50.2), or free text.'),
        JDV_Tumeur_CISIS,
      ),
      laterality: Type.Optional(
        bound(
          describe(Coding, 'Laterality, value set JDV_ModificateurTopographique_CISIS (24028007 droit…).'),
          JDV_ModificateurTopographique_CISIS,
        ),
      ),
      morphology: bound(
        describe(CodedOrText, 'Morphology, value set JDV_Morphologie_CISIS (CIM-O-3, e.g. 8500/3), or free text.'),
        JDV_Morphologie_CISIS,
      ),
      tnm: Type.Optional(Tnm),
      otherStages: Type.Optional(
        Type.Array(
          Obj({
            text: FreeText('The stage, e.g. "FIGO IIIC".'),
            classificationName: Type.Optional(FreeText('Name of the classification (FRCP).')),
            classificationVersion: Type.Optional(FreeText('Version of the classification (FRCP).')),
          }),
          { description: 'Other staging classifications.' },
        ),
      ),
      comment: Type.Optional(FreeText('Comment on this tumour.')),
    },
    { description: 'One tumour: topography, laterality, morphology, staging.' },
  ),
);
export type CancerDiagnosis = Static<typeof CancerDiagnosis>;

export const CancerPhase = titled(
  'CancerPhase',
  Obj(
    {
      phase: Type.Union([Type.Literal('MED-268'), Type.Literal('MED-244')], {
        description: 'MED-268 phase initiale du cancer, MED-244 rechute du cancer (JDV_PhaseCancer_CISIS).',
      }),
      date: Type.Optional(describe(PartialDate, 'Observation date (initial phase) or relapse date.')),
      comment: Type.Optional(FreeText('Comment on the phase.')),
      progression: Obj(
        {
          observed: Type.Boolean({ description: 'Progression of the cancer observed.' }),
          date: Type.Optional(describe(PartialDate, 'Date of the progression.')),
          local: Type.Optional(Type.Boolean({ description: 'Local progression (required when observed).' })),
          regional: Type.Optional(Type.Boolean({ description: 'Regional progression (required when observed).' })),
          distant: Type.Optional(Type.Boolean({ description: 'Distant progression (required when observed).' })),
        },
        { description: 'Progression of the cancer.' },
      ),
    },
    { description: 'Phase and progression of the cancer.' },
  ),
);
export type CancerPhase = Static<typeof CancerPhase>;

export const DocumentStatusCode = bound(
  describe(
    Coding,
    'Document status, value set JDV_StatutDoc_CISIS: 385651009 en cours, 398166005 réalisé, 9571008 approuvé (default), 29179001 clôturé.',
  ),
  JDV_StatutDoc_CISIS,
);
