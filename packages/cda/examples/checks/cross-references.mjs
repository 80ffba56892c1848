// Between examples: unique document ids, versioning chains (same setId, version n + 1, later
// effectiveTime) and referenced documents about the same patient.
import { span } from './formats.mjs';

/** Returns how many examples replace another example (versioning pairs). */
export function checkCrossReferences(examples, { err, notes }) {
  const byId = new Map();
  for (const e of examples) {
    const id = e.doc.document?.id;
    if (id) {
      const k = `${id.root}|${id.extension ?? ''}`;
      if (byId.has(k)) err(e.file, 'document.id', `même identifiant que ${byId.get(k).file}`);
      byId.set(k, e);
    }
  }
  const idKey = (id) => `${id.root}|${id.extension ?? ''}`;
  let versionPairs = 0;
  for (const e of examples) {
    const d = e.doc.document ?? {};
    if (d.replaces && byId.has(idKey(d.replaces))) {
      const prev = byId.get(idKey(d.replaces));
      const pd = prev.doc.document;
      if (!pd.setId || !d.setId || idKey(pd.setId) !== idKey(d.setId)) err(e.file, 'document.setId', `setId différent de celui de la version remplacée (${prev.file})`);
      if ((pd.versionNumber ?? 1) + 1 !== d.versionNumber) err(e.file, 'document.versionNumber', `doit suivre celui de ${prev.file}`);
      if (pd.effectiveTime && d.effectiveTime && span(pd.effectiveTime)[0] >= span(d.effectiveTime)[0]) err(e.file, 'document.effectiveTime', 'version antérieure à la version remplacée');
      versionPairs++;
    }
    for (const [i, r] of (e.doc.referencedDocuments ?? []).entries()) {
      const target = byId.get(idKey(r.id));
      if (!target) continue;
      const a = e.doc.patient, b = target.doc.patient;
      if (a.birthFamilyName !== b.birthFamilyName || a.birthDate !== b.birthDate || a.ins?.value !== b.ins?.value)
        err(e.file, `referencedDocuments[${i}]`, `${target.file} concerne un autre patient`);
      notes.push(`${e.file} référence ${target.file}`);
    }
  }
  return versionPairs;
}
