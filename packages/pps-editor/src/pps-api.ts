// Loaded lazily by <pps-editor> (dynamic import) on first blur, idle time, save or preview:
// model validation and the CDA builder of @dcc-kit/cda with its value sets stay out of the
// eager bundle (the editor itself only needs the schema).
import { validatePps, buildPps, buildWithModel } from '@dcc-kit/cda/core';
import { ppsNarrativeHeader, type NarrativeHeader } from '@dcc-kit/cda/narrative';

export function validate(input: unknown) {
  return validatePps(input);
}

export function build(input: unknown): string {
  return buildPps(input);
}

/** The CDA and the header part of its narrative, from one normalised model. */
export function preview(input: unknown): { xml: string; header: NarrativeHeader } {
  const { xml, document } = buildWithModel('pps', input);
  return { xml, header: ppsNarrativeHeader(document) };
}
