// Stage 6 of §5.3: DMP business rules for ITI-41 — visibility, secret connection, authorship
// (EX_2.1-1140), signature entry, uniqueness (with the §8 idempotent re-send), replacement (RPLC)
// and unchanged re-submission (EX_GEN-1060).
import { VISIBILITY_SCHEME } from './codes.js';
import { iiString, type CdaView } from './cda-read.js';
import { XDS } from '@dcc-kit/dmp/ebrim';
import { xcnId, xonId, type ParsedEntry, type ParsedSubmission } from './metadata-check.js';
import { problem, type Problem } from './refusals.js';
import type { DmpState, Entry, Patient } from './state.js';
import type { Vihf } from './vihf.js';
import { checkSignatureEntry } from './xades-check.js';
import { sha1Hex } from './coherence.js';

export function flagsOf(codes: { code: string; scheme: string }[]): string[] {
  return codes.filter((c) => c.scheme === VISIBILITY_SCHEME).map((c) => c.code);
}

/** Indirect modes act for a structure, the direct mode for a person (§2.6). */
export function isAuthorOf(vihf: Vihf, authors: { persons: string[]; structures: string[] }): boolean {
  return vihf.mode === 'DIRECTE' ? authors.persons.includes(vihf.nameId) : authors.structures.includes(vihf.structureId);
}

export function authorsOf(entry: ParsedEntry): { persons: string[]; structures: string[] } {
  const persons = entry.authors.map((a) => (a.person ? xcnId(a.person) : '')).filter(Boolean);
  if (entry.legalAuthenticator) persons.push(xcnId(entry.legalAuthenticator));
  return { persons, structures: entry.authors.flatMap((a) => a.institutions.map(xonId)).filter(Boolean) };
}

export interface RulesOutcome {
  problems: Problem[];
  /** Clinical entries already stored with the same hash (§8): accepted without a second entry. */
  resent: Map<ParsedEntry, Entry>;
  /** RPLC: new entry → the entry it replaces. */
  replaces: Map<ParsedEntry, Entry>;
  /** The whole message is a re-send of an already registered submission. */
  idempotent: boolean;
}

