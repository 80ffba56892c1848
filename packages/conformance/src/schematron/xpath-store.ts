/**
 * Compiled XPath packages kept between processes.
 *
 * A new process used to spend most of its first verdict compiling XPath (saxon-js parses,
 * type-checks and optimises each expression: ≈ 1.3 s for the 845 expressions StrucMin needs
 * on a PPS). What `XPath.compile(expr, options, true)` returns, before its first evaluation,
 * is plain data — saxon-js's export format (SEF): objects with a node name `N`, children `C`
 * and attributes, no functions, no parent links (those, and the closures saxon-js builds, are
 * added by the first `evaluateOnly`). The one exception is the integer operand of
 * `compareToInt`, an XdmInteger object; it is written as a tagged value and rebuilt with the
 * same constructor. So a package is serialised right after compilation and, in a later
 * process, parsed and handed to `evaluateOnly` as if just compiled.
 *
 * What keeps this exact:
 * - a package is stored only if every value in it is a string, a finite number, a boolean,
 *   null, an array, a plain object or such an XdmInteger (anything else: compiled again in
 *   each process);
 * - a file is used only by the same saxon-js build (product, version, release date), the same
 *   file format and the same namespace context; keys are the expression text and its
 *   parameter names, so a changed rule is simply a new key;
 * - `storedPathAgrees` checks, before the first use, that stored-and-parsed packages give the
 *   same results as `evaluate` on the self-test expressions (xpath-cache.ts), including a
 *   `compareToInt`; if not, nothing is read or written.
 */
import SaxonJS from '#saxon';
import type { CompiledXPathPackage } from 'saxon-js';

/** Where stored packages live (a folder in Node; memory, IndexedDB… elsewhere). */
export interface CompiledXPathStore {
  read(key: string): Promise<string | undefined>;
  write(key: string, text: string): Promise<void>;
}

const FORMAT = 1;
const INTEGER_TAG = '__dcc_xdm_integer';

interface StoredFile {
  readonly format: number;
  readonly processor: string;
  readonly namespaces: string;
  /** Key → package JSON (parsed only when the key is used). */
  readonly packages: Record<string, string>;
}

function processorId(): string {
  const info = SaxonJS.getProcessorInfo?.() as { productName?: string; productVersion?: string; releaseDate?: string } | undefined;
  return `${info?.productName ?? '?'} ${info?.productVersion ?? '?'} ${info?.releaseDate ?? '?'}`;
}

let integerClass: (new (value: number) => object) | null | undefined;

/** The XdmInteger constructor, taken from a compiled `compareToInt` (null if none is found). */
function xdmInteger(): (new (value: number) => object) | null {
  if (integerClass !== undefined) return integerClass;
  integerClass = null;
  try {
    const compiled = SaxonJS.XPath.compile?.('count($n) gt 1', { params: { n: 'dummy' } }, true) as unknown;
    const stack: unknown[] = [compiled];
    while (stack.length > 0) {
      const node = stack.pop() as Record<string, unknown> | null;
      if (!node || typeof node !== 'object') continue;
      if (node.N === 'compareToInt' && node.val && typeof node.val === 'object') {
        integerClass = (node.val as object).constructor as new (value: number) => object;
        break;
      }
      for (const value of Object.values(node)) if (value && typeof value === 'object') stack.push(value);
    }
  } catch {
    integerClass = null;
  }
  return integerClass;
}

/** The package as JSON, or undefined when it holds anything but plain data and XdmIntegers. */
export function serialisePackage(compiled: CompiledXPathPackage): string | undefined {
  const integer = xdmInteger();
  let plain = true;
  const text = JSON.stringify(compiled, function (this: unknown, _key: string, value: unknown) {
    if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) plain = false;
      return value;
    }
    if (Array.isArray(value)) return value;
    if (typeof value === 'object') {
      const proto = Object.getPrototypeOf(value);
      if (proto === Object.prototype) return value;
      if (integer && value instanceof integer && proto === integer.prototype) {
        const { code, value: n, ...rest } = value as { code?: unknown; value?: unknown };
        if (code === 'ADI' && typeof n === 'number' && Number.isFinite(n) && Object.keys(rest).length === 0) return { [INTEGER_TAG]: n };
      }
    }
    plain = false;
    return null;
  });
  return plain ? text : undefined;
}

