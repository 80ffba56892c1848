// Reading the TypeBox/JSON schemas of @dcc-kit/cda as form structure: what kind of control a
// schema node becomes, paths in the model's notation (`tumours[0].topography.code`, the same
// as ModelIssue.path), and immutable-free get/set helpers that never drop sibling values.
import { DETAIL_KEYWORD, DIRECTORY_KEYWORD, LABEL_KEYWORD, VALUE_SET_KEYWORD, withOverlay, type DirectoryKind, type SchemaLike } from '@dcc-kit/cda/metadata';

/** The subset of JSON Schema the cda model uses. */
export interface SchemaNode {
  readonly type?: string;
  readonly title?: string;
  readonly description?: string;
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly required?: readonly string[];
  readonly items?: SchemaNode;
  readonly anyOf?: readonly SchemaNode[];
  readonly const?: unknown;
  readonly pattern?: string;
  readonly maxLength?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly default?: unknown;
  /** The value set a coded field is bound to (a name of @dcc-kit/cda/value-sets). */
  readonly [VALUE_SET_KEYWORD]?: string;
  /** The field's label key, when it is not its path pattern. */
  readonly [LABEL_KEYWORD]?: string;
  /** The block can be filled from the national health directory (a HealthProfessional, an Organization). */
  readonly [DIRECTORY_KEYWORD]?: DirectoryKind;
  /** A field that rarely applies: behind « Plus de détails ». */
  readonly [DETAIL_KEYWORD]?: boolean;
}

/** The model's field annotations, kept where a shared block is used. */
const ANNOTATIONS: readonly string[] = [VALUE_SET_KEYWORD, LABEL_KEYWORD, DIRECTORY_KEYWORD, DETAIL_KEYWORD];

/**
 * The published JSON Schema of @dcc-kit/cda (`@dcc-kit/cda/schema/<volet>.schema.json`) as a
 * form structure: every `{ "$ref": "#/$defs/X" }` is replaced by the (shared) node of `X`, so
 * the result has the shape of the TypeBox schema it was written from. The editors render
 * from this JSON rather than from the TypeBox model: the model's builder code (TypeBox's type
 * system, ~12 kB gzip) then stays in the lazy validation chunk.
 */
export function inlineSchemaRefs(root: object): SchemaNode {
  const defs = ((root as { $defs?: Record<string, unknown> }).$defs ?? {}) as Record<string, unknown>;
  const resolvedDefs = new Map<string, Record<string, unknown>>();
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (node === null || typeof node !== 'object') return node;
    const obj = node as Record<string, unknown>;
    const ref = obj.$ref;
    if (typeof ref === 'string') {
      const name = ref.startsWith('#/$defs/') ? ref.slice('#/$defs/'.length) : undefined;
      if (name === undefined || !(name in defs)) throw new Error(`inlineSchemaRefs: unsupported reference ${ref}`);
      let shared = resolvedDefs.get(name);
      if (!shared) {
        // Registered before its children are walked, so that a recursive definition ends.
        shared = {};
        resolvedDefs.set(name, shared);
        Object.assign(shared, walk(defs[name]));
      }
      // A reference may carry a description and annotations of its own (where the block is
      // used), also for the block's fields (`properties` beside `$ref`).
      const { $ref: _ref, ...overlay } = obj;
      return Object.keys(overlay).length === 0 ? shared : withOverlay(shared, walk(overlay) as SchemaLike);
    }
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(obj)) {
      if (key === '$defs' || key === '$schema' || key === '$id' || (key.startsWith('x-') && !ANNOTATIONS.includes(key))) continue;
      out[key] = walk(value);
    }
    return out;
  };
  return walk(root) as SchemaNode;
}

export type PathSegment = string | number;
export type Path = readonly PathSegment[];

// The date patterns of packages/cda/src/model/common.ts, recognised by their shape.
const PARTIAL_DATE_START = '^[0-9]{4}(?:-(?:0[1-9]|1[0-2])(?:-';
const INSTANT_START = '^[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])T';

export type FieldKind =
  | 'object'
  | 'array'
  | 'coding'
  | 'codedOrText'
  | 'enum'
  | 'boolean'
  | 'number'
  | 'integer'
  | 'partialDate'
  | 'instant'
  | 'dateOrInstant'
  | 'text'
  | 'textarea';

