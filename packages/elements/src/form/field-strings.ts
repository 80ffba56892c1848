// Labels, hints, item names and option labels of the model fields shared by both volets
// (header, identity, organisations, oncology blocks), in French and English. Keys are field
// paths without indices, looked up from the most specific (`careNetwork.careTeam.comment`)
// to the least (`comment`), volet-specific entries first (`pps/…`, `frcp/…`); the editors
// register their own volet entries on top of these.
import { registerDefaultTranslation, type Translation } from '../localize.js';

/** `[français, English]` */
export type Pair = readonly [string, string];

/** Field labels. */
export const sharedLabels: Record<string, Pair> = {
  // document header
  document: ['Identification du document', 'Document identification'],
  'document.id': ['Identifiant de cette version', 'Identifier of this version'],
  'document.setId': ['Identifiant du lot de versions', 'Version set identifier'],
  'document.versionNumber': ['Numéro de version', 'Version number'],
  'document.replaces': ['Version remplacée', 'Replaced version'],
  'document.effectiveTime': ['Date de création de cette version', 'Creation time of this version'],
  'document.title': ['Titre du document', 'Document title'],
  'document.confidentiality': ['Confidentialité', 'Confidentiality'],
  root: ['Racine (OID)', 'Root (OID)'],
  extension: ['Extension', 'Extension'],
  author: ['Auteur du document', 'Document author'],
  'author.time': ['Date de rédaction', 'Time of authoring'],
  functionCode: ['Fonction', 'Function'],
  functionComment: ['Libellé libre de la fonction', 'Free label of the function'],
  legalAuthenticator: ['Responsable de la validation (signataire)', 'Legal authenticator (signer)'],
  'legalAuthenticator.time': ['Date de validation', 'Time of validation'],
  custodian: ['Structure conservant le document', 'Custodian organisation'],
  encounter: ['Prise en charge (rencontre)', 'Encounter'],
  facilityType: ['Type de structure de soins', 'Healthcare facility type'],
  'encounter.facility': ['Établissement de la prise en charge', 'Facility of the encounter'],
  'encounter.period': ['Période de la prise en charge', 'Encounter period'],
  'encounter.type': ['Type de rencontre', 'Encounter type'],
  'encounter.ids': ['Identifiants de la venue', 'Encounter identifiers'],
  // people and organisations
  professional: ['Professionnel', 'Professional'],
  idNatPs: ['Identifiant national du professionnel (8+RPPS ou 0+ADELI)', 'National professional id (8+RPPS or 0+ADELI)'],
  profession: ['Profession / spécialité', 'Profession / specialty'],
  name: ['Nom', 'Name'],
  family: ['Nom de famille', 'Family name'],
  given: ['Prénom', 'Given name'],
  prefix: ['Civilité', 'Title'],
  suffix: ['Titre', 'Professional title'],
  familyQualifier: ['Type de nom', 'Kind of name'],
  organization: ['Structure', 'Organisation'],
  'organization.name': ['Nom de la structure', 'Name of the organisation'],
  idNatStruct: ['Identifiant national de structure (1+FINESS, 3+SIRET…)', 'National structure id (1+FINESS, 3+SIRET…)'],
  practiceSetting: ["Cadre d'exercice", 'Practice setting'],
  address: ['Adresse', 'Address'],
  addresses: ['Adresses', 'Addresses'],
  use: ['Usage', 'Use'],
  houseNumber: ['Numéro dans la voie', 'House number'],
  streetNameType: ['Type de voie', 'Street type'],
  streetName: ['Nom de la voie', 'Street name'],
  additionalLocator: ['Complément (bâtiment, escalier, étage)', 'Additional locator (building, floor)'],
  unitId: ['Appartement, bureau', 'Apartment, office'],
  postBox: ['Boîte postale, CS, lieu-dit', 'Post box, CS, locality'],
  postalCode: ['Code postal', 'Postal code'],
  city: ['Commune', 'City'],
  county: ['Code INSEE de la commune', 'INSEE code of the commune'],
  state: ['Région', 'Region'],
  country: ['Pays', 'Country'],
  lines: ['Lignes d’adresse (non structurée)', 'Address lines (unstructured)'],
  telecoms: ['Coordonnées (téléphone, messagerie…)', 'Contact details (phone, e-mail…)'],
  scheme: ['Type de coordonnée', 'Kind of contact'],
  'telecoms.value': ['Numéro ou adresse', 'Number or address'],
  // patient
  patient: ['Patient', 'Patient'],
  ins: ['INS (identité nationale de santé qualifiée)', 'INS (qualified national health identity)'],
  'ins.kind': ['Type de matricule', 'Kind of number'],
  'ins.value': ['Matricule INS (15 caractères)', 'INS number (15 characters)'],
  'ins.environment': ['Environnement', 'Environment'],
  localIds: ['Identifiants locaux (IPP)', 'Local identifiers (IPP)'],
  birthFamilyName: ['Nom de naissance', 'Birth family name'],
  birthGivenNames: ['Prénom(s) de naissance', 'Birth given names'],
  firstBirthGivenName: ['Premier prénom de naissance', 'First birth given name'],
  usedFamilyName: ['Nom utilisé', 'Used family name'],
  usedGivenName: ['Prénom utilisé', 'Used given name'],
  gender: ['Sexe', 'Sex'],
  birthDate: ['Date de naissance', 'Birth date'],
  birthPlace: ['Lieu de naissance', 'Birth place'],
  cogCode: ['Code INSEE (COG) de la commune de naissance', 'INSEE (COG) code of the birth commune'],
  'birthPlace.city': ['Commune de naissance', 'Birth commune'],
  deceased: ['Décès', 'Death'],
  'deceased.deceased': ['Patient décédé', 'Patient deceased'],
  'deceased.date': ['Date du décès', 'Date of death'],
  guardians: ['Représentants légaux', 'Legal representatives'],
  person: ['Personne', 'Person'],
  'guardians.organization': ['Organisme représentant', 'Representing organisation'],
  trustedPerson: ['Personne de confiance', 'Trusted person'],
  emergencyContacts: ["Personnes à prévenir en cas d'urgence", 'Emergency contacts'],
  relationship: ['Lien avec le patient', 'Relationship to the patient'],
  // coded values
  coding: ['Code', 'Code'],
  code: ['Code', 'Code'],
  codeSystem: ['Système de codage (OID)', 'Code system (OID)'],
  displayName: ['Libellé', 'Display name'],
  text: ['Texte libre', 'Free text'],
  // periods and dates
  period: ['Période', 'Period'],
  start: ['Début', 'Start'],
  end: ['Fin', 'End'],
  date: ['Date', 'Date'],
  time: ['Date et heure', 'Date and time'],
  comment: ['Commentaire', 'Comment'],
  // oncology
  tumours: ['Tumeurs', 'Tumours'],
  'tumours.status': ['Statut de la pathologie', 'Status of the condition'],
  diagnosisDate: ['Date du diagnostic', 'Date of diagnosis'],
  endDate: ['Date de fin', 'End date'],
  topography: ['Topographie (CIM-10)', 'Topography (ICD-10)'],
  laterality: ['Latéralité', 'Laterality'],
  morphology: ['Morphologie (CIM-O-3)', 'Morphology (ICD-O-3)'],
  tnm: ['Stade TNM (UICC)', 'TNM stage (UICC)'],
  'tnm.date': ['Date de la classification', 'Date of staging'],
  'tnm.stage': ['Stade', 'Stage'],
  'tnm.version': ['Édition TNM', 'TNM edition'],
  t: ['T (tumeur)', 'T (tumour)'],
  n: ['N (ganglions)', 'N (nodes)'],
  m: ['M (métastases)', 'M (metastases)'],
  otherStages: ['Autres classifications', 'Other staging classifications'],
  'otherStages.text': ['Stade', 'Stage'],
  classificationName: ['Nom de la classification', 'Classification name'],
  classificationVersion: ['Version de la classification', 'Classification version'],
  'tumours.comment': ['Commentaire sur la tumeur', 'Comment on the tumour'],
  phase: ['Phase et progression du cancer', 'Phase and progression of the cancer'],
  'phase.phase': ['Phase', 'Phase'],
  'phase.date': ['Date (constat de la phase initiale ou de la rechute)', 'Date (initial phase or relapse)'],
  'phase.comment': ['Commentaire sur la phase', 'Comment on the phase'],
  progression: ['Progression', 'Progression'],
  observed: ['Progression du cancer constatée', 'Cancer progression observed'],
  'progression.date': ['Date de la progression', 'Date of progression'],
  local: ['Progression locale', 'Local progression'],
  regional: ['Progression régionale', 'Regional progression'],
  distant: ['Progression à distance', 'Distant progression'],
  discovery: ['Mode de découverte du cancer', 'How the cancer was discovered'],
  viaScreening: ['Découvert par un dépistage organisé', 'Found by organised screening'],
  'discovery.date': ['Date de la découverte', 'Date of discovery'],
  status: ['Statut du document', 'Document status'],
  'status.status': ['Statut', 'Status'],
  'status.comment': ['Commentaire sur le document', 'Comment on the document'],
  patientComment: ['Commentaire sur le patient', 'Comment on the patient'],
  label: ['Libellé', 'Label'],
  type: ['Type', 'Type'],
  id: ['Identifiant', 'Identifier'],
  ids: ['Identifiants', 'Identifiers'],
};

