/**
 * The words clinicians type for the concepts of the national value sets (« chimio », « RT »,
 * « hormono »…), and the concepts they look for that a value set does not have (the patient's
 * own psychological support is absent from JDV_SoinsOncoDeSupport_CISIS, which only has the
 * support of the relatives). One table, keyed by value-set name; the code pickers read it,
 * `value-set-synonyms.test.ts` checks that every code exists in its value set.
 *
 * Terms are matched whole, accent- and case-insensitively, against one word of the search.
 */

/** Words that mean one or more concepts of a value set. */
export interface ValueSetSynonym {
  readonly terms: readonly string[];
  readonly codes: readonly string[];
}

/** A concept clinicians look for that the value set lacks: what to say, and the free-text path the volet allows. */
export interface AbsentConcept {
  readonly terms: readonly string[];
  /** French text shown next to the results (the UI is French; the volet is French). */
  readonly note: string;
  /** The concept to choose instead, its precision being typed as free text. */
  readonly fallbackCode: string;
}

export interface ValueSetVocabulary {
  readonly synonyms: readonly ValueSetSynonym[];
  readonly absent?: readonly AbsentConcept[];
}

const TREATMENT_COMMON: readonly ValueSetSynonym[] = [
  { terms: ['chimio', 'ctx', 'cht'], codes: ['C15632'] },
  { terms: ['rt', 'radio', 'rth', 'irradiation'], codes: ['C15313'] },
  { terms: ['curie'], codes: ['C15195'] },
  { terms: ['chir', 'chirurgie', 'operation', 'exerese'], codes: ['387713003'] },
  { terms: ['immuno'], codes: ['C15262'] },
  { terms: ['ciblee', 'tki'], codes: ['C93352'] },
  { terms: ['greffe', 'allogreffe', 'autogreffe'], codes: ['MED-126'] },
  { terms: ['surveillance', 'abstention'], codes: ['MED-226', 'MED-227'] },
  { terms: ['irathérapie', 'iode'], codes: ['MED-232'] },
];

export const VALUE_SET_SYNONYMS: Readonly<Record<string, ValueSetVocabulary>> = {
  JDV_TypeTraitementPPS_CISIS: {
    synonyms: [...TREATMENT_COMMON, { terms: ['hormono', 'ht', 'endocrinothérapie'], codes: ['C15445'] }],
  },
  JDV_TypeTraitement_FRCP_CISIS: {
    synonyms: [
      ...TREATMENT_COMMON,
      { terms: ['hormono', 'ht', 'endocrinothérapie'], codes: ['C547'] },
      { terms: ['sos', 'support'], codes: ['C15747'] },
      { terms: ['palliatif', 'palliatifs', 'pall'], codes: ['C15252'] },
    ],
  },
  JDV_SoinsOncoDeSupport_CISIS: {
    synonyms: [
      { terms: ['dietetique', 'diet', 'nutrition', 'dieteticienne', 'dieteticien'], codes: ['ORG-036'] },
      { terms: ['douleur', 'antalgique', 'antalgie'], codes: ['ORG-035'] },
      { terms: ['apa', 'sport'], codes: ['ORG-175'] },
      { terms: ['tabac', 'tabagique'], codes: ['MED-562'] },
      { terms: ['alcool', 'oh'], codes: ['MED-563'] },
      { terms: ['fertilite', 'cecos', 'oncofertilite'], codes: ['MED-051'] },
      { terms: ['ecole', 'scolarite'], codes: ['ORG-174'] },
    ],
    absent: [
      {
        terms: ['psy', 'psychologue', 'psychologique', 'psychologie', 'psychiatre', 'psychooncologie'],
        note: 'Le soutien psychologique du patient n’existe pas dans ce jeu de valeurs national (seul celui des proches et des aidants y figure) : choisissez « Autre soins de support » et précisez en texte libre.',
        fallbackCode: 'GEN-092.04.07',
      },
    ],
  },
  JDV_TraitementSoins_FRCP_CISIS: {
    synonyms: [
      { terms: ['sos', 'support'], codes: ['C15747'] },
      { terms: ['palliatif', 'palliatifs', 'pall'], codes: ['C15252'] },
      { terms: ['geriatrie', 'oncogeriatrie'], codes: ['ORG-130'] },
      { terms: ['genetique', 'oncogenetique'], codes: ['ORG-129'] },
      { terms: ['fertilite'], codes: ['C71326'] },
    ],
  },
};
