// Coded values: every code exists in the ANS kit value set (JDV) bound to its field, with the
// same codeSystem and label when they are given; PCS professions (no JDV) checked for format.
import { JDV, PCS_CODE_SYSTEM } from './value-sets.mjs';

/** Checks the codings the structural walk collected; returns how many are full and how many code-only. */
export function checkCodings(codings, { loadJdv, kitDir }, { err, notes }) {
  let codingsFull = 0;
  let codingsShort = 0;
  for (const { file, path: p, value, schema } of codings) {
    if (typeof value.code !== 'string') continue;
    if (value.displayName !== undefined && value.codeSystem !== undefined) codingsFull++;
    else if (value.displayName === undefined && value.codeSystem === undefined) codingsShort++;
    if (schema.pcs && value.codeSystem === PCS_CODE_SYSTEM) {
      if (!/^\d{3}[a-z]$/.test(value.code)) err(file, p, 'code PCS INSEE attendu (3 chiffres + 1 lettre)');
      if (!value.displayName) err(file, p, 'profession PCS : libellé obligatoire (pas de JDV pour le compléter)');
      notes.push(`${file}: ${p} — profession PCS ${value.code} (hors JDV, non vérifiable dans le kit)`);
      continue;
    }
    const concepts = loadJdv(schema.jdv);
    if (!concepts) { err(file, p, `JDV introuvable : ${JDV[schema.jdv]}.xml (ANS_KIT_DIR=${kitDir})`); continue; }
    const hits = concepts.filter((c) => c.code === value.code && (!value.codeSystem || c.codeSystem === value.codeSystem));
    if (hits.length === 0) {
      const other = concepts.some((c) => c.code === value.code);
      err(file, p, other ? `code ${value.code} présent dans ${JDV[schema.jdv]} mais avec un autre codeSystem` : `code ${value.code} absent de ${JDV[schema.jdv]}`);
      continue;
    }
    if (hits.length > 1) err(file, p, `code ${value.code} ambigu dans ${JDV[schema.jdv]} : précisez codeSystem`);
    if (value.displayName !== undefined && value.displayName !== hits[0].displayName)
      err(file, p, `libellé « ${value.displayName} » différent de celui du JDV « ${hits[0].displayName} »`);
  }
  return { codingsFull, codingsShort };
}
