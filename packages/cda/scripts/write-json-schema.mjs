#!/usr/bin/env node
// Writes the published JSON Schemas of the build input (schema/pps.schema.json,
// schema/frcp.schema.json) from the TypeBox model compiled in dist/. Every titled shared
// block (Coding, HealthProfessional…) is written once under $defs, described by what it is,
// and referenced; a reference carries what is specific to its place: its description and the
// field annotations (`x-dcc-valueSet`: the value set a coded field is bound to, `x-dcc-label`).
// The files are committed: they are the contract vendors write their inputs against.
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const pkg = join(dirname(fileURLToPath(import.meta.url)), '..');
const { PpsDocument } = await import(join(pkg, 'dist/model/pps.js'));
const { FrcpDocument } = await import(join(pkg, 'dist/model/frcp.js'));
const { DEFINITION_DESCRIPTION, VALUE_SET_KEYWORD, LABEL_KEYWORD } = await import(join(pkg, 'dist/model/common.js'));
const version = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')).version;

function toJsonSchema(root, name) {
  const defs = new Map();
  const canonical = (node) => JSON.stringify(node, (k, v) => (k === 'description' ? undefined : v));
  const walk = (node, isRoot) => {
    if (Array.isArray(node)) return node.map((n) => walk(n, false));
    if (!node || typeof node !== 'object') return node;
    const out = {};
    for (const [k, v] of Object.entries(node)) out[k] = walk(v, false);
    if (!isRoot && typeof node.title === 'string') {
      const { description, [VALUE_SET_KEYWORD]: valueSet, [LABEL_KEYWORD]: label, ...definition } = out;
      const own = { ...definition, description: node[DEFINITION_DESCRIPTION] };
      const known = defs.get(node.title);
      if (!known) defs.set(node.title, own);
      else if (canonical(known) !== canonical(own))
        throw new Error(`write-json-schema: two different schemas are titled ${node.title}`);
      const ref = { $ref: `#/$defs/${node.title}` };
      if (description !== undefined && description !== defs.get(node.title).description) ref.description = description;
      if (valueSet !== undefined) ref[VALUE_SET_KEYWORD] = valueSet;
      if (label !== undefined) ref[LABEL_KEYWORD] = label;
      return ref;
    }
    return out;
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

mkdirSync(join(pkg, 'schema'), { recursive: true });
for (const [name, schema] of [
  ['pps', PpsDocument],
  ['frcp', FrcpDocument],
]) {
  const file = join(pkg, 'schema', `${name}.schema.json`);
  const text = JSON.stringify(toJsonSchema(schema, name), null, 2) + '\n';
  if (!existsSync(file) || readFileSync(file, 'utf8') !== text) {
    writeFileSync(file, text);
    console.log(`json schema: wrote ${file}`);
  }
}
