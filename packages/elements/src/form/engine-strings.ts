// Texts of the form engine itself (toolbar, banners, date precision, summary), fr and en.
import { registerDefaultTranslation } from '../localize.js';

export const engineStrings = {
  fr: {
    modeEdit: 'Saisie',
    modePreview: 'Aperçu du document',
    modeLabel: 'Affichage',
    submit: 'Valider et enregistrer',
    submitShortcut: 'Raccourci : Ctrl+S',
    moreDetails: 'Plus de détails',
    keptAsText: (field: string) => `Texte saisi conservé dans « ${field} » (aucun code ne correspond).`,
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
    boolUnknown: 'Non renseigné',
    sectionsNav: 'Sections du formulaire',
    formLabel: (title: string) => `Formulaire : ${title}`,
    itemTools: (what: string) => `Actions sur ${what}`,
    removeConfirm: (what: string) => `${what} supprimé(e). Dernière saisie conservée dans le brouillon.`,
  },
  en: {
    modeEdit: 'Edit',
    modePreview: 'Document preview',
    modeLabel: 'View',
    submit: 'Validate and save',
    submitShortcut: 'Shortcut: Ctrl+S',
    moreDetails: 'More details',
    keptAsText: (field: string) => `Typed text kept in “${field}” (no code matches).`,
    submitting: 'Checking and building the document…',
    print: 'Print',
    precision: (label: string) => `Date precision: ${label}`,
    precisionDay: 'Day',
    precisionMonth: 'Month',
    precisionYear: 'Year only',
    precisionTime: 'Date and time',
    yearPlaceholder: 'YYYY',
    monthPlaceholder: 'YYYY-MM',
    dateTextPlaceholder: 'dd/mm/yyyy',
    dateTextHint: 'Expected format: dd/mm/yyyy, or mm/yyyy or yyyy when the day or month is not known.',
    dateTimeTextHint: 'Expected format: dd/mm/yyyy, with the time if needed (dd/mm/yyyy hh:mm), or mm/yyyy or yyyy.',
    dateFormatHint: (format: string) => `Expected format: ${format}`,
    timeOf: (label: string) => `Time: ${label}`,
    draftRestored: (when: string) => `Draft restored (saved ${when}).`,
    undoRestore: 'Back to the loaded version',
    discardDraft: 'Discard the draft',
    draftDiscarded: 'Draft discarded.',
    restoreUndone: 'Loaded version back; the draft is kept until the next edit.',
    serverNewer: 'A newer version of this document exists on the server. Your draft started from an older version.',
    restoreAnyway: 'Restore my draft anyway',
    draftSaved: (when: string) => `Draft saved on this workstation (encrypted) ${when}.`,
    draftSaveFailed: 'The draft could not be saved on this workstation. Your input stays on screen; retried at the next change.',
    validationPending: 'The document is being checked.',
    previewInvalid: (count: number) =>
      count === 1 ? 'The document cannot be built yet: 1 error to fix.' : `The document cannot be built yet: ${count} errors to fix.`,
    previewLoading: 'Building the preview…',
    previewTitle: 'Document preview (readable text of the CDA)',
    submitted: 'Valid document: handed to the host application.',
    contextSummary: 'Provided by the host application (read-only)',
    boolUnknown: 'Not provided',
    sectionsNav: 'Form sections',
    formLabel: (title: string) => `Form: ${title}`,
    itemTools: (what: string) => `Actions on ${what}`,
    removeConfirm: (what: string) => `${what} removed. Last input kept in the draft.`,
  },
};

export type EngineStrings = (typeof engineStrings)['fr'];

let registered = false;
/** Registers the engine texts once (called by the form engine's constructor, not at import). */
export function registerEngineStrings(): void {
  if (registered) return;
  registered = true;
  registerDefaultTranslation({ $code: 'fr', $name: 'Français', ...engineStrings.fr }, { $code: 'en', $name: 'English', ...engineStrings.en });
}
