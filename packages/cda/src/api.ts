// Public entry points: validate a build input, build the CDA XML, in one call each.
import type { TSchema } from '@sinclair/typebox';
import { Checker, resolveContext, type BuildContext } from './check/checker.js';
import { checkPps } from './check/pps.js';
import { checkFrcp } from './check/frcp.js';
import { writePps } from './build/pps.js';
import { writeFrcp } from './build/frcp.js';
import { BuildState } from './build/state.js';
import { StringXmlWriter, type XmlSink } from './xml/writer.js';
import { ModelValidationError, isUnderPath, type ModelIssue } from './issues.js';
import { PpsDocument } from './model/pps.js';
import { FrcpDocument } from './model/frcp.js';

export type Volet = 'pps' | 'frcp';

export type ValidationResult<T> =
  | { readonly ok: true; readonly document: T; readonly issues: readonly [] }
  | { readonly ok: false; readonly document?: undefined; readonly issues: readonly ModelIssue[] };

interface VoletDefinition<T> {
  schema: TSchema;
  check(c: Checker, doc: T): void;
  write(state: BuildState, doc: T): void;
}

const VOLETS = {
  pps: { schema: PpsDocument, check: checkPps, write: writePps } as VoletDefinition<PpsDocument>,
  frcp: { schema: FrcpDocument, check: checkFrcp, write: writeFrcp } as VoletDefinition<FrcpDocument>,
};

function validate<T>(volet: VoletDefinition<T>, input: unknown, context: BuildContext | undefined): ValidationResult<T> & { ctx: ReturnType<typeof resolveContext> } {
  const ctx = resolveContext(context);
  const c = new Checker(ctx);
  if (!c.structure(volet.schema, input)) return { ok: false, issues: withRuleIssues(volet, c, input), ctx };
  // The checker fills defaults in place: work on a copy, never on the caller's object.
  const doc = c.normalisedCopy(input as T);
  volet.check(c, doc);
  if (c.issues.length > 0) return { ok: false, issues: c.issues, ctx };
  return { ok: true, document: doc, issues: [], ctx };
}

/**
 * Every problem at once, not in waves: when the shape is wrong somewhere, the rules still run
 * on the rest (a copy; the rules expect a well-shaped model, so they stop quietly where the
 * shape fails them), and their findings outside the broken parts join the structural ones.
 */
function withRuleIssues<T>(volet: VoletDefinition<T>, structural: Checker, input: unknown): readonly ModelIssue[] {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return structural.issues;
  const rules = new Checker(structural.context);
  try {
    const doc = structuredClone(input) as T;
    rules.normalise(doc);
    volet.check(rules, doc);
  } catch {
    // A rule met a part of the wrong shape: that part is already reported.
  }
  const broken = structural.issues.map((i) => i.path);
  const extra = rules.issues.filter((i) => !broken.some((b) => isUnderPath(i.path, b) || isUnderPath(b, i.path)));
  return [...structural.issues, ...extra].slice(0, 200);
}

/**
 * Checks a PPS build input and returns it normalised (defaults filled, codings completed
 * from their value sets), or every problem found with its field path.
 */
export function validatePps(input: unknown, context?: BuildContext): ValidationResult<PpsDocument> {
  const { ctx: _ctx, ...result } = validate(VOLETS.pps, input, context);
  return result as ValidationResult<PpsDocument>;
}

export function validateFrcp(input: unknown, context?: BuildContext): ValidationResult<FrcpDocument> {
  const { ctx: _ctx, ...result } = validate(VOLETS.frcp, input, context);
  return result as ValidationResult<FrcpDocument>;
}

function build<T>(name: Volet, input: unknown, context: BuildContext | undefined, sink?: XmlSink): { xml: string; document: T } {
  const volet = VOLETS[name] as unknown as VoletDefinition<T>;
  const result = validate(volet, input, context);
  if (!result.ok) throw new ModelValidationError(name, result.issues);
  const writer = sink ?? new StringXmlWriter();
  volet.write(new BuildState(writer, result.ctx), result.document);
  return { xml: sink ? '' : writer.toString(), document: result.document };
}

/**
 * Builds a CANCER-PPS_2022.01 CDA document. Throws ModelValidationError (with every issue
 * and its field path) on an invalid input. Same input + same `now`/`newId` → same bytes.
 */
export function buildPps(input: unknown, context?: BuildContext): string {
  return build<PpsDocument>('pps', input, context).xml;
}

export function buildFrcp(input: unknown, context?: BuildContext): string {
  return build<FrcpDocument>('frcp', input, context).xml;
}

/** Builds and also returns the normalised model that was written (what a parser gives back). */
export function buildWithModel<V extends Volet>(
  volet: V,
  input: unknown,
  context?: BuildContext,
): { xml: string; document: V extends 'pps' ? PpsDocument : FrcpDocument } {
  return build(volet, input, context) as { xml: string; document: V extends 'pps' ? PpsDocument : FrcpDocument };
}

/** Writes the document into any XmlSink (e.g. an xmlbuilder2 DOM); returns the normalised model. */
export function buildInto<V extends Volet>(volet: V, input: unknown, sink: XmlSink, context?: BuildContext): V extends 'pps' ? PpsDocument : FrcpDocument {
  return build(volet, input, context, sink).document as V extends 'pps' ? PpsDocument : FrcpDocument;
}
