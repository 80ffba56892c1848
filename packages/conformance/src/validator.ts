/**
 * The validator: the seven layers of the ANS kit on a CDA document, same verdict as the kit.
 * Runs in Node and in browsers; everything it reads from the kit goes through a
 * ResourceLoader. Create it once and validate many documents: the schemas are loaded and
 * compiled once per validator (and the schematrons once per machine with a CompiledSchemaStore).
 */
import SaxonJS from '#saxon';
import type { ResourceLoader } from './loader.js';
import { GENERIC_LAYERS, type LayerDefinition, type LayerName, type LayerSlot, layersFor, slotOf, type Volet, VOLET_LAYERS, voletFromTemplateIds } from './layers.js';
import { type CompiledSchemaStore, loadCompiledSchema } from './schema-cache.js';
import { DocumentIndex, type EngineError, ResourceCache, SchematronRunner } from './schematron/run.js';
// Type only: the XML schema engine (libxml2-wasm, ≈ 30 ms of CPU to load) is imported when
// this thread compiles the schema, never when the layer runs on another thread.
import type { XsdValidator } from './xsd.js';
import { type CompiledXPathStore, StoredXPaths } from './schematron/xpath-store.js';
import { type PlanStoreOptions, StoredPlans } from './schematron/plan-store.js';
import { VoletNotDetectedError } from './errors.js';

export interface LayerIssue {
  /** XPath of the offending node (`/ClinicalDocument/component[2]/…`). */
  readonly location: string;
  /** The kit's message (French), whitespace normalised; for `xsd`, libxml2's message as xmllint prints it. */
  readonly message: string;
  /** Schematron pattern id (or title); '' for `xsd`. */
  readonly pattern: string;
  /** The assert/report test as written in the kit; '' for `xsd`. */
  readonly test: string;
  /** The rule context that matched; '' for `xsd`. */
  readonly context: string;
  /** `assert` (failed), `report` (successful) or `xsd`. */
  readonly kind: 'assert' | 'report' | 'xsd';
  /** The assert's role in the kit, when it has one (`error`, `warning`, `info`…). */
  readonly role: string | undefined;
  /** Line in the document, when known (xsd). */
  readonly line: number | undefined;
}

export interface LayerResult {
  readonly layer: LayerName;
  /** No blocking error and no engine error. */
  readonly valid: boolean;
  /** Blocking findings: failed asserts and successful reports whose role is not warning/info. */
  readonly errors: readonly LayerIssue[];
  /** Findings whose role is `warning` or `info`: reported, not blocking (as in the kit's reports). */
  readonly warnings: readonly LayerIssue[];
  /** The layer could not be evaluated completely: never treat such a layer as passed. */
  readonly engineErrors: readonly EngineError[];
  readonly durationMs: number;
}

export interface ValidationResult {
  readonly volet: Volet;
  readonly valid: boolean;
  readonly layers: readonly LayerResult[];
}

export interface ValidateOptions {
  /** Force the volet instead of detecting it from the ClinicalDocument templateId. */
  readonly volet?: Volet;
  /** Name of the document in messages (file name). */
  readonly name?: string;
  /**
   * Run only these layers (`volet` stands for the volet's own layer); the result then holds
   * only them, in kit order. For splitting one verdict over workers: a partial result is never
   * a verdict on its own.
   */
  readonly layers?: readonly LayerSlot[];
}

export interface ValidatorOptions {
  readonly loader: ResourceLoader;
  /** Where compiled schematrons are kept between processes (optional). */
  readonly store?: CompiledSchemaStore;
  /** Where compiled XPath is kept between processes (optional; see schematron/xpath-store.ts). */
  readonly xpathStore?: CompiledXPathStore;
  /** Where rule planning's results are kept between processes, with the planner code's version (see schematron/plan-store.ts; optional). */
  readonly planStore?: PlanStoreOptions;
  /**
   * The XML schema layer's validator when it runs elsewhere (another thread: Node's
   * `startXsdThread`); called once, on first use. The layer then starts before the document is
   * parsed and runs while the schematron layers run here. Default: compiled in this thread
   * (`createXsdValidator`), run in turn with the other layers.
   */
  readonly xsdValidator?: () => Promise<XsdValidator>;
}

/** The document's volet cannot be detected and none was given (errors.ts: loadable without SaxonJS). */
export { VoletNotDetectedError };

const NON_BLOCKING_ROLES = new Set(['warning', 'warn', 'info', 'information']);
const HL7 = 'urn:hl7-org:v3';

export interface Validator {
  validate(xml: string, options?: ValidateOptions): Promise<ValidationResult>;
  /** Validates several documents in turn with the same compiled layers. */
  validateMany(docs: ReadonlyArray<{ name: string; text: string; volet?: Volet }>): Promise<ValidationResult[]>;
  /** Loads and compiles every layer now instead of on first use. */
  warmUp(volets?: readonly Volet[]): Promise<void>;
  /** Frees the compiled XML schema (WebAssembly memory); the validator compiles it again if used later. */
  dispose(): void;
}

