/**
 * Layer 1 of the ANS TestContenuCDA kit: XML Schema validation of a CDA document against
 * `infrastructure/cda/CDA_extended.xsd`, with libxml2's xmllint compiled to WebAssembly
 * (xmllint-wasm), so that it runs in Node and in browsers.
 */
import { memoryPages, validateXML } from 'xmllint-wasm';
import type { XMLFileInfo, XMLValidationResult } from 'xmllint-wasm';
import type { ResourceLoader } from './loader.js';
import { elementPath, findElementForLine, scanXml } from './xml-path-scanner.js';
import type { XmlScan } from './xml-path-scanner.js';

export interface XsdIssue {
  /**
   * Path of the offending element in the original document, e.g.
   * `/ClinicalDocument/component/structuredBody/component[10]/section/entry/observation`
   * (names as written; `[n]` only when a preceding sibling has the same name); '/' when no
   * element can be identified (e.g. parser errors).
   */
  location: string;
  /** Line in the original document text. */
  line: number | undefined;
  /** xmllint's message without the file-name/line prefix, whitespace normalised. */
  message: string;
}

export interface XsdValidator {
  /** Validates several documents with ONE schema compilation (one xmllint-wasm call) — the batch CLI depends on this for speed. Result i belongs to docs[i]. */
  validateMany(docs: ReadonlyArray<{ name: string; text: string }>): Promise<XsdIssue[][]>;
  validate(text: string, name?: string): Promise<XsdIssue[]>;
}

export const DEFAULT_XSD_PATH = 'infrastructure/cda/CDA_extended.xsd';

const XSD_NAMESPACE = 'http://www.w3.org/2001/XMLSchema';
const SCHEMA_REFERENCES = new Set(['include', 'import', 'redefine', 'override']);

/**
 * Folder of xmllint-wasm's in-memory file system that holds the documents. xmllint-wasm writes
 * each file at `/` + fileName, so schema files keep their kit-relative paths (which makes their
 * relative schemaLocations resolve) and documents live beside them under a name no kit file has.
 */
const INPUT_FOLDER = '__dcc_xsd_input__';

/**
 * xmllint-wasm defaults to 16 MiB initial / 32 MiB maximum, which runs out of memory on
 * documents of about 5 MB. The maximum is only a reservation, so it is generous.
 */
const INITIAL_MEMORY_PAGES = 32 * memoryPages.MiB;
const MAX_MEMORY_PAGES = memoryPages.GiB;

/**
 * Reads the schema and, recursively, every schema it includes or imports through `loader`
 * (once: they are kept for the validator's lifetime). Rejects when a referenced file is missing.
 */
