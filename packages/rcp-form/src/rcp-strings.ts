// The Fiche RCP form's texts come from the model (@dcc-kit/cda/labels): the fields shared by
// both volets, and the FRCP's own under the `frcp/` prefix, looked up first. French at
// construction; English, a chunk of its own, the first time the form is shown in English.
import { registerDefaultTranslation, registerVoletTexts } from '@dcc-kit/elements';
import { frcpFr, sharedFr } from '@dcc-kit/cda/labels/fr';

export function registerRcpStrings(): void {
  registerVoletTexts('frcp', 'fr', frcpFr, sharedFr);
  // The form's own texts beside the model's labels.
  registerDefaultTranslation({ $code: 'fr', $name: 'Français', 'frcp/quorumCandidates': 'Membres de la RCP', 'frcp/guidelineCandidates': 'Référentiels de la RCP' });
}

/** Registers the English texts (`FormDefinition.loadLanguage`). */
export async function registerRcpEnglish(): Promise<void> {
  const { frcpEn, sharedEn } = await import('@dcc-kit/cda/labels/en');
  registerVoletTexts('frcp', 'en', frcpEn, sharedEn);
  registerDefaultTranslation({ $code: 'en', $name: 'English', 'frcp/quorumCandidates': 'Members of the RCP', 'frcp/guidelineCandidates': 'Guidelines of the RCP' });
}
