/**
 * In-memory files libxml2-wasm reads while it compiles a schema: libxml2 opens each
 * xs:include/xs:import itself, synchronously, while the kit is read through an asynchronous
 * ResourceLoader. So the schema's files are read first, then mounted here under a folder of
 * their own, and libxml2 reads them through one input provider registered once per process
 * (libxml2-wasm keeps providers in a global table that cannot shrink one entry at a time).
 */
import { xmlRegisterInputProvider } from 'libxml2-wasm';
import { decodeLocation } from './xsd-schema-files.js';

/** A root no real file name starts with; each mount gets a numbered folder below it. */
const VIRTUAL_ROOT = '/__dcc_kit_xsd__/';

const mounted = new Map<string, Uint8Array>();
/** Folders whose files are read on demand (mountReader), by folder prefix. */
const readers = new Map<string, (kitPath: string) => Uint8Array | undefined>();
/** Told of a file under the virtual root but in no folder (a location that climbed out of its folder). */
const strays = new Set<(fileName: string) => void>();
const openFiles = new Map<number, { readonly bytes: Uint8Array; offset: number }>();
let providerRegistered = false;
let nextMount = 1;
let nextDescriptor = 1;

function lookup(fileName: string): Uint8Array | undefined {
  const bytes = mounted.get(fileName) ?? mounted.get(decodeLocation(fileName));
  if (bytes) return bytes;
  const folder = /^\/__dcc_kit_xsd__\/\d+\//.exec(fileName)?.[0];
  const read = folder ? readers.get(folder) : undefined;
  if (read) return read(fileName.slice((folder as string).length)) ?? read(decodeLocation(fileName).slice((folder as string).length));
  if (!folder) for (const stray of strays) stray(fileName);
  return undefined;
}

function registerProvider(): void {
  if (providerRegistered) return;
  const accepted = xmlRegisterInputProvider({
    // While a reader is mounted every file is ours: one outside the kit is refused, not left
    // to libxml2's own loader (which skips an import it cannot load, with a warning only).
    match: (fileName) => fileName.startsWith(VIRTUAL_ROOT) || strays.size > 0,
    open: (fileName) => {
      const bytes = lookup(fileName);
      if (!bytes) return undefined; // libxml2 reports the file as missing
      const descriptor = nextDescriptor++;
      openFiles.set(descriptor, { bytes, offset: 0 });
      return descriptor;
    },
    read: (descriptor, buffer) => {
      const file = openFiles.get(descriptor);
      if (!file) return -1;
      const count = Math.min(buffer.byteLength, file.bytes.byteLength - file.offset);
      buffer.set(file.bytes.subarray(file.offset, file.offset + count));
      file.offset += count;
      return count;
    },
    close: (descriptor) => openFiles.delete(descriptor),
  });
  if (!accepted) throw new Error('libxml2-wasm refused the schema input provider (its table of input callbacks is full)');
  providerRegistered = true;
}

/**
 * Mounts a folder whose files libxml2 reads on demand through `read` (kit-relative path →
 * bytes, or undefined when absent): no need to know the includes beforehand. Node only, where
 * files can be read synchronously.
 */
export function mountReader(read: (kitPath: string) => Uint8Array | undefined, stray: (fileName: string) => void): VirtualFolder {
  registerProvider();
  const folder = `${VIRTUAL_ROOT}${nextMount++}/`;
  readers.set(folder, read);
  strays.add(stray);
  return {
    url: (kitPath) => folder + kitPath,
    unmount() {
      readers.delete(folder);
      strays.delete(stray);
    },
  };
}

export interface VirtualFolder {
  /** URL of a mounted file, to give libxml2 as the document's base. */
  url(kitPath: string): string;
  /** Forgets the files (libxml2 keeps what it compiled). */
  unmount(): void;
}

/** Mounts kit files (path → text, encoded as UTF-8) under a new virtual folder. */
export function mountFiles(files: ReadonlyMap<string, string>): VirtualFolder {
  registerProvider();
  const folder = `${VIRTUAL_ROOT}${nextMount++}/`;
  const encoder = new TextEncoder();
  for (const [path, text] of files) mounted.set(folder + path, encoder.encode(text));
  return {
    url: (kitPath) => folder + kitPath,
    unmount() {
      for (const path of files.keys()) mounted.delete(folder + path);
    },
  };
}