/** A package from its JSON (see serialisePackage). */
export function revivePackage(text: string): CompiledXPathPackage {
  // A plain parse, then a walk only where integers were tagged: a reviver callback on every
  // value cost more than the parse itself.
  const tree = JSON.parse(text) as unknown;
  if (!text.includes(INTEGER_TAG)) return tree as CompiledXPathPackage;
  const integer = xdmInteger();
  if (!integer) throw new Error('stored XPath package holds an integer, but no XdmInteger constructor was found');
  const stack: unknown[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop() as Record<string, unknown>;
    for (const key of Object.keys(node)) {
      const value = node[key];
      if (value === null || typeof value !== 'object') continue;
      const tagged = (value as Record<string, unknown>)[INTEGER_TAG];
      if (typeof tagged === 'number') node[key] = new integer(tagged);
      else stack.push(value);
    }
  }
  return tree as CompiledXPathPackage;
}

/** The packages of one layer: those a previous process stored, plus those compiled now. */
export class StoredXPaths {
  private readonly added = new Map<string, string>();
  private saving: Promise<void> | undefined;
  private again = false;
  private failed = false;

  private constructor(
    private readonly store: CompiledXPathStore,
    private readonly key: string,
    private readonly namespaces: string,
    private readonly known: Record<string, string>,
  ) {}

  /** Opens the layer's stored packages (none if the store fails or the file is from another build). */
  static async open(store: CompiledXPathStore, key: string, namespaces: Record<string, string>): Promise<StoredXPaths> {
    const ns = JSON.stringify(Object.entries(namespaces).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    let known: Record<string, string> = {};
    try {
      const text = await store.read(`xpath-${FORMAT}-${key}`);
      const file = text === undefined ? undefined : (JSON.parse(text) as Partial<StoredFile>);
      if (file && file.format === FORMAT && file.processor === processorId() && file.namespaces === ns && file.packages && typeof file.packages === 'object') known = file.packages;
    } catch {
      known = {}; // absent or damaged: compile again
    }
    return new StoredXPaths(store, key, ns, known);
  }

  /** Number of packages read from the store. */
  get stored(): number {
    return Object.keys(this.known).length;
  }

  /** The package a previous process stored for `key`, freshly parsed (undefined if none or unreadable). */
  take(key: string): CompiledXPathPackage | undefined {
    if (!Object.hasOwn(this.known, key)) return undefined;
    const text = this.known[key] as string;
    try {
      return revivePackage(text);
    } catch {
      return undefined;
    }
  }

  /** Keeps a package compiled now (call before its first evaluation). */
  add(key: string, compiled: CompiledXPathPackage): void {
    if (Object.hasOwn(this.known, key) || this.added.has(key)) return;
    const text = serialisePackage(compiled);
    if (text !== undefined) this.added.set(key, text);
  }

  /** Writes the file when packages were added since the last write; after a failed write, never again. */
  save(): Promise<void> {
    if (this.saving) {
      this.again = true;
      return this.saving;
    }
    if (this.added.size === 0 || this.failed) return Promise.resolve();
    const written = [...this.added];
    const file: StoredFile = { format: FORMAT, processor: processorId(), namespaces: this.namespaces, packages: { ...this.known, ...Object.fromEntries(written) } };
    this.saving = this.store
      .write(`xpath-${FORMAT}-${this.key}`, JSON.stringify(file))
      .then(
        () => {
          for (const [key, text] of written) {
            this.known[key] = text;
            this.added.delete(key);
          }
        },
        () => {
          this.failed = true; // a read-only or full cache folder: do not serialise again on every document
        },
      )
      .finally(() => {
        this.saving = undefined;
        if (this.again) {
          this.again = false;
          void this.save();
        }
      });
    return this.saving;
  }
}
