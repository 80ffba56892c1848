/**
 * @dcc-kit/conformance — the ANS TestContenuCDA verdict on CDA R2 documents, in JavaScript.
 * This entry point runs in Node and in browsers; `@dcc-kit/conformance/node` adds the
 * filesystem loader, the kit-folder lookup and the on-disk cache.
 */
export { createValidator, VoletNotDetectedError, type LayerIssue, type LayerResult, type ValidateOptions, type ValidationResult, type Validator, type ValidatorOptions } from './validator.js';
export { GENERIC_LAYERS, LAYER_SLOTS, VOLET_LAYERS, layersFor, slotOf, voletFromTemplateIds, type LayerDefinition, type LayerName, type LayerSlot, type Volet } from './layers.js';
export { createFetchLoader, createMemoryLoader, type ResourceLoader } from './loader.js';
export { createMemorySchemaStore, loadCompiledSchema, type CompiledSchemaEntry, type CompiledSchemaStore } from './schema-cache.js';
export { compileSchematron, SchematronCompileError } from './schematron/compile.js';
export { DocumentIndex, ResourceCache, SchematronRunner, type EngineError, type SchematronFinding, type SchematronRunResult } from './schematron/run.js';
export type { CompiledSchema, CompiledPattern, CompiledRule, MatchBranch, RuleItem, MessagePart } from './schematron/model.js';
export { StoredXPaths, type CompiledXPathStore } from './schematron/xpath-store.js';
export { createXsdValidator, type XsdIssue, type XsdValidator } from './xsd.js';