export async function createXsdValidator(loader: ResourceLoader, schemaPath: string = DEFAULT_XSD_PATH): Promise<XsdValidator> {
  const mainPath = normaliseKitPath(schemaPath, schemaPath);
  const schemaFiles = await loadSchemaFiles(loader, mainPath);
  const schema: XMLFileInfo = { fileName: mainPath, contents: schemaFiles.get(mainPath) ?? '' };
  const preload: XMLFileInfo[] = [...schemaFiles]
    .filter(([path]) => path !== mainPath)
    .map(([fileName, contents]) => ({ fileName, contents }));

  const validateMany = async (docs: ReadonlyArray<{ name: string; text: string }>): Promise<XsdIssue[][]> => {
    if (docs.length === 0) return [];
    const prepared = docs.map((doc, index) => prepareDocument(doc, index));
    const xml = prepared.map((doc) => doc.file);
    let result: XMLValidationResult;
    try {
      result = await validateXML({ xml, schema, preload, initialMemoryPages: INITIAL_MEMORY_PAGES, maxMemoryPages: MAX_MEMORY_PAGES });
    } catch (error) {
      throw describeXmllintFailure(error, docs, mainPath, loader);
    }
    const outputs = parseXmllintOutput(result.rawOutput);
    return prepared.map((doc) => collectIssues(doc, outputs));
  };

  return {
    validateMany,
    async validate(text, name = 'document') {
      const [issues] = await validateMany([{ name, text }]);
      return issues ?? [];
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Schema loading

async function loadSchemaFiles(loader: ResourceLoader, mainPath: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const seen = new Set([mainPath]);
  let wave: Array<{ path: string; referencedBy: string | undefined }> = [{ path: mainPath, referencedBy: undefined }];
  while (wave.length > 0) {
    // One wave per include depth, read in parallel: the fetch loader pays a round trip per file.
    const texts = await Promise.all(wave.map((reference) => readSchemaFile(loader, reference.path, reference.referencedBy)));
    const next: typeof wave = [];
    wave.forEach((reference, index) => {
      const text = texts[index] ?? '';
      files.set(reference.path, text);
      for (const location of schemaLocations(text)) {
        const path = resolveSchemaLocation(reference.path, location);
        if (seen.has(path)) continue;
        seen.add(path);
        next.push({ path, referencedBy: reference.path });
      }
    });
    wave = next;
  }
  return files;
}

async function readSchemaFile(loader: ResourceLoader, path: string, referencedBy: string | undefined): Promise<string> {
  const origin = referencedBy === undefined ? '' : ` (referenced by ${referencedBy})`;
  let text: string | undefined;
  try {
    text = await loader.readText(path);
  } catch (error) {
    throw new Error(`Cannot read XML schema file ${path}${origin} from ${loader.description}: ${errorMessage(error)}`, { cause: error });
  }
  if (text === undefined) {
    throw new Error(
      `XML schema file ${path}${origin} does not exist in ${loader.description}; ` +
        'refusing to validate with an incomplete schema',
    );
  }
  return text;
}

/** schemaLocation of xs:include / xs:import / xs:redefine / xs:override (comments are skipped by the scanner). */
function schemaLocations(schemaText: string): string[] {
  const locations: string[] = [];
  for (const element of scanXml(schemaText).elements) {
    if (element.namespaceUri !== XSD_NAMESPACE || !SCHEMA_REFERENCES.has(element.localName)) continue;
    const location = element.attributes.find((attribute) => attribute.name === 'schemaLocation')?.value.trim();
    if (location) locations.push(location);
  }
  return locations;
}

/** Resolves a schemaLocation against the referencing file's folder, as libxml2 does. */
function resolveSchemaLocation(fromPath: string, location: string): string {
  if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(location) || location.startsWith('/')) {
    throw new Error(`${fromPath} references the schema ${location}: only relative schemaLocation paths inside the kit are supported`);
  }
  let decoded = location;
  try {
    // libxml2 retries a file it cannot open with its URI escapes undone.
    decoded = decodeURI(location);
  } catch {
    // Not a valid escape sequence: use the location as written.
  }
  const folder = fromPath.includes('/') ? fromPath.slice(0, fromPath.lastIndexOf('/') + 1) : '';
  return normaliseKitPath(folder + decoded, `${location} (referenced by ${fromPath})`);
}

function normaliseKitPath(path: string, description: string): string {
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (segments.length === 0) throw new Error(`The schema path ${description} points outside the kit folder`);
      segments.pop();
    } else {
      segments.push(segment);
    }
  }
  if (segments.length === 0) throw new Error(`Invalid schema path ${description}`);
  return segments.join('/');
}

// ---------------------------------------------------------------------------------------------
// Document preparation

/**
 * Every document is validated as given, whatever its root: the kit's Java validator does the
 * same, and CDA_extended.xsd imports the XSLT 2.0 schema, so that the "autoprésentable"
 * example (a CDA embedded in an xsl:stylesheet) validates as a whole, its ClinicalDocument
 * included. A root the schema does not declare gets xmllint's own error.
 */
interface PreparedDocument {
  readonly name: string;
  /** Scan of the original text, used to turn reported lines into element paths. */
  readonly scan: XmlScan;
  readonly fileName: string;
  readonly file: XMLFileInfo;
}

function prepareDocument(doc: { name: string; text: string }, index: number): PreparedDocument {
  const fileName = `${INPUT_FOLDER}/${index}.xml`;
  return { name: doc.name, scan: scanXml(doc.text), fileName, file: { fileName, contents: declareUtf8(doc.text) } };
}

