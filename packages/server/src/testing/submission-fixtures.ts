// Test fixtures of the submission queue (dist/testing is not published). A signed version is written straight through the repositories — the
// fast path of the queue's tests and of the crash test: signing through the seven layers takes
// ~2 s a version, and the queue does not care how the CDA was checked.
import { randomUUID } from 'node:crypto';
import type { Store } from '../store/store.js';
import type { Actor } from '../store/records.js';
import type { DmpPatientStatus, DmpPort, ProvideInput } from '../submissions/ports.js';

export const STRUCTURE = '492805973';
export const ACTOR: Actor = { idNatPs: '810002909371', structures: [STRUCTURE], requestId: 'test' };

let insCounter = 0;
/** A patient with a qualified identity (an INS of the test OID, unique per call). */
export async function qualifiedPatient(store: Store, structureId = STRUCTURE, actor = ACTOR): Promise<string> {
  insCounter += 1;
  const base = `2${String(Date.now() % 1e6).padStart(6, '0')}${String(insCounter).padStart(6, '0')}`.slice(0, 13);
  const key = String(97 - Number(BigInt(base) % 97n)).padStart(2, '0');
  const r = await store.patients.create(
    { ins: { value: `${base}${key}`, oid: '1.2.250.1.213.1.4.10' }, identityStatus: 'qualified', traits: { birthName: 'TEST', firstNames: ['ALEX'], birthDate: '1970-01-01', sex: 'F' }, structureId },
    actor,
  );
  if (!r.ok) throw new Error(`patient: ${r.reason}`);
  return r.value.id;
}

/** A document whose version 1 is signed with `cda` (default a small XML naming the set). */
export async function signedDocument(store: Store, patientId: string, setId: string, cda?: string, actor = ACTOR): Promise<{ id: string; version: number }> {
  const created = await store.documents.create({ patientId, type: 'pps', setId, model: {} }, actor);
  if (!created.ok) throw new Error('document');
  const signed = await store.documents.transition(
    created.value.id,
    1,
    created.value.version,
    { from: ['draft'], to: 'signed', action: 'document.sign', cda: cda ?? `<ClinicalDocument><setId root="${setId}"/><id root="2.25.${BigInt(`0x${randomUUID().replace(/-/g, '')}`)}"/></ClinicalDocument>`, signedBy: actor.idNatPs, signedAt: new Date() },
    actor,
  );
  if (!signed.ok) throw new Error('sign');
  return { id: created.value.id, version: signed.value.document.version };
}

/**
 * A test double of the DMP: an in-memory registry that is idempotent like the IHE registries
 * (same entryUUID re-sent → the same entry), records the order of submissions and replaces
 * (RPLC → the target Deprecated), and fails on demand. The queue's tests use it until the
 * simulator (@dcc-kit/dmp-simulator) is wired in; it is not a DMP.
 */
export class DmpDouble implements DmpPort {
  readonly entries = new Map<string, { entryUUID: string; cda: string; status: string; replaces?: string; visibility: string[] }>();
  readonly calls: string[] = [];
  status: DmpPatientStatus = { dmp: 'active', authorisation: 'VALIDE', medecinTraitant: false, mesAttached: true, canFeed: true };
  /** Failures to throw on the next provideAndRegister calls (a function may store the entry first: lost answer). */
  faults: Array<{ transient: boolean; code: string; afterStore?: boolean; location?: string; /** only for a CDA containing this text */ match?: string }> = [];
  latencyMs = 0;

  async patientStatus(): Promise<DmpPatientStatus> {
    return this.status;
  }

