// The Fiche RCP form's texts come from the model (@dcc-kit/cda/labels): the fields shared by
// both volets, and the FRCP's own under the `frcp/` prefix, looked up first.
import { registerDefaultTranslation, registerVoletStrings } from '@dcc-kit/elements';
import { frcpFieldStrings, sharedFieldStrings } from '@dcc-kit/cda/labels';

export function registerRcpStrings(): void {
  registerVoletStrings('frcp', frcpFieldStrings, sharedFieldStrings);
  // The form's own texts beside the model's labels.
  registerDefaultTranslation(
    { $code: 'fr', $name: 'Français', 'frcp/quorumCandidates': 'Membres de la RCP', 'frcp/guidelineCandidates': 'Référentiels de la RCP' },
    { $code: 'en', $name: 'English', 'frcp/quorumCandidates': 'Members of the RCP', 'frcp/guidelineCandidates': 'Guidelines of the RCP' },
  );
}
