// @dcc-kit/cda/metadata: what the model says about its fields, read from a model schema —
// the TypeBox model or the published JSON Schema (`@dcc-kit/cda/schema/<volet>.schema.json`,
// whose `$ref`s into `$defs` are followed). Dependency-free, so that the editors can derive
// their pickers' bindings from the JSON Schema they already bundle.

/** Keyword naming the value set of @dcc-kit/cda/value-sets a coded field is bound to. */
export const VALUE_SET_KEYWORD = 'x-dcc-valueSet';
/** Keyword giving a field's label key when it differs from its path pattern. */
export const LABEL_KEYWORD = 'x-dcc-label';
/**
 * Keyword marking a block the editors may fill from the national health directory (Annuaire
 * Santé): `practitioner` (a HealthProfessional) or `organization` (an Organization).
 */
export const DIRECTORY_KEYWORD = 'x-dcc-directory';
/** The kinds of directory entry a block can be filled from. */
export type DirectoryKind = 'practitioner' | 'organization';
/**
 * Keyword marking a field that rarely applies (a care act's route, weight, habitus…): the
 * editors show it behind « plus de détails » (opened when it holds a value). Marked once, on
 * the model field; the published JSON Schemas carry it.
 */
export const DETAIL_KEYWORD = 'x-dcc-detail';

/** One field of the model, as a form shows it. */
export interface ModelField {
  /** Path without list indices: `tumours.topography` (the catalogue key pattern). */
  readonly pattern: string;
  /** Label key: the `x-dcc-label` annotation, otherwise the pattern. */
  readonly labelKey: string;
  /** The field's schema, references resolved (with the annotations of its place). */
  readonly schema: SchemaLike;
  /** Values of an enumeration (a union of constants), if the field is one. */
  readonly values?: readonly string[];
  /** Name of the bound value set (`x-dcc-valueSet`), if any. */
  readonly valueSet?: string;
}

/** The JSON Schema subset the model uses. */
export interface SchemaLike {
  readonly title?: string;
  readonly description?: string;
  readonly $ref?: string;
  readonly $defs?: Readonly<Record<string, SchemaLike>>;
  readonly properties?: Readonly<Record<string, SchemaLike>>;
  readonly items?: SchemaLike;
  readonly anyOf?: readonly SchemaLike[];
  readonly const?: unknown;
  readonly [VALUE_SET_KEYWORD]?: string;
  readonly [LABEL_KEYWORD]?: string;
  readonly [DIRECTORY_KEYWORD]?: DirectoryKind;
  readonly [DETAIL_KEYWORD]?: boolean;
}

/**
 * A shared definition as used at one place: the reference's own description and annotations
 * win, also those it gives for the definition's fields (`properties` beside `$ref`).
 */
export function withOverlay(definition: SchemaLike, overlay: SchemaLike): SchemaLike {
  const { properties, ...own } = overlay;
  const merged: SchemaLike = { ...definition, ...own };
  if (properties === undefined || definition.properties === undefined) return merged;
  const fields = Object.fromEntries(
    Object.entries(definition.properties).map(([name, field]) => {
      const extra = properties[name];
      return [name, extra === undefined ? field : withOverlay(field, extra)];
    }),
  );
  return { ...merged, properties: fields };
}

/**
 * Calls `onField` for every field below the root, parents before children, list items under
 * their list's pattern, with the field's schema as used there (references resolved).
 */
function walkFields(root: object, onField: (pattern: string, node: SchemaLike) => void): void {
  const rootSchema = root as SchemaLike;
  const defs = rootSchema.$defs ?? {};
  const visit = (raw: SchemaLike, pattern: string, chain: readonly string[]): void => {
    let node = raw;
    if (typeof raw.$ref === 'string') {
      const name = raw.$ref.replace(/^#\/\$defs\//, '');
      const def = defs[name];
      if (def === undefined) throw new Error(`modelFields: unsupported reference ${raw.$ref}`);
      // A definition used inside itself would never end: it is not entered again.
      if (chain.includes(name)) return;
      const { $ref: _ref, ...here } = raw;
      node = Object.keys(here).length === 0 ? def : withOverlay(def, here);
      chain = [...chain, name];
    }
    if (pattern !== '') onField(pattern, node);
    if (node.items) visit(node.items, pattern, chain);
    const properties = node.properties;
    if (properties) for (const key of Object.keys(properties)) visit(properties[key]!, pattern === '' ? key : `${pattern}.${key}`, chain);
  };
  visit(rootSchema, '', []);
}

/** Every field below the root, parents before children, list items under their list's pattern. */
export function modelFields(root: object): ModelField[] {
  const fields: ModelField[] = [];
  walkFields(root, (pattern, node) => {
    const values = node.anyOf?.every((s) => typeof s.const === 'string') ? node.anyOf.map((s) => s.const as string) : undefined;
    const valueSet = node[VALUE_SET_KEYWORD];
    fields.push({
      pattern,
      labelKey: node[LABEL_KEYWORD] ?? pattern,
      schema: node,
      ...(values ? { values } : {}),
      ...(valueSet !== undefined ? { valueSet } : {}),
    });
  });
  return fields;
}

/**
 * Value-set bindings of a model schema: path pattern of the coded control → value-set name.
 * A bound CodedOrText is picked at its `coding` (`tumours.topography.coding`), as the form
 * renders it; a bound list of codings at the list's pattern (`discussion.organs`).
 */
export function valueSetBindings(root: object): Record<string, string> {
  const bindings: Record<string, string> = {};
  walkFields(root, (pattern, node) => {
    const valueSet = node[VALUE_SET_KEYWORD];
    if (valueSet !== undefined) bindings[node.title === 'CodedOrText' ? `${pattern}.coding` : pattern] = valueSet;
  });
  return bindings;
}
