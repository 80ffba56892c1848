// The schema-driven form engine behind <pps-editor> and <rcp-form>: every field of the cda
// model is rendered from its JSON Schema (objects as fieldsets, optional objects with
// add/remove, arrays as repeatable groups, dates, enums, booleans, codings bound to a value
// set as <dcc-code-picker>), arranged in the clinician-facing sections given by each editor.
// Validation, build and value sets are loaded lazily (first blur / idle time / save) so that
// the eager bundle carries only the schemas and the rendering.
//
// This module is the published base: the styles and the documented parts and tokens over the
// unstyled behaviour of internal/schema-form-base.ts (Material Web's public-over-internal split).
import { SchemaFormBase } from './internal/schema-form-base.js';
import { schemaFormStyles } from './styles.js';

export type { FormDefinition, FormSection, ContextSummaryTexts } from './internal/schema-form-base.js';
export type { ContextKey, ContextSummaryRows } from './render/context-summary.js';
export type { VoletApi } from './controllers/lazy-modules.js';
export { isNewerVersion } from './controllers/draft-controller.js';



/**
 * Base class of the volet editors. Subclasses give the `definition` (schema, whose
 * `x-dcc-valueSet` annotations bind coded fields, sections, lazy validation/build) and
 * register their field strings.
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
 * @property {object} value - The model (the build input of @dcc-kit/cda of the editor's volet); the form value is its JSON.
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
 * @csspart field - The wrapper of one field (label, control, hint, error).
 * @csspart label - A field label.
 * @csspart control - A native input, select or textarea.
 * @csspart hint - The help text of a field.
 * @csspart error - The error message of a field.
 * @csspart summary - The error summary shown by the whole-form check.
 * @csspart toolbar - The mode switch (edit / preview) and print button.
 * @csspart nav - Links to the sections.
 * @csspart banner - Draft restored / newer server version banner.
 * @csspart submit - The "Valider et enregistrer" button.
 * @csspart actions - The action bar holding the submit button, sticky at the bottom of the viewport (Ctrl+S or ⌘S submits from anywhere in the form).
 * @csspart preview - The read-only narrative preview.
 * @csspart preview-header - The header part of the preview: patient, birth date, author, care team.
 * @csspart context-summary - The read-only summary of a header part given by the host (patient, author, custodian).
 * @cssstate user-invalid - The model is invalid and the user left a field or tried to save.
 * @cssstate disabled - Disabled by `disabled` or an ancestor `<fieldset disabled>`.
 * @cssproperty --dcc-color-text - Text colour.
 * @cssproperty --dcc-color-background - Background of the form.
 * @cssproperty --dcc-color-surface - Background of groups and items.
 * @cssproperty --dcc-color-border - Borders of controls and groups.
 * @cssproperty --dcc-color-primary - Buttons, links and focus accents.
 * @cssproperty --dcc-color-on-primary - Text on primary buttons.
 * @cssproperty --dcc-color-error - Error messages and invalid borders.
 * @cssproperty --dcc-color-muted - Hints and secondary text.
 * @cssproperty --dcc-font-family - Font family.
 * @cssproperty --dcc-font-size - Base font size.
 * @cssproperty --dcc-space-s - Small spacing.
 * @cssproperty --dcc-space-m - Medium spacing.
 * @cssproperty --dcc-space-l - Large spacing.
 * @cssproperty --dcc-radius - Corner radius of controls and groups.
 * @cssproperty --dcc-focus-ring - Outline of the focused control.
 */
export abstract class DccSchemaForm extends SchemaFormBase {
  static override styles = schemaFormStyles;
}
