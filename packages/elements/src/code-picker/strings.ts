// The texts of <dcc-code-picker>, apart from the element: a schema form registers them before
// rendering (so the catalogue does not change mid-update) while the element itself is a chunk
// the form loads when it connects (see form/internal/schema-form-base.ts).
import { registerDefaultTranslation } from '../localize.js';

let stringsRegistered = false;
/**
 * Registers the picker's texts once, from its constructor (importing the module has no side
 * effect; host wording wins). Forms that render pickers call it before their first render, so
 * that a catalogue change does not re-render them mid-update.
 */
export function registerPickerStrings(): void {
  if (stringsRegistered) return;
  stringsRegistered = true;
  registerDefaultTranslation(
  {
    $code: 'fr',
    $name: 'Français',
    'dccCodePicker.showOptions': 'Afficher les choix',
    'dccCodePicker.moreResults': (shown: number, total: number) => `${shown} premiers résultats sur ${total} : précisez la recherche.`,
    'dccCodePicker.loadFailed': 'La liste des codes n’a pas pu être chargée.',
    'dccCodePicker.code': 'code',
  },
  {
    $code: 'en',
    $name: 'English',
    'dccCodePicker.showOptions': 'Show choices',
    'dccCodePicker.moreResults': (shown: number, total: number) => `First ${shown} results of ${total}: refine the search.`,
    'dccCodePicker.loadFailed': 'The list of codes could not be loaded.',
    'dccCodePicker.code': 'code',
  },
  );
}