/** Hints shown under the field (aria-describedby). */
export const sharedHints: Record<string, Pair> = {
  idNatPs: ['12 caractères pour un RPPS (8 + numéro RPPS), 10 pour un ADELI (0 + numéro ADELI).', '12 characters for an RPPS (8 + RPPS number), 10 for an ADELI (0 + ADELI number).'],
  idNatStruct: ['« 1 » suivi du FINESS, ou « 3 » suivi du SIRET.', '"1" followed by the FINESS, or "3" followed by the SIRET.'],
  'ins.value': ['13 caractères du NIR/NIA suivis de la clé à 2 chiffres (Corse : 2A/2B).', '13 characters of the NIR/NIA followed by the 2-digit key (Corsica: 2A/2B).'],
  birthGivenNames: ['Liste complète, séparée par des espaces, telle que sur la pièce d’identité.', 'Full list, separated by spaces, as on the identity document.'],
  county: ['Code officiel géographique à 5 caractères.', 'Official 5-character geographic code.'],
  root: ['OID de l’organisme qui attribue l’identifiant (1.2.250…).', 'OID of the assigning organisation (1.2.250…).'],
  topography: ['Code CIM-10 de la localisation, ou texte libre si aucun code ne convient.', 'ICD-10 code of the site, or free text when no code fits.'],
  morphology: ['Code CIM-O-3 de l’histologie, ou texte libre si aucun code ne convient.', 'ICD-O-3 code of the histology, or free text when no code fits.'],
  t: ['Laisser vide si inconnu.', 'Leave empty when unknown.'],
  n: ['Laisser vide si inconnu.', 'Leave empty when unknown.'],
  m: ['Laisser vide si inconnu.', 'Leave empty when unknown.'],
  lines: ['Au plus 7 lignes ; ne pas mélanger avec l’adresse structurée.', 'At most 7 lines; never mixed with the structured address.'],
  'telecoms.value': ['Sans préfixe : « 0102030405 », « dr.x@hopital.mssante.fr ».', 'Without prefix: "0102030405", "dr.x@hopital.mssante.fr".'],
  endDate: ['Obligatoire si la pathologie est terminée ou interrompue.', 'Required when the condition is completed or aborted.'],
  local: ['À renseigner si une progression est constatée.', 'Required when a progression is observed.'],
  regional: ['À renseigner si une progression est constatée.', 'Required when a progression is observed.'],
  distant: ['À renseigner si une progression est constatée.', 'Required when a progression is observed.'],
};

