// Document rules of the server: the loose check of a draft on save, the full check at
// /validate (model → CDA → the kit's seven layers) and the signature (the logged-in
// professional becomes legal authenticator, the CDA is rebuilt and checked again).
import { randomUUID } from 'node:crypto';
import { buildWithModel, documentIdRoot, validateFrcp, validatePps, xdsUniqueId, type BuildContext, type ModelIssue } from '@dcc-kit/cda';
import type { LayerSlot, Validator } from '@dcc-kit/conformance';
// The pool alone: the engine (SaxonJS, about 75 MiB resident per thread) loads in its workers,
// never in this thread, unless the engine is asked to run here (workers: 0).
import { createValidatorPool, type ValidatorPool } from '@dcc-kit/conformance/pool';
import { HttpProblem, type ProblemIssue } from '../http.js';
import { MAX_ISSUES } from '../validation/ajv-issues.js';
import type { Activity, Professional } from '../auth/professional.js';
import type { DocumentType, Patient, ValidationSummary } from '../store/records.js';
import type { CdaHeader } from '../store/documents-repository.js';
import { patientFromApi } from '@dcc-kit/cda/identity';
import { issueWhere } from '@dcc-kit/cda/labels';

/**
 * Issue codes that refuse a draft on save: what is not a document of this kind at all (a field
 * the model does not have, a field of the wrong JSON type). Nothing typed may be lost, so
 * everything else a clinician can type — missing parts, a value outside its list, a partial or
 * mistyped date, a pasted control character, a text too long, too many items, a value out of
 * range, the semantic and plausibility rules — is saved and answered as a warning; /validate
 * and /sign refuse it until it is mended.
 */
const DRAFT_REFUSING = new Set(['unknown-field', 'type']);

/** A draft on save: what refuses it (400 with model paths) and what /validate will refuse (warnings). */
export interface DraftCheck {
  refused: ProblemIssue[];
  warnings: ProblemIssue[];
}

// Bounded like the schema issues: a hostile model must not make a megabyte-sized answer.
const prefixed = (type: DocumentType, issues: readonly ModelIssue[]): ProblemIssue[] =>
  issues.slice(0, MAX_ISSUES).map((i) => ({
    path: i.path ? `model.${i.path}` : 'model',
    code: i.code,
    message: i.message,
    ...(i.path ? { where: { fr: issueWhere(type, i.path, 'fr'), en: issueWhere(type, i.path, 'en') } } : {}),
  }));

export function checkDraft(type: DocumentType, model: unknown, options: { allowTestIdentities?: boolean } = {}): DraftCheck {
  const result = (type === 'pps' ? validatePps : validateFrcp)(model, serverContext(new Date(), options.allowTestIdentities));
  if (result.ok) return { refused: [], warnings: [] };
  // A missing part is also reported as "wrong type" at the same path: it is missing, not of the wrong type.
  const missing = result.issues.filter((i) => i.code === 'required').map((i) => i.path);
  const underMissing = (path: string) => missing.some((m) => path === m || path.startsWith(`${m}.`) || path.startsWith(`${m}[`));
  const refusing = (i: ModelIssue) => DRAFT_REFUSING.has(i.code) && !underMissing(i.path);
  return {
    refused: prefixed(type, result.issues.filter(refusing)),
    warnings: prefixed(type, result.issues.filter((i) => !refusing(i) && !(i.code === 'type' && underMissing(i.path)))),
  };
}

/** What refuses a draft on save (see checkDraft). */
export const draftIssues = (type: DocumentType, model: unknown, options: { allowTestIdentities?: boolean } = {}): ProblemIssue[] => checkDraft(type, model, options).refused;

/** Server build context: server clock, fresh UUIDs, test identities only when allowed (configuration). */
export function serverContext(now = new Date(), allowTestIdentities = true): BuildContext {
  return { now: () => now, newId: () => randomUUID(), allowTestIdentities };
}

/** An instant as the model wants it (seconds, offset Z, no milliseconds). */
export const modelInstant = (d: Date): string => `${d.toISOString().slice(0, 19)}Z`;

/** `root` or `root^extension` ↔ the model's InstanceId. */
export function setIdToInstance(setId: string): { root: string; extension?: string } {
  const [root, extension] = setId.split('^');
  return extension ? { root: root!, extension } : { root: root! };
}

/**
 * The model's setId as the CDA writes it: a UUID root in its `2.25.` OID form (the builder's
 * rule, one function: documentIdRoot of @dcc-kit/cda).
 */
export function setIdFromModel(model: unknown): string | undefined {
  const setId = (model as { document?: { setId?: { root?: unknown; extension?: unknown } } })?.document?.setId;
  if (!setId || typeof setId.root !== 'string') return undefined;
  const root = documentIdRoot(setId.root);
  return typeof setId.extension === 'string' ? `${root}^${setId.extension}` : root;
}

