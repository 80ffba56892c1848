// <pps-editor>: the Programme Personnalisé de Soins (CANCER-PPS_2022.01) as a form a
// clinician fills section by section. No side effects: the tag is defined by ./pps-editor.ts.
// The published JSON Schema without its descriptions (`.form.json`, generated from the TypeBox
// model by `npm run build`): the form renders from it so that TypeBox's type builder stays in
// the lazy validation chunk.
import ppsJsonSchema from '@dcc-kit/cda/schema/pps.form.json' with { type: 'json' };
import { documentMadeAt, headerSummaryRows } from '@dcc-kit/cda/editor';
import { DccSchemaForm, draftIdFor, inlineSchemaRefs, type FormDefinition } from '@dcc-kit/elements';
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
    return { validate: api.validate, build: api.build };
  },
  draftId: (documentId, patientKey) => draftIdFor('pps', documentId, patientKey),
  madeAt: documentMadeAt,
  contextSummary: headerSummaryRows,
};

/**
 * @summary Editor of the Programme Personnalisé de Soins (CANCER-PPS_2022.01): every field of
 * sections S1-S10, value-set pickers, validation on blur, encrypted autosave, native form
 * association and a printable preview of the French narrative.
 * @tag pps-editor
 *
 * @event input - The model changed (bubbles, composed). Read `value`.
 * @event change - A field was committed (bubbles, composed).
 * @event dcc-submit - `{ model, xml }`: whole-form validation and the CDA build succeeded.
 * @event dcc-invalid - `{ issues }`: the whole-form check found errors (listed in the summary).
 * @event dcc-draft-saved - `{ draftId, savedAt }`: the encrypted draft was written to IndexedDB.
 * @event dcc-draft-error - `{ draftId }`: a draft could not be saved (the changes stay pending and a banner says so).
 * @event dcc-draft-restored - `{ draftId, savedAt }`: a draft newer than the loaded model was restored.
 * @event dcc-server-version-newer - `{ serverVersion, draftVersion }`: the server holds a newer version than the draft's base.
 *
 * @property {object} value - The PPS build input of @dcc-kit/cda (`PpsDocument`); the form value is its JSON.
 * @property {object} model - Alias of `value`.
 * @property {string} name - Name of the entry in the owner form's FormData.
 * @property {string} lang - `fr` (default) or `en`; otherwise follows the context locale, then the closest `[lang]`.
 * @property {boolean} readonly - Shows the values without editing controls.
 * @property {boolean} disabled - Disables the editor (also through an ancestor `<fieldset disabled>`).
 * @property {string} documentId - Id of the stored document (drafts are kept per document).
 * @property {string} serverVersion - Version of the stored document, to warn about newer server versions.
 * @property {PatientIdentity} patient - Patient identity (wins over `<dcc-provider>`).
 * @property {DocumentAuthor} author - Author (wins over `<dcc-provider>`).
 * @property {Custodian} organization - Custodian organisation (wins over `<dcc-provider>`).
 * @property {DccSession} session - `{ userId, draftKey }` for the encrypted drafts (wins over `<dcc-provider>`).
 * @property {Clock} clock - Time source of the debounces and timers (wins over `<dcc-provider>`; default: the browser's).
 *
 * @csspart form - The form area (all sections).
 * @csspart section - One clinician-facing section.
 * @csspart section-title - The heading of a section.
 * @csspart group - A fieldset of an object or list.
 * @csspart item - One item of a repeatable list.
 * @csspart field - The wrapper of one field.
 * @csspart label - A field label.
 * @csspart control - A native input, select or textarea.
 * @csspart hint - Help text of a field.
 * @csspart error - Error message of a field.
 * @csspart summary - The error summary of the whole-form check.
 * @csspart toolbar - Mode switch and print button.
 * @csspart nav - Links to the sections.
 * @csspart banner - Draft / server version banner.
 * @csspart submit - The "Valider et enregistrer" button.
 * @csspart preview - The read-only narrative preview.
 * @csspart context-summary - Read-only summary of a header part given by the host.
 *
 * @cssstate user-invalid - The model is invalid and the user left a field or tried to save.
 * @cssstate disabled - Disabled.
 *
 * @cssproperty --dcc-color-text - Text colour.
 * @cssproperty --dcc-color-background - Background.
 * @cssproperty --dcc-color-surface - Background of groups.
 * @cssproperty --dcc-color-border - Borders.
 * @cssproperty --dcc-color-primary - Buttons and accents.
 * @cssproperty --dcc-color-on-primary - Text on primary buttons.
 * @cssproperty --dcc-color-error - Errors.
 * @cssproperty --dcc-color-muted - Hints.
 * @cssproperty --dcc-font-family - Font family.
 * @cssproperty --dcc-font-size - Base font size.
 * @cssproperty --dcc-space-s - Small spacing.
 * @cssproperty --dcc-space-m - Medium spacing.
 * @cssproperty --dcc-space-l - Large spacing.
 * @cssproperty --dcc-radius - Corner radius.
 * @cssproperty --dcc-focus-ring - Focus outline.
 */
export class PpsEditor extends DccSchemaForm {
  constructor() {
    super();
    registerPpsStrings();
  }

  protected get definition(): FormDefinition {
    return definition;
  }

  protected formTitle(): string {
    return this.localize.term('pps/title');
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pps-editor': PpsEditor;
  }
}
