#!/usr/bin/env node
// Generates the typed value-set modules of @dcc-kit/cda (src/generated/value-sets/*.ts) from
// the ANS validation kit (TestContenuCDA): the IHE SVS files jeuxDeValeurs/JDV_*.xml, the
// ART-DECOR snapshots the "structuration minimale" (SM) layer checks header codes against
// (schematrons/profils/structurationMinimale/include/voc-<OID>-DYNAMIC.xml) and the terminology
// files of the TERM layer (schematrons/profils/terminologies/terminologie/<code system OID>.rdf).
// A generated concept must pass every layer of the kit: header sets keep only the concepts both
// the JDV file and the SM snapshot hold, and concepts whose code system has an .rdf file but
// whose code is not in it are dropped. Every module lists what was dropped and why.
//
// Usage: node packages/cda/scripts/generate-value-sets.mjs [--kit DIR] [--out DIR] [--force]
//   --kit DIR  the kit folder (else env ANS_KIT_DIR, else <repo root>/../shared/ans-testcontenucda;
//              found by @dcc-kit/conformance/kit, the kit locator every package uses)
//   --out DIR  where to write the modules (default packages/cda/src/generated/value-sets)
//   --force    regenerate even when the stamp says the output is up to date
// Exit codes: 0 done or up to date (silent), 1 malformed kit content, 2 kit not found or bad usage.
// Runs from `npm run build` before tsc: it imports only plain JavaScript (the kit locator of
// @dcc-kit/conformance/kit and the saxes-based reader of ./read-xml.mjs).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Buffer } from 'node:buffer';
import { KIT_DIR_ENV, KitNotFoundError, resolveKitDir } from '@dcc-kit/conformance/kit';
import { XmlFormatError, descendants, parseXml, scanXml } from './read-xml.mjs';

const SCRIPT_FILE = fileURLToPath(import.meta.url);
const READER_FILE = fileURLToPath(new URL('./read-xml.mjs', import.meta.url));
const SCRIPT_DIR = dirname(SCRIPT_FILE);
const PACKAGE_DIR = resolve(SCRIPT_DIR, '..');
const DEFAULT_OUT_DIR = join(PACKAGE_DIR, 'src', 'generated', 'value-sets');
const STAMP_FILE = '.stamp';
const STAMP_VERSION = 1;

// Kit-relative locations (always written with forward slashes in the generated text).
const JDV_DIR = 'jeuxDeValeurs';
const VOC_DIR = 'schematrons/profils/structurationMinimale/include';
const TERM_DIR = 'schematrons/profils/terminologies/terminologie';

const SVS_NS = 'urn:ihe:iti:svs:2008';
const SKOS_NS = 'http://www.w3.org/2004/02/skos/core#';

/**
 * The curated value sets, header sets first, then body sets; `where` says where the CDA uses each
 * one (it is also written in the module's top comment). Header sets (`oid` pinned) are checked
 * by the SM layer against voc-<oid>-DYNAMIC.xml when `voc` is true, by other layers against the
 * JDV file.
 */
