export { DccCodePicker, loadGeneratedValueSet, type ValueSetLoader } from './dcc-code-picker.component.js';
export { foldForSearch, indexValueSet, searchConcepts, type IndexedConcept } from './search.js';