/** Texts longer than this are typed in a textarea (FreeText has maxLength 20 000). */
const TEXTAREA_FROM_LENGTH = 1000;

// Asked for every node at every render (about 2,000 times for a full PPS): computed once per node.
const kinds = new WeakMap<SchemaNode, FieldKind>();

export function kindOf(schema: SchemaNode): FieldKind {
  let kind = kinds.get(schema);
  if (kind === undefined) {
    kind = computeKind(schema);
    kinds.set(schema, kind);
  }
  return kind;
}

function computeKind(schema: SchemaNode): FieldKind {
  if (schema.title === 'Coding') return 'coding';
  if (schema.title === 'CodedOrText') return 'codedOrText';
  if (schema.anyOf && schema.anyOf.every((s) => s.const !== undefined)) return 'enum';
  switch (schema.type) {
    case 'object':
      return 'object';
    case 'array':
      return 'array';
    case 'boolean':
      return 'boolean';
    case 'integer':
      return 'integer';
    case 'number':
      return 'number';
  }
  const pattern = schema.pattern ?? '';
  if (pattern.startsWith(PARTIAL_DATE_START)) return 'partialDate';
  if (pattern.startsWith(INSTANT_START)) return 'instant';
  if (pattern.startsWith('^(?:[0-9]{4}') && pattern.includes('T(?:[01]'))
    return 'dateOrInstant';
  if (schema.maxLength !== undefined && schema.maxLength > TEXTAREA_FROM_LENGTH) return 'textarea';
  return 'text';
}

/** The literal options of an enum node, in schema order. */
export function enumOptions(schema: SchemaNode): string[] {
  return (schema.anyOf ?? []).map((s) => String(s.const));
}

export function isRequired(parent: SchemaNode, key: string): boolean {
  return parent.required?.includes(key) ?? false;
}

const SCALAR_KINDS = new Set<FieldKind>([
  'enum', 'boolean', 'number', 'integer', 'partialDate', 'instant', 'dateOrInstant', 'text', 'textarea',
]);
export const isScalarKind = (kind: FieldKind): boolean => SCALAR_KINDS.has(kind);

const inlineObjects = new WeakMap<SchemaNode, boolean>();
/**
 * An optional object is shown inline (its fields directly, created on first input and
 * removed when emptied) when it has no required property and only scalar ones, like a
 * period; other optional objects get an "add" button.
 */
export function isInlineObject(schema: SchemaNode): boolean {
  let inline = inlineObjects.get(schema);
  if (inline === undefined) {
    inline =
      kindOf(schema) === 'object' &&
      (schema.required?.length ?? 0) === 0 &&
      Object.values(schema.properties ?? {}).every((p) => isScalarKind(kindOf(p)));
    inlineObjects.set(schema, inline);
  }
  return inline;
}

const patterns = new Map<string, RegExp>();
/** The compiled `pattern` of a schema node (compiled once per pattern). */
export function patternOf(schema: SchemaNode): RegExp | undefined {
  if (schema.pattern === undefined) return undefined;
  let re = patterns.get(schema.pattern);
  if (!re) {
    re = new RegExp(schema.pattern);
    patterns.set(schema.pattern, re);
  }
  return re;
}

// ---- paths ---------------------------------------------------------------------------------
export function pathToString(path: Path): string {
  let out = '';
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : out === '' ? seg : `.${seg}`;
  return out;
}

/** `tumours[0].topography` → `tumours.topography` (the catalogue key of a path). */
export function pathPattern(path: Path): string {
  return path.filter((s): s is string => typeof s === 'string').join('.');
}

export function parsePath(text: string): PathSegment[] {
  const out: PathSegment[] = [];
  for (const m of text.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]!);
  return out;
}

/** True when `inner` is `outer` or below it (`a.b` is under `a`, `a[0]` is under `a`). */
export function isUnder(inner: string, outer: string): boolean {
  if (outer === '') return true;
  return inner === outer || inner.startsWith(`${outer}.`) || inner.startsWith(`${outer}[`);
}

