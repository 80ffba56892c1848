// The PPS editor's texts come from the model (@dcc-kit/cda/labels): the fields shared by both
// volets, and the PPS's own under the `pps/` prefix, looked up first. French at construction;
// English, a chunk of its own, the first time the editor is shown in English.
import { registerDefaultTranslation, registerVoletTexts } from '@dcc-kit/elements';
import { ppsFr, sharedFr } from '@dcc-kit/cda/labels/fr';

export function registerPpsStrings(): void {
  registerVoletTexts('pps', 'fr', ppsFr, sharedFr);
  // The editor's own texts beside the model's labels.
  registerDefaultTranslation({ $code: 'fr', $name: 'Français', 'pps/careTeamCandidates': 'Participants de la RCP' });
}

/** Registers the English texts (`FormDefinition.loadLanguage`). */
export async function registerPpsEnglish(): Promise<void> {
  const { ppsEn, sharedEn } = await import('@dcc-kit/cda/labels/en');
  registerVoletTexts('pps', 'en', ppsEn, sharedEn);
  registerDefaultTranslation({ $code: 'en', $name: 'English', 'pps/careTeamCandidates': 'Participants of the RCP' });
}
