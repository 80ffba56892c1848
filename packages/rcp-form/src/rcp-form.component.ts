// <rcp-form>: the Fiche RCP (CANCER-FRCP_2022.01) as a form organised like a tumour board
// works. No side effects: the tag is defined by ./rcp-form.ts.
// The published JSON Schema without its descriptions (`.form.json`, generated from the TypeBox
// model by `npm run build`): the form renders from it so that TypeBox's type builder stays in
// the lazy validation chunk.
import frcpJsonSchema from '@dcc-kit/cda/schema/frcp.form.json' with { type: 'json' };
import { documentMadeAt, headerSummaryRows } from '@dcc-kit/cda/editor';
import { DccSchemaForm, inlineSchemaRefs, type FormDefinition } from '@dcc-kit/elements';
import { registerRcpStrings } from './rcp-strings.js';

/** Sections F1-F18 of frcp-cda.md mapped to model paths, in the order of a tumour board. */
export const rcpSections: FormDefinition['sections'] = [
  { id: 'meeting', paths: ['meeting', 'recordStatus'] },
  { id: 'patient', paths: ['patient', 'trustedPerson', 'emergencyContacts', 'encounter', 'patientComment'] },
  { id: 'reason', paths: ['discussion', 'caseSummary'] },
  {
    id: 'diagnosis',
    paths: [
      'tumours',
      'discovery',
      'phase',
      'functionalStatus',
      'medicalHistory',
      'comorbidities',
      'examResults',
      'pastTreatments',
      'surgeryReport',
      'pathologyReport',
      'molecularReports',
    ],
  },
  { id: 'proposal', paths: ['proposal', 'framework'] },
  { id: 'status', paths: ['status', 'author', 'legalAuthenticator', 'custodian', 'document'] },
];

const definition: FormDefinition = {
  id: 'frcp',
  schema: inlineSchemaRefs(frcpJsonSchema),
  sections: rcpSections,
  load: async () => {
    const api = await import('./rcp-api.js');
    return { validate: api.validate, build: api.build, preview: api.preview };
  },
  madeAt: documentMadeAt,
  contextSummary: headerSummaryRows,
};

// Events, the other properties, parts, states and tokens are those of `DccSchemaForm`
// (@dcc-kit/elements), which the custom elements manifest gives each editor by inheritance.
/**
 * @summary Form of the Fiche RCP (CANCER-FRCP_2022.01): every field of sections F1-F18
 * (meeting and quorum, reason, TNM, WHO performance status, proposal, guidelines, trial),
 * value-set pickers, validation on blur, encrypted autosave, native form association and a
 * printable preview of the French narrative.
 * @tag rcp-form
 *
 * @property {object} value - The FRCP build input of @dcc-kit/cda (`FrcpDocument`); the form value is its JSON.
 */
export class RcpForm extends DccSchemaForm {
  constructor() {
    super();
    registerRcpStrings();
  }

  protected get definition(): FormDefinition {
    return definition;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rcp-form': RcpForm;
  }
}
