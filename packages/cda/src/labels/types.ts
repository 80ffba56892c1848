// Shape of the field-string catalogues: French and English texts keyed by model path pattern.

/** `[français, English]` */
export type Pair = readonly [fr: string, en: string];

/** Texts of model fields, each table keyed by path pattern (`tumours.topography`) or a suffix of it. */
export interface FieldStrings {
  /** Field labels. */
  readonly labels: Readonly<Record<string, Pair>>;
  /** Help shown under a field. */
  readonly hints: Readonly<Record<string, Pair>>;
  /** Name of one item of a list ("Tumeur" for `tumours`). */
  readonly items: Readonly<Record<string, Pair>>;
  /** Option labels of enumerations, keyed `<pattern>.<value>`. */
  readonly options: Readonly<Record<string, Pair>>;
}

/** The strings of one volet: its fields, the editor's section titles (by section id) and its title. */
export interface VoletStrings extends FieldStrings {
  readonly title: Pair;
  readonly sections: Readonly<Record<string, Pair>>;
}

/** Texts of one language keyed like a table of `FieldStrings`. */
export type Texts = Readonly<Record<string, string>>;

/** The texts of model fields in one language (see `FieldStrings`). */
export interface FieldTexts {
  readonly labels: Texts;
  readonly hints: Texts;
  readonly items: Texts;
  readonly options: Texts;
}

/** The texts of one volet in one language (see `VoletStrings`). */
export interface VoletTexts extends FieldTexts {
  readonly title: string;
  readonly sections: Texts;
}
