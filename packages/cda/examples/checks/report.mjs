// The printed report: examples and their coding style, coverage of the optional properties,
// enum values used, codings, scenarios, notes (--verbose), warnings and errors. Uncovered
// properties and scenarios are added to the errors here, in the order they are printed.
import { JDV } from './value-sets.mjs';

export function formatReport({ examples, kitDir, verbose, keys, walked, codingCounts, scenarios, findings }) {
  const { allOptionalKeys, allEnumKeys } = keys;
  const { coverage, enumUse, codings } = walked;
  const { codingsFull, codingsShort } = codingCounts;
  const { errors, warnings, notes } = findings;
  const pps = examples.filter((e) => e.volet === 'pps');
  const frcp = examples.filter((e) => e.volet === 'frcp');
  const out = [];
  out.push(`Exemples : ${pps.length} PPS, ${frcp.length} FRCP (kit ANS : ${kitDir})`);
  for (const e of examples) {
    const c = codings.filter((x) => x.file === e.file);
    const full = c.filter((x) => x.value.displayName !== undefined && x.value.codeSystem !== undefined).length;
    const shortC = c.filter((x) => x.value.displayName === undefined && x.value.codeSystem === undefined).length;
    const withSystem = c.filter((x) => x.value.displayName === undefined && x.value.codeSystem !== undefined).length;
    const style =
      full === c.length ? 'codings complets' : shortC === c.length ? 'codes seuls' : withSystem === c.length ? 'code + codeSystem' : `mixte (${full}/${c.length} complets)`;
    const ins = e.doc.patient?.ins ? `${e.doc.patient.ins.kind} ${e.doc.patient.ins.environment ?? 'production'}` : 'sans INS';
    out.push(`  ${e.file.padEnd(72)} ${ins.padEnd(16)} ${style}`);
  }
  const missing = [...allOptionalKeys].filter((k) => !coverage.has(k)).sort();
  out.push('');
  out.push(`Couverture des propriétés facultatives : ${allOptionalKeys.size - missing.length}/${allOptionalKeys.size}`);
  if (verbose)
    for (const k of [...allOptionalKeys].sort()) out.push(`  ${coverage.has(k) ? '✔' : '✘'} ${k.padEnd(70)} ${coverage.has(k) ? [...coverage.get(k)].length : 0}`);
  for (const k of missing) errors.push(`propriété facultative jamais utilisée : ${k}`);
  out.push('');
  out.push('Valeurs énumérées utilisées (information) :');
  for (const [k, values] of [...allEnumKeys].sort()) {
    const used = enumUse.get(k) ?? new Map();
    const unused = values.filter((v) => !used.has(v));
    out.push(`  ${k.padEnd(58)} ${values.filter((v) => used.has(v)).join(' ')}${unused.length ? `   (non utilisées : ${unused.join(' ')})` : ''}`);
  }
  out.push('');
  out.push(`Codings : ${codings.length} (${codingsFull} avec codeSystem + displayName, ${codingsShort} code seul), vérifiés dans ${Object.keys(JDV).length} JDV du kit`);
  out.push('');
  out.push('Scénarios :');
  for (const [label, ok] of scenarios) {
    out.push(`  ${ok ? '✔' : '✘'} ${label}`);
    if (!ok) errors.push(`scénario non couvert : ${label}`);
  }
  if (notes.length && verbose) {
    out.push('');
    out.push('Notes :');
    for (const n of notes) out.push(`  ${n}`);
  }
  if (warnings.length) {
    out.push('');
    out.push(`Avertissements (${warnings.length}) :`);
    for (const w of warnings) out.push(`  ! ${w}`);
  }
  out.push('');
  if (errors.length) {
    out.push(`ÉCHEC : ${errors.length} problème(s)`);
    for (const e of errors) out.push(`  ✘ ${e}`);
  } else out.push('OK : exemples valides, toutes les propriétés facultatives et tous les scénarios sont couverts.');
  return out.join('\n');
}
