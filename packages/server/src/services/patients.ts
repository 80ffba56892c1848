// Patient rules: a real birth date, a valid INS (key and assigning authority) consistent with the
// strict traits, a structure of the caller's, and a structure that never changes once documents may depend on it.
import { checkInsMatricule, checkInsOid } from '@dcc-kit/cda/identity';
import { issue, problems, type ProblemIssue } from '../http.js';
import type { PatientRepository } from '../store/patients-repository.js';
import type { InTransaction } from '../store/driver.js';
import type { Actor, Page, Patient, PatientInput } from '../store/records.js';
import type { PageQuery } from '../middleware/paging.js';
import { unwrap } from './write-result.js';
import { findingsOf, identityChanged } from './identity-rules.js';

/** What POST/PUT /patients take: the identity status is optional (it follows the lifecycle). */
export type PatientRequest = Omit<PatientInput, 'identityStatus'> & { identityStatus?: PatientInput['identityStatus'] };

const statusNotSettable = (path: string) =>
  issue(
    path,
    'identity-status-lifecycle',
    "Le statut de l'identité ne se saisit pas : il résulte de la recherche ou de la vérification INSi et du contrôle d'une pièce d'identité (/patients/{id}/identity).",
    'The identity status cannot be set: it follows from the INSi search or vérification and the check of an identity document (/patients/{id}/identity).',
  );

/** YYYY-MM-DD of a real past day since 1850 (older is a typo); 00 stands for an unknown month or day (INS traits). */
export function isBirthDate(value: string, today = new Date()): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1850 || month > 12 || (month === 0 && day !== 0)) return false;
  const daysInMonth = month === 0 ? 31 : new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return false;
  const earliest = `${m[1]}-${month === 0 ? '01' : m[2]}-${day === 0 ? '01' : m[3]}`;
  return earliest <= today.toISOString().slice(0, 10);
}

export class PatientService {
  constructor(
    private readonly patients: PatientRepository,
    /** statusFromHost: the caller's identityStatus is taken (the host's identity server is the authority). */
    private readonly config: { allowTestIdentities: boolean; statusFromHost?: boolean },
  ) {}

  /** Every rule the input breaks (422 issues). */
  issues(input: PatientRequest, actor: Actor): ProblemIssue[] {
    const issues: ProblemIssue[] = [];
    if (!isBirthDate(input.traits.birthDate))
      issues.push(issue('traits.birthDate', 'birth-date', 'Date de naissance impossible ou future.', 'Impossible or future birth date.'));
    const key = checkInsMatricule(input.ins.value);
    if (key) issues.push({ path: 'ins.value', code: key.code, message: key.message });
    const oid = checkInsOid(input.ins.oid, { allowTestOids: this.config.allowTestIdentities });
    if (oid) issues.push({ path: 'ins.oid', code: oid.code, message: oid.message });
    // The INS against the strict traits (@dcc-kit/cda/identity, as the model checker does): a
    // certain difference refuses the identity; warnings stay on GET /patients/{id}/identity.
    // One message per problem: a matricule or a date already refused is not compared.
    const reported = new Set(issues.map((i) => i.path));
    if (!reported.has('ins.value'))
      for (const f of findingsOf(input)) {
        const path = `traits.${f.field}`;
        if (f.severity === 'error' && !reported.has(path)) issues.push({ path, code: f.code, message: f.message });
      }
    if (!actor.structures.includes(input.structureId))
      issues.push(issue('structureId', 'not-your-structure', "Cette structure n'est pas une de vos activités.", 'This structure is not one of your activities.'));
    return issues;
  }

  /** A new patient is provisional (§1.5), unless the host's status is taken. `then`: in the creation's transaction. */
  async create(input: PatientRequest, actor: Actor, then?: InTransaction<Patient>): Promise<Patient> {
    const issues = this.issues(input, actor);
    if (!this.config.statusFromHost && input.identityStatus !== undefined && input.identityStatus !== 'provisional') issues.push(statusNotSettable('identityStatus'));
    if (issues.length) throw problems.unprocessable('invalid-patient', 'The patient identity is not valid.', issues);
    const identityStatus = this.config.statusFromHost ? (input.identityStatus ?? 'provisional') : 'provisional';
    return unwrap(await this.patients.create({ ...input, identityStatus }, actor, then), 'Patient');
  }

  list(structures: readonly string[], filter: { ins?: string }, paging: PageQuery): Promise<Page<Patient>> {
    return this.patients.list({ structures, ...(filter.ins ? { ins: filter.ins } : {}), limit: paging.limit, after: paging.after });
  }

  /** The patient, if `id` names one of the caller's structures; else 404. */
  async get(id: string | undefined, structures: readonly string[]): Promise<Patient> {
    const patient = id ? await this.patients.get(id, structures) : undefined;
    if (!patient) throw problems.notFound('Patient');
    return patient;
  }

  /**
   * A change of the INS or of a strict trait sends the identity back to provisional and clears
   * both criteria (§1.5); otherwise the status stays (the caller may repeat it, not change it).
   */
  async update(id: string | undefined, expected: number, input: PatientRequest, actor: Actor): Promise<Patient> {
    const current = await this.get(id, actor.structures);
    const issues = this.issues(input, actor);
    const changed = identityChanged(current, input);
    if (!this.config.statusFromHost && input.identityStatus !== undefined && input.identityStatus !== current.identityStatus) issues.push(statusNotSettable('identityStatus'));
    const identityStatus = this.config.statusFromHost && input.identityStatus !== undefined ? input.identityStatus : changed ? 'provisional' : current.identityStatus;
    // Documents take their structure from the patient when created: moving the patient would
    // leave them visible to the old structure and orphaned for the new one.
    if (input.structureId !== current.structureId)
      issues.push(issue('structureId', 'immutable', 'La structure du patient ne peut pas changer.', "The patient's structure cannot change."));
    if (issues.length) throw problems.unprocessable('invalid-patient', 'The patient identity is not valid.', issues);
    return unwrap(await this.patients.update(current.id, expected, { ...input, identityStatus }, actor, { resetIdentity: changed }), 'Patient');
  }
}
