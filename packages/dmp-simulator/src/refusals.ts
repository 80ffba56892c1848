// Every refusal the simulator can answer, in ONE table (dmp-mes.md §5: the SIM_ codes stand in for
// the non-public DMPi annex A7-1 codes; swap them here once the real list is known).
// `errorCode` is what goes in RegistryError/@errorCode (or the SOAP Fault subcode): the IHE code
// where IHE has one, else the SIM_ code itself (the DMP puts its own codes there too).
// `reply` says how it is answered: a SOAP Fault (stages 1–2), a RegistryResponse error
// (stages 3–7, ITI-18/43), or an HL7v3 acknowledgementDetail (TD0.2).

export type SimStage = 'transport' | 'vihf' | 'patient' | 'metadata' | 'coherence' | 'rules' | 'update' | 'query' | 'fault';

export interface Refusal {
  readonly errorCode: string;
  readonly stage: SimStage;
  readonly reply: 'soap-fault' | 'registry-error';
  /** What is refused, as named in `location` (or a short description when several fields can be named). */
  readonly field: string;
  readonly fr: string;
  readonly en: string;
}

export const SIM_REFUSALS = {
  SIM_SOAP_INVALID: { errorCode: 'SIM_SOAP_INVALID', stage: 'transport', reply: 'soap-fault', field: 'env:Envelope', fr: "Le message n'est pas une enveloppe SOAP 1.2 lisible.", en: 'The message is not a readable SOAP 1.2 envelope.' },
  SIM_MTOM_INVALID: { errorCode: 'SIM_MTOM_INVALID', stage: 'transport', reply: 'soap-fault', field: 'Content-Type / MIME parts', fr: "Le message MTOM/XOP est mal formé (partie racine ou pièce jointe introuvable).", en: 'The MTOM/XOP message is malformed (root part or attachment not found).' },
  SIM_ACTION_INVALID: { errorCode: 'SIM_ACTION_INVALID', stage: 'transport', reply: 'soap-fault', field: 'wsa:Action', fr: "L'action WS-Addressing est absente, inconnue ou ne correspond pas au service appelé.", en: 'The WS-Addressing action is missing, unknown or not served by this endpoint.' },
  SIM_MESSAGE_ID_MISSING: { errorCode: 'SIM_MESSAGE_ID_MISSING', stage: 'transport', reply: 'soap-fault', field: 'wsa:MessageID', fr: "L'identifiant de message WS-Addressing est absent.", en: 'The WS-Addressing MessageID is missing.' },
  SIM_VIHF_INVALID: { errorCode: 'SIM_VIHF_INVALID', stage: 'vihf', reply: 'soap-fault', field: 'wsse:Security/saml2:Assertion', fr: "Le VIHF est absent, sa signature n'est pas valide, son émetteur ne correspond pas au certificat, ou il n'est pas dans sa période de validité.", en: 'The VIHF is missing, its signature does not verify, its issuer does not match the certificate, or it is outside its validity window.' },
  SIM_VIHF_ATTRIBUTE: { errorCode: 'SIM_VIHF_ATTRIBUTE', stage: 'vihf', reply: 'soap-fault', field: 'VIHF attribute (named in location)', fr: "Un attribut obligatoire du VIHF est absent ou a une valeur non autorisée.", en: 'A mandatory VIHF attribute is missing or has a value that is not allowed.' },
  SIM_ACCESS_MODE_FORBIDDEN: { errorCode: 'SIM_ACCESS_MODE_FORBIDDEN', stage: 'vihf', reply: 'soap-fault', field: 'VIHF/Authentification_Mode', fr: "La consultation du DMP est interdite en authentification indirecte.", en: 'Consulting the DMP is not allowed in indirect authentication mode.' },
  SIM_INS_INVALID: { errorCode: 'XDSUnknownPatientId', stage: 'patient', reply: 'registry-error', field: 'VIHF/resource-id, patientId', fr: "L'INS du patient n'est pas valide (OID non autorisé dans cet environnement, INS-C, ou clé du NIR fausse).", en: "The patient's INS is not valid (OID not allowed in this environment, old INS-C, or wrong NIR key)." },
  SIM_RESOURCE_ID_MISMATCH: { errorCode: 'XDSPatientIdDoesNotMatch', stage: 'patient', reply: 'registry-error', field: 'VIHF/resource-id', fr: "Le patient du VIHF n'est pas celui des métadonnées.", en: 'The patient of the VIHF is not the patient of the metadata.' },
  SIM_DMP_NOT_FOUND: { errorCode: 'XDSUnknownPatientId', stage: 'patient', reply: 'registry-error', field: 'patientId', fr: "Ce patient n'a pas de DMP.", en: 'This patient has no DMP.' },
  SIM_DMP_CLOSED: { errorCode: 'SIM_DMP_CLOSED', stage: 'patient', reply: 'registry-error', field: 'patientId', fr: 'Le DMP de ce patient est fermé.', en: "This patient's DMP is closed." },
  SIM_PS_BLOCKED: { errorCode: 'SIM_PS_BLOCKED', stage: 'patient', reply: 'registry-error', field: 'VIHF/NameID', fr: "Le patient a bloqué l'accès de ce professionnel à son DMP.", en: 'The patient has blocked this professional from their DMP.' },
  SIM_METADATA_MISSING: { errorCode: 'XDSRegistryMetadataError', stage: 'metadata', reply: 'registry-error', field: 'metadata attribute (named in location)', fr: 'Une métadonnée obligatoire est absente ou répétée à tort.', en: 'A mandatory metadata attribute is missing or wrongly repeated.' },
  SIM_METADATA_CODE: { errorCode: 'XDSRegistryMetadataError', stage: 'metadata', reply: 'registry-error', field: 'coded metadata attribute (named in location)', fr: "Un code de métadonnée n'appartient pas au jeu de valeurs du DMP.", en: 'A metadata code is not in the DMP value set.' },
  SIM_METADATA_FORMAT: { errorCode: 'XDSRegistryMetadataError', stage: 'metadata', reply: 'registry-error', field: 'metadata attribute (named in location)', fr: "Une métadonnée n'a pas le format attendu (date UTC, XCN, XON, CX, OID).", en: 'A metadata value has the wrong format (UTC date, XCN, XON, CX, OID).' },
  SIM_PATIENT_ID_MISMATCH: { errorCode: 'XDSPatientIdDoesNotMatch', stage: 'metadata', reply: 'registry-error', field: 'patientId', fr: "Le lot de soumission et les fiches ne désignent pas le même patient.", en: 'The submission set and its entries do not name the same patient.' },
  SIM_MISSING_DOCUMENT: { errorCode: 'XDSMissingDocument', stage: 'metadata', reply: 'registry-error', field: 'xdsb:Document', fr: "Une fiche n'a pas de document joint.", en: 'An entry has no attached document.' },
  SIM_MISSING_DOCUMENT_METADATA: { errorCode: 'XDSMissingDocumentMetadata', stage: 'metadata', reply: 'registry-error', field: 'rim:ExtrinsicObject', fr: "Un document joint n'a pas de fiche de métadonnées.", en: 'An attached document has no metadata entry.' },
  SIM_CDA_UNREADABLE: { errorCode: 'XDSRegistryMetadataError', stage: 'coherence', reply: 'registry-error', field: 'ClinicalDocument', fr: "Le document n'est pas un CDA lisible.", en: 'The document is not a readable CDA.' },
  SIM_CDA_INCOHERENT: { errorCode: 'XDSRegistryMetadataError', stage: 'coherence', reply: 'registry-error', field: 'metadata attribute (named in location) vs its CDA path', fr: 'Une métadonnée ne correspond pas au contenu du document CDA.', en: 'A metadata value does not match the CDA document.' },
  SIM_UNIQUEID_EXTENSION: { errorCode: 'XDSRegistryMetadataError', stage: 'coherence', reply: 'registry-error', field: 'DocumentEntry.uniqueId', fr: "L'identifiant unique du document doit être un OID seul (sans extension).", en: "The document's uniqueId must be a bare OID (no extension)." },
  SIM_HASH_MISMATCH: { errorCode: 'XDSRepositoryMetadataError', stage: 'coherence', reply: 'registry-error', field: 'DocumentEntry.hash / DocumentEntry.size', fr: "L'empreinte ou la taille déclarée ne correspond pas au document reçu.", en: 'The declared hash or size does not match the received document.' },
  SIM_CDA_INVALID: { errorCode: 'XDSRegistryMetadataError', stage: 'coherence', reply: 'registry-error', field: 'ClinicalDocument (XSD / schematron path in location)', fr: "Le CDA n'est pas conforme (schéma CDA ou schématron du volet).", en: 'The CDA is not conformant (CDA schema or volet schematron).' },
  SIM_CONFIDENTIALITY_CONFLICT: { errorCode: 'SIM_CONFIDENTIALITY_CONFLICT', stage: 'rules', reply: 'registry-error', field: 'DocumentEntry.confidentialityCode', fr: 'Un document ne peut pas être à la fois masqué aux professionnels et non visible du patient.', en: 'A document cannot be both hidden from professionals and invisible to the patient.' },
  SIM_SECRET_CONNECTION: { errorCode: 'SIM_SECRET_CONNECTION', stage: 'rules', reply: 'registry-error', field: 'DocumentEntry.confidentialityCode, VIHF/confidentiality-code', fr: "Patient mineur en connexion secrète : le document doit être non visible des représentants légaux et le VIHF doit le dire.", en: 'Minor with a secret connection: the document must be invisible to legal representatives and the VIHF must say so.' },
  SIM_NOT_AUTHOR: { errorCode: 'SIM_NOT_AUTHOR', stage: 'rules', reply: 'registry-error', field: 'VIHF/Identifiant_Structure (indirect) or VIHF/NameID (direct)', fr: "Seul un auteur du document (même structure en mode indirect) peut le déposer, le remplacer ou le supprimer.", en: 'Only an author of the document (same structure in indirect mode) may add, replace or delete it.' },
  SIM_SIGNATURE_INVALID: { errorCode: 'SIM_SIGNATURE_INVALID', stage: 'rules', reply: 'registry-error', field: 'SignatureEntry (attribute or manifest reference in location)', fr: "La signature XAdES du lot est absente, en double, mal formée, ou ne couvre pas les documents déposés.", en: 'The XAdES signature of the submission is missing, repeated, malformed, or does not cover the submitted documents.' },
  SIM_NON_IDENTICAL_HASH: { errorCode: 'XDSNonIdenticalHash', stage: 'rules', reply: 'registry-error', field: 'DocumentEntry.uniqueId', fr: "Un document de même identifiant unique mais de contenu différent est déjà dans le DMP.", en: 'A document with the same uniqueId but different content is already in the DMP.' },
  SIM_DUPLICATE_SUBMISSION_SET: { errorCode: 'XDSDuplicateUniqueIdInRegistry', stage: 'rules', reply: 'registry-error', field: 'SubmissionSet.uniqueId', fr: "Ce lot de soumission a déjà été enregistré.", en: 'This submission set is already registered.' },
  SIM_ENTRY_UUID_TAKEN: { errorCode: 'XDSRegistryMetadataError', stage: 'rules', reply: 'registry-error', field: 'DocumentEntry.entryUUID', fr: "L'identifiant d'objet (entryUUID) est déjà celui d'une autre fiche.", en: 'The entryUUID is already used by another entry.' },
  SIM_DUPLICATE_IN_MESSAGE: { errorCode: 'XDSRegistryDuplicateUniqueIdInMessage', stage: 'rules', reply: 'registry-error', field: 'DocumentEntry.uniqueId', fr: "Le même identifiant unique apparaît deux fois dans le message.", en: 'The same uniqueId appears twice in the message.' },
  SIM_RPLC_TARGET_UNKNOWN: { errorCode: 'UnresolvedReferenceException', stage: 'rules', reply: 'registry-error', field: 'Association(RPLC).targetObject', fr: "Le document à remplacer est introuvable.", en: 'The document to replace does not exist.' },
  SIM_RPLC_TARGET_NOT_APPROVED: { errorCode: 'XDSRegistryDeprecatedDocumentError', stage: 'rules', reply: 'registry-error', field: 'Association(RPLC).targetObject', fr: "Le document à remplacer n'est plus la version en vigueur (déjà remplacé, archivé ou supprimé).", en: 'The document to replace is no longer the current version (replaced, archived or deleted).' },
  SIM_RPLC_PATIENT: { errorCode: 'XDSPatientIdDoesNotMatch', stage: 'rules', reply: 'registry-error', field: 'Association(RPLC).targetObject', fr: "Le document remplacé concerne un autre patient.", en: 'The replaced document belongs to another patient.' },
  SIM_RPLC_INCOHERENT: { errorCode: 'XDSRegistryMetadataError', stage: 'rules', reply: 'registry-error', field: 'ClinicalDocument/relatedDocument, setId, versionNumber', fr: "Le remplacement ne correspond pas au CDA (document parent, setId ou numéro de version).", en: 'The replacement does not match the CDA (parent document, setId or version number).' },
  SIM_RPLC_MISSING: { errorCode: 'XDSRegistryMetadataError', stage: 'rules', reply: 'registry-error', field: "ClinicalDocument/relatedDocument[@typeCode='RPLC']", fr: "Le CDA remplace un document mais la soumission n'a pas d'association RPLC.", en: 'The CDA replaces a document but the submission has no RPLC association.' },
  SIM_UNCHANGED_DOCUMENT: { errorCode: 'SIM_UNCHANGED_DOCUMENT', stage: 'rules', reply: 'registry-error', field: 'DocumentEntry.hash', fr: "Le document est identique à la version en vigueur : rien à déposer.", en: 'The document is identical to the current version: nothing to submit.' },
  SIM_METADATA_VERSION: { errorCode: 'XDSMetadataVersionError', stage: 'update', reply: 'registry-error', field: "Association(HasMember).Slot[@name='PreviousVersion']", fr: "La version précédente indiquée n'est pas la version courante de la fiche.", en: 'PreviousVersion is not the current version of the entry.' },
  SIM_METADATA_UPDATE: { errorCode: 'XDSMetadataUpdateError', stage: 'update', reply: 'registry-error', field: 'DocumentEntry.logicalId / status', fr: "Mise à jour impossible : fiche inconnue, supprimée, ou changement non autorisé.", en: 'Update not possible: unknown or deleted entry, or a change that is not allowed.' },
  SIM_VISIBILITY_IRREVERSIBLE: { errorCode: 'SIM_VISIBILITY_IRREVERSIBLE', stage: 'update', reply: 'registry-error', field: 'DocumentEntry.confidentialityCode', fr: "Un document rendu visible au patient ou aux représentants légaux ne peut pas redevenir invisible.", en: 'A document made visible to the patient or legal representatives cannot be made invisible again.' },
  SIM_QUERY_INVALID: { errorCode: 'XDSStoredQueryParamNumber', stage: 'query', reply: 'registry-error', field: 'AdhocQuery (parameter in location)', fr: "Requête inconnue ou paramètre obligatoire absent.", en: 'Unknown stored query or missing mandatory parameter.' },
  SIM_DOCUMENT_UNKNOWN: { errorCode: 'XDSDocumentUniqueIdError', stage: 'query', reply: 'registry-error', field: 'DocumentRequest/DocumentUniqueId', fr: "Aucun document de cet identifiant dans ce dépôt.", en: 'No document with this uniqueId in this repository.' },
  SIM_REGISTRY_BUSY: { errorCode: 'XDSRegistryBusy', stage: 'fault', reply: 'registry-error', field: '—', fr: "Le DMP est momentanément surchargé ; réessayer plus tard.", en: 'The DMP is momentarily busy; retry later.' },
  SIM_INJECTED_FAULT: { errorCode: 'SIM_INJECTED_FAULT', stage: 'fault', reply: 'soap-fault', field: '—', fr: "Erreur interne du DMP (simulée).", en: 'DMP internal error (simulated).' },
  SIM_PARTIAL_SUCCESS: { errorCode: 'SIM_PARTIAL_SUCCESS', stage: 'fault', reply: 'registry-error', field: '—', fr: "Dépôt accepté avec un avertissement (simulé).", en: 'Submission accepted with a warning (simulated).' },
} as const satisfies Record<string, Refusal>;

export type SimCode = keyof typeof SIM_REFUSALS;

/** One problem found in a request: its SIM_ code, the field it names and a precise message. */
export interface Problem {
  code: SimCode;
  location: string;
  /** Precise detail (never patient data). Defaults to the table's message. */
  detail?: string;
  severity?: 'Error' | 'Warning';
}

export function problem(code: SimCode, location: string, detail?: string): Problem {
  return detail === undefined ? { code, location } : { code, location, detail };
}

/** A refusal raised by a pipeline stage that stops at its first failure (stages 1–3). */
export class Refused extends Error {
  constructor(readonly problems: Problem[]) {
    super(problems.map((p) => `${p.code} at ${p.location}`).join('; '));
  }
}