/** xmllint-wasm hands libxml2 the text encoded as UTF-8, whatever the declaration says. */
function declareUtf8(text: string): string {
  return text.replace(/^(\uFEFF?<\?xml\s[^>]*?\bencoding\s*=\s*)(["'])[^"']*\2/, '$1"UTF-8"');
}

// ---------------------------------------------------------------------------------------------
// xmllint output

interface XmllintMessage {
  readonly line: number | undefined;
  readonly message: string;
}

/**
 * Messages per virtual file name. xmllint writes one `file:line: message` line per error; a
 * parser error is followed by two lines quoting the source with a caret, which are skipped, as
 * are the `file validates` / `file fails to validate` summaries and schema warnings.
 */
function parseXmllintOutput(rawOutput: string): Map<string, XmllintMessage[]> {
  const messages = new Map<string, XmllintMessage[]>();
  const pattern = new RegExp(`^(${INPUT_FOLDER}/[^:]+\\.xml):(\\d+): (.*)$`);
  for (const rawLine of rawOutput.split('\n')) {
    const match = pattern.exec(rawLine);
    if (!match) continue;
    const [, fileName = '', lineText = '', message = ''] = match;
    const line = Number(lineText);
    const list = messages.get(fileName) ?? [];
    list.push({ line: line > 0 ? line : undefined, message: message.replace(/\s+/g, ' ').trim() });
    messages.set(fileName, list);
  }
  return messages;
}

function isWarning(message: string): boolean {
  return /^[\w ]*warning ?:/i.test(message);
}

function isSchemaValidityError(message: string): boolean {
  return message.startsWith('Schemas validity error');
}

function collectIssues(doc: PreparedDocument, outputs: Map<string, XmllintMessage[]>): XsdIssue[] {
  return (outputs.get(doc.fileName) ?? [])
    .filter((entry) => !isWarning(entry.message))
    .map((entry) => toIssue(doc.scan, { ...entry, message: entry.message.replaceAll(doc.fileName, doc.name) }));
}

/**
 * libxml2 keeps an element's line in 16 bits: from line 65535 on, it stores 65535 and, when
 * reporting, borrows the line of the element's first child or of a sibling (text nodes keep
 * full line numbers), or says 65535 when there is none.
 */
const LIBXML_LINE_LIMIT = 65535;

/** Locates the element named by a schema validity error (`Element '{ns}local': ...`); '/' for other messages. */
function toIssue(scan: XmlScan, entry: XmllintMessage): XsdIssue {
  const unlocated: XsdIssue = { location: '/', line: entry.line, message: entry.message };
  if (entry.line === undefined || !isSchemaValidityError(entry.message)) return unlocated;
  const match = /Element '(?:\{([^}]*)\})?([^']+)'/.exec(entry.message);
  if (!match) return unlocated;
  const [, namespaceUri = '', localName = ''] = match;
  const name = { localName, namespaceUri };

  if (entry.line < LIBXML_LINE_LIMIT) {
    const element = findElementForLine(scan, entry.line, name);
    return element ? { ...unlocated, location: elementPath(scan, element) } : unlocated;
  }
  // Beyond the limit the line is only near the element, whose own start tag ends at or after the
  // limit: take the last such element at or before the reported line, or, when libxml2 had no
  // line to borrow, the only such element if there is just one.
  const candidates = scan.elements.filter(
    (element) =>
      element.startTagEndLine >= LIBXML_LINE_LIMIT &&
      element.localName === localName &&
      element.namespaceUri === namespaceUri,
  );
  const element =
    entry.line === LIBXML_LINE_LIMIT
      ? candidates.length === 1 ? candidates[0] : undefined
      : candidates.filter((candidate) => candidate.startTagEndLine <= (entry.line ?? 0)).at(-1);
  if (element) return { ...unlocated, location: elementPath(scan, element), line: element.startTagEndLine };
  return { ...unlocated, line: entry.line === LIBXML_LINE_LIMIT ? undefined : entry.line };
}

function describeXmllintFailure(
  error: unknown,
  docs: ReadonlyArray<{ name: string }>,
  schemaPath: string,
  loader: ResourceLoader,
): Error {
  const names = docs.map((doc) => doc.name).join(', ');
  const code = (error as { code?: unknown } | null)?.code;
  const output = errorMessage(error).trim();
  if (code === 9 || /out of memory/i.test(output)) {
    return new Error(
      `xmllint-wasm ran out of memory (limit ${MAX_MEMORY_PAGES / memoryPages.MiB} MiB) validating ${names}; ` +
        'validate fewer or smaller documents per call',
      { cause: error },
    );
  }
  if (code === 5) {
    return new Error(`The XML schema ${schemaPath} from ${loader.description} does not compile: ${output}`, { cause: error });
  }
  return new Error(`xmllint-wasm failed (exit code ${String(code)}) validating ${names}: ${output}`, { cause: error });
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
