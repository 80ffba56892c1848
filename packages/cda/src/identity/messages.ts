// Issues reported by the identity checks, with their French and English messages.
//
// Privacy rule: the identifiers checked here (matricule INS, RPPS, ADELI, …) are personal data and issues end up in
// logs, so a message must never contain the checked value nor anything derived from it (the expected key, a digit, a
// substring). Every message is therefore a constant of this catalogue: there is deliberately no interpolation.

/** A message in the two languages of the product. */
export interface LocalizedMessage {
  readonly fr: string;
  readonly en: string;
}

/** A problem found by an identity check: a stable machine code and a human-readable explanation. */
export interface IdentityIssue {
  readonly code: string;
  readonly message: LocalizedMessage;
}

/** Catalogue of every issue the identity checks can report, keyed by stable machine code. */
export const IDENTITY_MESSAGES = {
  // ── INS ───────────────────────────────────────────────────────────────────────────────────────────────────────
  'ins.format': {
    fr: "Le matricule INS doit comporter exactement 15 caractères, sans espace : un premier chiffre de 1 à 8, douze chiffres (les 6e et 7e peuvent être 2A ou 2B en majuscules pour une naissance en Corse) puis la clé de contrôle à deux chiffres. Saisissez-le tel que le renvoie le téléservice INSi.",
    en: 'The INS number must be exactly 15 characters long with no spaces: a first digit from 1 to 8, twelve digits (the 6th and 7th may be 2A or 2B in upper case for a birth in Corsica), then the two-digit check key. Enter it exactly as returned by the INSi teleservice.',
  },
  'ins.key': {
    fr: 'La clé de contrôle du matricule INS est incorrecte : vérifiez les 15 caractères saisis.',
    en: 'The check key of the INS number is wrong: check the 15 characters entered.',
  },
  'ins.oid.unknown': {
    fr: "L'OID de l'autorité d'affectation n'est pas celui d'un INS : utilisez l'OID de l'INS-NIR ou de l'INS-NIA exactement tel que le renvoie le téléservice INSi.",
    en: 'The assigning authority OID is not an INS OID: use the INS-NIR or INS-NIA OID exactly as returned by the INSi teleservice.',
  },
  'ins.oid.test': {
    fr: "Cet INS porte l'OID des identités de test (INS-NIR de test) : un environnement de production doit le refuser. Utilisez une identité réelle, dont l'OID est celui de l'INS-NIR ou de l'INS-NIA.",
    en: 'This INS carries the OID reserved for test identities (test INS-NIR): a production environment must refuse it. Use a real identity, whose OID is the INS-NIR or INS-NIA one.',
  },
  'ins.oid.demo': {
    fr: "Cet INS porte l'OID des identités de démonstration (INS-NIR de démonstration) : un environnement de production doit le refuser. Utilisez une identité réelle, dont l'OID est celui de l'INS-NIR ou de l'INS-NIA.",
    en: 'This INS carries the OID reserved for demonstration identities (demo INS-NIR): a production environment must refuse it. Use a real identity, whose OID is the INS-NIR or INS-NIA one.',
  },
  'ins.oid.ins-c': {
    fr: "L'OID est celui de l'ancien INS calculé (INS-C), qui ne doit plus être émis : récupérez l'INS de la personne auprès du téléservice INSi.",
    en: 'The OID is that of the former computed INS (INS-C), which must no longer be sent: retrieve the person’s INS from the INSi teleservice.',
  },
  'ins.oid.nss': {
    fr: "L'OID est celui du numéro de sécurité sociale (NSS), qui n'est pas un INS : récupérez l'INS de la personne auprès du téléservice INSi.",
    en: 'The OID is that of the social security number (NSS), which is not an INS: retrieve the person’s INS from the INSi teleservice.',
  },

  // ── INS against the strict traits (ins-traits.ts) ─────────────────────────────────────────────────────────────
  'ins.traits.sex': {
    fr: "Le premier chiffre du matricule INS (1 homme, 2 femme) ne correspond pas au sexe du patient : vérifiez le sexe ou le matricule auprès du téléservice INSi.",
    en: 'The first digit of the INS number (1 male, 2 female) does not match the patient’s sex: check the sex or the number with the INSi teleservice.',
  },
  'ins.traits.sex-unknown': {
    fr: "Le sexe du patient est inconnu : il ne peut pas être comparé au premier chiffre du matricule INS.",
    en: 'The patient’s sex is unknown: it cannot be compared with the first digit of the INS number.',
  },
  'ins.traits.sex-unchecked': {
    fr: "Le premier chiffre du matricule INS n'est ni 1 ni 2 (numéro ancien ou provisoire) : le sexe ne peut pas être contrôlé par le matricule.",
    en: 'The first digit of the INS number is neither 1 nor 2 (an old or temporary number): the sex cannot be checked against the number.',
  },
  'ins.traits.year': {
    fr: "Les 2e et 3e chiffres du matricule INS ne correspondent pas à l'année de naissance du patient.",
    en: 'The 2nd and 3rd digits of the INS number do not match the patient’s year of birth.',
  },
  'ins.traits.month': {
    fr: "Les 4e et 5e chiffres du matricule INS ne correspondent pas au mois de naissance du patient.",
    en: 'The 4th and 5th digits of the INS number do not match the patient’s month of birth.',
  },
  'ins.traits.month-unknown': {
    fr: "Le mois de naissance du patient est inconnu : il ne peut pas être comparé au matricule INS.",
    en: 'The patient’s month of birth is unknown: it cannot be compared with the INS number.',
  },
  'ins.traits.month-unknown-in-ins': {
    fr: "Le matricule INS porte un mois hors de 01 à 12 (acte de naissance incomplet) : le mois de naissance ne peut pas être contrôlé.",
    en: 'The INS number carries a month outside 01 to 12 (incomplete birth record): the month of birth cannot be checked.',
  },
  'ins.traits.place-department': {
    fr: "Le département de naissance du matricule INS (6e et 7e caractères) ne correspond pas au code du lieu de naissance.",
    en: 'The birth département in the INS number (6th and 7th characters) does not match the birth place code.',
  },
  'ins.traits.place-commune': {
    fr: "La commune de naissance du matricule INS diffère du code du lieu de naissance, dans le même département (commune fusionnée ou renommée depuis ?) : vérifiez auprès du téléservice INSi.",
    en: 'The birth commune in the INS number differs from the birth place code within the same département (a commune merged or renamed since?): check with the INSi teleservice.',
  },
  'ins.traits.place-abroad': {
    fr: "Naissance à l'étranger : le pays du matricule INS (99 suivi du code pays) et le code du lieu de naissance diffèrent ; cela peut s'expliquer (naturalisation, territoire devenu indépendant) : vérifiez auprès du téléservice INSi.",
    en: 'Born abroad: the country in the INS number (99 followed by the country code) and the birth place code differ; this may be explained (naturalisation, a territory become independent): check with the INSi teleservice.',
  },
  'ins.traits.place-corsica': {
    fr: "Le matricule INS porte le département 20 (ancien code de la Corse) alors que le lieu de naissance est en Corse-du-Sud ou en Haute-Corse : cohérent seulement pour une naissance antérieure à la division de la Corse en deux départements.",
    en: 'The INS number carries département 20 (the former code of Corsica) while the birth place is in Corse-du-Sud or Haute-Corse: consistent only for a birth before Corsica was split into two départements.',
  },
  'ins.traits.place-north-africa': {
    fr: "Le matricule INS porte un département 91 à 96 (naissance en Algérie, au Maroc ou en Tunisie avant l'indépendance) : le lieu de naissance ne peut pas être contrôlé par le matricule.",
    en: 'The INS number carries a département 91 to 96 (born in Algeria, Morocco or Tunisia before independence): the birth place cannot be checked against the number.',
  },

  // ── Professionals ─────────────────────────────────────────────────────────────────────────────────────────────
  'rpps.format': {
    fr: 'Le numéro RPPS doit comporter exactement 11 chiffres, sans espace ni autre caractère.',
    en: 'The RPPS number must be exactly 11 digits long, with no spaces or other characters.',
  },
  'rpps.luhn': {
    fr: 'La clé de contrôle du numéro RPPS est incorrecte : vérifiez les 11 chiffres saisis.',
    en: 'The check digit of the RPPS number is wrong: check the 11 digits entered.',
  },
  'adeli.format': {
    fr: 'Le numéro ADELI doit comporter exactement 9 caractères, sans espace : 9 chiffres, ou 2A ou 2B en majuscules suivis de 7 chiffres pour la Corse.',
    en: 'The ADELI number must be exactly 9 characters long with no spaces: 9 digits, or 2A or 2B in upper case followed by 7 digits for Corsica.',
  },
  'adeli.luhn': {
    fr: 'La clé de contrôle du numéro ADELI est incorrecte : vérifiez les 9 caractères saisis.',
    en: 'The check digit of the ADELI number is wrong: check the 9 characters entered.',
  },
  'idnatps.format': {
    fr: "L'identifiant national du professionnel est vide ou contient des espaces : saisissez le préfixe suivi de l'identifiant, sans espace.",
    en: 'The national identifier of the professional is empty or contains spaces: enter the prefix followed by the identifier, with no spaces.',
  },
  'idnatps.prefix': {
    fr: "Le préfixe de l'identifiant national du professionnel n'est pas reconnu : il doit commencer par 8 suivi du numéro RPPS, par 0 suivi du numéro ADELI, ou par 1, 3, 4, 5 ou 6 suivi d'un identifiant interne ; un numéro RPPS seul doit être précédé du préfixe 8, et un compte PSI est identifié par un UUID.",
    en: 'The prefix of the national identifier of the professional is not recognised: it must start with 8 followed by the RPPS number, with 0 followed by the ADELI number, or with 1, 3, 4, 5 or 6 followed by an internal identifier; a bare RPPS number must be preceded by the prefix 8, and a PSI account is identified by a UUID.',
  },
  'idnatps.rpps-format': {
    fr: "Un identifiant national de professionnel commençant par 8 doit comporter 12 chiffres : le préfixe 8 suivi des 11 chiffres du numéro RPPS.",
    en: 'A national identifier of a professional starting with 8 must be 12 digits long: the prefix 8 followed by the 11 digits of the RPPS number.',
  },
  'idnatps.adeli-format': {
    fr: "Un identifiant national de professionnel commençant par 0 doit comporter 10 caractères : le préfixe 0 suivi des 9 caractères du numéro ADELI.",
    en: 'A national identifier of a professional starting with 0 must be 10 characters long: the prefix 0 followed by the 9 characters of the ADELI number.',
  },

  // ── Structures ────────────────────────────────────────────────────────────────────────────────────────────────
  'finess.format': {
    fr: 'Le numéro FINESS doit comporter exactement 9 caractères, sans espace : 9 chiffres, ou 2A ou 2B en majuscules suivis de 7 chiffres pour la Corse.',
    en: 'The FINESS number must be exactly 9 characters long with no spaces: 9 digits, or 2A or 2B in upper case followed by 7 digits for Corsica.',
  },
  'finess.luhn': {
    fr: 'La clé de contrôle du numéro FINESS est incorrecte : vérifiez les 9 caractères saisis.',
    en: 'The check digit of the FINESS number is wrong: check the 9 characters entered.',
  },
  'siren.format': {
    fr: 'Le numéro SIREN doit comporter exactement 9 chiffres, sans espace ni autre caractère.',
    en: 'The SIREN number must be exactly 9 digits long, with no spaces or other characters.',
  },
  'siren.luhn': {
    fr: 'La clé de contrôle du numéro SIREN est incorrecte : vérifiez les 9 chiffres saisis.',
    en: 'The check digit of the SIREN number is wrong: check the 9 digits entered.',
  },
  'siret.format': {
    fr: 'Le numéro SIRET doit comporter exactement 14 chiffres, sans espace ni autre caractère : les 9 chiffres du SIREN suivis des 5 chiffres du NIC.',
    en: 'The SIRET number must be exactly 14 digits long, with no spaces or other characters: the 9 digits of the SIREN followed by the 5 digits of the NIC.',
  },
  'siret.luhn': {
    fr: 'La clé de contrôle du numéro SIRET est incorrecte : vérifiez les 14 chiffres saisis.',
    en: 'The check digit of the SIRET number is wrong: check the 14 digits entered.',
  },
  'siret.siren-luhn': {
    fr: 'Les 9 premiers chiffres du numéro SIRET ne forment pas un numéro SIREN valide : vérifiez le numéro SIREN de la structure.',
    en: 'The first 9 digits of the SIRET number are not a valid SIREN number: check the SIREN number of the organisation.',
  },
  'idnatstruct.format': {
    fr: "L'identifiant national de la structure est vide ou contient des espaces : saisissez le préfixe suivi de l'identifiant, sans espace.",
    en: 'The national identifier of the organisation is empty or contains spaces: enter the prefix followed by the identifier, with no spaces.',
  },
  'idnatstruct.prefix': {
    fr: "L'identifiant national de la structure ressemble à un numéro FINESS, SIREN ou SIRET sans préfixe : ajoutez devant le numéro le préfixe 1 pour un FINESS, 2 pour un SIREN ou 3 pour un SIRET.",
    en: 'The national identifier of the organisation looks like a FINESS, SIREN or SIRET number without its prefix: put the prefix 1 for a FINESS, 2 for a SIREN or 3 for a SIRET in front of the number.',
  },
  'idnatstruct.finess-format': {
    fr: "Un identifiant national de structure commençant par 1 doit comporter 10 caractères : le préfixe 1 suivi des 9 caractères du numéro FINESS.",
    en: 'A national identifier of an organisation starting with 1 must be 10 characters long: the prefix 1 followed by the 9 characters of the FINESS number.',
  },
  'idnatstruct.siren-format': {
    fr: "Un identifiant national de structure commençant par 2 doit comporter 10 chiffres : le préfixe 2 suivi des 9 chiffres du numéro SIREN.",
    en: 'A national identifier of an organisation starting with 2 must be 10 digits long: the prefix 2 followed by the 9 digits of the SIREN number.',
  },
  'idnatstruct.siret-format': {
    fr: "Un identifiant national de structure commençant par 3 doit comporter 15 chiffres : le préfixe 3 suivi des 14 chiffres du numéro SIRET.",
    en: 'A national identifier of an organisation starting with 3 must be 15 digits long: the prefix 3 followed by the 14 digits of the SIRET number.',
  },
} as const satisfies Record<string, LocalizedMessage>;

/** Every code an identity check can report. */
export type IdentityIssueCode = keyof typeof IDENTITY_MESSAGES;

/** Builds the issue for `code` (a fresh object, so callers may not alter the catalogue through it). */
export function identityIssue(code: IdentityIssueCode): IdentityIssue {
  const message = IDENTITY_MESSAGES[code];
  return { code, message: { fr: message.fr, en: message.en } };
}
