// Test professionals of the emulator, shaped like the Pro Santé Connect `scope_all` UserInfo (identity-auth.md §3.6).
// Identifiers are valid (Luhn keys checked by users.test.ts with @dcc-kit/cda/identity) and the structures are those
// of the @dcc-kit/cda examples (packages/cda/examples), so that a logged-in test user maps to a real example author.
// All people are fictitious.

/** One *situation d'exercice* (PSC `SubjectRefPro.exercices[].activities[]`). */
export interface PscActivity {
  /** `L` libéral, `S` salarié, `B` bénévole. */
  codeModeExercice: 'L' | 'S' | 'B';
  /** TRE_R02 secteur d'activité code, e.g. `SA07`. */
  codeSecteurDactivite: string;
  codeSectionPharmacien: string;
  codeRole: string;
  codeGenreActivite: string;
  numeroSiretSite: string;
  numeroSirenSite: string;
  numeroFinessSite: string;
  numeroFinessetablissementJuridique: string;
  identifiantTechniqueDeLaStructure: string;
  raisonSocialeSite: string;
  enseigneCommercialeSite: string;
  complementDestinataire: string;
  complementPointGeographique: string;
  numeroVoie: string;
  indiceRepetitionVoie: string;
  codeTypeDeVoie: string;
  libelleVoie: string;
  mentionDistribution: string;
  bureauCedex: string;
  codePostal: string;
  codeCommune: string;
  codePays: string;
  codeDepartement: string;
  telephone: string;
  telephone2: string;
  telecopie: string;
  adresseEMail: string;
  ancienIdentifiantDeLaStructure: string;
  autoriteDenregistrement: string;
}

/** One *exercice professionnel* (PSC `SubjectRefPro.exercices[]`). */
export interface PscExercice {
  /** TRE_G15 profession code (`10` médecin, `60` infirmier…). */
  codeProfession: string;
  codeCategorieProfessionnelle: string;
  codeCiviliteDexercice: string;
  nomDexercice: string;
  prenomDexercice: string;
  codeTypeSavoirFaire: string;
  /** TRE_R38 savoir-faire, e.g. `SM36` oncologie option médicale; empty when none. */
  codeSavoirFaire: string;
  activities: PscActivity[];
}

/** An alternative identifier of the same person (PSC `otherIds`). */
export interface PscOtherId {
  identifiant: string;
  origine: string;
  qualite: number;
}

/** The claims the emulator returns from UserInfo for `scope_all` (plus `sub`, added per request). */
export interface PscUserInfo {
  /** IdNat_PS: `8` + RPPS. Key users on this, never on `sub`. */
  SubjectNameID: string;
  preferred_username: string;
  given_name: string;
  family_name: string;
  email_verified: boolean;
  SubjectOrganization: string;
  SubjectOrganizationID: string;
  /** `code^OID` profession codes, e.g. `10^1.2.250.1.213.1.1.5.5`. */
  SubjectRole: string[];
  /** `code^OID` (TRE_R02) of the first activity. */
  Secteur_Activite: string;
  Palier_Authentification: string;
  PSI_Locale: string;
  UITVersion: string;
  Mode_Acces_Raison: string;
  Acces_Regulation_Medicale: string;
  otherIds: PscOtherId[];
  SubjectRefPro: { codeCivilite: string; exercices: PscExercice[] };
}

/** A test user: the opaque `sub` the emulator issues plus the UserInfo claims. */
export interface PscTestUser {
  /** Opaque subject in the Keycloak style `f:<uuid>:<national id>` (treat as opaque). */
  sub: string;
  /** Short label shown on the emulator's login page. */
  label: string;
  userinfo: PscUserInfo;
}

const EMPTY_ACTIVITY: PscActivity = {
  codeModeExercice: 'S',
  codeSecteurDactivite: '',
  codeSectionPharmacien: '',
  codeRole: '',
  codeGenreActivite: 'GENR01',
  numeroSiretSite: '',
  numeroSirenSite: '',
  numeroFinessSite: '',
  numeroFinessetablissementJuridique: '',
  identifiantTechniqueDeLaStructure: '',
  raisonSocialeSite: '',
  enseigneCommercialeSite: '',
  complementDestinataire: '',
  complementPointGeographique: '',
  numeroVoie: '',
  indiceRepetitionVoie: '',
  codeTypeDeVoie: '',
  libelleVoie: '',
  mentionDistribution: '',
  bureauCedex: '',
  codePostal: '',
  codeCommune: '',
  codePays: '99100',
  codeDepartement: '',
  telephone: '',
  telephone2: '',
  telecopie: '',
  adresseEMail: '',
  ancienIdentifiantDeLaStructure: '',
  autoriteDenregistrement: '',
};

