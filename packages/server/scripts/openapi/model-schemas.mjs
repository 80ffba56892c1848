// The document model's JSON Schemas (from @dcc-kit/cda) as OpenAPI components.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * The PPS and FRCP JSON Schemas of @dcc-kit/cda as OpenAPI components: the roots under their
 * titles (PpsDocument, FrcpDocument), their $defs lifted beside them with every `#/$defs/X`
 * rewritten. A definition both volets share unchanged is `cda.X`; one that exists in one volet
 * or differs between them is `pps.X` / `frcp.X`. The prefixes keep them apart from the API's
 * own schemas (the model's `Ins` is not the patient resource's `Ins`).
 */
export function cdaSchemas() {
  const require = createRequire(import.meta.url);
  const read = (volet) => JSON.parse(readFileSync(require.resolve(`@dcc-kit/cda/schema/${volet}.schema.json`), 'utf8'));
  const volets = { pps: read('pps'), frcp: read('frcp') };
  const defs = { pps: volets.pps.$defs ?? {}, frcp: volets.frcp.$defs ?? {} };
  const nameOf = (volet, def) => {
    const other = defs[volet === 'pps' ? 'frcp' : 'pps'][def];
    return other && JSON.stringify(other) === JSON.stringify(defs[volet][def]) ? `cda.${def}` : `${volet}.${def}`;
  };
  const rewrite = (volet, node) => {
    if (Array.isArray(node)) return node.map((n) => rewrite(volet, n));
    if (!node || typeof node !== 'object') return node;
    return Object.fromEntries(
      Object.entries(node).map(([key, value]) => [
        key,
        key === '$ref' && typeof value === 'string' && value.startsWith('#/$defs/') ? `#/components/schemas/${nameOf(volet, value.slice('#/$defs/'.length))}` : rewrite(volet, value),
      ]),
    );
  };
  const out = {};
  for (const [volet, schema] of Object.entries(volets)) {
    // $id would make the root a separate resource for $ref resolution; $schema is the document's dialect already.
    const { $schema: _dialect, $id: _id, $defs: _defs, ...root } = schema;
    out[schema.title] = rewrite(volet, root);
    for (const [def, value] of Object.entries(defs[volet])) out[nameOf(volet, def)] = rewrite(volet, value);
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}
