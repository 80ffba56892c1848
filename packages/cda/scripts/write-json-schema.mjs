#!/usr/bin/env node
// Writes the published JSON Schemas of the build input (schema/pps.schema.json,
// schema/frcp.schema.json, and their `.form.json` twins without descriptions for the editors'
// eager bundles) from the TypeBox model compiled in dist/. Every titled shared
// block (Coding, HealthProfessional…) is written once under $defs, described by what it is,
// and referenced; a reference carries what is specific to its place: its description and the
// field annotations (`x-dcc-valueSet`: the value set a coded field is bound to, `x-dcc-label`),
// for its own fields too (`"properties": { "type": { "x-dcc-valueSet": … } }` beside `$ref`).
// The files are committed: they are the contract vendors write their inputs against.
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const pkg = join(dirname(fileURLToPath(import.meta.url)), '..');
const { PpsDocument } = await import(join(pkg, 'dist/model/pps.js'));
const { FrcpDocument } = await import(join(pkg, 'dist/model/frcp.js'));
const { SHARED_DEFINITION, VALUE_SET_KEYWORD, LABEL_KEYWORD, DETAIL_KEYWORD } = await import(join(pkg, 'dist/model/common.js'));
const version = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')).version;

const ANNOTATIONS = [VALUE_SET_KEYWORD, LABEL_KEYWORD, DETAIL_KEYWORD];
const isAnnotation = (key) => key === 'description' || ANNOTATIONS.includes(key);
/** A schema's structure: without descriptions and annotations. */
const structure = (node) => JSON.stringify(node, (key, value) => (isAnnotation(key) ? undefined : value));
/** Key order aside. */
const canonical = (node) =>
  JSON.stringify(node, (_, value) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : value,
  );

/** What a use of a shared block says beyond its definition: description and annotations, also of its fields. */
function overlayOf(use, definition) {
  const overlay = {};
  for (const key of ['description', ...ANNOTATIONS]) if (use[key] !== undefined && use[key] !== definition[key]) overlay[key] = use[key];
  const fields = {};
  for (const [name, field] of Object.entries(use.properties ?? {})) {
    const own = overlayOf(field, definition.properties[name]);
    if (Object.keys(own).length > 0) fields[name] = own;
  }
  // `type` beside `properties`, as strict validators (Ajv's strictTypes) want it said.
  if (Object.keys(fields).length > 0) Object.assign(overlay, { type: definition.type, properties: fields });
  return overlay;
}

function applyOverlay(definition, overlay) {
  const out = { ...definition };
  for (const [key, value] of Object.entries(overlay))
    out[key] =
      key === 'properties'
        ? Object.fromEntries(Object.entries(definition.properties).map(([n, f]) => [n, value[n] ? applyOverlay(f, value[n]) : f]))
        : value;
  return out;
}

function toJsonSchema(root, name) {
  const defs = new Map();
  const walk = (node, isRoot) => {
    if (Array.isArray(node)) return node.map((n) => walk(n, false));
    if (!node || typeof node !== 'object') return node;
    const out = {};
    for (const [k, v] of Object.entries(node)) out[k] = walk(v, false);
    if (isRoot || typeof node.title !== 'string') return out;
    // A use of a shared block: the definition is written once, from the shared schema itself.
    const shared = node[SHARED_DEFINITION]?.() ?? node;
    if (!defs.has(node.title)) {
      const { description, ...definition } = shared === node ? out : walk(shared, true);
      defs.set(node.title, description === undefined ? definition : { ...definition, description });
    }
    const definition = defs.get(node.title);
    if (structure(out) !== structure(definition))
      throw new Error(`write-json-schema: two different schemas are titled ${node.title}`);
    // A reference carries what is specific to its place: description, annotations, annotations of its fields.
    const overlay = overlayOf(out, definition);
    if (canonical(applyOverlay(definition, overlay)) !== canonical(out))
      throw new Error(`write-json-schema: a use of ${node.title} differs from it where a reference cannot say so`);
    return { $ref: `#/$defs/${node.title}`, ...overlay };
  };
  const body = walk(root, true);
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `https://dcc-kit.fr/schema/${name}.schema.json`,
    'x-dcc-kit-version': version,
    ...body,
    $defs: Object.fromEntries([...defs.entries()].sort(([a], [b]) => a.localeCompare(b))),
  };
}

/**
 * The schema the form editors render from (`schema/<volet>.form.json`, in their eager bundle):
 * the published one without the `description` of its nodes, which no form reads (the editors'
 * texts are the label catalogues); every other keyword and annotation is kept.
 */
function formSchemaOf(node) {
  if (Array.isArray(node)) return node.map(formSchemaOf);
  if (node === null || typeof node !== 'object') return node;
  const out = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === 'description' && typeof v === 'string') continue;
    if ((k === 'properties' || k === '$defs') && v && typeof v === 'object')
      out[k] = Object.fromEntries(Object.entries(v).map(([name, child]) => [name, formSchemaOf(child)]));
    else if (['items', 'additionalProperties', 'not', 'anyOf', 'allOf', 'oneOf', 'prefixItems'].includes(k)) out[k] = formSchemaOf(v);
    else out[k] = v;
  }
  return out;
}

function writeIfChanged(file, text) {
  if (!existsSync(file) || readFileSync(file, 'utf8') !== text) {
    writeFileSync(file, text);
    console.log(`json schema: wrote ${file}`);
  }
}

mkdirSync(join(pkg, 'schema'), { recursive: true });
for (const [name, schema] of [
  ['pps', PpsDocument],
  ['frcp', FrcpDocument],
]) {
  const published = toJsonSchema(schema, name);
  writeIfChanged(join(pkg, 'schema', `${name}.schema.json`), JSON.stringify(published, null, 2) + '\n');
  writeIfChanged(join(pkg, 'schema', `${name}.form.json`), JSON.stringify(formSchemaOf(published)) + '\n');
}
