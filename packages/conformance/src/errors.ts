/**
 * The engine's errors, in a module of their own so that code which only forwards work to the
 * validator pool (the server's main thread) can recognise them without loading SaxonJS.
 */

/** The document's volet cannot be detected and none was given. */
export class VoletNotDetectedError extends Error {
  override readonly name = 'VoletNotDetectedError';
}
