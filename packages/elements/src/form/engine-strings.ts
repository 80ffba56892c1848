// Texts of the form engine itself (toolbar, banners, date precision, summary): French here, in
// the eager bundle; English in ./engine-strings.en.ts, a chunk loaded when a form is shown in
// English (`loadEngineEnglish`).
import { registerDefaultTranslation } from '../localize.js';
import { LazyChunk } from '../lazy-chunk.js';

export const engineStrings = {
  fr: {
    modeEdit: 'Saisie',
    modePreview: 'Aperçu du document',
    modeLabel: 'Affichage',
    submit: 'Valider et enregistrer',
    submitShortcut: 'Raccourci : Ctrl+S',
    moreDetails: 'Plus de détails',
    keptAsText: (field: string) => `Texte saisi conservé dans « ${field} » (aucun code ne correspond).`,
    nextToFill: (where: string) => `À remplir : ${where}`,
    nothingToFill: 'Tous les champs obligatoires sont remplis : « Valider et enregistrer ».',
    submitting: 'Vérification et construction du document…',
    print: 'Imprimer',
    precision: (label: string) => `Précision de la date : ${label}`,
    precisionDay: 'Jour',
    precisionMonth: 'Mois',
    precisionYear: 'Année seule',
    precisionTime: 'Date et heure',
    yearPlaceholder: 'AAAA',
    monthPlaceholder: 'AAAA-MM',
    dateTextPlaceholder: 'jj/mm/aaaa',
    dateTextHint: 'Format attendu : jj/mm/aaaa, ou mm/aaaa ou aaaa si le jour ou le mois n’est pas connu.',
    dateTimeTextHint: 'Format attendu : jj/mm/aaaa, avec l’heure si besoin (jj/mm/aaaa hh:mm), ou mm/aaaa ou aaaa.',
    dateFormatHint: (format: string) => `Format attendu : ${format}`,
    timeOf: (label: string) => `Heure : ${label}`,
    draftRestored: (when: string) => `Brouillon restauré (enregistré ${when}).`,
    undoRestore: 'Revenir à la version chargée',
    discardDraft: 'Supprimer le brouillon',
    draftDiscarded: 'Brouillon supprimé.',
    restoreUndone: 'Version chargée rétablie ; le brouillon est conservé jusqu’à la prochaine saisie.',
    serverNewer: 'Une version plus récente de ce document existe sur le serveur. Votre brouillon part d’une version antérieure.',
    restoreAnyway: 'Reprendre mon brouillon quand même',
    draftSaved: (when: string) => `Brouillon enregistré sur ce poste (chiffré) ${when}.`,
    draftSaveFailed: 'Le brouillon n’a pas pu être enregistré sur ce poste. Votre saisie reste affichée ; nouvel essai à la prochaine modification.',
    validationPending: 'Vérification du document en cours.',
    previewInvalid: (count: number) =>
      count === 1
        ? 'Le document ne peut pas encore être construit : 1 erreur à corriger.'
        : `Le document ne peut pas encore être construit : ${count} erreurs à corriger.`,
    previewLoading: 'Construction de l’aperçu…',
    previewTitle: 'Aperçu du document (texte lisible du CDA)',
    submitted: 'Document valide : transmis au logiciel hôte.',
    contextSummary: 'Renseigné par le logiciel hôte (lecture seule)',
    givenTitle: 'Renseigné par l’établissement',
    editGiven: (what: string) => `Modifier : ${what}`,
    candidatesHint: 'Cocher (Espace) ceux qui prennent part aux soins ; flèches haut et bas pour passer de l’un à l’autre.',
    boolUnknown: 'Non renseigné',
    sectionsNav: 'Sections du formulaire',
    formLabel: (title: string) => `Formulaire : ${title}`,
    itemTools: (what: string) => `Actions sur ${what}`,
    removeConfirm: (what: string) => `${what} supprimé(e). Dernière saisie conservée dans le brouillon.`,
  },
};

export type EngineStrings = (typeof engineStrings)['fr'];

let registered = false;
/** Registers the French engine texts once (called by the form engine's constructor, not at import). */
export function registerEngineStrings(): void {
  if (registered) return;
  registered = true;
  registerDefaultTranslation({ $code: 'fr', $name: 'Français', ...engineStrings.fr });
}

const englishChunk = new LazyChunk(() =>
  import('./engine-strings.en.js').then(({ engineStringsEn }) => registerDefaultTranslation({ $code: 'en', $name: 'English', ...engineStringsEn })),
);
/** Loads and registers the English engine texts (once for the page; a failed load is retried next time). */
export function loadEngineEnglish(): Promise<void> {
  return englishChunk.load();
}