type Container = Record<string, unknown> | unknown[];

export function getAt(root: unknown, path: Path): unknown {
  let node = root;
  for (const seg of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[seg];
  }
  return node;
}

/**
 * Sets a value in place, creating the objects/arrays on the way. `undefined` deletes the key
 * (an emptied field means "absent": the model has no empty strings).
 */
export function setAt(root: Record<string, unknown>, path: Path, value: unknown): void {
  if (path.length === 0) return;
  let node: Container = root;
  for (let i = 0; i < path.length - 1; i++) {
    const seg = path[i]!;
    const next = (node as Record<string | number, unknown>)[seg];
    if (next === null || typeof next !== 'object') {
      const created: Container = typeof path[i + 1] === 'number' ? [] : {};
      (node as Record<string | number, unknown>)[seg] = created;
      node = created;
    } else node = next as Container;
  }
  const last = path[path.length - 1]!;
  if (value === undefined) {
    if (Array.isArray(node) && typeof last === 'number') node.splice(last, 1);
    else delete (node as Record<string | number, unknown>)[last];
  } else (node as Record<string | number, unknown>)[last] = value;
}

/** Schema of the node at `path` (through properties and items). */
export function schemaAt(root: SchemaNode, path: Path): SchemaNode | undefined {
  let node: SchemaNode | undefined = root;
  for (const seg of path) {
    if (!node) return undefined;
    node = typeof seg === 'number' ? node.items : node.properties?.[seg];
  }
  return node;
}

/**
 * A fresh value for a new object (array item or optional object being added): required
 * booleans start false (an unticked box means "no"), required objects are created so that
 * their own required booleans exist, required arrays start empty.
 */
export function initialValue(schema: SchemaNode): unknown {
  const kind = kindOf(schema);
  if (kind === 'array') return [];
  if (kind === 'boolean') return false;
  if (kind !== 'object') return undefined;
  const out: Record<string, unknown> = {};
  for (const key of schema.required ?? []) {
    const child = schema.properties?.[key];
    if (!child) continue;
    const k = kindOf(child);
    if (k === 'boolean' || k === 'object' || k === 'array') out[key] = initialValue(child);
  }
  return out;
}

/** Deep copy of JSON data (the model is plain JSON). */
export const cloneJson = <T>(value: T): T => (value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T));

/** True when an object/array carries no value at all (only empty containers). */
export function isEmptyValue(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return true;
  if (Array.isArray(value)) return value.every(isEmptyValue);
  if (typeof value === 'object') return Object.values(value as object).every(isEmptyValue);
  return false;
}

function hasRequiredBoolean(schema: SchemaNode): boolean {
  if (kindOf(schema) !== 'object') return false;
  return (schema.required ?? []).some((key) => {
    const child = schema.properties?.[key];
    return child !== undefined && (kindOf(child) === 'boolean' || hasRequiredBoolean(child));
  });
}

/**
 * A required yes/no shown as an unticked checkbox means "no": writes `false` for every
 * required boolean that is missing, creating the required objects that hold one (and the
 * required objects whose fields are all optional, which may be empty). Only objects already
 * present (or required) are touched; optional blocks stay absent.
 */
export function ensureRequiredBooleans(schema: SchemaNode, node: unknown): void {
  if (Array.isArray(node)) {
    if (schema.items) for (const item of node) ensureRequiredBooleans(schema.items, item);
    return;
  }
  if (kindOf(schema) !== 'object' || node === null || typeof node !== 'object') return;
  const obj = node as Record<string, unknown>;
  for (const [key, child] of Object.entries(schema.properties ?? {})) {
    const required = schema.required?.includes(key) ?? false;
    const kind = kindOf(child);
    if (required && kind === 'boolean' && obj[key] === undefined) obj[key] = false;
    // A required block whose fields are all optional ("médecin traitant: unknown") exists empty.
    else if (required && kind === 'object' && obj[key] === undefined && (hasRequiredBoolean(child) || (child.required?.length ?? 0) === 0))
      obj[key] = {};
    if (obj[key] !== undefined && (kind === 'object' || kind === 'array')) ensureRequiredBooleans(child, obj[key]);
  }
}