/**
 * Where the model's patient block contradicts the patient resource (INS and strict traits, each
 * when the model has it: a missing one is reported by the model rules). A CDA naming someone
 * else than the INS it carries must not be signed.
 */
function patientMismatches(block: unknown, patient: Patient): ProblemIssue[] {
  const p = (block ?? {}) as { ins?: { value?: unknown }; birthFamilyName?: unknown; birthGivenNames?: unknown; birthDate?: unknown; gender?: unknown };
  // What the model's patient block must say, through the one model <-> API patient mapping.
  const wanted = patientFromApi(patient);
  const expected: Array<[string, unknown, unknown, string, string]> = [
    ['ins.value', p.ins?.value, patient.ins.value, "L'INS du document n'est pas celui du patient.", "The document's INS is not the patient's."],
    ['birthFamilyName', p.birthFamilyName, wanted.birthFamilyName, "Le nom de naissance n'est pas celui du patient.", "The birth name is not the patient's."],
    ['birthGivenNames', p.birthGivenNames, wanted.birthGivenNames, "Les prénoms ne sont pas ceux du patient.", "The first names are not the patient's."],
    ['birthDate', p.birthDate, wanted.birthDate, "La date de naissance n'est pas celle du patient.", "The birth date is not the patient's."],
    ['gender', p.gender, wanted.gender, "Le sexe n'est pas celui du patient.", "The sex is not the patient's."],
  ];
  return expected
    .filter(([, actual, wanted]) => actual !== undefined && actual !== wanted)
    .map(([path, , , fr, en]) => ({ path: `model.patient.${path}`, code: 'patient-mismatch', message: { fr, en } }));
}

/** Seconds a client is asked to wait before retrying when the conformance engine failed. */
export const CONFORMANCE_RETRY_AFTER_S = 30;

/**
 * The conformance engine itself failed (could not start, threw, or could not evaluate a layer):
 * the server's problem, not the document's. 503 with a retryable type; `cause` (class and code
 * only) goes to the log line, never to the client.
 */
export function conformanceUnavailable(cause: unknown): HttpProblem {
  const problem = new HttpProblem(503, 'conformance-unavailable', 'Contrôle de conformité indisponible', 'The conformance engine failed; the document was not judged. Retry later.', undefined, {
    'retry-after': String(CONFORMANCE_RETRY_AFTER_S),
  });
  problem.cause = cause;
  return problem;
}

/** What an engine error of a layer is logged as (its class, and its layer as code). */
export class ConformanceEngineError extends Error {
  override name = 'ConformanceEngineError';
  constructor(readonly code: string) {
    super('A conformance layer could not be evaluated.');
  }
}

export type CheckOutcome =
  | { ok: true; xml: string; validation: ValidationSummary; header: CdaHeader }
  | { ok: false; issues: ProblemIssue[]; validation?: ValidationSummary };

export interface DocumentCheckerOptions {
  readonly kitDir?: string;
  /**
   * Worker threads of the conformance engine (DCC_CONFORMANCE_WORKERS in `main.ts`, default
   * min(2, cores) there): documents are judged side by side, and one document alone has its
   * layers split over idle workers. 0 (the default of this class, for tests): in this thread.
   */
  readonly workers?: number;
  /**
   * Each worker's JavaScript heap limit in MB (DCC_CONFORMANCE_WORKER_HEAP_MB in `main.ts`,
   * default DEFAULT_WORKER_HEAP_MB there; undefined: V8's own, which lets a worker's heap grow
   * to several times what it holds).
   */
  readonly workerHeapMb?: number;
}

/**
 * The workers' heap limit `main.ts` uses by default: a warm worker holds about 100 MB; at 256 MB
 * the server's peak under 8 signers dropped by about 150 MiB (2 workers) for about a fifth more
 * CPU per verdict spent collecting garbage (measured under load; 128 MB doubled the CPU).
 */
export const DEFAULT_WORKER_HEAP_MB = 256;

/**
 * The layers one worker only runs (the pool's soleLayers), held once instead of per worker: the
 * terminologie layer keeps the kit's terminologies it opens (about 45 MB of heap once both
 * volets have been seen) on the first worker, the XML schema layer its compiled schema (about
 * 30 MiB, WebAssembly memory) on the second. A document the second worker takes pays one more
 * parse for its terminologie layer (see the server README).
 */
export const SOLE_LAYERS: readonly LayerSlot[] = ['terminologie', 'xsd'];