export function checkRules(input: {
  parsed: ParsedSubmission; cda: Map<ParsedEntry, CdaView>; state: DmpState; vihf: Vihf; patient: Patient;
  trust: readonly string[]; strictSha1?: boolean;
}): RulesOutcome {
  const { parsed, cda, state, vihf, patient } = input;
  const problems: Problem[] = [];
  const add = (code: Problem['code'], location: string, detail?: string): void => { problems.push(problem(code, location, detail)); };
  const clinical = parsed.entries.filter((e) => !e.isSignature);
  const resent = new Map<ParsedEntry, Entry>();
  const replaces = new Map<ParsedEntry, Entry>();

  // Uniqueness first: a re-send of what is already registered is accepted as is (§8).
  const seen = new Set<string>();
  for (const entry of parsed.entries) {
    if (!entry.uniqueId) continue;
    if (seen.has(entry.uniqueId)) add('SIM_DUPLICATE_IN_MESSAGE', `${entry.label}.uniqueId`);
    seen.add(entry.uniqueId);
    if (entry.isSignature || !entry.bytes) continue;
    const stored = state.byUniqueId(entry.uniqueId).filter((e) => !e.isSignature);
    if (stored.length === 0) continue;
    if (stored.some((e) => e.hash !== sha1Hex(entry.bytes!))) add('SIM_NON_IDENTICAL_HASH', `${entry.label}.uniqueId`, 'already registered with another hash');
    else resent.set(entry, stored[0]!);
  }
  const allResent = clinical.length > 0 && clinical.every((e) => resent.has(e));
  if (allResent && problems.length === 0) return { problems, resent, replaces, idempotent: true };
  const ssUniqueId = parsed.submissionSet?.uniqueId;
  if (ssUniqueId !== undefined && [...state.submissionSets.values()].some((s) => s.uniqueId === ssUniqueId)) add('SIM_DUPLICATE_SUBMISSION_SET', 'SubmissionSet.uniqueId');
  for (const entry of parsed.entries) {
    // A new entry may not take the entryUUID of a stored one (the client would then address the wrong entry).
    const uuid = entry.obj.id.toLowerCase();
    const holder = uuid.startsWith('urn:uuid:') ? state.entries.get(uuid) : undefined;
    if (holder && !(resent.get(entry)?.entryUUID === uuid)) add('SIM_ENTRY_UUID_TAKEN', `${entry.label}.entryUUID`);
    if (!entry.isSignature || !entry.uniqueId || !entry.bytes) continue;
    const stored = state.byUniqueId(entry.uniqueId);
    if (stored.some((e) => e.hash !== sha1Hex(entry.bytes!))) add('SIM_NON_IDENTICAL_HASH', `${entry.label}.uniqueId`, 'already registered with another hash');
    else if (stored[0]) resent.set(entry, stored[0]);
  }

  for (const entry of clinical) {
    if (resent.has(entry)) continue;
    const flags = flagsOf(entry.confidentiality);
    if (flags.includes('INVISIBLE_PATIENT') && flags.includes('MASQUE_PS')) add('SIM_CONFIDENTIALITY_CONFLICT', `${entry.label}.confidentialityCode`, 'INVISIBLE_PATIENT and MASQUE_PS together (EX_2.1-1050)');
    if (patient.minorSecretConnection) {
      if (!flags.includes('INVISIBLE_REPRESENTANTS_LEGAUX')) add('SIM_SECRET_CONNECTION', `${entry.label}.confidentialityCode`, 'INVISIBLE_REPRESENTANTS_LEGAUX is required');
      if (!vihf.confidentialityCode) add('SIM_SECRET_CONNECTION', 'VIHF/urn:oasis:names:tc:xspa:1.0:resource:patient:hl7:confidentiality-code', 'required for a minor with a secret connection');
    }
    if (!isAuthorOf(vihf, authorsOf(entry))) {
      add('SIM_NOT_AUTHOR', vihf.mode === 'DIRECTE' ? 'VIHF/NameID' : 'VIHF/Identifiant_Structure', `${vihf.mode === 'DIRECTE' ? 'the professional' : 'the structure'} is not an author of ${entry.label}`);
    }
  }

  problems.push(...checkSignatureEntry(parsed, input.trust, input.strictSha1 ? { strictSha1: true } : {}));

  // Replacement
  const rplc = parsed.associations.filter((a) => a.type === XDS.associationType.replace);
  for (const entry of clinical) {
    if (resent.has(entry)) continue;
    const view = cda.get(entry);
    const association = rplc.find((a) => a.source === entry.obj.id);
    if (!association) {
      if (view?.replaces) add('SIM_RPLC_MISSING', "ClinicalDocument/relatedDocument[@typeCode='RPLC']", `${entry.label} replaces a document but no RPLC association targets its entry`);
      else if (view?.setId) {
        const hash = view.contentHash;
        const sameSet = [...state.entries.values()].find((e) => e.status === 'Approved' && e.setIdFromCda === iiString(view.setId!) && e.patientId === entry.patientId);
        if (sameSet && sameSet.contentHash === hash) add('SIM_UNCHANGED_DOCUMENT', `${entry.label}.hash`, 'identical to the current version of the same setId');
      }
      continue;
    }
    const loc = 'Association(RPLC).targetObject';
    const target = state.entries.get(association.target);
    if (!target || target.isSignature) { add('SIM_RPLC_TARGET_UNKNOWN', loc); continue; }
    if (target.status !== 'Approved') { add('SIM_RPLC_TARGET_NOT_APPROVED', loc, `the target is ${target.status}`); continue; }
    if (target.patientId !== entry.patientId) { add('SIM_RPLC_PATIENT', loc); continue; }
    if (!isAuthorOf(vihf, { persons: target.authorPersons, structures: target.authorStructures })) {
      add('SIM_NOT_AUTHOR', vihf.mode === 'DIRECTE' ? 'VIHF/NameID' : 'VIHF/Identifiant_Structure', 'not an author of the replaced document');
    }
    if (view) {
      if (!view.replaces || iiString(view.replaces) !== target.uniqueId) add('SIM_RPLC_INCOHERENT', "ClinicalDocument/relatedDocument[@typeCode='RPLC']/parentDocument/id", 'must be the uniqueId of the replaced entry');
      if (!view.setId || iiString(view.setId) !== target.setIdFromCda) add('SIM_RPLC_INCOHERENT', 'ClinicalDocument/setId', 'must be the setId of the replaced document');
      if (view.versionNumber === undefined || target.versionNumberFromCda === undefined || view.versionNumber !== target.versionNumberFromCda + 1) {
        add('SIM_RPLC_INCOHERENT', 'ClinicalDocument/versionNumber/@value', `must be ${(target.versionNumberFromCda ?? 0) + 1}`);
      }
      if (target.contentHash === view.contentHash) add('SIM_UNCHANGED_DOCUMENT', `${entry.label}.hash`, 'the new version is identical to the one it replaces');
    }
    replaces.set(entry, target);
  }
  for (const a of rplc) {
    if (!clinical.some((e) => e.obj.id === a.source)) add('SIM_RPLC_INCOHERENT', 'Association(RPLC).sourceObject', 'must be a clinical entry of this submission');
  }
  return { problems, resent, replaces, idempotent: false };
}