/** Name of one item of a list (for "Add: …", "… #2"). */
export const sharedItems: Record<string, Pair> = {
  addresses: ['Adresse', 'Address'],
  telecoms: ['Coordonnée', 'Contact detail'],
  localIds: ['Identifiant local', 'Local identifier'],
  ids: ['Identifiant', 'Identifier'],
  'encounter.ids': ['Identifiant de venue', 'Encounter identifier'],
  guardians: ['Représentant légal', 'Legal representative'],
  emergencyContacts: ['Personne à prévenir', 'Emergency contact'],
  tumours: ['Tumeur', 'Tumour'],
  otherStages: ['Autre classification', 'Other classification'],
  lines: ['Ligne', 'Line'],
};

/** Option labels of the enumerations: `field.value`. */
export const sharedOptions: Record<string, Pair> = {
  'use.H': ['Domicile', 'Home'],
  'use.HP': ['Résidence principale', 'Primary home'],
  'use.HV': ['Résidence de vacances', 'Holiday home'],
  'use.WP': ['Professionnel', 'Work'],
  'use.TMP': ['Temporaire', 'Temporary'],
  'use.DIR': ['Ligne directe', 'Direct line'],
  'use.PUB': ['Public', 'Public'],
  'use.EC': ["Contact d'urgence", 'Emergency contact'],
  'use.MC': ['Mobile', 'Mobile'],
  'use.PG': ['Bip', 'Pager'],
  'scheme.tel': ['Téléphone', 'Telephone'],
  'scheme.fax': ['Fax', 'Fax'],
  'scheme.mailto': ['Messagerie (e-mail, MSSanté)', 'E-mail (incl. MSSanté)'],
  'scheme.http': ['Site web', 'Web site'],
  'scheme.ftp': ['FTP', 'FTP'],
  'scheme.mllp': ['MLLP', 'MLLP'],
  'prefix.M': ['Monsieur', 'Mr'],
  'prefix.MME': ['Madame', 'Mrs/Ms'],
  'suffix.DR': ['Docteur', 'Doctor'],
  'suffix.MC': ['Médecin-chef', 'Chief physician'],
  'suffix.MG': ['Médecin généraliste', 'General practitioner'],
  'suffix.PC': ['Pharmacien-chef', 'Chief pharmacist'],
  'suffix.PG': ['Pharmacien gérant', 'Managing pharmacist'],
  'suffix.PR': ['Professeur', 'Professor'],
  'familyQualifier.BR': ['Nom de naissance', 'Birth name'],
  'familyQualifier.SP': ["Nom d'époux/épouse", 'Spouse name'],
  'familyQualifier.CL': ['Nom utilisé', 'Used name'],
  'kind.NIR': ['NIR', 'NIR'],
  'kind.NIA': ['NIA (numéro temporaire)', 'NIA (temporary number)'],
  'environment.production': ['Production', 'Production'],
  'environment.test': ['Test (identité fictive)', 'Test (fictitious identity)'],
  'environment.demo': ['Démonstration (identité fictive)', 'Demonstration (fictitious identity)'],
  'gender.F': ['Féminin', 'Female'],
  'gender.M': ['Masculin', 'Male'],
  'gender.UN': ['Inconnu', 'Unknown'],
  'confidentiality.N': ['Normale', 'Normal'],
  'confidentiality.R': ['Restreinte', 'Restricted'],
  'confidentiality.V': ['Très restreinte', 'Very restricted'],
  'tumours.status.active': ['Active (cancer en cours)', 'Active (current cancer)'],
  'tumours.status.suspended': ['Suspendue', 'Suspended'],
  'tumours.status.aborted': ['Interrompue', 'Aborted'],
  'tumours.status.completed': ['Terminée', 'Completed'],
  'version.7': ['7e édition', '7th edition'],
  'version.8': ['8e édition', '8th edition'],
  'phase.MED-268': ['Phase initiale du cancer', 'Initial phase of the cancer'],
  'phase.MED-244': ['Rechute du cancer', 'Relapse of the cancer'],
};

/** Catalogue keys: `f:` label, `h:` hint, `i:` item name, `o:` option label. */
export function toTranslations(
  prefix: string,
  tables: { labels?: Record<string, Pair>; hints?: Record<string, Pair>; items?: Record<string, Pair>; options?: Record<string, Pair> },
): [Translation, Translation] {
  const fr: Translation = { $code: 'fr', $name: 'Français' };
  const en: Translation = { $code: 'en', $name: 'English' };
  const add = (kind: string, table: Record<string, Pair> | undefined) => {
    for (const [key, [f, e]] of Object.entries(table ?? {})) {
      fr[`${kind}:${prefix}${key}`] = f;
      en[`${kind}:${prefix}${key}`] = e;
    }
  };
  add('f', tables.labels);
  add('h', tables.hints);
  add('i', tables.items);
  add('o', tables.options);
  return [fr, en];
}

let registered = false;
/** Registers the shared field strings once (called by the form engine on first use). */
export function registerSharedFieldStrings(): void {
  if (registered) return;
  registered = true;
  registerDefaultTranslation(
    ...toTranslations('', { labels: sharedLabels, hints: sharedHints, items: sharedItems, options: sharedOptions }),
  );
}
