// @dcc-kit/cda/start/context: what an editor needs of the starts on its first render — the
// establishment's identifiers given once by the host, and the label of a professional offered
// for a list. The starts themselves (`@dcc-kit/cda/start`: from the RCP, from the previous
// RCP, with their value sets) are a lazy chunk, loaded when the host starts a document.
export { applyEstablishmentToPps, applyEstablishmentToRcp, establishmentPaths } from './establishment.js';
export type { EstablishmentContext } from './establishment.js';
export { professionalLabel } from './professional-label.js';