function activity(fields: Partial<PscActivity>): PscActivity {
  return { ...EMPTY_ACTIVITY, ...fields };
}

const PROFESSION_OID = '1.2.250.1.213.1.1.5.5';
const SECTEUR_OID = '1.2.250.1.71.4.2.4';

interface UserSeed {
  uuid: string;
  label: string;
  rpps: string;
  civilite: string;
  civiliteExercice: string;
  givenName: string;
  familyName: string;
  codeProfession: string;
  codeSavoirFaire: string;
  activities: PscActivity[];
}

function makeUser(seed: UserSeed): PscTestUser {
  const idNat = `8${seed.rpps}`;
  const [first] = seed.activities;
  const firstStructure = first?.numeroFinessSite ? `1${first.numeroFinessSite}` : first?.numeroSiretSite ? `3${first.numeroSiretSite}` : '';
  return {
    sub: `f:${seed.uuid}:${idNat}`,
    label: seed.label,
    userinfo: {
      SubjectNameID: idNat,
      preferred_username: idNat,
      given_name: seed.givenName,
      family_name: seed.familyName,
      email_verified: false,
      SubjectOrganization: first?.raisonSocialeSite ?? '',
      SubjectOrganizationID: firstStructure,
      SubjectRole: [`${seed.codeProfession}^${PROFESSION_OID}`],
      Secteur_Activite: first ? `${first.codeSecteurDactivite}^${SECTEUR_OID}` : '',
      Palier_Authentification: 'APPPRIP3^1.2.250.1.213.1.5.1.1.1',
      PSI_Locale: '1.2.250.1.213.1.3.1.1',
      UITVersion: '1.0',
      Mode_Acces_Raison: '',
      Acces_Regulation_Medicale: 'FAUX',
      otherIds: [{ identifiant: seed.rpps, origine: 'RPPS', qualite: 1 }],
      SubjectRefPro: {
        codeCivilite: seed.civilite,
        exercices: [
          {
            codeProfession: seed.codeProfession,
            codeCategorieProfessionnelle: 'C',
            codeCiviliteDexercice: seed.civiliteExercice,
            nomDexercice: seed.familyName,
            prenomDexercice: seed.givenName,
            codeTypeSavoirFaire: seed.codeSavoirFaire ? 'S' : '',
            codeSavoirFaire: seed.codeSavoirFaire,
            activities: seed.activities,
          },
        ],
      },
    },
  };
}

/** Institut de Cancérologie de l'Ouest, site Paul Papin (Angers) — author organisation of PPS example 01 and FRCP 01. */
const ICO_ANGERS = activity({
  codeModeExercice: 'S',
  codeSecteurDactivite: 'SA03',
  numeroFinessSite: '492805973',
  numeroFinessetablissementJuridique: '490000312',
  identifiantTechniqueDeLaStructure: 'F492805973',
  raisonSocialeSite: "Institut de Cancérologie de l'Ouest (ICO) – site Paul Papin",
  numeroVoie: '15',
  codeTypeDeVoie: 'R',
  libelleVoie: 'André Boquel',
  mentionDistribution: 'CS 10059',
  bureauCedex: '49055 Angers Cedex 02',
  codePostal: '49055',
  codeCommune: '49007',
  codeDepartement: '49',
  telephone: '0241352700',
  telecopie: '0241352701',
  autoriteDenregistrement: 'ARS/ARS/ARS',
});

/** Institut Bergonié (Bordeaux) — author organisation of PPS examples 10 and 14. */
const BERGONIE = activity({
  codeModeExercice: 'S',
  codeSecteurDactivite: 'SA03',
  numeroFinessSite: '338521651',
  numeroFinessetablissementJuridique: '330000829',
  identifiantTechniqueDeLaStructure: 'F338521651',
  raisonSocialeSite: 'Institut Bergonié',
  numeroVoie: '229',
  codeTypeDeVoie: 'CRS',
  libelleVoie: "de l'Argonne",
  bureauCedex: '33076 Bordeaux Cedex',
  codePostal: '33076',
  codeCommune: '33063',
  codeDepartement: '33',
  telephone: '0556333333',
  autoriteDenregistrement: 'ARS/ARS/ARS',
});

