// THE mapping from Annuaire Santé FHIR resources (spec §4.5) to the small shapes the editors
// fill their fields with. The parts that go into a document are already in the CDA model's
// shape (@dcc-kit/cda: PersonName, Coding of J01, Address, Telecom, IdNat_PS / IdNat_Struct),
// so a picker copies them without converting again; the rest is for display and filtering.
import { checkAdeli, checkFiness, checkRpps, checkSiret } from '@dcc-kit/cda/identity';
import { JDV_J01_XdsAuthorSpecialty_CISIS } from '@dcc-kit/cda/value-sets';
import type { Address, Coding, PersonName, Telecom } from '@dcc-kit/cda';
import {
  ID_TYPES,
  SYSTEMS,
  type CodeableConcept,
  type ContactPoint,
  type Identifier,
  type Organization,
  type Practitioner,
  type PractitionerRole,
  type Address as FhirAddress,
} from './fhir.js';

/** A code with the FHIR system (value set) it comes from, as the directory gives it. */
export interface DirectoryCode {
  code: string;
  system: string;
  display?: string;
}

/** A structure (FINESS/SIRET) as the editors need it. */
export interface DirectoryOrganization {
  /** IdNat_Struct (`1`+FINESS, `3`+SIRET, `4`+RPPS rang), the CDA id of the structure; absent when the directory gives none of these. */
  idNatStruct?: string;
  finess?: string;
  /** Géographique (establishment, site) or juridique (legal entity). */
  finessKind?: 'EG' | 'EJ';
  siret?: string;
  siren?: string;
  name?: string;
  /** Model-shaped postal address (free lines: the directory's lines then "postal code city"). */
  address?: Address;
  postalCode?: string;
  city?: string;
  /** Model-shaped telecoms (work use), MSSanté boxes included. */
  telecoms: Telecom[];
  active: boolean;
  /** Technical id in the directory (not a business identifier: V1→V2 changed them; kept to follow references only). */
  directoryId?: string;
}

/** A professional (RPPS/ADELI) as the editors need it. */
export interface DirectoryProfessional {
  /** IdNat_PS: `8`+RPPS or `0`+ADELI. */
  idNatPs: string;
  rpps?: string;
  adeli?: string;
  /** Model-shaped name (civilité and civilité d'exercice kept only when the model knows them). */
  name: PersonName;
  /** Profession (TRE_G15) as given. */
  profession?: DirectoryCode;
  /** Ordinal specialty (TRE_R38 `SM…`) or other savoir-faire, as given. */
  specialty?: DirectoryCode;
  /** The CDA author specialty (JDV J01 XdsAuthorSpecialty: `G15_10/SM36`, else `G15_10`), when J01 has it. */
  authorSpecialty?: Coding;
  /** MSSanté boxes of the person (PER/CAB). */
  mssante: string[];
  /** Structures where the professional practises (through PractitionerRole), in the directory's order. */
  structures: DirectoryOrganization[];
  active: boolean;
}

function codes(concept: CodeableConcept | undefined): string[] {
  return (concept?.coding ?? []).map((c) => c.code ?? '').filter(Boolean);
}

/** The identifier of type `typeCode` (v2-0203, either system tolerated, §4.5), or of one of `systems` when untyped. */
function identifierOf(ids: Identifier[] | undefined, typeCode: string, systems: readonly string[] = []): string | undefined {
  for (const id of ids ?? []) {
    if (typeof id.value !== 'string' || id.value === '') continue;
    if (codes(id.type).includes(typeCode)) return id.value;
  }
  for (const id of ids ?? []) {
    if (typeof id.value !== 'string' || id.value === '') continue;
    if ((id.type?.coding ?? []).length === 0 && id.system !== undefined && systems.includes(id.system)) return id.value;
  }
  return undefined;
}

const valid = (value: string | undefined, check: (v: string) => unknown): string | undefined =>
  value !== undefined && check(value) === undefined ? value : undefined;

const PREFIXES = new Set<string>(['M', 'MME']);
const SUFFIXES = new Set<string>(['DR', 'MC', 'MG', 'PC', 'PG', 'PR']);

