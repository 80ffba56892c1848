// Registers the Fiche RCP form's texts (from @dcc-kit/cda/labels) in the translation catalogue:
// the fields shared by both volets, then the FRCP's own under the `frcp/` prefix, looked up first.
import { registerDefaultTranslation, toTranslations } from '@dcc-kit/elements';
import { frcpFieldStrings, sharedFieldStrings } from '@dcc-kit/cda/labels';

let registered = false;
export function registerRcpStrings(): void {
  if (registered) return;
  registered = true;
  const { title, ...tables } = frcpFieldStrings;
  const [fr, en] = toTranslations('frcp/', tables);
  fr['frcp/title'] = title[0];
  en['frcp/title'] = title[1];
  registerDefaultTranslation(...toTranslations('', sharedFieldStrings), fr, en);
}
