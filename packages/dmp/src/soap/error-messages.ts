// One table of plain-language reasons per error code, French and English (dmp-mes.md §2.7, §5.3,
// §5.7). IHE codes are the registry's; SIM_* codes are the simulator's stand-ins for the
// non-public DMPi annex A7-1 — swap them here once the real list is known.

export interface ErrorMessage {
  readonly fr: string;
  readonly en: string;
  /** A retry later may succeed (busy, outage); false: the request itself must change. */
  readonly transient: boolean;
}

const m = (fr: string, en: string, transient = false): ErrorMessage => ({ fr, en, transient });

export const DMP_ERROR_MESSAGES: Readonly<Record<string, ErrorMessage>> = {
  // IHE XDS.b (ITI TF-3 Table 4.2.4.1-2)
  XDSRegistryMetadataError: m('Une métadonnée du document est absente ou incorrecte.', 'A document metadata value is missing or wrong.'),
  XDSRepositoryMetadataError: m('Les métadonnées ne correspondent pas au document déposé (empreinte ou taille).', 'The metadata does not match the submitted document (hash or size).'),
  XDSPatientIdDoesNotMatch: m("L'identifiant patient diffère entre le lot de soumission, le document ou le document remplacé.", 'The patient id differs between the submission set, the document or the replaced document.'),
  XDSUnknownPatientId: m("Le patient (INS) n'est pas connu du DMP.", 'The patient (INS) is not known to the DMP.'),
  XDSDuplicateUniqueIdInRegistry: m('Cet identifiant de lot de soumission existe déjà dans le DMP.', 'This submission set id already exists in the DMP.'),
  XDSRegistryDuplicateUniqueIdInMessage: m('Le même identifiant de document apparaît deux fois dans la demande.', 'The same document id appears twice in the request.'),
  XDSNonIdenticalHash: m('Un document différent portant le même identifiant est déjà dans le DMP.', 'A different document with the same id is already in the DMP.'),
  XDSMissingDocument: m('Des métadonnées sont envoyées sans le document correspondant.', 'Metadata was sent without its document.'),
  XDSMissingDocumentMetadata: m('Un document est envoyé sans ses métadonnées.', 'A document was sent without its metadata.'),
  XDSRegistryDeprecatedDocumentError: m('Le document à remplacer ou modifier est obsolète ou supprimé.', 'The document to replace or update is deprecated or deleted.'),
  UnresolvedReferenceException: m('Le document référencé (remplacé ou modifié) est introuvable dans le DMP.', 'The referenced (replaced or updated) document is not in the DMP.'),
  XDSMetadataVersionError: m("La version des métadonnées indiquée n'est plus la version courante (modification concurrente).", 'The metadata version given is no longer the current one (concurrent update).'),
  XDSMetadataUpdateError: m("Cette modification des métadonnées n'est pas permise.", 'This metadata update is not allowed.'),
  XDSDocumentUniqueIdError: m("Aucun document ne porte cet identifiant.", 'No document has this id.'),
  XDSRegistryBusy: m('Le DMP est momentanément surchargé ; nouvel essai plus tard.', 'The DMP is busy; will retry later.', true),
  XDSRepositoryBusy: m("L'entrepôt du DMP est momentanément surchargé ; nouvel essai plus tard.", 'The DMP repository is busy; will retry later.', true),
  XDSRegistryOutOfResources: m('Le DMP manque momentanément de ressources ; nouvel essai plus tard.', 'The DMP is out of resources; will retry later.', true),
  XDSRepositoryOutOfResources: m("L'entrepôt du DMP manque momentanément de ressources ; nouvel essai plus tard.", 'The DMP repository is out of resources; will retry later.', true),
  XDSRegistryError: m('Le registre du DMP a refusé la demande.', 'The DMP registry refused the request.'),
  XDSRepositoryError: m("L'entrepôt du DMP a refusé la demande.", 'The DMP repository refused the request.'),
  // HL7v3 acknowledgement details seen in the CNAM kit
  DMPClosed: m('Le DMP du patient est fermé.', "The patient's DMP is closed."),
  DMPFound: m('Le DMP du patient existe déjà.', "The patient's DMP already exists."),
  // Simulator codes (dmp-mes.md §5.3, §5.7)
  SIM_VIHF_INVALID: m("Le jeton d'identification (VIHF) est invalide : signature, émetteur ou validité.", 'The identification token (VIHF) is invalid: signature, issuer or validity period.'),
  SIM_VIHF_ATTRIBUTE: m("Un attribut obligatoire du jeton d'identification (VIHF) est absent ou incorrect.", 'A mandatory attribute of the identification token (VIHF) is missing or wrong.'),
  SIM_ACCESS_MODE_FORBIDDEN: m("Ce mode d'authentification ne permet pas cette opération (consultation en mode indirect).", 'This authentication mode does not allow this operation (consultation in indirect mode).'),
  SIM_INS_INVALID: m("L'INS du patient est invalide (clé, OID ou INS non qualifié).", "The patient's INS is invalid (key, OID or not a qualified INS)."),
  SIM_DMP_NOT_FOUND: m("Le patient n'a pas de DMP.", 'The patient has no DMP.'),
  SIM_DMP_CLOSED: m('Le DMP du patient est fermé.', "The patient's DMP is closed."),
  SIM_PS_BLOCKED: m("Le patient a bloqué l'accès de ce professionnel à son DMP.", 'The patient has blocked this professional from their DMP.'),
  SIM_UNIQUEID_EXTENSION: m("L'identifiant du document doit être un OID seul (sans extension).", 'The document id must be a bare OID (no extension).'),
  SIM_CDA_INVALID: m('Le document CDA ne respecte pas le schéma ou les schematrons du volet.', 'The CDA document fails the schema or the volet schematrons.'),
  SIM_CONFIDENTIALITY_CONFLICT: m('Un document ne peut pas être à la fois masqué aux professionnels et invisible pour le patient.', 'A document cannot be both hidden from professionals and invisible to the patient.'),
  SIM_SECRET_CONNECTION: m('Patient mineur en connexion secrète : le document doit être invisible pour les représentants légaux.', 'Minor with a secret connection: the document must be invisible to the legal representatives.'),
  SIM_NOT_AUTHOR: m("La structure ou le professionnel n'est pas auteur du document.", 'The organisation or professional is not an author of the document.'),
  SIM_SIGNATURE_INVALID: m('La signature du lot de soumission (XAdES) est absente ou invalide.', 'The submission set signature (XAdES) is missing or invalid.'),
  SIM_RPLC_INCOHERENT: m('Le remplacement est incohérent avec le document (document parent, setId ou numéro de version).', 'The replacement does not match the document (parent document, setId or version number).'),
  SIM_RPLC_MISSING: m('Le document déclare remplacer une version antérieure mais la demande ne le dit pas.', 'The document declares it replaces a previous version but the request does not.'),
  SIM_UNCHANGED_DOCUMENT: m('Ce document est identique à la version déjà déposée.', 'This document is identical to the version already submitted.'),
  SIM_VISIBILITY_IRREVERSIBLE: m('Un document rendu visible ne peut plus être rendu invisible.', 'A document made visible cannot be made invisible again.'),
  SIM_MSS_BAD_PATIENT_ADDRESS: m("L'adresse de messagerie du patient n'est pas un INS valide.", "The patient's mailbox address is not a valid INS."),
  SIM_MSS_INVISIBLE_TO_PATIENT: m("Ce document n'est pas visible du patient : il ne peut pas lui être envoyé.", 'This document is not visible to the patient: it cannot be sent to them.'),
  SIM_SOAP_INVALID: m("Le message n'est pas une enveloppe SOAP 1.2 lisible.", 'The message is not a readable SOAP 1.2 envelope.'),
  SIM_MTOM_INVALID: m('Le message MTOM/XOP est mal formé.', 'The MTOM/XOP message is malformed.'),
  SIM_ACTION_INVALID: m("L'action WS-Addressing est absente, inconnue ou ne correspond pas au service.", 'The WS-Addressing action is missing, unknown or does not match the service.'),
  SIM_MESSAGE_ID_MISSING: m("L'identifiant de message WS-Addressing est absent.", 'The WS-Addressing MessageID is missing.'),
  SIM_RESOURCE_ID_MISMATCH: m("Le patient du jeton d'identification (VIHF) n'est pas celui des métadonnées.", 'The patient of the identification token (VIHF) is not the one of the metadata.'),
  SIM_METADATA_MISSING: m('Une métadonnée obligatoire est absente ou répétée à tort.', 'A mandatory metadata value is missing or wrongly repeated.'),
  SIM_METADATA_CODE: m("Un code de métadonnée n'appartient pas au jeu de valeurs du DMP.", 'A metadata code is not in the DMP value set.'),
  SIM_METADATA_FORMAT: m("Une métadonnée n'a pas le format attendu (date UTC, identifiant…).", 'A metadata value has the wrong format (UTC date, identifier…).'),
  SIM_PATIENT_ID_MISMATCH: m('Le lot de soumission et les fiches ne désignent pas le même patient.', 'The submission set and the entries name different patients.'),
  SIM_MISSING_DOCUMENT: m("Une fiche n'a pas de document joint.", 'An entry has no attached document.'),
  SIM_MISSING_DOCUMENT_METADATA: m("Un document joint n'a pas de fiche de métadonnées.", 'An attached document has no metadata entry.'),
  SIM_CDA_UNREADABLE: m("Le document n'est pas un CDA lisible.", 'The document is not a readable CDA.'),
  SIM_CDA_INCOHERENT: m('Une métadonnée ne correspond pas au contenu du CDA.', 'A metadata value does not match the CDA content.'),
  SIM_HASH_MISMATCH: m("L'empreinte ou la taille déclarée ne correspond pas au document.", 'The declared hash or size does not match the document.'),
  SIM_NON_IDENTICAL_HASH: m('Un document différent portant le même identifiant est déjà dans le DMP.', 'A different document with the same id is already in the DMP.'),
  SIM_DUPLICATE_SUBMISSION_SET: m('Ce lot de soumission a déjà été enregistré.', 'This submission set is already registered.'),
  SIM_DUPLICATE_IN_MESSAGE: m('Le même identifiant de document apparaît deux fois dans la demande.', 'The same document id appears twice in the request.'),
  SIM_RPLC_TARGET_UNKNOWN: m('Le document à remplacer est introuvable dans le DMP.', 'The document to replace is not in the DMP.'),
  SIM_RPLC_TARGET_NOT_APPROVED: m("Le document à remplacer n'est plus la version en vigueur.", 'The document to replace is no longer the current version.'),
  SIM_RPLC_PATIENT: m('Le document remplacé concerne un autre patient.', 'The replaced document concerns another patient.'),
  SIM_METADATA_VERSION: m("La version des métadonnées indiquée n'est plus la version courante.", 'The metadata version given is no longer the current one.'),
  SIM_METADATA_UPDATE: m('Mise à jour impossible : fiche inconnue, supprimée, ou changement non permis.', 'Update impossible: unknown or deleted entry, or a change not allowed.'),
  SIM_QUERY_INVALID: m('Requête inconnue ou paramètre obligatoire absent.', 'Unknown query or a mandatory parameter missing.'),
  SIM_DOCUMENT_UNKNOWN: m('Aucun document de cet identifiant dans le DMP.', 'No document with this id in the DMP.'),
  SIM_REGISTRY_BUSY: m('Le DMP est momentanément surchargé ; nouvel essai plus tard.', 'The DMP is busy; will retry later.', true),
  SIM_INJECTED_FAULT: m('Erreur interne du DMP (simulée) ; nouvel essai plus tard.', 'DMP internal error (simulated); will retry later.', true),
  SIM_PARTIAL_SUCCESS: m('Dépôt accepté avec un avertissement (simulé).', 'Submission accepted with a warning (simulated).'),
  XDSStoredQueryParamNumber: m('Requête de recherche mal formée (paramètre absent ou en trop).', 'Malformed search query (parameter missing or extra).'),
  // Transport (this client)
  timeout: m('Le DMP ne répond pas dans le délai ; nouvel essai plus tard.', 'The DMP did not answer in time; will retry later.', true),
  connection: m('Connexion au DMP impossible ou interrompue ; nouvel essai plus tard.', 'Could not reach the DMP or the connection dropped; will retry later.', true),
  tls: m('La connexion sécurisée (certificat) au DMP a échoué : vérifier les certificats.', 'The secure connection (certificate) to the DMP failed: check the certificates.'),
  'http-5xx': m('Le DMP est indisponible ; nouvel essai plus tard.', 'The DMP is unavailable; will retry later.', true),
  'http-4xx': m('Le DMP a refusé la requête HTTP.', 'The DMP refused the HTTP request.'),
  'soap-sender': m('Le DMP a refusé le message (erreur du client).', 'The DMP refused the message (client error).'),
  'soap-receiver': m('Le DMP a rencontré une erreur interne ; nouvel essai plus tard.', 'The DMP had an internal error; will retry later.', true),
  'invalid-response': m('La réponse du DMP est illisible.', 'The DMP answer could not be read.', true),
  'partial-success': m("Le DMP n'a accepté qu'une partie de la demande.", 'The DMP accepted only part of the request.'),
  'dmp-not-found': m("Le patient n'a pas de DMP.", 'The patient has no DMP.'),
};

/** The message of a code; `http-503` falls back on `http-5xx`, an unknown code on a generic text. */
export function errorMessageFor(code: string): ErrorMessage {
  const direct = DMP_ERROR_MESSAGES[code];
  if (direct) return direct;
  const http = /^http-([45])\d\d$/.exec(code);
  if (http) return DMP_ERROR_MESSAGES[`http-${http[1]}xx`] as ErrorMessage;
  return m(`Le DMP a refusé la demande (code ${code}).`, `The DMP refused the request (code ${code}).`);
}
