// The PPS editor's texts come from the model (@dcc-kit/cda/labels): the fields shared by both
// volets, and the PPS's own under the `pps/` prefix, looked up first.
import { registerDefaultTranslation, registerVoletStrings } from '@dcc-kit/elements';
import { ppsFieldStrings, sharedFieldStrings } from '@dcc-kit/cda/labels';

export function registerPpsStrings(): void {
  registerVoletStrings('pps', ppsFieldStrings, sharedFieldStrings);
  // The editor's own texts beside the model's labels.
  registerDefaultTranslation({ $code: 'fr', $name: 'Français', 'pps/careTeamCandidates': 'Participants de la RCP' }, { $code: 'en', $name: 'English', 'pps/careTeamCandidates': 'Participants of the RCP' });
}
