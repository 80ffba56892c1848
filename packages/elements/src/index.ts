// @dcc-kit/elements: the shared base of the dcc-kit web components. Classes only, no custom
// element is defined here (import '@dcc-kit/elements/define/<tag>.js' for that).
export {
  DccFormAssociatedElement,
  requiredValidator,
  type Validator,
  type ValidationResult,
} from './form-associated.js';
export {
  LocalizeController,
  registerTranslation,
  registerDefaultTranslation,
  translationOf,
  toLocale,
  DEFAULT_LOCALE,
  type DccLocale,
  type BaseStrings,
  type Translation,
  type Term,
} from './localize.js';
export { dccContext, type DccContextValue, type DccClientLike, type DccSession } from './context.js';
export {
  DccDraftSavedEvent,
  DccSubmitEvent,
  DccInvalidEvent,
  DccServerVersionNewerEvent,
  DccDraftRestoredEvent,
  DccDraftErrorEvent,
  DccUnmatchedTextEvent,
} from './events.js';
export { defineElement } from './define.js';
export { hostTokenStyles, visuallyHiddenStyles } from './styles/tokens.js';
export { DccProvider } from './provider/dcc-provider.component.js';
// form engine (schema-driven editors)
export {
  DccSchemaForm,
  isNewerVersion,
  type FormDefinition,
  type FormSection,
  type VoletApi,
  type ContextKey,
  type ContextSummaryRows,
  type ContextSummaryTexts,
} from './form/schema-form.js';
export {
  toTranslations,
  registerVoletStrings,
  toTranslation,
  registerVoletTexts,
  type Pair,
  type FieldStringTables,
  type VoletStringTables,
  type FieldTextTables,
  type VoletTextTables,
} from './form/field-strings.js';
export { narrativeToFragment } from './form/narrative.js';
export { preparePrint, printElement, routePagePrint, isPrintShortcut, PRINTING_ATTRIBUTE, type PrintableEditor } from './form/print.js';
export { kindOf, inlineSchemaRefs, schemaAt, pathToString, parsePath, getAt, type SchemaNode, type Path, type FieldKind } from './form/schema.js';
export { localToInstant, instantToLocal } from './form/dates.js';
export { DRAFT_DEBOUNCE_MS, type DraftSummary } from './form/controllers/draft-controller.js';
export type { EditorDraft } from './form/internal/schema-form-state.js';
export { formatParisDateTime, PARIS_TIME_ZONE } from './paris-time.js';
export { describeError, type DescribedError } from './describe-error.js';
export { VALIDATION_DEBOUNCE_MS } from './form/controllers/validation-controller.js';
export { FOLD_LISTS_FROM } from './form/render/array-field.js';
export { VALUE_SET_KEYWORD } from './form/render/picker-field.js';
export type { LabelKind } from './form/labels.js';
export { realClock, type Clock, type TimerHandle } from './clock.js';

// infrastructure (drafts, code picker)
export {
  DraftStore,
  DraftKeyError,
  draftIdFor,
  patientFingerprint,
  DraftStoreClosedError,
  draftIdbStore,
  DRAFT_DB_NAME,
  DRAFT_STORE_NAME,
  DEFAULT_DRAFT_MAX_AGE_MS,
  type DraftRecord,
  type DraftStoreOptions,
  type LoadedDraft,
  type ListedDraft,
  type SealedDraft,
} from './drafts/index.js';
export { DccCodePicker, loadGeneratedValueSet, type ValueSetLoader } from './code-picker/index.js';
export { foldForSearch, searchConcepts, indexValueSet } from './code-picker/search.js';
export {
  DccDirectoryPicker,
  DccDirectoryPickEvent,
  DccDirectoryUnavailableEvent,
  DIRECTORY_DEBOUNCE_MS,
  directorySearchOf,
  organizationValue,
  professionalValue,
  type DirectoryKind,
  type DirectoryOption,
  type DirectorySearch,
} from './directory-picker/index.js';
