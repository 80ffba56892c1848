// The identity lifecycle of a patient (identity-auth.md §1.5): INSi search and vérification
// (§1.9) and the identity document seen by a professional move the status between provisional,
// recovered, validated and qualified; each transition is stored with who and when, and audited.
import { checkInsOid, hasInsTraitErrors, type InsTraitFinding } from '@dcc-kit/cda/identity';
import { InsiError, type InsiIdentity, type InsiTraits } from '@dcc-kit/ins';
import { HttpProblem, issue, problems, type ProblemIssue } from '../http.js';
import type { IdentityDocumentKind, IdentityRepository, PatientIdentity } from '../store/identity-repository.js';
import type { Actor, Patient } from '../store/records.js';
import type { InsiPort } from '../identity/insi-port.js';
import { unwrap } from './write-result.js';
import { TRAITS_ERROR, findingsOf, identityChanged, insContradictsTraits, insiName, statusOf, whyNotSubmittable, type Reason } from './identity-rules.js';

export interface IdentityFinding { field: string; severity: 'error' | 'warning'; code: string; fr: string; en: string }

/** The identity resource (GET /patients/{id}/identity). */
export interface IdentityState {
  patientId: string;
  version: number;
  status: Patient['identityStatus'];
  insi?: PatientIdentity['insi'];
  document?: PatientIdentity['document'];
  findings: IdentityFinding[];
  submittable: boolean;
  reason?: Reason;
}

export interface InsiCandidate {
  ins: { value: string; oid: string };
  history: Array<{ value: string; oid: string }>;
  traits: Patient['traits'];
  keyValid: boolean;
  findings: IdentityFinding[];
}

const finding = (f: InsTraitFinding): IdentityFinding => ({ field: f.field, severity: f.severity, code: f.code, fr: f.message.fr, en: f.message.en });

export function identityState(p: PatientIdentity): IdentityState {
  const reason = whyNotSubmittable(p.patient);
  return {
    patientId: p.patient.id,
    version: p.patient.version,
    status: p.patient.identityStatus,
    ...(p.insi ? { insi: p.insi } : {}),
    ...(p.document ? { document: p.document } : {}),
    findings: findingsOf(p.patient).map(finding),
    submittable: reason === undefined,
    ...(reason ? { reason } : {}),
  };
}

/** The two criteria as they stand: recorded evidence, or a status set before the lifecycle (migration, host). */
const hasInsi = (p: PatientIdentity): boolean => !!p.insi || p.patient.identityStatus === 'recovered' || p.patient.identityStatus === 'qualified';
const hasDocument = (p: PatientIdentity): boolean => !!p.document || p.patient.identityStatus === 'validated' || p.patient.identityStatus === 'qualified';

function traitsProblem(patient: Patient): HttpProblem {
  const errors: ProblemIssue[] = findingsOf(patient)
    .filter((f) => f.severity === 'error')
    .map((f) => ({ path: `traits.${f.field}`, code: f.code, message: f.message }));
  return problems.unprocessable(TRAITS_ERROR.code, TRAITS_ERROR.en, errors);
}

/** An INSi failure as the caller's problem: 503 (retry later), 502 (INSi refused or answered nonsense), 422 (traits INSi cannot take). */
function insiProblem(error: unknown): never {
  if (!(error instanceof InsiError)) throw error;
  const detail = [issue(error.location ?? '', error.code, error.messageFr, error.messageEn)];
  if (error.kind === 'unavailable') throw new HttpProblem(503, 'insi-unavailable', 'INSi indisponible', error.messageEn, detail, { 'retry-after': '30' });
  if (error.kind === 'invalid-request') throw problems.unprocessable('insi-invalid-traits', 'The traits cannot be sent to INSi as they are.', detail);
  if (error.kind === 'fault') throw new HttpProblem(502, 'insi-refused', 'INSi a refusé la demande', error.messageEn, detail);
  throw new HttpProblem(502, 'insi-invalid-response', 'Réponse INSi illisible', error.messageEn, detail);
}

export class IdentityService {
  constructor(
    private readonly identities: IdentityRepository,
    private readonly config: { allowTestIdentities: boolean; insi?: InsiPort },
  ) {}

  private async current(id: string | undefined, structures: readonly string[], expected?: number): Promise<PatientIdentity> {
    const found = id ? await this.identities.get(id, structures) : undefined;
    if (!found) throw problems.notFound('Patient');
    if (expected !== undefined && found.patient.version !== expected) throw problems.preconditionFailed();
    return found;
  }

  private port(): InsiPort {
    if (!this.config.insi) throw new HttpProblem(503, 'insi-not-configured', 'INSi non configuré', 'No INSi service is configured on this server (DCC_INSI_URL).');
    return this.config.insi;
  }

  async state(id: string | undefined, structures: readonly string[]): Promise<IdentityState> {
    return identityState(await this.current(id, structures));
  }

