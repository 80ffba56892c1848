/**
 * The files of an XML schema: the main schema and, recursively, every schema it includes or
 * imports, read through the kit's ResourceLoader (so that the same code reads a folder in Node
 * and fetches in a browser), with libxml2's resolution of relative schemaLocations.
 */
import type { ResourceLoader } from './loader.js';
import { scanXml } from './xml-path-scanner.js';

const XSD_NAMESPACE = 'http://www.w3.org/2001/XMLSchema';
const SCHEMA_REFERENCES = new Set(['include', 'import', 'redefine', 'override']);

/**
 * Reads the schema at `mainPath` and every schema it references, keyed by normalised kit path.
 * Rejects when a referenced file is missing: validating with part of a schema would be a
 * weaker verdict than the kit's.
 */
export async function loadSchemaFiles(loader: ResourceLoader, mainPath: string): Promise<Map<string, string>> {
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
  const folder = fromPath.includes('/') ? fromPath.slice(0, fromPath.lastIndexOf('/') + 1) : '';
  return normaliseKitPath(folder + decodeLocation(location), `${location} (referenced by ${fromPath})`);
}

/** libxml2 retries a file it cannot open with its URI escapes undone. */
export function decodeLocation(location: string): string {
  try {
    return decodeURI(location);
  } catch {
    return location; // not a valid escape sequence: as written
  }
}

/** `a/./b/../c` → `a/c`; throws when the path climbs above the kit folder or is empty. */
export function normaliseKitPath(path: string, description: string): string {
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

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
