// The names of the INSi téléservice's SOAP contract (identity-auth.md §1.9): namespaces, actions,
// result codes, SOAP fault codes. One table for the client and the simulator, as the DMP's
// `XDS.action` is. Browser-safe: no node: imports.

/** Namespaces of the INSi messages. */
export const INSI_NS = {
  /** Body of rechercherInsAvecTraitsIdentite (WSDL DESIR_ICIR_EXP_1.5.0) [A]. */
  recSans: 'http://www.cnamts.fr/INSiRecSans',
  /** Answer of both searches [A]. */
  resultat: 'http://www.cnamts.fr/INSiResultat',
  /**
   * Our own vérification message: the real operation's name and schema are unknown (spec §5.1) [?],
   * so it lives in a namespace of ours until the CNAM cahier des charges is read.
   */
  verif: 'urn:dcc-kit:insi:verification:1',
  /** ContexteLPS and ContexteBAM headers [I: the `urn:siram:*` names used by CNDA-approved clients]. */
  ctxlps: 'urn:siram:lps',
  ctxbam: 'urn:siram:bam',
  /** Detail of a SOAP fault (`siram:Erreur code="desir_xxx"`) [A]. */
  siram: 'urn:siram',
} as const;

/** SOAP actions (wsa:Action) of the operations. */
export const INSI_ACTIONS = {
  searchByTraits: 'urn:ServiceIdentiteCertifiee:1.0.0:rechercherInsAvecTraitsIdentite',
  searchByVitale: 'urn:ServiceIdentiteCertifiee:1.0.0:rechercherInsAvecCarteVitale',
  /** [?] spec §5.1: our placeholder until the real action is known. */
  verify: 'urn:ServiceIdentiteCertifiee:1.0.0:verifierInsAvecTraitsIdentite',
} as const;

/** Body elements (local names). */
export const INSI_ELEMENTS = {
  searchByTraits: 'RECSANSVITALE',
  result: 'RESULTAT',
  verify: 'VERIFSANSVITALE',
  verifyResult: 'RESULTATVERIF',
} as const;

/** CodeCR of a search answer (§1.9) [A]. */
export const SEARCH_CODES = { found: '00', none: '01', several: '02' } as const;

/** CodeCR of a vérification answer: the FAQ's OK / KO [A], their codes ours [I]. */
export const VERIFY_CODES = { ok: '00', ko: '03' } as const;

/** The certificate CNs INSi accepts from an organisation certificate (§1.9) [A]. */
export const INSI_CERTIFICATE_CNS = ['INSI-AUTO', 'INSI-MANU'] as const;

/** SOAP fault codes (siram subcode, desir detail code) seen on the real service (§1.9) [A]. */
export const INSI_FAULTS = {
  unknownSoftware: { subcode: 'siram_100', code: 'desir_550', text: "Numéro d'autorisation du logiciel inconnu" },
  insufficientRights: { subcode: 'siram_100', code: 'desir_560', text: "Niveau d'accès insuffisant" },
  /** Our simulator's code for a request it cannot read (the real codes are not documented to us [?]). */
  invalidRequest: { subcode: 'siram_100', code: 'desir_400', text: 'Requête invalide' },
  /** Service down: a Receiver fault [I]. */
  unavailable: { subcode: 'siram_500', code: 'desir_999', text: 'Service momentanément indisponible' },
} as const;

/** Names of the strict traits in the INSi messages, by the API's trait names (the `location` of a mismatch). */
export const TRAIT_ELEMENTS = {
  birthName: 'NomNaissance',
  firstNames: 'Prenom',
  sex: 'Sexe',
  birthDate: 'DateNaissance',
  birthPlaceCode: 'LieuNaissance',
} as const;