  async provideAndRegister(input: ProvideInput): Promise<{ entryUUID: string; uniqueId: string }> {
    if (this.latencyMs) await new Promise((r) => setTimeout(r, this.latencyMs));
    const cda = new TextDecoder().decode(input.cda);
    const at = this.faults.findIndex((f) => !f.match || cda.includes(f.match));
    const fault = at >= 0 ? this.faults.splice(at, 1)[0] : undefined;
    if (fault && !fault.afterStore) throw Object.assign(new Error(fault.code), { ...fault, messageFr: `Refus ${fault.code}`, messageEn: `Refused ${fault.code}` });
    this.calls.push(cda);
    const existing = this.entries.get(input.entryUUID);
    if (!existing) {
      if (input.replaces) {
        const target = this.entries.get(input.replaces.entryUUID);
        if (!target || target.status !== 'Approved') throw Object.assign(new Error('XDSRegistryError'), { transient: false, code: 'XDSRegistryError', location: 'RPLC' });
        target.status = 'Deprecated';
      }
      this.entries.set(input.entryUUID, { entryUUID: input.entryUUID, cda, status: 'Approved', visibility: [...input.visibility], ...(input.replaces ? { replaces: input.replaces.entryUUID } : {}) });
    }
    if (fault?.afterStore) throw Object.assign(new Error(fault.code), { ...fault });
    return { entryUUID: input.entryUUID, uniqueId: input.entryUUID };
  }

  async updateVisibility(input: { logicalId: string; visibility: readonly string[]; newEntryUUID: string }): Promise<void> {
    const e = this.entries.get(input.logicalId);
    if (!e) throw Object.assign(new Error('unknown'), { transient: false, code: 'XDSMetadataUpdateError' });
    // ITI-57: a new version of the entry (new entryUUID, same logicalId)
    e.visibility = [...input.visibility];
    e.entryUUID = input.newEntryUUID;
  }

  async updateStatus(input: { entryUUID: string; to: string }): Promise<void> {
    const e = [...this.entries.values()].find((x) => x.entryUUID === input.entryUUID);
    if (!e) throw Object.assign(new Error('unknown'), { transient: false, code: 'XDSMetadataUpdateError' });
    e.status = input.to;
  }
}

/** The patient of the ANS FRCP example: a §5.6 simulator fixture with an active DMP. */
export const ANS_PATIENT = { ins: '279035121518989', oid: '1.2.250.1.213.1.4.10', structureId: '750100125', signer: '801234567897' };

/**
 * The ANS FRCP example with another ClinicalDocument/id and setId (a new document), or as
 * version `version` replacing `replaces` (same setId, RPLC): distinct documents the simulator
 * accepts, made in microseconds instead of a signature through the seven layers.
 */
export function frcpVariant(kitExample: string, documentId: string, setId: string, version = 1, replaces?: string, authorFiness?: string): string {
  let xml = kitExample;
  // the author organisation (Struct_IdNat '1' + FINESS) of the acting structure, when it is not the example's
  if (authorFiness) xml = xml.replaceAll('extension="1750100125"', `extension="1${authorFiness}"`);
  xml = xml
    .replace('<id root="1.2.250.1.213.1.1.1.8.2022.1.1"/>', `<id root="${documentId}"/>`)
    .replace('<setId root="1.2.250.1.213.1.1.1.8.2022.1"/>', `<setId root="${setId}"/>`);
  if (version > 1)
    xml = xml
      .replace('<versionNumber value="1" />', `<versionNumber value="${version}" />`)
      .replace(/(\s*)<componentOf>/, `$1<relatedDocument typeCode="RPLC"><parentDocument><id root="${replaces}"/></parentDocument></relatedDocument>$1<componentOf>`);
  if (!xml.includes(documentId) || !xml.includes(setId)) throw new Error('frcpVariant: the ANS example changed shape');
  return xml;
}

/** A fresh `2.25.` OID. */
export const newOid = () => `2.25.${BigInt(`0x${randomUUID().replace(/-/g, '')}`)}`;

/** The ANS example's patient in the store, qualified, in the author's structure. */
export async function ansPatient(store: Store): Promise<string> {
  const actor: Actor = { idNatPs: ANS_PATIENT.signer, structures: [ANS_PATIENT.structureId], requestId: 'seed' };
  const r = await store.patients.create(
    { ins: { value: ANS_PATIENT.ins, oid: ANS_PATIENT.oid }, identityStatus: 'qualified', traits: { birthName: 'PAT-TROIS', firstNames: ['DOMINIQUE'], birthDate: '1979-03-28', sex: 'F' }, structureId: ANS_PATIENT.structureId },
    actor,
  );
  if (!r.ok) throw new Error(`patient: ${r.reason}`);
  return r.value.id;
}