  /** The patient's traits in INSi's form (upper case, no diacritics); the sex must be known. */
  private insiTraits(patient: Patient): InsiTraits {
    const { traits } = patient;
    if (traits.sex === 'U')
      throw problems.unprocessable('insi-invalid-traits', 'INSi needs the sex (M or F).', [issue('traits.sex', 'insi.sex', "INSi demande le sexe (M ou F) : il est inconnu pour ce patient.", 'INSi needs the sex (M or F): it is unknown for this patient.')]);
    return {
      birthName: insiName(traits.birthName),
      firstNames: traits.firstNames.map(insiName),
      sex: traits.sex,
      birthDate: traits.birthDate,
      ...(traits.birthPlaceCode ? { birthPlaceCode: traits.birthPlaceCode } : {}),
    };
  }

  /**
   * rechercher: one identity found whose key and traits hold is applied — INS and strict traits
   * from INSi (§1.6) — and gives the INSi criterion; the document criterion stays only if the
   * traits did not change. Several, none or an unusable answer change nothing (the call is audited).
   */
  async searchInsi(id: string | undefined, expected: number, actor: Actor) {
    const cur = await this.current(id, actor.structures, expected);
    const insi = this.port();
    const result = await insi.search(this.insiTraits(cur.patient)).catch(insiProblem);
    const base = { code: result.code, attempts: result.attempts };
    if (result.outcome !== 'found') {
      await this.identities.recordCall(cur.patient, `patient.identity.insi-search.${result.outcome}`, actor);
      return { outcome: result.outcome, ...base, identity: identityState(cur) };
    }
    const candidate = candidateOf(result.identity);
    const oidIssue = checkInsOid(candidate.ins.oid, { allowTestOids: this.config.allowTestIdentities });
    if (!candidate.keyValid || oidIssue || hasInsTraitErrors(result.identity.findings)) {
      await this.identities.recordCall(cur.patient, 'patient.identity.insi-search.unusable', actor);
      return { outcome: 'unusable' as const, ...base, candidate, identity: identityState(cur) };
    }
    const changed = identityChanged(cur.patient, candidate);
    const keepDocument = !changed && hasDocument(cur);
    const after = unwrap(
      await this.identities.apply(cur.patient.id, expected, {
        status: statusOf(true, keepDocument),
        insi: { by: actor.idNatPs, operation: 'search' },
        ...(keepDocument && cur.document ? {} : { document: null }),
        ins: { value: candidate.ins.value, oid: candidate.ins.oid },
        traits: candidate.traits,
        action: 'patient.identity.insi-search.found',
      }, actor),
      'Patient',
    );
    return { outcome: 'found' as const, ...base, candidate, identity: identityState(after) };
  }

  /** vérifier: OK gives (or renews) the INSi criterion; KO removes it (the identity goes to the work list). */
  async verifyInsi(id: string | undefined, expected: number, actor: Actor) {
    const cur = await this.current(id, actor.structures, expected);
    if (insContradictsTraits(cur.patient)) throw traitsProblem(cur.patient);
    const insi = this.port();
    const result = await insi.verify(cur.patient.ins, this.insiTraits(cur.patient)).catch(insiProblem);
    const ok = result.outcome === 'ok';
    const after = unwrap(
      await this.identities.apply(cur.patient.id, expected, {
        status: statusOf(ok, hasDocument(cur)),
        insi: ok ? { by: actor.idNatPs, operation: 'verify' } : null,
        action: `patient.identity.insi-verify.${result.outcome}`,
      }, actor),
      'Patient',
    );
    return { outcome: result.outcome, ...(result.outcome === 'ko' ? { mismatches: result.mismatches } : {}), identity: identityState(after) };
  }

  /** The calling professional saw a high-trust identity document matching the traits. */
  async validateDocument(id: string | undefined, expected: number, kind: IdentityDocumentKind, actor: Actor): Promise<IdentityState> {
    const cur = await this.current(id, actor.structures, expected);
    if (insContradictsTraits(cur.patient)) throw traitsProblem(cur.patient);
    const after = unwrap(
      await this.identities.apply(cur.patient.id, expected, {
        status: statusOf(hasInsi(cur), true),
        document: { by: actor.idNatPs, kind },
        action: 'patient.identity.document-checked',
      }, actor),
      'Patient',
    );
    return identityState(after);
  }
}

function candidateOf(identity: InsiIdentity): InsiCandidate {
  const { traits } = identity;
  return {
    ins: { value: identity.ins.value, oid: identity.ins.oid },
    history: identity.history.map((h) => ({ value: h.value, oid: h.oid })),
    traits: { birthName: traits.birthName, firstNames: traits.firstNames, birthDate: traits.birthDate, sex: traits.sex, ...(traits.birthPlaceCode ? { birthPlaceCode: traits.birthPlaceCode } : {}) },
    keyValid: identity.keyValid,
    findings: identity.findings.map(finding),
  };
}
