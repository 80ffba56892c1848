// The texts of <dcc-directory-picker>, apart from the element: a schema form registers them
// before rendering (so the catalogue does not change mid-update) while the element itself is
// loaded only when a directory is there (see form/internal/schema-form-base.ts).
import { registerDefaultTranslation } from '../localize.js';

let stringsRegistered = false;
/**
 * Registers the picker's texts once (from its constructor, or from a form about to render
 * pickers, so that the catalogue does not change mid-update); host wording wins.
 */
export function registerDirectoryPickerStrings(): void {
  if (stringsRegistered) return;
  stringsRegistered = true;
  registerDefaultTranslation(
    {
      $code: 'fr',
      $name: 'Français',
      'dccDirectoryPicker.searching': 'Recherche dans l’Annuaire Santé…',
      'dccDirectoryPicker.tooShort': (min: number) => `Saisissez au moins ${min} caractères.`,
      'dccDirectoryPicker.none': 'Aucun résultat dans l’Annuaire Santé : saisissez les informations dans les champs ci-dessous.',
      'dccDirectoryPicker.unavailable': 'Annuaire Santé indisponible : saisissez les informations dans les champs ci-dessous.',
      'dccDirectoryPicker.picked': (label: string) => `${label} : champs remplis depuis l’Annuaire Santé.`,
      'dccDirectoryPicker.findPractitioner': (what: string) => `${what} : rechercher un professionnel dans l’Annuaire Santé (nom, RPPS)`,
      'dccDirectoryPicker.findOrganization': (what: string) => `${what} : rechercher une structure dans l’Annuaire Santé (nom, FINESS, SIRET)`,
    },
    {
      $code: 'en',
      $name: 'English',
      'dccDirectoryPicker.searching': 'Searching the Annuaire Santé…',
      'dccDirectoryPicker.tooShort': (min: number) => `Type at least ${min} characters.`,
      'dccDirectoryPicker.none': 'Nothing found in the Annuaire Santé: type the details in the fields below.',
      'dccDirectoryPicker.unavailable': 'Annuaire Santé unavailable: type the details in the fields below.',
      'dccDirectoryPicker.picked': (label: string) => `${label}: fields filled from the Annuaire Santé.`,
      'dccDirectoryPicker.findPractitioner': (what: string) => `${what}: find a professional in the Annuaire Santé (name, RPPS)`,
      'dccDirectoryPicker.findOrganization': (what: string) => `${what}: find a structure in the Annuaire Santé (name, FINESS, SIRET)`,
    },
  );
}
