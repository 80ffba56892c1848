// <pps-editor>: the Programme Personnalisé de Soins (CANCER-PPS_2022.01) as a form a
// clinician fills section by section. No side effects: the tag is defined by ./pps-editor.ts.
// The published JSON Schema without its descriptions (`.form.json`, generated from the TypeBox
// model by `npm run build`): the form renders from it so that TypeBox's type builder stays in
// the lazy validation chunk.
import ppsJsonSchema from '@dcc-kit/cda/schema/pps.form.json' with { type: 'json' };
import { documentMadeAt, headerSummaryRows } from '@dcc-kit/cda/editor';
import { DccSchemaForm, inlineSchemaRefs, type FormDefinition } from '@dcc-kit/elements';
import { registerPpsStrings } from './pps-strings.js';

/** Sections as a clinician thinks of the PPS (pps-cda.md S1-S10 mapped to model paths). */
export const ppsSections: FormDefinition['sections'] = [
  { id: 'patient', paths: ['patient', 'trustedPerson', 'emergencyContacts', 'patientComment', 'paediatrics', 'encounter'] },
  { id: 'diagnosis', paths: ['tumours', 'phase', 'discovery'] },
  {
    id: 'programme',
    paths: [
      'therapeuticProgramme.treatments',
      'therapeuticProgramme.sideEffectManagement',
      'therapeuticProgramme.associatedMeasures',
      'therapeuticProgramme.stopAllActiveTreatments',
    ],
  },
  { id: 'support', paths: ['supportiveCare.supportiveCare', 'supportiveCare.socialSupport'] },
  { id: 'followUp', paths: ['therapeuticProgramme.followUp'] },
  {
    id: 'team',
    paths: [
      'careNetwork.careTeam',
      'careNetwork.generalPractitioner',
      'careNetwork.referenceFacilities',
      'careNetwork.coordinationCentre3C',
      'careNetwork.accommodationCentre',
      'careNetwork.localProfessionals',
      'careNetwork.healthMediator',
      'careNetwork.cityHospitalCoordination',
      'careNetwork.regionalCancerNetworks',
      'careNetwork.socialOrganisations',
      'careNetwork.supportStructures',
    ],
  },
  { id: 'status', paths: ['status', 'referencedDocuments', 'author', 'legalAuthenticator', 'custodian', 'document'] },
  { id: 'mentions', paths: ['privacyNotice'] },
];

const definition: FormDefinition = {
  id: 'pps',
  schema: inlineSchemaRefs(ppsJsonSchema),
  sections: ppsSections,
  load: async () => {
    const api = await import('./pps-api.js');
    return { validate: api.validate, build: api.build, preview: api.preview };
  },
  madeAt: documentMadeAt,
  contextSummary: headerSummaryRows,
};

// Events, the other properties, parts, states and tokens are those of `DccSchemaForm`
// (@dcc-kit/elements), which the custom elements manifest gives each editor by inheritance.
/**
 * @summary Editor of the Programme Personnalisé de Soins (CANCER-PPS_2022.01): every field of
 * sections S1-S10, value-set pickers, validation on blur, encrypted autosave, native form
 * association and a printable preview of the French narrative.
 * @tag pps-editor
 *
 * @property {object} value - The PPS build input of @dcc-kit/cda (`PpsDocument`); the form value is its JSON.
 */
export class PpsEditor extends DccSchemaForm {
  constructor() {
    super();
    registerPpsStrings();
  }

  protected get definition(): FormDefinition {
    return definition;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pps-editor': PpsEditor;
  }
}
