// Loaded lazily by <rcp-form> (dynamic import) on first blur, idle time, save or preview:
// model validation and the CDA builder of @dcc-kit/cda with its value sets stay out of the
// eager bundle (the form itself only needs the schema).
import { validateFrcp, buildFrcp, buildWithModel } from '@dcc-kit/cda/core';
import { frcpNarrativeHeader, type NarrativeHeader } from '@dcc-kit/cda/narrative';

export function validate(input: unknown) {
  return validateFrcp(input);
}

export function build(input: unknown): string {
  return buildFrcp(input);
}

/** The CDA and the header part of its narrative, from one normalised model. */
export function preview(input: unknown): { xml: string; header: NarrativeHeader } {
  const { xml, document } = buildWithModel('frcp', input);
  return { xml, header: frcpNarrativeHeader(document) };
}
