// The PPS editor's texts come from the model (@dcc-kit/cda/labels): the fields shared by both
// volets, and the PPS's own under the `pps/` prefix, looked up first.
import { registerVoletStrings } from '@dcc-kit/elements';
import { ppsFieldStrings, sharedFieldStrings } from '@dcc-kit/cda/labels';

export function registerPpsStrings(): void {
  registerVoletStrings('pps', ppsFieldStrings, sharedFieldStrings);
}
