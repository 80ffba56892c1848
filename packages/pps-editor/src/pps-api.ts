// Loaded lazily by <pps-editor> (dynamic import) on first blur, idle time, save or preview:
// model validation and the CDA builder of @dcc-kit/cda with its value sets stay out of the
// eager bundle (the editor itself only needs the schema).
import { validatePps, buildPps } from '@dcc-kit/cda/core';

export function validate(input: unknown) {
  return validatePps(input);
}

export function build(input: unknown): string {
  return buildPps(input);
}