function nameOf(p: Practitioner): PersonName {
  const name = p.name?.find((n) => n.use === 'usual') ?? p.name?.[0];
  const prefix = name?.prefix?.map((s) => s.toUpperCase()).find((s) => PREFIXES.has(s));
  const suffix = name?.suffix?.map((s) => s.toUpperCase()).find((s) => SUFFIXES.has(s));
  const given = name?.given?.[0];
  return {
    family: name?.family ?? name?.text ?? '',
    ...(given ? { given } : {}),
    ...(prefix ? { prefix: prefix as PersonName['prefix'] } : {}),
    ...(suffix ? { suffix: suffix as PersonName['suffix'] } : {}),
  };
}

function firstCoding(concepts: CodeableConcept[], system: string): DirectoryCode | undefined {
  for (const concept of concepts) {
    for (const c of concept.coding ?? []) {
      if (c.system === system && c.code) return { code: c.code, system, ...(c.display ? { display: c.display } : {}) };
    }
  }
  return undefined;
}

/**
 * The savoir-faire: an ordinal specialty (TRE_R38) first; else the first coding of a qualification
 * that is neither a profession nor a category nor a savoir-faire type (R39–R45/R97 tables, §4.5).
 */
function specialtyOf(concepts: CodeableConcept[]): DirectoryCode | undefined {
  const ordinal = firstCoding(concepts, SYSTEMS.specialty);
  if (ordinal) return ordinal;
  const skip = new Set<string>([SYSTEMS.profession, SYSTEMS.category, SYSTEMS.savoirFaireType]);
  for (const concept of concepts) {
    for (const c of concept.coding ?? []) {
      if (c.system && c.code && !skip.has(c.system) && /\/TRE_R(39|4[0-5]|97)-/.test(c.system))
        return { code: c.code, system: c.system, ...(c.display ? { display: c.display } : {}) };
    }
  }
  return undefined;
}

const J01 = new Map(JDV_J01_XdsAuthorSpecialty_CISIS.concepts.map((c) => [c.code as string, c]));

/** J01 coding from profession and savoir-faire: `G15_<prof>/<sf>` when J01 has it, else `G15_<prof>`. */
export function authorSpecialtyOf(profession: string | undefined, specialty: string | undefined): Coding | undefined {
  if (!profession) return undefined;
  const concept = (specialty ? J01.get(`G15_${profession}/${specialty}`) : undefined) ?? J01.get(`G15_${profession}`);
  return concept ? { code: concept.code, codeSystem: concept.codeSystem, displayName: concept.displayName } : undefined;
}

const MSS_DOMAIN = /\.mssante\.fr$/i;

