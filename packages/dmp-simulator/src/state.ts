// In-memory state of the simulated DMP (dmp-mes.md §5.2) and its fixtures (§5.6).
import { INS_OIDS } from './cda-read.js';

export type DmpStatus = 'NONE' | 'ACTIVE' | 'CLOSED';
export type EntryStatus = 'Approved' | 'Deprecated' | 'Archived' | 'Deleted';

export interface Patient {
  insMatricule: string;
  insOid: string;
  traits: { birthFamily?: string; firstGiven?: string; birthDate?: string; sex?: 'M' | 'F' | 'U'; birthplace?: string };
  dmpStatus: DmpStatus;
  closureReason?: string;
  mesAttached: boolean;
  minorSecretConnection: boolean;
  blockedPs: string[];
  authorisedPs: string[];
  /** PS whose authorisation expired (TD0.2 answers EXPIRE). */
  expiredPs: string[];
  medecinTraitant?: string;
}

export interface StoredCode { code: string; scheme: string; display?: string }

export interface Entry {
  entryUUID: string;
  logicalId: string;
  version: number;
  uniqueId: string;
  setIdFromCda?: string;
  versionNumberFromCda?: number;
  status: EntryStatus;
  /** Every confidentialityCode (the CDA's N/R/V first, then the visibility flags). */
  confidentiality: StoredCode[];
  isSignature: boolean;
  patientId: string;
  mimeType: string;
  title?: string;
  comments?: string;
  typeCode?: StoredCode;
  classCode?: StoredCode;
  formatCode?: StoredCode;
  healthcareFacilityTypeCode?: StoredCode;
  practiceSettingCode?: StoredCode;
  eventCodes: StoredCode[];
  languageCode?: string;
  creationTime?: string;
  serviceStartTime?: string;
  serviceStopTime?: string;
  sourcePatientId?: string;
  legalAuthenticator?: string;
  authorPersons: string[];
  authorStructures: string[];
  repositoryUniqueId: string;
  hash: string;
  /** Hash of the CDA without id/effectiveTime/versionNumber/relatedDocument (unchanged-version rule). */
  contentHash?: string;
  size: number;
  submissionSetUUID: string;
  /** The document bytes as stored by the repository. */
  bytes: Uint8Array;
  /** The ebRIM ExtrinsicObject as received (id/lid rewritten), for LeafClass answers. */
  ebrimXml: string;
  submittedAt: string;
}

export interface SubmissionSetRecord {
  entryUUID: string;
  uniqueId: string;
  sourceId: string;
  patientId: string;
  submissionTime: string;
  contentTypeCode?: StoredCode;
  members: string[];
  status: 'Approved' | 'Archived';
}

export interface AssociationRecord { id: string; type: string; source: string; target: string; slots: Record<string, string[]> }

export const REPOSITORY_UNIQUE_ID = '1.2.250.1.213.4.1.1.2';

export function insKey(matricule13: string): number {
  // Corsica: 2A → 19, 2B → 18 before the modulo (NIR rules).
  const digits = matricule13.replace(/^(\d{5})2A/, '$119').replace(/^(\d{5})2B/, '$118');
  return 97 - Number(BigInt(digits) % 97n);
}

export function isValidNir(matricule: string): boolean {
  const m = /^([0-9]{5}(?:[0-9]{2}|2A|2B)[0-9]{6})([0-9]{2})$/.exec(matricule);
  if (!m) return false;
  return insKey(m[1]!) === Number(m[2]);
}

export const FIXTURE_PS = { rpps: '801234567897', structures: ['1750100125', '2801234567'], otherStructure: '1330000001' } as const;