const VALUE_SETS = [
  // ---- Header (SM-checked) ----
  { file: 'JDV_J07_XdsTypeCode_CISIS.xml', oid: '1.2.250.1.213.1.1.5.471', voc: true, where: 'ClinicalDocument/code (document type, XDS typeCode)' },
  { file: 'JDV_HL7_Confidentiality_CISIS.xml', oid: '2.16.840.1.113883.1.11.10228', voc: true, where: 'ClinicalDocument/confidentialityCode' },
  { file: 'JDV_J143_AdministrativeGender_CISIS.xml', oid: '1.2.250.1.213.1.1.5.590', voc: true, where: 'recordTarget/patientRole/patient/administrativeGenderCode' },
  { file: 'JDV_J01_XdsAuthorSpecialty_CISIS.xml', oid: '1.2.250.1.213.1.1.5.461', voc: true, where: 'code of author/assignedAuthor, legalAuthenticator/assignedEntity, serviceEvent/performer/assignedEntity, participant/associatedEntity (profession / specialty)' },
  { file: 'JDV_J47_FunctionCode_CISIS.xml', oid: '1.2.250.1.213.1.1.5.124', voc: true, where: 'author/functionCode and participant/functionCode' },
  { file: 'JDV_J144_ParticipationType_CISIS.xml', oid: '1.2.250.1.213.1.1.5.591', voc: true, where: 'participant/@typeCode' },
  { file: 'JDV_J141_RoleClass_CISIS.xml', oid: '1.2.250.1.213.1.1.5.588', voc: true, where: 'participant/associatedEntity/@classCode' },
  { file: 'JDV_J11_RelationPatient_CISIS.xml', oid: '1.2.250.1.213.3.3.16', voc: true, where: 'informant/relatedEntity/code (relation to the patient)' },
  { file: 'JDV_J245_Civilite_CISIS.xml', oid: '1.2.250.1.213.1.1.5.718', voc: true, where: 'name/prefix of persons (civility: Monsieur, Madame)' },
  { file: 'JDV_J246_Titre_CISIS.xml', oid: '1.2.250.1.213.1.1.5.719', voc: true, where: 'name/prefix of health professionals (title: Docteur, ...)' },
  { file: 'JDV_J04_XdsPracticeSettingCode_CISIS.xml', oid: '1.2.250.1.213.1.1.5.467', voc: true, where: 'representedOrganization/standardIndustryClassCode (author, legalAuthenticator, performer, informant; XDS practiceSettingCode)' },
  { file: 'JDV_J142_TypeRencontre_CISIS.xml', oid: '1.2.250.1.213.1.1.5.589', voc: true, where: 'componentOf/encompassingEncounter/code (type of encounter)' },
  { file: 'JDV_J02_XdsHealthcareFacilityTypeCode_CISIS.xml', oid: '1.2.250.1.213.1.1.5.466', voc: true, where: 'componentOf/encompassingEncounter/location/healthCareFacility/code (XDS healthcareFacilityTypeCode)' },
  { file: 'JDV_J140_EncounterParticipationType_CISIS.xml', oid: '1.2.250.1.213.1.1.5.528', voc: true, where: 'componentOf/encompassingEncounter/encounterParticipant/@typeCode' },
  { file: 'JDV_J19_ModePriseEnCharge_ROR.xml', oid: '1.2.250.1.213.3.4.1', voc: false, where: 'documentationOf/serviceEvent/code (FRCP: the act documented, 39 = RCP); no SM snapshot' },
  // ---- Body (JDV files) ----
  { file: 'JDV_ProblemCodes_CISIS.xml', where: 'FR-Probleme entries: observation/code (kind of problem)' },
  { file: 'JDV_Morphologie_CISIS.xml', where: 'FRCP cancer diagnosis: observation[code=282291009]/value (morphology, ICD-O-3)' },
  { file: 'JDV_Tumeur_CISIS.xml', where: 'FRCP cancer diagnosis: observation[code=282291009]/targetSiteCode (topography, CIM-10)' },
  { file: 'JDV_ModificateurTopographique_CISIS.xml', where: 'targetSiteCode/qualifier[name=20228-3]/value (laterality of the tumour topography)' },
  { file: 'JDV_Lateralite_CISIS.xml', where: 'laterality qualifier values (droit, gauche, bilatéral, ...)' },
  { file: 'JDV_PhaseCancer_CISIS.xml', where: 'FRCP: observation[code=MED-243]/value (phase of the cancer: initial / relapse)' },
  { file: 'JDV_ProgressionCancer_CISIS.xml', where: 'observation/code of the cancer progression entries (template 1.2.250.1.213.1.1.3.48)' },
  { file: 'JDV_TypeTraitementPPS_CISIS.xml', where: 'PPS: procedure[code=MED-568]/code/qualifier/value (type of treatment)' },
  { file: 'JDV_GestionEffetsSecondaires_CISIS.xml', where: 'PPS: procedure[code=MED-569]/code/qualifier/value (side-effect management)' },
  { file: 'JDV_MesuresAssociees_CISIS.xml', where: 'PPS: procedure[code=MED-570]/code/qualifier/value (associated measures)' },
  { file: 'JDV_TypeDeSuivi_CISIS.xml', where: 'PPS: procedure[code=MED-571]/code/qualifier/value (type of follow-up)' },
  { file: 'JDV_ModeAdministration_CISIS.xml', where: 'PPS: substanceAdministration/routeCode (mode of administration, EDQM)' },
  { file: 'JDV_SoinsOncoDeSupport_CISIS.xml', where: 'PPS: procedure[code=MED-572]/code/qualifier/value (oncology supportive care)' },
  { file: 'JDV_TypeAccompagnementSocioPro_CISIS.xml', where: 'PPS: procedure[code=MED-573]/code/qualifier/value (social / socio-professional support)' },
  { file: 'JDV_SignesVitaux_CISIS.xml', where: 'FR-Signe-vital-observe entries: observation/code' },
  { file: 'JDV_SocialHistoryCodes_CISIS.xml', where: 'FR-Habitus-mode-de-vie entries: observation/code' },
  { file: 'JDV_Addictions_CISIS.xml', where: 'addiction observations: observation/code' },
  { file: 'JDV_StatutDoc_CISIS.xml', where: 'FRCP: section[templateId=1.2.250.1.213.1.1.2.35]/entry/observation/value (status of the document)' },
  { file: 'JDV_MotifMiseAJour_CISIS.xml', where: 'PPS: observation[code=GEN-037]/value (reason for the update)' },
  { file: 'JDV_StructuresDeSoins_CISIS.xml', where: 'PPS: section[code=48767-8]/entry/observation/code (care structures)' },
  { file: 'JDV_NatureDiscussion_CISIS.xml', where: 'FRCP: observation[code=GEN-098]/value (nature of the RCP discussion)' },
  { file: 'JDV_RCP_Appareil_CISIS.xml', where: 'FRCP: observation[code=ORG-118]/value (RCP by body system)' },
  { file: 'JDV_RCP_Organe_CISIS.xml', where: 'FRCP: observation[code=ORG-118]/entryRelationship/observation/value (RCP by organ)' },
  { file: 'JDV_TraitementSoins_FRCP_CISIS.xml', where: 'FRCP: observation[code=ORG-138]/value (treatment / care proposed)' },
  { file: 'JDV_StatutCasPresente_CISIS.xml', where: 'FRCP: organizer/component/observation[code=ORG-127]/value (status of the case presented)' },
  { file: 'JDV_OMSEchPerf_CISIS.xml', where: 'FRCP: observation[code=MED-239]/value (WHO performance status)' },
  { file: 'JDV_OMSInterpret_CISIS.xml', where: 'FRCP: WHO performance status observation/interpretationCode' },
  { file: 'JDV_TypeTraitement_FRCP_CISIS.xml', where: 'FRCP: procedure/code of the treatment entries' },
  { file: 'JDV_StatutQuorum_CISIS.xml', where: 'FRCP: organizer/component/observation[code=ORG-125]/value (quorum status)' },
];