function telecomsOf(points: ContactPoint[] | undefined): Telecom[] {
  const out: Telecom[] = [];
  for (const point of points ?? []) {
    const value = point.value?.trim();
    if (!value) continue;
    switch (point.system) {
      case 'phone':
        out.push({ scheme: 'tel', value: value.replace(/[\s.]/g, ''), use: 'WP' });
        break;
      case 'fax':
        out.push({ scheme: 'fax', value: value.replace(/[\s.]/g, ''), use: 'WP' });
        break;
      case 'email':
        out.push({ scheme: 'mailto', value: value.replace(/^mailto:/i, ''), use: 'WP' });
        break;
      case 'url':
        out.push({ scheme: 'http', value: value.replace(/^https?:\/\//i, ''), use: 'WP' });
        break;
      default:
        break;
    }
  }
  return out;
}

function mailboxesOf(points: ContactPoint[] | undefined): string[] {
  return (points ?? []).filter((p) => p.system === 'email' && typeof p.value === 'string' && MSS_DOMAIN.test(p.value)).map((p) => p.value as string);
}

function addressOf(addresses: FhirAddress[] | undefined): { address?: Address; postalCode?: string; city?: string } {
  const a = addresses?.[0];
  if (!a) return {};
  const town = [a.postalCode, a.city].filter(Boolean).join(' ');
  const lines = [...(a.line ?? []).filter((l) => l.trim() !== ''), ...(town ? [town] : [])].slice(0, 7);
  return {
    ...(lines.length > 0 ? { address: { use: 'WP', lines } as Address } : {}),
    ...(a.postalCode ? { postalCode: a.postalCode } : {}),
    ...(a.city ? { city: a.city } : {}),
  };
}

/** Maps an Organization (EG/EJ, cabinet) to the editors' shape. Identifiers failing their check digit are dropped. */
export function mapOrganization(org: Organization): DirectoryOrganization {
  const ids = org.identifier;
  const finessEg = valid(identifierOf(ids, ID_TYPES.finessEg), checkFiness);
  const finessEj = valid(identifierOf(ids, ID_TYPES.finessEj), checkFiness);
  const untypedFiness = finessEg ?? finessEj ? undefined : valid(identifierOf(ids, '', [SYSTEMS.finess]), checkFiness);
  const finess = finessEg ?? finessEj ?? untypedFiness;
  const siret = valid(identifierOf(ids, ID_TYPES.siret), checkSiret);
  const siren = identifierOf(ids, ID_TYPES.siren);
  const rang = identifierOf(ids, ID_TYPES.rppsRang);
  const idNatStruct =
    identifierOf(ids, ID_TYPES.idNatStruct, [SYSTEMS.idNatStruct]) ??
    (finess ? `1${finess}` : siret ? `3${siret}` : rang ? `4${rang}` : undefined);
  return {
    ...(idNatStruct ? { idNatStruct } : {}),
    ...(finess ? { finess, ...(finessEg ? { finessKind: 'EG' as const } : finessEj ? { finessKind: 'EJ' as const } : {}) } : {}),
    ...(siret ? { siret } : {}),
    ...(siren ? { siren } : {}),
    ...(org.name ? { name: org.name } : {}),
    ...addressOf(org.address),
    telecoms: telecomsOf(org.telecom),
    active: org.active !== false,
    ...(org.id ? { directoryId: org.id } : {}),
  };
}

/** `Organization/abc` or an absolute URL ending so → `abc`. */
export function referenceId(reference: string | undefined, type: string): string | undefined {
  if (!reference) return undefined;
  const m = new RegExp(`(?:^|/)${type}/([^/?#]+)(?:/_history/[^/]+)?$`).exec(reference);
  return m?.[1];
}

/**
 * Maps a Practitioner with its PractitionerRoles and the Organizations they point to. Returns
 * undefined when it carries no usable national id (neither a valid RPPS nor a valid ADELI):
 * such an entry could not be written into a document.
 */
export function mapPractitioner(
  practitioner: Practitioner,
  roles: readonly PractitionerRole[] = [],
  organizations: ReadonlyMap<string, Organization> = new Map(),
): DirectoryProfessional | undefined {
  const ids = practitioner.identifier;
  const idNat = identifierOf(ids, ID_TYPES.idNatPs, [SYSTEMS.idNatPs]);
  const rpps =
    valid(identifierOf(ids, ID_TYPES.rpps, [SYSTEMS.rpps, SYSTEMS.rppsLive]), checkRpps) ??
    (idNat?.startsWith('8') ? valid(idNat.slice(1), checkRpps) : undefined);
  const adeli = valid(identifierOf(ids, ID_TYPES.adeli), checkAdeli) ?? (idNat?.startsWith('0') ? valid(idNat.slice(1), checkAdeli) : undefined);
  const idNatPs = rpps ? `8${rpps}` : adeli ? `0${adeli}` : undefined;
  if (!idNatPs) return undefined;
  const qualifications = (practitioner.qualification ?? []).map((q) => q.code);
  const profession = firstCoding(qualifications, SYSTEMS.profession);
  const specialty = specialtyOf(qualifications);
  const authorSpecialty = authorSpecialtyOf(profession?.code, specialty?.code);
  const ownId = practitioner.id;
  const structures: DirectoryOrganization[] = [];
  const seen = new Set<string>();
  const mssante = new Set(mailboxesOf(practitioner.telecom));
  for (const role of roles) {
    if (ownId && referenceId(role.practitioner?.reference, 'Practitioner') !== ownId) continue;
    for (const box of mailboxesOf(role.telecom)) mssante.add(box);
    const orgId = referenceId(role.organization?.reference, 'Organization');
    const org = orgId ? organizations.get(orgId) : undefined;
    if (!org || seen.has(orgId as string) || role.active === false) continue;
    seen.add(orgId as string);
    structures.push(mapOrganization(org));
  }
  return {
    idNatPs,
    ...(rpps ? { rpps } : {}),
    ...(adeli ? { adeli } : {}),
    name: nameOf(practitioner),
    ...(profession ? { profession } : {}),
    ...(specialty ? { specialty } : {}),
    ...(authorSpecialty ? { authorSpecialty } : {}),
    mssante: [...mssante],
    structures,
    active: practitioner.active !== false,
  };
}
