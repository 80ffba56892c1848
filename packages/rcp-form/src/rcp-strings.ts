// The Fiche RCP form's texts come from the model (@dcc-kit/cda/labels): the fields shared by
// both volets, and the FRCP's own under the `frcp/` prefix, looked up first.
import { registerVoletStrings } from '@dcc-kit/elements';
import { frcpFieldStrings, sharedFieldStrings } from '@dcc-kit/cda/labels';

export function registerRcpStrings(): void {
  registerVoletStrings('frcp', frcpFieldStrings, sharedFieldStrings);
}