// ---------------------------------------------------------------------------------------------
// Errors

/** A file of the kit is not where we looked: exit code 2 (as for a kit not found at all). */
class KitFileMissingError extends Error {}
/** The kit content is not what this script understands: exit code 1. */
class KitFormatError extends Error {}
class UsageError extends Error {}

// ---------------------------------------------------------------------------------------------
// Command line and kit location

function parseArgs(argv) {
  const options = { kit: undefined, out: undefined, force: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.indexOf('=');
    const [flag, inline] = arg.startsWith('--') && eq > 0 ? [arg.slice(0, eq), arg.slice(eq + 1)] : [arg, undefined];
    if (flag === '--kit' || flag === '--out') {
      const value = inline ?? argv[++i];
      if (value === undefined || value === '') throw new UsageError(`${flag} needs a folder`);
      options[flag.slice(2)] = value;
    } else if (flag === '--force' && inline === undefined) {
      options.force = true;
    } else if (flag === '--help' || flag === '-h') {
      options.help = true;
    } else {
      throw new UsageError(`unknown argument ${JSON.stringify(arg)}`);
    }
  }
  return options;
}

function kitNotFound(kit, missing) {
  return new KitFileMissingError(
    `generate-value-sets: cannot generate the value-set modules of @dcc-kit/cda: the kit folder ${kit.dir} ` +
      `has no ${relative(kit.dir, missing).split('\\').join('/')}. ` +
      'They are generated from the ANS validation kit TestContenuCDA (jeuxDeValeurs/JDV_*.xml, the ' +
      'structurationMinimale voc-*.xml snapshots and the terminology .rdf files); point the build to ' +
      `a complete copy of the kit with ${KIT_DIR_ENV}=/path/to/ans-testcontenucda npm run build (or run ` +
      'node packages/cda/scripts/generate-value-sets.mjs --kit /path/to/ans-testcontenucda).',
  );
}

