// Loaded lazily by <rcp-form> (dynamic import) on first blur, idle time, save or preview:
// model validation and the CDA builder of @dcc-kit/cda with its value sets stay out of the
// eager bundle (the form itself only needs the schema).
import { validateFrcp, buildFrcp } from '@dcc-kit/cda/core';

export function validate(input: unknown) {
  return validateFrcp(input);
}

export function build(input: unknown): string {
  return buildFrcp(input);
}