/** Finds the ClinicalDocument (root, or wrapped as in the kit's "autoprésentable" example). */
function clinicalDocument(doc: Document): Element | undefined {
  const root = doc.documentElement;
  if (root && root.namespaceURI === HL7 && root.localName === 'ClinicalDocument') return root;
  return firstClinicalDocument(doc);
}

/**
 * `(//*:ClinicalDocument[namespace-uri() = $hl7])[1]`: the first such element in document
 * order (a depth-first walk), without compiling an XPath (≈ 50 ms of CPU in a new process).
 */
function firstClinicalDocument(parent: Node): Element | undefined {
  for (let c = parent.firstChild; c; c = c.nextSibling) {
    if (c.nodeType !== 1) continue;
    const el = c as Element;
    if (el.namespaceURI === HL7 && el.localName === 'ClinicalDocument') return el;
    const inside = firstClinicalDocument(el);
    if (inside) return inside;
  }
  return undefined;
}

function detectVolet(doc: Document | undefined, xml: string): Volet | undefined {
  if (doc) {
    const cda = clinicalDocument(doc);
    if (!cda) return undefined;
    const roots: string[] = [];
    for (let c = cda.firstChild; c; c = c.nextSibling) {
      const el = c as Element;
      if (c.nodeType === 1 && el.namespaceURI === HL7 && el.localName === 'templateId') roots.push(el.getAttribute('root') ?? '');
    }
    return voletFromTemplateIds(roots);
  }
  // Not well-formed: the templateIds can still tell which volet was meant.
  return voletFromTemplateIds([...xml.matchAll(/templateId\s+root\s*=\s*["']([^"']+)["']/g)].map((m) => m[1] as string));
}

function issueFromFinding(f: { location: string; message: string; pattern: string; test: string; context: string; kind: 'assert' | 'report'; role: string | undefined }): LayerIssue {
  return { location: f.location, message: f.message, pattern: f.pattern, test: f.test, context: f.context, kind: f.kind, role: f.role, line: undefined };
}

function splitByRole(issues: LayerIssue[]): { errors: LayerIssue[]; warnings: LayerIssue[] } {
  const errors: LayerIssue[] = [];
  const warnings: LayerIssue[] = [];
  for (const issue of issues) (issue.role && NON_BLOCKING_ROLES.has(issue.role.toLowerCase()) ? warnings : errors).push(issue);
  return { errors, warnings };
}