// ---------------------------------------------------------------------------------------------
// Reading files: every input is read at most once per run.

const bytesCache = new Map();

function readBytes(file, kit) {
  let bytes = bytesCache.get(file);
  if (bytes === undefined) {
    try {
      bytes = readFileSync(file);
    } catch (error) {
      if (error.code === 'ENOENT' || error.code === 'ENOTDIR') throw kitNotFound(kit, file);
      throw error;
    }
    bytesCache.set(file, bytes);
  }
  return bytes;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes an XML file's bytes per its BOM / encoding declaration (UTF-8, UTF-16, ISO-8859-1). */
export function decodeXmlBytes(bytes, file = 'input') {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  const head = bytes.subarray(0, 200).toString('latin1');
  const declared = /^(?:\uFEFF|\u00EF\u00BB\u00BF)?<\?xml[^>]*?\sencoding\s*=\s*["']([^"']+)["']/.exec(head)?.[1]?.toLowerCase();
  if (declared === undefined || declared === 'utf-8' || declared === 'utf8') {
    try {
      return utf8.decode(bytes);
    } catch {
      throw new KitFormatError(`${file}: not valid UTF-8`);
    }
  }
  if (declared === 'iso-8859-1' || declared === 'latin1' || declared === 'us-ascii') return bytes.toString('latin1');
  throw new KitFormatError(`${file}: unsupported encoding ${declared}`);
}

const childElements = (node, ns, local) => node.children.filter((c) => c.ns === ns && c.local === local);

// ---------------------------------------------------------------------------------------------
// The kit's files

/** Reads a JDV (IHE SVS RetrieveValueSetResponse) file. */
function readSvs(kit, file) {
  const path = join(kit.dir, JDV_DIR, file);
  const where = `${JDV_DIR}/${file}`;
  const root = parseXml(decodeXmlBytes(readBytes(path, kit), where), where);
  const valueSets = [...descendants({ children: [root] }, SVS_NS, 'ValueSet')];
  if (valueSets.length !== 1) throw new KitFormatError(`${where}: expected one svs:ValueSet, found ${valueSets.length}`);
  const vs = valueSets[0];
  if (!vs.attrs.id) throw new KitFormatError(`${where}: svs:ValueSet has no @id`);
  // The kit's JDV rules test `//svs:Concept[@code=… and @codeSystem=…]`: every Concept counts.
  const concepts = [...descendants(vs, SVS_NS, 'Concept')].map((c, index) => {
    const { code, codeSystem, displayName } = c.attrs;
    if (!code || !codeSystem) throw new KitFormatError(`${where}: svs:Concept #${index + 1} lacks @code or @codeSystem`);
    return { code, codeSystem, displayName: displayName === undefined || displayName.trim() === '' ? code : displayName };
  });
  return { where, oid: vs.attrs.id, displayName: vs.attrs.displayName, revisionDate: vs.attrs.revisionDate, concepts };
}

/**
 * Reads an ART-DECOR snapshot voc-<oid>-DYNAMIC.xml. The SM rules select
 * `/*\/valueSet/conceptList/concept/@code` (all versions) or `//valueSet[1]/conceptList/concept`
 * (code + codeSystem): the first valueSet's concepts satisfy both. `exception` entries are not
 * selected by those rules, so they do not count as allowed.
 */
function readVoc(kit, oid) {
  const file = `voc-${oid}-DYNAMIC.xml`;
  const where = `${VOC_DIR}/${file}`;
  const root = parseXml(decodeXmlBytes(readBytes(join(kit.dir, VOC_DIR, file), kit), where), where);
  if (root.local !== 'valueSets') throw new KitFormatError(`${where}: root element is <${root.qname}>, expected <valueSets>`);
  const valueSets = childElements(root, null, 'valueSet');
  const first = valueSets[0];
  if (first === undefined) throw new KitFormatError(`${where}: no valueSet`);
  if (first.attrs.id !== oid) throw new KitFormatError(`${where}: valueSet/@id is ${first.attrs.id}, expected ${oid}`);
  const concepts = [];
  const exceptions = [];
  for (const list of childElements(first, null, 'conceptList')) {
    for (const entry of list.children) {
      const { code, codeSystem, displayName } = entry.attrs;
      if (entry.ns === null && entry.local === 'concept') {
        if (!code || !codeSystem) throw new KitFormatError(`${where}: concept without @code or @codeSystem`);
        concepts.push({ code, codeSystem, displayName: displayName || code });
      } else if (entry.ns === null && entry.local === 'exception') {
        exceptions.push({ code, codeSystem, displayName: displayName || code });
      } else {
        throw new KitFormatError(`${where}: unsupported <${entry.qname}> in conceptList (only concept and exception are understood)`);
      }
    }
  }
  return { where, valueSetCount: valueSets.length, concepts, exceptions, name: first.attrs.name ?? first.attrs.displayName };
}

/** The codes (skos:notation texts) of one terminology .rdf file, as the TERM layer compares them. */
function readRdfCodes(kit, file, bytes) {
  const where = `${TERM_DIR}/${file}`;
  const codes = new Set();
  let current;
  scanXml(decodeXmlBytes(bytes, where), where, {
    open(element) {
      if (element.ns === SKOS_NS && element.local === 'notation') current = '';
    },
    text(value) {
      if (current !== undefined) current += value;
    },
    close(element) {
      if (element.ns === SKOS_NS && element.local === 'notation') {
        codes.add(current);
        current = undefined;
      }
    },
  });
  return codes;
}

// ---------------------------------------------------------------------------------------------
// Stamp: hash of this script + every input's content. The .rdf files are large: their content
// hash is kept in the stamp with their size and mtime, and re-read only when those change.

const sha256 = (data) => createHash('sha256').update(data).digest('hex');

function xmlInputs(kit) {
  const files = [];
  for (const entry of VALUE_SETS) {
    files.push(join(kit.dir, JDV_DIR, entry.file));
    if (entry.voc) files.push(join(kit.dir, VOC_DIR, `voc-${entry.oid}-DYNAMIC.xml`));
  }
  return files;
}

function inputsHash(kit, rdfHashes) {
  const hash = createHash('sha256');
  hash.update(`stamp v${STAMP_VERSION}\0`);
  hash.update(readFileSync(SCRIPT_FILE));
  hash.update(readFileSync(READER_FILE));
  for (const file of xmlInputs(kit)) {
    hash.update(`\0${relative(kit.dir, file).split('\\').join('/')}\0`);
    hash.update(readBytes(file, kit));
  }
  for (const codeSystem of Object.keys(rdfHashes).sort()) hash.update(`\0rdf ${codeSystem} ${rdfHashes[codeSystem] ?? '-'}`);
  return hash.digest('hex');
}

function termDirNames(kit) {
  const dir = join(kit.dir, TERM_DIR);
  if (!existsSync(dir)) throw kitNotFound(kit, dir);
  return new Set(readdirSync(dir));
}

/** True when the stamp in outDir matches the current inputs and every output is in place. */
function isUpToDate(kit, outDir) {
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(join(outDir, STAMP_FILE), 'utf8'));
  } catch {
    return false;
  }
  if (stamp?.version !== STAMP_VERSION || typeof stamp.terms !== 'object' || typeof stamp.outputs !== 'object') return false;
  const names = termDirNames(kit);
  const rdfHashes = {};
  for (const [codeSystem, recorded] of Object.entries(stamp.terms)) {
    const name = `${codeSystem}.rdf`;
    if (!names.has(name)) {
      rdfHashes[codeSystem] = null;
      continue;
    }
    const file = join(kit.dir, TERM_DIR, name);
    const { size, mtimeMs } = statSync(file);
    rdfHashes[codeSystem] = recorded !== null && recorded.size === size && recorded.mtimeMs === mtimeMs ? recorded.sha256 : sha256(readBytes(file, kit));
  }
  if (inputsHash(kit, rdfHashes) !== stamp.hash) return false;
  for (const [file, size] of Object.entries(stamp.outputs)) {
    try {
      if (statSync(join(outDir, file)).size !== size) return false;
    } catch {
      return false;
    }
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Building the value sets

const RESERVED = new Set(
  'break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof new null return super switch this throw true try typeof var void while with implements interface let package private protected public static yield await any boolean number string symbol type'.split(' '),
);

/** A valid TS identifier from the SVS displayName (e.g. "JDV_J07_XdsTypeCode_CISIS.tabs"). */
function identifierFor(displayName, file) {
  let name = (displayName ?? '').trim().replace(/\.(tabs|xml)$/i, '');
  if (name === '') name = basename(file, '.xml');
  name = name.replace(/[^A-Za-z0-9_$]/g, '_');
  if (/^[0-9]/.test(name) || RESERVED.has(name)) name = `_${name}`;
  return name;
}

const pairKey = (c) => `${c.codeSystem}\u0000${c.code}`;

function buildValueSet(kit, entry, terms) {
  const svs = readSvs(kit, entry.file);
  if (entry.oid !== undefined && svs.oid !== entry.oid) {
    throw new KitFormatError(`${svs.where}: ValueSet/@id is ${svs.oid}, expected ${entry.oid}`);
  }
  const name = identifierFor(svs.displayName, entry.file);
  const dropped = [];
  const notes = [];
  let concepts = [];
  const seen = new Set();
  for (const concept of svs.concepts) {
    const key = pairKey(concept);
    if (seen.has(key)) {
      dropped.push({ ...concept, reason: 'duplicate of an earlier (code, codeSystem) pair of the JDV file' });
      continue;
    }
    seen.add(key);
    concepts.push(concept);
  }

  let voc;
  if (entry.voc) {
    voc = readVoc(kit, entry.oid);
    const vocPairs = new Map(voc.concepts.map((c) => [pairKey(c), c]));
    const vocCodes = new Map();
    for (const c of voc.concepts) if (!vocCodes.has(c.code)) vocCodes.set(c.code, c.codeSystem);
    const exceptionPairs = new Set(voc.exceptions.map(pairKey));
    const kept = [];
    let displayDiffers = 0;
    let example;
    for (const concept of concepts) {
      const inVoc = vocPairs.get(pairKey(concept));
      if (inVoc !== undefined) {
        kept.push(concept);
        if (inVoc.displayName !== concept.displayName) {
          displayDiffers++;
          example ??= `${concept.code}: ${lit(concept.displayName)} vs ${lit(inVoc.displayName)}`;
        }
        continue;
      }
      const reason = exceptionPairs.has(pairKey(concept))
        ? `only an <exception> of the SM snapshot ${voc.where}, which the SM rules do not accept`
        : vocCodes.has(concept.code)
          ? `in the SM snapshot ${voc.where} under codeSystem ${vocCodes.get(concept.code)} only (the SM rules on code + codeSystem would reject it)`
          : `not in the SM snapshot ${voc.where} (the SM layer would reject it)`;
      dropped.push({ ...concept, reason });
    }
    const jdvPairs = new Set(concepts.map(pairKey));
    for (const c of voc.concepts) {
      if (!jdvPairs.has(pairKey(c))) {
        dropped.push({ ...c, reason: 'only in the SM snapshot, not in the JDV file (the layers reading the JDV file would reject it)' });
      }
    }
    concepts = kept;
    notes.push(
      'Header value set: the structuration minimale (SM) layer checks codes against',
      `${voc.where},`,
      'the other layers against the JDV file; only the concepts present in both are kept',
      '(codeSystem and displayName from the JDV file).',
    );
    if (voc.valueSetCount > 1) notes.push(`The SM snapshot holds ${voc.valueSetCount} versions: the first one was used.`);
    if (displayDiffers > 0) notes.push(`displayName differs from the SM snapshot for ${displayDiffers} concept(s), e.g. ${example}.`);
  }

  // TERM layer: a code of a code system that has an .rdf file must be one of its skos:notation.
  const termDropped = [];
  concepts = concepts.filter((concept) => {
    const codes = terms.codesOf(concept.codeSystem);
    if (codes === null || codes.has(concept.code)) return true;
    termDropped.push({ ...concept, reason: `absent from ${TERM_DIR}/${concept.codeSystem}.rdf (the terminology layer would reject it)` });
    return false;
  });
  dropped.push(...termDropped);

  if (concepts.length === 0) throw new KitFormatError(`${svs.where}: no concept left for ${name}`);
  const revisionDate = svs.revisionDate ? (/^\d{4}-\d{2}-\d{2}/.exec(svs.revisionDate)?.[0] ?? svs.revisionDate) : undefined;
  if (name !== svs.displayName) notes.push(`Name from the SVS displayName ${lit(svs.displayName ?? '')}, made a TS identifier.`);
  return { name, oid: svs.oid, source: `${JDV_DIR}/${entry.file}`, revisionDate, concepts, dropped, termDropped, notes, where: entry.where };
}

/** Loads each needed .rdf once, on first use; remembers every code system asked about. */
function termIndex(kit) {
  const names = termDirNames(kit);
  const loaded = new Map();
  const records = {};
  return {
    records,
    codesOf(codeSystem) {
      if (loaded.has(codeSystem)) return loaded.get(codeSystem);
      const name = `${codeSystem}.rdf`;
      let codes = null;
      if (names.has(name)) {
        const file = join(kit.dir, TERM_DIR, name);
        const bytes = readBytes(file, kit);
        const { size, mtimeMs } = statSync(file);
        records[codeSystem] = { size, mtimeMs, sha256: sha256(bytes) };
        codes = readRdfCodes(kit, name, bytes);
      } else {
        records[codeSystem] = null;
      }
      loaded.set(codeSystem, codes);
      return codes;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Writing TypeScript

/** A TS string literal (JSON, plus the two line separators escaped for use in comments too). */
function lit(value) {
  return JSON.stringify(value).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

function comment(lines) {
  return lines.map((line) => (line === '' ? '//' : `// ${line}`)).join('\n');
}

function moduleText(vs) {
  const header = [
    'Generated by packages/cda/scripts/generate-value-sets.mjs from the ANS kit file',
    `${vs.source} — do not edit; run \`npm run build\`.`,
    `Used by the CDA in: ${vs.where}.`,
    ...vs.notes,
  ];
  if (vs.dropped.length === 0) {
    header.push('Dropped concepts: none.');
  } else {
    header.push(`Dropped concepts (${vs.dropped.length}):`);
    for (const d of vs.dropped) header.push(`  - ${lit(d.code)} (${d.codeSystem}) ${lit(d.displayName)}: ${d.reason}`);
  }
  const lines = [
    comment(header),
    "import type { ValueSet } from '../../value-set.js';",
    '',
    `export const ${vs.name} = {`,
    `  name: ${lit(vs.name)},`,
    `  oid: ${lit(vs.oid)},`,
    `  source: ${lit(vs.source)},`,
  ];
  if (vs.revisionDate !== undefined) lines.push(`  revisionDate: ${lit(vs.revisionDate)},`);
  lines.push('  concepts: [');
  for (const c of vs.concepts) {
    lines.push(`    { code: ${lit(c.code)}, codeSystem: ${lit(c.codeSystem)}, displayName: ${lit(c.displayName)} },`);
  }
  lines.push(
    '  ],',
    '} as const satisfies ValueSet;',
    '',
    `export type ${vs.name}_Code = (typeof ${vs.name})['concepts'][number]['code'];`,
    '',
  );
  return lines.join('\n');
}

function indexText(valueSets) {
  const conceptCount = valueSets.reduce((n, vs) => n + vs.concepts.length, 0);
  const lines = [
    comment([
      'Generated by packages/cda/scripts/generate-value-sets.mjs from the ANS kit — do not edit;',
      'run `npm run build`.',
      `${valueSets.length} value sets, ${conceptCount} concepts: the CDA header sets first, then the body sets.`,
    ]),
    "import type { ValueSet } from '../../value-set.js';",
  ];
  for (const vs of valueSets) lines.push(`import { ${vs.name} } from './${vs.name}.js';`);
  lines.push('');
  for (const vs of valueSets) lines.push(`export * from './${vs.name}.js';`);
  lines.push('', '/** Every generated value set, by name. */', 'export const valueSetsByName = Object.freeze({');
  for (const vs of valueSets) lines.push(`  ${vs.name},`);
  lines.push(
    '});',
    '',
    '/** The name of a generated value set. */',
    'export type ValueSetName = keyof typeof valueSetsByName;',
    '',
    '/** Every generated value set, by OID (`undefined` for an OID that has no generated module). */',
    'export const valueSetsByOid: Readonly<Record<string, ValueSet>> = Object.freeze({',
  );
  for (const vs of valueSets) lines.push(`  ${lit(vs.oid)}: ${vs.name},`);
  lines.push('});', '');
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Main

/** Generates every module into outDir; returns the value sets built. */
export function generate({ kit, outDir }) {
  resolveKitDir(kit.dir); // throws KitNotFoundError when the folder is not the kit
  const terms = termIndex(kit);
  const valueSets = VALUE_SETS.map((entry) => buildValueSet(kit, entry, terms));
  const byName = new Map();
  const byOid = new Map();
  for (const vs of valueSets) {
    if (byName.has(vs.name)) throw new KitFormatError(`two value sets are named ${vs.name}: ${byName.get(vs.name).source} and ${vs.source}`);
    if (byOid.has(vs.oid)) throw new KitFormatError(`two value sets have the OID ${vs.oid}: ${byOid.get(vs.oid).source} and ${vs.source}`);
    byName.set(vs.name, vs);
    byOid.set(vs.oid, vs);
  }
  const files = new Map(valueSets.map((vs) => [`${vs.name}.ts`, moduleText(vs)]));
  files.set('index.ts', indexText(valueSets));

  mkdirSync(outDir, { recursive: true });
  for (const name of readdirSync(outDir)) {
    if (name.endsWith('.ts') || name === STAMP_FILE) rmSync(join(outDir, name), { force: true });
  }
  const outputs = {};
  for (const [name, text] of files) {
    const bytes = Buffer.from(text, 'utf8');
    writeFileSync(join(outDir, name), bytes);
    outputs[name] = bytes.length;
  }
  const recorded = terms.records;
  const rdfHashes = Object.fromEntries(Object.entries(recorded).map(([cs, r]) => [cs, r === null ? null : r.sha256]));
  const stamp = {
    version: STAMP_VERSION,
    hash: inputsHash(kit, rdfHashes),
    terms: Object.fromEntries(Object.keys(recorded).sort().map((cs) => [cs, recorded[cs]])),
    outputs,
  };
  // Written last: an interrupted run leaves no stamp, so the next run regenerates.
  writeFileSync(join(outDir, STAMP_FILE), `${JSON.stringify(stamp, null, 2)}\n`);
  return valueSets;
}

function main(argv) {
  const options = parseArgs(argv);
  if (options.help) {
    process.stdout.write('usage: node packages/cda/scripts/generate-value-sets.mjs [--kit DIR] [--out DIR] [--force]\n');
    return 0;
  }
  const kit = { dir: resolveKitDir(options.kit) };
  const outDir = options.out === undefined ? DEFAULT_OUT_DIR : resolve(options.out);
  if (!options.force && isUpToDate(kit, outDir)) return 0;
  const valueSets = generate({ kit, outDir });
  for (const vs of valueSets) {
    if (vs.termDropped.length > 0) {
      const codes = vs.termDropped.map((d) => `${d.code} (${d.codeSystem})`).join(', ');
      process.stderr.write(`warning: value sets: ${vs.name}: ${vs.termDropped.length} concept(s) dropped, absent from the kit's terminology files: ${codes}\n`);
    }
  }
  const conceptCount = valueSets.reduce((n, vs) => n + vs.concepts.length, 0);
  process.stdout.write(`value sets: ${valueSets.length} modules (${conceptCount} concepts) generated from ${kit.dir}\n`);
  return 0;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (error) {
    if (error instanceof KitNotFoundError) {
      process.stderr.write(`generate-value-sets: cannot generate the value-set modules of @dcc-kit/cda: ${error.message}\n`);
      process.exitCode = 2;
    } else if (error instanceof KitFileMissingError) {
      process.stderr.write(`${error.message}\n`);
      process.exitCode = 2;
    } else if (error instanceof UsageError) {
      process.stderr.write(`generate-value-sets: ${error.message}\nusage: node packages/cda/scripts/generate-value-sets.mjs [--kit DIR] [--out DIR] [--force]\n`);
      process.exitCode = 2;
    } else if (error instanceof KitFormatError || error instanceof XmlFormatError) {
      process.stderr.write(`generate-value-sets: ${error.message}\n`);
      process.exitCode = 1;
    } else {
      throw error;
    }
  }
}