/** CHU de Nantes – Hôtel-Dieu — author organisation of PPS examples 02/03 and FRCP 02. */
const CHU_NANTES = activity({
  codeModeExercice: 'S',
  codeSecteurDactivite: 'SA01',
  numeroFinessSite: '445075658',
  numeroFinessetablissementJuridique: '440000024',
  identifiantTechniqueDeLaStructure: 'F445075658',
  raisonSocialeSite: 'CHU de Nantes – Hôtel-Dieu',
  numeroVoie: '1',
  codeTypeDeVoie: 'PL',
  libelleVoie: 'Alexis-Ricordeau',
  bureauCedex: '44093 Nantes Cedex 1',
  codePostal: '44093',
  codeCommune: '44109',
  codeDepartement: '44',
  telephone: '0240083333',
  autoriteDenregistrement: 'ARS/ARS/ARS',
});

/**
 * Dr Camille LEFORT, medical oncologist (SM36), author of PPS example 01: salaried at ICO Angers (FINESS 492805973)
 * and in private practice (SIRET 49231874600012) — the "several activities" case.
 */
export const DR_LEFORT = makeUser({
  uuid: '2f1c7d0e-5b7a-4c43-9a51-0d7e3a6b9c01',
  label: 'Dr Camille LEFORT — oncologue, ICO Angers + cabinet libéral',
  rpps: '10209801199',
  civilite: 'MME',
  civiliteExercice: 'DR',
  givenName: 'Camille',
  familyName: 'LEFORT',
  codeProfession: '10',
  codeSavoirFaire: 'SM36',
  activities: [
    ICO_ANGERS,
    activity({
      codeModeExercice: 'L',
      codeSecteurDactivite: 'SA07',
      numeroSiretSite: '49231874600012',
      numeroSirenSite: '492318746',
      identifiantTechniqueDeLaStructure: 'R49231874600012',
      raisonSocialeSite: 'Cabinet du Dr Camille LEFORT',
      numeroVoie: '8',
      codeTypeDeVoie: 'BD',
      libelleVoie: 'du Roi René',
      codePostal: '49100',
      codeCommune: '49007',
      codeDepartement: '49',
      telephone: '0241880000',
      autoriteDenregistrement: 'CNOM/CNOM/CNOM',
    }),
  ],
});

/** Dr Pauline LABORDE, medical oncologist (SM36) at Institut Bergonié — a different structure from ICO. */
export const DR_LABORDE = makeUser({
  uuid: '7a9e4b62-1d3f-4f0b-8c27-5e6f1a2b3c02',
  label: 'Dr Pauline LABORDE — oncologue, Institut Bergonié',
  rpps: '10430519933',
  civilite: 'MME',
  civiliteExercice: 'DR',
  givenName: 'Pauline',
  familyName: 'LABORDE',
  codeProfession: '10',
  codeSavoirFaire: 'SM36',
  activities: [BERGONIE],
});

/** Dr Yann LE GUEN, hepato-gastroenterologist (SM24) at CHU de Nantes, author of PPS examples 02/03. */
export const DR_LE_GUEN = makeUser({
  uuid: 'c4d8a1f3-6e2b-4a9d-b705-9f8e7d6c5b03',
  label: 'Dr Yann LE GUEN — hépato-gastro-entérologue, CHU de Nantes',
  rpps: '10937588894',
  civilite: 'M',
  civiliteExercice: 'DR',
  givenName: 'Yann',
  familyName: 'LE GUEN',
  codeProfession: '10',
  codeSavoirFaire: 'SM24',
  activities: [CHU_NANTES],
});

/** Élodie MARCHAND, coordinating nurse (profession 60, no savoir-faire) at ICO Angers — a non-physician profile. */
export const IDE_MARCHAND = makeUser({
  uuid: '91b5e7c2-3a4d-4e6f-a8b9-1c2d3e4f5a04',
  label: 'Élodie MARCHAND — infirmière de coordination, ICO Angers',
  rpps: '10523187440',
  civilite: 'MME',
  civiliteExercice: '',
  givenName: 'Élodie',
  familyName: 'MARCHAND',
  codeProfession: '60',
  codeSavoirFaire: '',
  activities: [ICO_ANGERS],
});

/** The default test users, in login-page order. */
export const TEST_USERS: readonly PscTestUser[] = [DR_LEFORT, DR_LABORDE, DR_LE_GUEN, IDE_MARCHAND];