/** A validator loaded on first use (the engine's modules are imported only then). */
function inThisThread(load: () => Promise<Validator>): Validator {
  let loaded: Promise<Validator> | undefined;
  const engine = () => (loaded ??= load());
  return {
    validate: async (xml, options) => (await engine()).validate(xml, options),
    validateMany: async (docs) => (await engine()).validateMany(docs),
    warmUp: async (volets) => (await engine()).warmUp(volets),
    dispose: () => void loaded?.then((v) => v.dispose(), () => undefined),
  };
}

export class DocumentChecker {
  private validator: Validator | ValidatorPool | undefined;

  constructor(private readonly options: DocumentCheckerOptions = {}) {}

  /** One conformance engine per process, created on first use (compiling the kit is slow), warm for the process's life. */
  conformance(): Validator {
    const kit = this.options.kitDir ? { kitDir: this.options.kitDir } : {};
    const workers = this.options.workers ?? 0;
    this.validator ??= workers > 0 ? createValidatorPool({ ...kit, size: workers, soleLayers: SOLE_LAYERS, ...(this.options.workerHeapMb ? { maxHeapMb: this.options.workerHeapMb } : {}) }) : inThisThread(() => import('@dcc-kit/conformance/node').then((m) => m.createNodeValidator(kit)));
    return this.validator;
  }

  /** Ends the engine's workers and frees its compiled schema; a later check starts a new engine. */
  async close(): Promise<void> {
    const validator = this.validator;
    this.validator = undefined;
    if (validator && 'close' in validator) await validator.close();
    else validator?.dispose();
  }

  /**
   * The model as built by the server: the document's setId when the model has none, and
   * the patient block must name the patient resource (INS and the strict traits it has).
   */
  prepare(model: unknown, setId: string, patient: Patient, signer?: { professional: Professional; activity?: Activity; at: Date }): { model: unknown; issues: ProblemIssue[] } {
    const copy = structuredClone(model) as Record<string, unknown>;
    const issues: ProblemIssue[] = [];
    if (copy && typeof copy === 'object' && !Array.isArray(copy)) {
      const header = (copy.document ?? {}) as Record<string, unknown>;
      if (typeof header === 'object' && header && !header.setId) copy.document = { ...header, setId: setIdToInstance(setId) };
      issues.push(...patientMismatches(copy.patient, patient));
      if (signer) {
        const p = signer.professional;
        copy.legalAuthenticator = {
          professional: {
            idNatPs: p.idNatPs,
            name: { family: p.familyName ?? p.idNatPs, ...(p.givenName ? { given: p.givenName } : {}) },
            ...(signer.activity && signer.activity.structureIdType !== 'TECHNICAL'
              ? {
                  organization: {
                    idNatStruct: `${signer.activity.structureIdType === 'FINESS' ? '1' : '3'}${signer.activity.structureId}`,
                    ...(signer.activity.structureName ? { name: signer.activity.structureName } : {}),
                  },
                }
              : {}),
          },
          time: modelInstant(signer.at),
        };
      }
    }
    return { model: copy, issues };
  }

  /** Full check: model rules, CDA build, the seven layers. */
  async check(type: DocumentType, model: unknown, now = new Date(), allowTestIdentities = true): Promise<CheckOutcome> {
    const context = serverContext(now, allowTestIdentities);
    const result = (type === 'pps' ? validatePps : validateFrcp)(model, context);
    if (!result.ok) return { ok: false, issues: prefixed(type, result.issues) };
    const { xml, document } = buildWithModel(type, model, context);
    const built = document.document!;
    const header: CdaHeader = { documentId: xdsUniqueId(built.id!), setId: xdsUniqueId(built.setId!), versionNumber: built.versionNumber ?? 1 };
    let verdict: Awaited<ReturnType<Validator['validate']>>;
    try {
      verdict = await this.conformance().validate(xml, { volet: type, name: `${type}.xml` });
    } catch (error) {
      throw conformanceUnavailable(error);
    }
    // A layer the engine could not evaluate leaves the document unjudged: retryable, not invalid.
    const broken = verdict.layers.find((l) => l.engineErrors.length > 0);
    if (broken) throw conformanceUnavailable(new ConformanceEngineError(String(broken.layer).toUpperCase().replace(/[^A-Z0-9_]/g, '_').slice(0, 40)));
    const validation: ValidationSummary = {
      valid: verdict.valid,
      layers: verdict.layers.map((l) => ({ layer: l.layer, valid: l.valid, errorCount: l.errors.length, warningCount: l.warnings.length })),
      checkedAt: now.toISOString(),
    };
    if (verdict.valid) return { ok: true, xml, validation, header };
    const issues: ProblemIssue[] = [];
    for (const layer of verdict.layers) {
      for (const e of layer.errors)
        issues.push({ path: 'model', code: 'conformance', layer: layer.layer, location: e.location, message: { fr: e.message, en: e.message } });
    }
    return { ok: false, issues: issues.slice(0, 200), validation };
  }
}
