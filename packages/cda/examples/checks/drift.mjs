// Drift: the hand-written model (model.mjs) compared with the published JSON Schemas
// (../schema/*.schema.json) when they exist.
import fs from 'node:fs';
import path from 'node:path';

/** The differences found, one line each; notes when a published schema is absent. */
export function modelDrift(roots, schemaDir, { notes }) {
  const drift = [];
  for (const [volet, root] of Object.entries(roots)) {
    const file = path.join(schemaDir, `${volet}.schema.json`);
    if (!fs.existsSync(file)) { notes.push(`schéma publié absent : schema/${volet}.schema.json (contrôle de dérive ignoré)`); continue; }
    const js = JSON.parse(fs.readFileSync(file, 'utf8'));
    const resolve = (s) => (s.$ref ? js.$defs[s.$ref.split('/').pop()] : s);
    const cmp = (mine, theirs, where, seen) => {
      theirs = resolve(theirs);
      if (mine.k === 'arr') return theirs.items ? cmp(mine.s, theirs.items, `${where}[]`, seen) : drift.push(`${volet}: ${where} n'est plus un tableau`);
      if (mine.k !== 'obj') return;
      if (!theirs.properties) return drift.push(`${volet}: ${where} n'est plus un objet`);
      const sig = `${mine.name ?? where}`;
      if (mine.name && seen.has(sig)) return;
      seen.add(sig);
      const req = new Set(theirs.required ?? []);
      for (const k of Object.keys(theirs.properties)) if (!(k in mine.props)) drift.push(`${volet}: ${where}.${k} ajouté au modèle (absent de ce script)`);
      for (const [k, { required, s }] of Object.entries(mine.props)) {
        if (!(k in theirs.properties)) { drift.push(`${volet}: ${where}.${k} retiré du modèle`); continue; }
        if (required !== req.has(k)) drift.push(`${volet}: ${where}.${k} est maintenant ${req.has(k) ? 'obligatoire' : 'facultatif'}`);
        cmp(s, theirs.properties[k], `${where}.${k}`, seen);
      }
    };
    cmp(root, js, root.name, new Set());
  }
  return drift;
}