export function createValidator(options: ValidatorOptions): Validator {
  const { loader, store, xpathStore, planStore } = options;
  const xsdElsewhere = options.xsdValidator;
  const resources = new ResourceCache(loader);
  const runners = new Map<string, Promise<SchematronRunner>>();
  let xsd: Promise<XsdValidator> | undefined;

  const runner = (layer: LayerDefinition) => {
    let r = runners.get(layer.path);
    if (!r) {
      r = loadCompiledSchema(loader, layer.path, store).then(async (schema) => {
        const [xpaths, plans] = await Promise.all([
          xpathStore ? StoredXPaths.open(xpathStore, layer.path, schema.namespaces) : undefined,
          planStore ? StoredPlans.open(planStore, layer.path, schema.namespaces) : undefined,
        ]);
        return new SchematronRunner(schema, resources, xpaths, plans);
      });
      // A failed compilation is reported for this call and retried next time.
      r.catch(() => runners.delete(layer.path));
      runners.set(layer.path, r);
    }
    return r;
  };
  const xsdValidator = () => {
    if (!xsd) {
      xsd = xsdElsewhere ? xsdElsewhere() : import('./xsd.js').then(({ createXsdValidator }) => createXsdValidator(loader, GENERIC_LAYERS[0].path));
      xsd.catch(() => (xsd = undefined));
    }
    return xsd;
  };

  async function parse(text: string): Promise<Document | undefined> {
    try {
      return await SaxonJS.getResource({ text, type: 'xml' });
    } catch {
      return undefined; // the xsd layer reports why, with a line number
    }
  }

  async function schematronLayer(layer: LayerDefinition, index: DocumentIndex | undefined): Promise<LayerResult> {
    const start = performance.now();
    if (!index) {
      const issue: LayerIssue = { location: '/', message: 'The document is not well-formed XML: this layer was not evaluated (see the xsd layer).', pattern: '', test: '', context: '', kind: 'xsd', role: undefined, line: undefined };
      return { layer: layer.name, valid: false, errors: [issue], warnings: [], engineErrors: [], durationMs: performance.now() - start };
    }
    let engineErrors: EngineError[] = [];
    let issues: LayerIssue[] = [];
    try {
      const result = await (await runner(layer)).run(index);
      issues = result.findings.map(issueFromFinding);
      engineErrors = result.engineErrors;
    } catch (error) {
      engineErrors = [{ message: `${layer.path}: ${(error as Error).message}` }];
    }
    const { errors, warnings } = splitByRole(issues);
    return { layer: layer.name, valid: errors.length === 0 && engineErrors.length === 0, errors, warnings, engineErrors, durationMs: performance.now() - start };
  }

  async function xsdLayer(doc: { name: string; text: string }): Promise<LayerResult> {
    const start = performance.now();
    try {
      const issues = await (await xsdValidator()).validate(doc.text, doc.name);
      const errors = issues.map((i): LayerIssue => ({ location: i.location, message: i.message, pattern: '', test: '', context: '', kind: 'xsd', role: undefined, line: i.line }));
      return { layer: 'xsd', valid: errors.length === 0, errors, warnings: [], engineErrors: [], durationMs: performance.now() - start };
    } catch (error) {
      return { layer: 'xsd', valid: false, errors: [], warnings: [], engineErrors: [{ message: (error as Error).message }], durationMs: performance.now() - start };
    }
  }

  async function validateOne(doc: { name: string; text: string; volet?: Volet }, only: ReadonlySet<LayerSlot> | undefined): Promise<ValidationResult> {
    const wants = (layer: LayerDefinition) => !only || only.has(slotOf(layer));
    // On another thread the XML schema layer runs meanwhile (it needs neither the volet nor the tree).
    const early = xsdElsewhere && wants(GENERIC_LAYERS[0]) ? xsdLayer(doc) : undefined; // never rejects
    // A partial validation without schematron layers (the XSD on its own worker) needs no tree;
    // its volet is only a hint, the verdict takes the volet of the part that parsed the document.
    const needsTree = !only || [...only].some((slot) => slot !== 'xsd');
    // The generic layers' compiled rules, XPath and plans are read from disk meanwhile (each read
    // otherwise left this thread idle in turn); a failed load is reported, and retried, when the
    // layer runs.
    if (needsTree) for (const layer of GENERIC_LAYERS) if (layer.kind === 'schematron' && wants(layer)) runner(layer).catch(() => undefined);
    const parsed = needsTree ? await parse(doc.text) : undefined;
    const volet = doc.volet ?? detectVolet(parsed, doc.text) ?? (needsTree ? undefined : 'pps');
    if (!volet) {
      throw new VoletNotDetectedError(`${doc.name}: not a CANCER-PPS_2022.01 (templateId ${VOLET_LAYERS.pps.templateId}) nor a CANCER-FRCP_2022.01 (templateId ${VOLET_LAYERS.frcp.templateId}) document; give the volet explicitly`);
    }
    const selected = layersFor(volet).filter(wants);
    const index = parsed && selected.some((l) => l.kind === 'schematron') ? new DocumentIndex(parsed) : undefined;
    // The schematron layers run in turn here; the XML schema layer's result, when it runs on
    // another thread, is awaited only after them (awaiting it first left this thread idle until
    // that thread had compiled the schema: 0.1–0.2 s of a one-document command). Kit order kept.
    const results = new Map<LayerDefinition, LayerResult>();
    for (const layer of selected) if (!(early && layer.kind === 'xsd')) results.set(layer, layer.kind === 'xsd' ? await xsdLayer(doc) : await schematronLayer(layer, index));
    const layers: LayerResult[] = [];
    for (const layer of selected) layers.push(results.get(layer) ?? (await (early as Promise<LayerResult>)));
    return { volet, valid: layers.every((l) => l.valid), layers };
  }

  async function validateMany(docs: ReadonlyArray<{ name: string; text: string; volet?: Volet }>): Promise<ValidationResult[]> {
    const results: ValidationResult[] = [];
    for (const doc of docs) results.push(await validateOne(doc, undefined));
    return results;
  }

  return {
    async validate(xml, opts = {}) {
      const only = opts.layers ? new Set(opts.layers) : undefined;
      return validateOne({ name: opts.name ?? 'document.xml', text: xml, ...(opts.volet ? { volet: opts.volet } : {}) }, only);
    },
    validateMany,
    async warmUp(volets = ['pps', 'frcp']) {
      await xsdValidator();
      const seen = new Set<string>();
      for (const volet of volets) {
        for (const layer of layersFor(volet)) {
          if (layer.kind === 'schematron' && !seen.has(layer.path)) {
            seen.add(layer.path);
            await runner(layer);
          }
        }
      }
    },
    dispose() {
      const pending = xsd;
      xsd = undefined;
      void pending?.then((v) => v.dispose(), () => undefined);
    },
  };
}
