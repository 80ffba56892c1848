// The part of FHIR R4 (4.0.1) the Annuaire Santé answers with that this package reads or the
// simulator writes: Bundle (searchset), OperationOutcome, Practitioner, PractitionerRole,
// Organization, with the systems and identifier types of the ANS profiles (as-dp-*).
// Source: /work/shared/spec/identity-auth.md §4.5. Browser-safe: types and constants only.

export interface Coding {
  system?: string;
  code?: string;
  display?: string;
}
export interface CodeableConcept {
  coding?: Coding[];
  text?: string;
}
export interface Extension {
  url: string;
  valueString?: string;
  valueCode?: string;
  valueCoding?: Coding;
  valueBoolean?: boolean;
  extension?: Extension[];
}
export interface Identifier {
  use?: string;
  type?: CodeableConcept;
  system?: string;
  value?: string;
}
export interface HumanName {
  use?: string;
  text?: string;
  family?: string;
  given?: string[];
  prefix?: string[];
  suffix?: string[];
}
export interface ContactPoint {
  system?: 'phone' | 'fax' | 'email' | 'pager' | 'url' | 'sms' | 'other';
  value?: string;
  use?: string;
  extension?: Extension[];
}
export interface Address {
  use?: string;
  type?: string;
  text?: string;
  line?: string[];
  city?: string;
  district?: string;
  state?: string;
  postalCode?: string;
  country?: string;
  extension?: Extension[];
}
export interface Reference {
  reference?: string;
  display?: string;
}
export interface Meta {
  lastUpdated?: string;
  profile?: string[];
}

interface ResourceBase {
  id?: string;
  meta?: Meta;
  extension?: Extension[];
}

export interface Practitioner extends ResourceBase {
  resourceType: 'Practitioner';
  identifier?: Identifier[];
  active?: boolean;
  name?: HumanName[];
  telecom?: ContactPoint[];
  qualification?: { identifier?: Identifier[]; code: CodeableConcept; extension?: Extension[] }[];
}

export interface PractitionerRole extends ResourceBase {
  resourceType: 'PractitionerRole';
  identifier?: Identifier[];
  active?: boolean;
  practitioner?: Reference;
  organization?: Reference;
  code?: CodeableConcept[];
  specialty?: CodeableConcept[];
  telecom?: ContactPoint[];
}

export interface Organization extends ResourceBase {
  resourceType: 'Organization';
  identifier?: Identifier[];
  active?: boolean;
  type?: (CodeableConcept & { extension?: Extension[] })[];
  name?: string;
  telecom?: ContactPoint[];
  address?: Address[];
  partOf?: Reference;
}

export interface OperationOutcome extends ResourceBase {
  resourceType: 'OperationOutcome';
  issue: { severity: 'fatal' | 'error' | 'warning' | 'information'; code: string; diagnostics?: string; details?: CodeableConcept }[];
}

export type DirectoryResource = Practitioner | PractitionerRole | Organization | OperationOutcome;

export interface BundleLink {
  relation: string;
  url: string;
}
export interface BundleEntry<R = DirectoryResource> {
  fullUrl?: string;
  resource?: R;
  search?: { mode?: 'match' | 'include' | 'outcome'; score?: number };
}
export interface Bundle<R = DirectoryResource> extends ResourceBase {
  resourceType: 'Bundle';
  type: 'searchset';
  total?: number;
  link?: BundleLink[];
  entry?: BundleEntry<R>[];
}

/** Systems and codes of the Annuaire Santé profiles (§4.2–§4.5). */
export const SYSTEMS = {
  /** IdNat_PS (`8`+RPPS, `0`+ADELI). */
  idNatPs: 'urn:oid:1.2.250.1.71.4.2.1',
  /** IdNat_Struct (`1`+FINESS, `3`+SIRET…). */
  idNatStruct: 'urn:oid:1.2.250.1.71.4.2.2',
  /** RPPS as documented; the live API also answers `http://rpps.fr` (both tolerated when reading). */
  rpps: 'https://rpps.esante.gouv.fr',
  rppsLive: 'http://rpps.fr',
  adeli: 'urn:oid:1.2.250.1.71.4.2.1',
  finess: 'https://finess.esante.gouv.fr',
  siret: 'https://sirene.fr',
  siren: 'https://sirene.fr',
  /** Identifier types: the documented system, and the one of the live sample. */
  identifierType: 'https://hl7.fr/ig/fhir/core/CodeSystem/fr-core-cs-v2-0203',
  identifierTypeLive: 'http://interopsante.org/CodeSystem/v2-0203',
  /** Profession (TRE_G15), specialty (TRE_R38), category (TRE_R09), savoir-faire type (TRE_R04). */
  profession: 'https://mos.esante.gouv.fr/NOS/TRE_G15-ProfessionSante/FHIR/TRE-G15-ProfessionSante',
  specialty: 'https://mos.esante.gouv.fr/NOS/TRE_R38-SpecialiteOrdinale/FHIR/TRE-R38-SpecialiteOrdinale',
  category: 'https://mos.esante.gouv.fr/NOS/TRE_R09-CategorieProfessionnelle/FHIR/TRE-R09-CategorieProfessionnelle',
  savoirFaireType: 'https://mos.esante.gouv.fr/NOS/TRE_R04-TypeSavoirFaire/FHIR/TRE-R04-TypeSavoirFaire',
  /** Civilité (TRE_R81) and civilité d'exercice (TRE_R11) written in name.prefix / name.suffix. */
  activityGenre: 'https://mos.esante.gouv.fr/NOS/TRE_R22-GenreActivite/FHIR/TRE-R22-GenreActivite',
  activityMode: 'https://mos.esante.gouv.fr/NOS/TRE_R23-ModeExercice/FHIR/TRE-R23-ModeExercice',
  secteurActivite: 'https://mos.esante.gouv.fr/NOS/TRE_R02-SecteurActivite/FHIR/TRE-R02-SecteurActivite',
  emailType: 'https://hl7.fr/ig/fhir/core/StructureDefinition/fr-core-contact-point-email-type',
  mailboxMetadata: 'https://interop.esante.gouv.fr/ig/fhir/annuaire/StructureDefinition/as-ext-mailbox-mss-metadata',
  inseeCommune: 'https://hl7.fr/ig/fhir/core/StructureDefinition/fr-core-address-insee-code',
} as const;

/** Identifier type codes (v2-0203 / fr-core) of §4.5. */
export const ID_TYPES = {
  idNatPs: 'IDNPS',
  rpps: 'RPPS',
  adeli: 'ADELI',
  idNatStruct: 'IDNST',
  finessEg: 'FINEG',
  finessEj: 'FINEJ',
  siret: 'SIRET',
  siren: 'SIREN',
  rppsRang: 'RPPSRG',
} as const;

export function isBundle(value: unknown): value is Bundle {
  return typeof value === 'object' && value !== null && (value as { resourceType?: unknown }).resourceType === 'Bundle';
}
export function isOperationOutcome(value: unknown): value is OperationOutcome {
  return typeof value === 'object' && value !== null && (value as { resourceType?: unknown }).resourceType === 'OperationOutcome';
}
