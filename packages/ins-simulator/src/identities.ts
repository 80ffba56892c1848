// The simulator's identities: the CNAM and ANS fictitious patients of identity-auth.md §1.9, a
// homonym pair (several candidates), and on demand every patient of the @dcc-kit/cda examples
// (the demo's). Matching rules of the simulated search are here too.
import { insKey, patientToApi, INS_OIDS } from '@dcc-kit/cda/identity';
import { loadExamples } from '@dcc-kit/cda/examples';

export interface SimIdentity {
  /** 15-character matricule (13 + key); may carry a wrong key on purpose (HERMANN). */
  matricule: string;
  oid: string;
  birthName: string;
  /** Birth first names in order (ListePrenom). */
  firstNames: string[];
  sex: 'M' | 'F';
  birthDate: string;
  birthPlaceCode?: string;
  /** Previous INS (INSHISTO). */
  history?: Array<{ matricule: string; oid: string }>;
  /** Never found (CNAM's HOUILLES: always CR 01). */
  neverFound?: boolean;
}

const nir = (m13: string): string => m13 + insKey(m13);

/** §1.9's seed table, and a homonym pair of ours (MARTIN JEAN, M, 1960-05-05: one in 63220, one in 51215). */
export function specIdentities(): SimIdentity[] {
  return [
    { matricule: '275126322074974', oid: INS_OIDS.NIR, birthName: 'ADRUN', firstNames: ['ZOE'], sex: 'F', birthDate: '1975-12-31', birthPlaceCode: '63220' },
    { matricule: '236066322083656', oid: INS_OIDS.NIR, birthName: 'TCHITCHI', firstNames: ['CATARINA', 'BELLA'], sex: 'F', birthDate: '1936-06-21', birthPlaceCode: '63220' },
    { matricule: '110086322083060', oid: INS_OIDS.NIR, birthName: 'NESSI', firstNames: ['MICHELANGELO', 'ANTHONY'], sex: 'M', birthDate: '2010-08-07', birthPlaceCode: '63220' },
    {
      matricule: '109076322083489', oid: INS_OIDS.NIR, birthName: 'ECETINSI', firstNames: ['PIERRE-ALAIN', 'MURIEL', 'FLORIANT'], sex: 'M', birthDate: '2009-07-14', birthPlaceCode: '63220',
      history: [{ matricule: '209076322083439', oid: INS_OIDS.NIR }, { matricule: '209066322012355', oid: INS_OIDS.NIR }],
    },
    { matricule: '180032B02040123', oid: INS_OIDS.NIR, birthName: 'CORSE', firstNames: ['ANTHONY'], sex: 'M', birthDate: '1980-03-02', birthPlaceCode: '2B020' },
    { matricule: '109076322088835', oid: INS_OIDS.NIA, birthName: 'PROVISOIRE', firstNames: ['MATRICULE'], sex: 'M', birthDate: '2009-07-01', birthPlaceCode: '63220' },
    // CNDA "test 2.08 cas 2": an INS whose key is wrong, so that clients prove they reject it.
    { matricule: '181036322045660', oid: INS_OIDS.NIR, birthName: 'HERMANN', firstNames: ['GATIEN'], sex: 'M', birthDate: '1981-03-24', birthPlaceCode: '63220', history: [{ matricule: '281036322045610', oid: INS_OIDS.NIR }] },
    { matricule: nir('1930199999999'), oid: INS_OIDS.NIR, birthName: 'HOUILLES', firstNames: ['PIERRE', 'PAUL', 'JACQUES'], sex: 'M', birthDate: '1993-01-27', neverFound: true },
    { matricule: '279035121518989', oid: INS_OIDS.NIR_TEST, birthName: 'PAT-TROIS', firstNames: ['DOMINIQUE', 'MARIE-LOUISE'], sex: 'F', birthDate: '1979-03-28', birthPlaceCode: '51215' },
    { matricule: nir('1600563220101'), oid: INS_OIDS.NIR, birthName: 'MARTIN', firstNames: ['JEAN'], sex: 'M', birthDate: '1960-05-05', birthPlaceCode: '63220' },
    { matricule: nir('1600551215102'), oid: INS_OIDS.NIR, birthName: 'MARTIN', firstNames: ['JEAN', 'PAUL'], sex: 'M', birthDate: '1960-05-05', birthPlaceCode: '51215' },
  ];
}

/** INSi's upper case without diacritics (§1.6). */
export function insiName(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toUpperCase().trim();
}

/** Every patient of the @dcc-kit/cda examples (PPS and FRCP), as INSi knows them: the demo's patients. */
export function exampleIdentities(): SimIdentity[] {
  const seen = new Map<string, SimIdentity>();
  for (const volet of ['pps', 'frcp'] as const) {
    for (const example of loadExamples(volet)) {
      const patient = (example.input as { patient?: Parameters<typeof patientToApi>[0] }).patient;
      if (!patient?.ins || seen.has(patient.ins.value)) continue;
      const api = patientToApi(patient);
      if (api.traits.sex === 'U') continue;
      seen.set(api.ins.value, {
        matricule: api.ins.value,
        oid: api.ins.oid,
        birthName: insiName(api.traits.birthName),
        firstNames: api.traits.firstNames.map(insiName),
        sex: api.traits.sex,
        birthDate: api.traits.birthDate,
        ...(api.traits.birthPlaceCode ? { birthPlaceCode: api.traits.birthPlaceCode } : {}),
      });
    }
  }
  return [...seen.values()];
}

export interface SearchTraits {
  birthName: string;
  firstNames: string[];
  sex: string;
  birthDate: string;
  birthPlaceCode?: string;
}

/** Whether an identity answers a search: same name, sex, date, place when given; every first name sent is one of its. */
export function matches(identity: SimIdentity, traits: SearchTraits): boolean {
  if (identity.neverFound) return false;
  if (identity.birthName !== traits.birthName || identity.sex !== traits.sex || identity.birthDate !== traits.birthDate) return false;
  if (traits.birthPlaceCode !== undefined && identity.birthPlaceCode !== traits.birthPlaceCode) return false;
  return traits.firstNames.length > 0 && traits.firstNames.every((n) => identity.firstNames.includes(n));
}

/** The traits of a vérification that differ from the identity's (INSi element names). */
export function mismatches(identity: SimIdentity, traits: SearchTraits): string[] {
  const out: string[] = [];
  if (identity.birthName !== traits.birthName) out.push('NomNaissance');
  if (traits.firstNames.length === 0 || !traits.firstNames.every((n) => identity.firstNames.includes(n))) out.push('Prenom');
  if (identity.sex !== traits.sex) out.push('Sexe');
  if (identity.birthDate !== traits.birthDate) out.push('DateNaissance');
  if ((traits.birthPlaceCode ?? identity.birthPlaceCode) !== identity.birthPlaceCode) out.push('LieuNaissance');
  return out;
}
