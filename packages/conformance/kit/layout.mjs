// Plain JavaScript (types in layout.d.mts) so that it runs before any build: see fetch.mjs.
/**
 * What the ANS TestContenuCDA kit folder must hold for dcc-kit (the seven layers of
 * SOURCE.md, the value sets and the CANCER examples), and the Linux fixes the published
 * repository needs: it is maintained on Windows, where file names are case-insensitive, so some
 * schematron includes and value-set paths are spelled with another letter case than the file;
 * one value set is missing from the pinned commit.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
/** The parts of the repository dcc-kit reads (its engine, style sheets and tools are left out). */
export const KIT_DATA_FOLDERS = ['schematrons', 'infrastructure/cda', 'jeuxDeValeurs', 'ExemplesCDA'];

/** The first file of each layer, in the order the kit runs them. */
export const LAYER_FILES = [
  'infrastructure/cda/CDA_extended.xsd',
  'schematrons/profils/IHE.sch',
  'schematrons/profils/structurationMinimale/ASIP-STRUCT-MIN-StrucMin.sch',
  'schematrons/profils/CI-SIS_ModelesDeContenusCDA.sch',
  'schematrons/profils/CI-SIS_Modeles_ANS.sch',
  'schematrons/profils/terminologies/schematron/terminologie.sch',
  'schematrons/CI-SIS_CANCER-PPS_2022.01.sch',
  'schematrons/CI-SIS_CANCER-FRCP_2022.01.sch',
];

/** Files missing from the pinned commit, taken from a later version of the same repository. */
export const RESTORED_FILES = ['schematrons/profils/structurationMinimale/include/voc-1.2.250.1.213.1.1.5.471-DYNAMIC.xml'];

/** Every file the kit folder must hold after the fixes. */
export const EXPECTED_FILES = [
  ...LAYER_FILES,
  ...RESTORED_FILES,
  'ExemplesCDA/CANCER-PPS_2022.01_Autopresentable.xml',
  'ExemplesCDA/CANCER-PPS_2022.01_feuille-de-style-externe.xml',
  'ExemplesCDA/CANCER-FRCP_2022.01_Appareil.xml',
  'ExemplesCDA/CANCER-FRCP_2022.01_Transversale.xml',
];

/** Folders that must exist (and hold files). */
export const EXPECTED_FOLDERS = ['jeuxDeValeurs'];

// <include href="…"> / <extends href="…"> of ISO schematron, and quoted value-set paths given to
// document() through let/param values (value="'../jeuxDeValeurs/X.xml'").
const INCLUDE = /<(?:\w+:)?(?:include|extends)\b[^>]*?\bhref="([^"#]+)"/g;

const VALUE_PATH = /\bvalue="'([^'"$]+\.xml)'"/g;

/** The exact-case path of `relative` under `base`, matching each segment without case; undefined when absent. */
function findIgnoringCase(base, relative) {
  let current = base;
  for (const segment of relative.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      current = path.dirname(current);
      continue;
    }
    const exact = path.join(current, segment);
    if (existsSync(exact)) {
      current = exact;
      continue;
    }
    let entries;
    try {
      entries = readdirSync(current);
    } catch {
      return undefined;
    }
    const match = entries.find((entry) => entry.toLowerCase() === segment.toLowerCase());
    if (match === undefined) return undefined;
    current = path.join(current, match);
  }
  return current;
}

function schematronFiles(kitDir) {
  const files = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.name.endsWith('.sch')) files.push(file);
    }
  };
  const root = path.join(kitDir, 'schematrons');
  if (existsSync(root)) walk(root);
  return files;
}

/** The paths a schematron file refers to, with the folders they may be relative to. */
function references(kitDir, file) {
  const text = readFileSync(file, 'utf8');
  const refs = [];
  for (const m of text.matchAll(INCLUDE)) refs.push({ ref: m[1], bases: [path.dirname(file)] });
  // document() paths resolve against the compiled schematron, i.e. the layer file's folder: try
  // the including file's folder and the two folders holding layer files.
  for (const m of text.matchAll(VALUE_PATH)) {
    refs.push({ ref: m[1], bases: [path.dirname(file), path.join(kitDir, 'schematrons'), path.join(kitDir, 'schematrons', 'profils')] });
  }
  return refs;
}

/**
 * Makes every path a schematron refers to resolvable on a case-sensitive file system: when the
 * referenced spelling is absent but a file differing only in letter case exists, a copy is made
 * under the referenced spelling (both spellings stay: other files may use the other one).
 */
export function fixFileNameCase(kitDir) {
  const fixes = [];
  for (const file of schematronFiles(kitDir)) {
    for (const { ref, bases } of references(kitDir, file)) {
      if (/^[a-z]+:/i.test(ref) || path.isAbsolute(ref)) continue;
      if (bases.some((base) => existsSync(path.join(base, ref)))) continue;
      for (const base of bases) {
        const existing = findIgnoringCase(base, ref);
        if (existing === undefined || !statSync(existing).isFile()) continue;
        // A folder spelled with another case is created under the referenced spelling too.
        const destination = path.join(base, ref);
        mkdirSync(path.dirname(destination), { recursive: true });
        copyFileSync(existing, destination);
        fixes.push({ referenced: path.relative(kitDir, destination), existing: path.relative(kitDir, existing) });
        break;
      }
    }
  }
  return fixes;
}

/** Includes reachable from the layer files that do not resolve (relative to the kit folder). */
export function unresolvedIncludes(kitDir) {
  const missing = new Set();
  const seen = new Set();
  const queue = LAYER_FILES.filter((f) => f.endsWith('.sch')).map((f) => path.join(kitDir, f));
  while (queue.length > 0) {
    const file = queue.pop();
    if (seen.has(file) || !existsSync(file)) continue;
    seen.add(file);
    for (const m of readFileSync(file, 'utf8').matchAll(INCLUDE)) {
      const target = path.resolve(path.dirname(file), m[1]);
      if (existsSync(target)) queue.push(target);
      else missing.add(`${path.relative(kitDir, target)} (included by ${path.relative(kitDir, file)})`);
    }
  }
  return [...missing].sort();
}

/** What is wrong with a kit folder after the fixes: the missing expected entries and unresolved includes. */
export function kitLayoutProblems(kitDir) {
  const problems = [];
  for (const file of EXPECTED_FILES)
    if (!existsSync(path.join(kitDir, file))) problems.push(`missing ${file}`);
  for (const folder of EXPECTED_FOLDERS) {
    const dir = path.join(kitDir, folder);
    if (!existsSync(dir) || readdirSync(dir).length === 0) problems.push(`missing or empty ${folder}/`);
  }
  for (const include of unresolvedIncludes(kitDir)) problems.push(`unresolved include ${include}`);
  return problems;
}
