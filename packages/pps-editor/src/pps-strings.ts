// Registers the PPS editor's texts (from @dcc-kit/cda/labels) in the translation catalogue:
// the fields shared by both volets, then the PPS's own under the `pps/` prefix, looked up first.
import { registerDefaultTranslation, toTranslations } from '@dcc-kit/elements';
import { ppsFieldStrings, sharedFieldStrings } from '@dcc-kit/cda/labels';

let registered = false;
export function registerPpsStrings(): void {
  if (registered) return;
  registered = true;
  const { title, ...tables } = ppsFieldStrings;
  const [fr, en] = toTranslations('pps/', tables);
  fr['pps/title'] = title[0];
  en['pps/title'] = title[1];
  registerDefaultTranslation(...toTranslations('', sharedFieldStrings), fr, en);
}