/** §5.6 fixtures. The OID follows the profile: test INS-NIR in 'test', production NIR in 'prod-like'. */
export function fixturePatients(profile: 'test' | 'prod-like'): Patient[] {
  const oid = profile === 'test' ? INS_OIDS.nirTest : INS_OIDS.nir;
  const base = (matricule: string, traits: Patient['traits']): Patient => ({
    insMatricule: matricule, insOid: oid, traits, dmpStatus: 'ACTIVE', mesAttached: true,
    minorSecretConnection: false, blockedPs: [], authorisedPs: [], expiredPs: [],
  });
  return [
    // ANS examples' patient (CANCER-FRCP/PPS_2022.01): active DMP, the fixture PS is médecin traitant.
    { ...base('279035121518989', { birthFamily: 'PAT-TROIS', firstGiven: 'DOMINIQUE', birthDate: '19790328', sex: 'F' }), authorisedPs: [FIXTURE_PS.rpps], medecinTraitant: FIXTURE_PS.rpps },
    base('146026322000196', { birthFamily: 'PAT-UN', firstGiven: 'JEAN', birthDate: '19460201', sex: 'M' }),
    { ...base('180017512345660', { birthFamily: 'SANSDMP', firstGiven: 'PAUL', birthDate: '19800101', sex: 'M' }), dmpStatus: 'NONE', mesAttached: false },
    { ...base('285027512345771', { birthFamily: 'FERME', firstGiven: 'ANNE', birthDate: '19850201', sex: 'F' }), dmpStatus: 'CLOSED', closureReason: 'FERMETURE_DEMANDE_PATIENT', mesAttached: false },
    { ...base('210087512345858', { birthFamily: 'MINEURE', firstGiven: 'LEA', birthDate: '20100801', sex: 'F' }), minorSecretConnection: true },
    { ...base('175047512345959', { birthFamily: 'BLOQUANT', firstGiven: 'LUC', birthDate: '19750401', sex: 'M' }), blockedPs: [FIXTURE_PS.rpps] },
    { ...base('268107512346059', { birthFamily: 'EXPIRE', firstGiven: 'EVA', birthDate: '19681001', sex: 'F' }), expiredPs: [FIXTURE_PS.rpps] },
  ];
}

export class DmpState {
  patients = new Map<string, Patient>();
  entries = new Map<string, Entry>();
  submissionSets = new Map<string, SubmissionSetRecord>();
  associations: AssociationRecord[] = [];
  habilitations: { at: string; psId: string; patientId?: string; action: string }[] = [];

  /**
   * `openFor(matricule, oid)`: whether an unknown INS gets an active DMP on first use (since the
   * 2021–2022 MES reform every insured person has one unless they objected); off by default so
   * that an unknown INS answers "no DMP" as §5.6 expects.
   */
  constructor(
    private readonly seed: () => Patient[],
    private readonly openFor?: (matricule: string, oid: string) => boolean,
  ) {
    this.reset();
  }

  reset(): void {
    this.patients = new Map(this.seed().map((p) => [p.insMatricule, p]));
    this.entries.clear();
    this.submissionSets.clear();
    this.associations = [];
    this.habilitations = [];
  }

  patient(matricule: string, oid: string): Patient | undefined {
    let p = this.patients.get(matricule);
    if (!p && this.openFor?.(matricule, oid)) {
      p = { insMatricule: matricule, insOid: oid, traits: {}, dmpStatus: 'ACTIVE', mesAttached: true, minorSecretConnection: false, blockedPs: [], authorisedPs: [], expiredPs: [] };
      this.patients.set(matricule, p);
    }
    return p && p.insOid === oid ? p : undefined;
  }

  /** The entries of a patient (by CX patientId). */
  entriesOf(patientId: string): Entry[] {
    return [...this.entries.values()].filter((e) => e.patientId === patientId);
  }

  byUniqueId(uniqueId: string): Entry[] {
    return [...this.entries.values()].filter((e) => e.uniqueId === uniqueId);
  }

  /** The latest metadata version of a logical document. */
  current(logicalId: string): Entry | undefined {
    let best: Entry | undefined;
    for (const e of this.entries.values()) if (e.logicalId === logicalId && (!best || e.version > best.version)) best = e;
    return best;
  }
}
