// Checks and defaults of the header parts common to both volets (specs §2).
import { checkIdNatPs, checkIdNatStruct, checkInsMatricule, checkInsOid, crossCheckInsTraits, insOid, type InsTraitField } from '../identity/index.js';
import { joinPath } from '../issues.js';
import type { Checker } from './checker.js';
import {
  Actor,
  DocumentAuthor,
  Encounter,
  Organization,
  RelatedPerson,
  type DocumentHeader,
  type PatientIdentity,
  type Custodian,
  type Signer,
  type InstanceId,
} from '../model/common.js';
import { valueSetOf } from './bindings.js';
import { documentIdRoot, MAX_UNIQUE_ID_LENGTH, uuidToOid, xdsUniqueId } from '../ids.js';

/** The header fields of both volets, as found at the top of the input. */
export interface HeaderInput {
  document?: DocumentHeader;
  author: DocumentAuthor;
  legalAuthenticator?: Signer;
  custodian: Custodian;
  encounter: Encounter;
  patient: PatientIdentity;
  trustedPerson?: RelatedPerson;
  emergencyContacts?: RelatedPerson[];
}

const PCS_CODE_SYSTEM = '1.2.250.1.213.2.13';

// Value sets of the header's coded fields, as bound in the model.
const PRACTICE_SETTINGS = valueSetOf(Organization.properties.practiceSetting);
const PROFESSIONS = valueSetOf(Actor.properties.profession);
const RELATIONSHIPS = valueSetOf(RelatedPerson.properties.relationship);
const AUTHOR_FUNCTIONS = valueSetOf(DocumentAuthor.properties.functionCode);
const FACILITY_TYPES = valueSetOf(Encounter.properties.facilityType);
const ENCOUNTER_TYPES = valueSetOf(Encounter.properties.type);

export function checkOrganization(c: Checker, path: string, org: Organization | undefined): void {
  if (!org) return;
  if (org.idNatStruct !== undefined) c.identity(joinPath(path, 'idNatStruct'), checkIdNatStruct(org.idNatStruct));
  c.coding(joinPath(path, 'practiceSetting'), org.practiceSetting, PRACTICE_SETTINGS);
}

/**
 * A professional or organisation. `allowPcs`: body performers may carry an INSEE PCS
 * profession instead of a J01 specialty (pps-cda.md §4.7); elsewhere J01 is checked by SM/MC.
 */
export function checkActor(c: Checker, path: string, actor: Actor | undefined, options: { allowPcs?: boolean } = {}): void {
  if (!actor) return;
  if (actor.idNatPs !== undefined) c.identity(joinPath(path, 'idNatPs'), checkIdNatPs(actor.idNatPs));
  if (actor.profession) {
    if (options.allowPcs && actor.profession.codeSystem === PCS_CODE_SYSTEM) c.coding(joinPath(path, 'profession'), actor.profession);
    else c.coding(joinPath(path, 'profession'), actor.profession, PROFESSIONS);
  }
  checkOrganization(c, joinPath(path, 'organization'), actor.organization);
}

function checkPatient(c: Checker, path: string, patient: PatientIdentity): void {
  c.date(joinPath(path, 'birthDate'), patient.birthDate);
  patient.firstBirthGivenName ??= patient.birthGivenNames.trim().split(/\s+/)[0] ?? patient.birthGivenNames;
  if (patient.ins) {
    const insPath = joinPath(path, 'ins');
    patient.ins.environment ??= 'production';
    c.identity(joinPath(insPath, 'value'), checkInsMatricule(patient.ins.value));
    if (patient.ins.kind === 'NIA' && patient.ins.environment !== 'production')
      c.add(
        joinPath(insPath, 'environment'),
        'ins.oid.nia-test',
        "Il n'existe pas d'OID de test ou de démonstration pour un NIA : utilisez un NIR de test.",
        'There is no test or demo OID for an NIA: use a test NIR.',
      );
    else
      c.identity(
        joinPath(insPath, 'environment'),
        checkInsOid(insOid(patient.ins.kind, patient.ins.environment), { allowTestOids: c.context.allowTestIdentities }),
      );
    // With an INS the strict traits are mandatory (SM "Dans le cadre de l'INS…").
    if (!patient.birthPlace)
      c.add(
        joinPath(path, 'birthPlace'),
        'ins.traits',
        "Avec un INS, le lieu de naissance (code COG) est obligatoire.",
        'With an INS, the birth place (COG code) is required.',
      );
    if (patient.birthDate.length < 10)
      c.add(
        joinPath(path, 'birthDate'),
        'ins.traits',
        'Avec un INS, la date de naissance doit être complète (AAAA-MM-JJ).',
        'With an INS, the birth date must be complete (YYYY-MM-DD).',
      );
  }
  if (patient.ins) checkInsAgainstTraits(c, path, patient);
  if (patient.gender === 'UN' && patient.ins)
    c.add(
      joinPath(path, 'gender'),
      'ins.traits',
      "Avec un INS, le sexe doit être F ou M, comme retourné par le téléservice INSi.",
      'With an INS, the gender must be F or M, as returned by the INSi service.',
    );
  patient.guardians?.forEach((g, i) => {
    const gp = joinPath(joinPath(path, 'guardians'), i);
    if ((g.person === undefined) === (g.organization === undefined))
      c.add(
        gp,
        'guardian',
        'Un représentant légal est soit une personne, soit un organisme (un seul des deux).',
        'A guardian is either a person or an organisation (exactly one of the two).',
      );
    c.coding(joinPath(gp, 'relationship'), g.relationship, RELATIONSHIPS);
    if (g.organization) c.identity(joinPath(joinPath(gp, 'organization'), 'idNatStruct'), checkIdNatStruct(g.organization.idNatStruct));
  });
  if (patient.deceased) c.date(joinPath(joinPath(path, 'deceased'), 'date'), patient.deceased.date);
}

/** Where each strict trait of the INS cross-check lives in the model's patient block. */
const TRAIT_PATHS: Record<InsTraitField, string> = { sex: 'gender', birthDate: 'birthDate', birthPlaceCode: 'birthPlace.cogCode' };

/**
 * The INS against the strict traits (identity-auth.md §1.2): only the certain differences are
 * model errors; the uncertain ones (born abroad, Corsica before 1976, NIA…) are the identity
 * service's warnings, not the document's (the model has no warnings). One message per problem:
 * a matricule already reported (format, key) is not compared, nor a trait already reported
 * (an impossible date).
 */
function checkInsAgainstTraits(c: Checker, path: string, patient: PatientIdentity): void {
  const ins = patient.ins!;
  const reported = new Set(c.issues.map((i) => i.path));
  if (reported.has(joinPath(joinPath(path, 'ins'), 'value'))) return;
  const findings = crossCheckInsTraits({
    matricule: ins.value,
    kind: ins.kind,
    sex: patient.gender,
    birthDate: patient.birthDate,
    ...(patient.birthPlace ? { birthPlaceCode: patient.birthPlace.cogCode } : {}),
  });
  for (const f of findings) {
    const at = joinPath(path, TRAIT_PATHS[f.field]);
    if (f.severity === 'error' && !reported.has(at)) c.identity(at, f);
  }
}

function checkRelated(c: Checker, path: string, person: RelatedPerson | undefined): void {
  if (!person) return;
  c.coding(joinPath(path, 'relationship'), person.relationship, RELATIONSHIPS);
}

const asDocumentId = (id: InstanceId): InstanceId => ({ ...id, root: documentIdRoot(id.root) });

function sameId(a: InstanceId | undefined, b: InstanceId | undefined): boolean {
  return a !== undefined && b !== undefined && a.root === b.root && a.extension === b.extension;
}

/** Checks the header and fills its defaults (ids, times, signer). */
export function checkHeader(c: Checker, input: HeaderInput, defaultTitle: string): void {
  const doc = (input.document ??= {});
  doc.versionNumber ??= 1;
  doc.confidentiality ??= 'N';
  doc.title ??= defaultTitle;
  doc.effectiveTime ??= c.nowInstant();
  // Document ids are XDS uniqueIds: OIDs. A fresh id is the `2.25.` OID of a new UUID, and
  // an id given as a UUID is written in that form (section and entry ids stay UUIDs).
  doc.id = doc.id ? asDocumentId(doc.id) : { root: uuidToOid(c.context.newId()) };
  if (doc.setId) doc.setId = asDocumentId(doc.setId);
  if (doc.replaces) doc.replaces = asDocumentId(doc.replaces);
  if (xdsUniqueId(doc.id).length > MAX_UNIQUE_ID_LENGTH)
    c.add(
      'document.id',
      'too-long',
      `Identifiant du document trop long pour le DMP : racine^extension dépasse ${MAX_UNIQUE_ID_LENGTH} caractères (préférez une racine OID seule).`,
      `Document id too long for an XDS uniqueId: root^extension exceeds ${MAX_UNIQUE_ID_LENGTH} characters (prefer a bare OID root).`,
    );
  if (doc.versionNumber > 1) {
    if (!doc.setId)
      c.add(
        'document.setId',
        'version',
        'À partir de la version 2, setId est obligatoire : reprenez celui de la version remplacée.',
        'From version 2 on, setId is required: reuse the one of the replaced version.',
      );
    if (!doc.replaces)
      c.add(
        'document.replaces',
        'version',
        "À partir de la version 2, indiquez l'identifiant (id) de la version remplacée.",
        'From version 2 on, give the id of the replaced version.',
      );
  } else if (doc.replaces) {
    c.add(
      'document.versionNumber',
      'version',
      'Un document qui en remplace un autre a un numéro de version supérieur à 1.',
      'A document that replaces another must have a version number above 1.',
    );
  }
  doc.setId ??= { root: uuidToOid(c.context.newId()) };
  if (sameId(doc.id, doc.replaces))
    c.add(
      'document.id',
      'version',
      "Chaque version a un nouvel identifiant : id doit différer de celui de la version remplacée.",
      'Every version has a new id: id must differ from the replaced version id.',
    );

  const author = input.author;
  author.time ??= doc.effectiveTime;
  checkActor(c, 'author.professional', author.professional);
  c.coding('author.functionCode', author.functionCode, AUTHOR_FUNCTIONS);

  const signer = (input.legalAuthenticator ??= { professional: author.professional });
  signer.time ??= doc.effectiveTime;
  if (signer.professional !== author.professional) checkActor(c, 'legalAuthenticator.professional', signer.professional);

  c.identity('custodian.idNatStruct', checkIdNatStruct(input.custodian.idNatStruct));

  const enc = input.encounter;
  c.coding('encounter.facilityType', enc.facilityType, FACILITY_TYPES);
  c.coding('encounter.type', enc.type, ENCOUNTER_TYPES);
  checkOrganization(c, 'encounter.facility', enc.facility);
  // healthCareFacility carries an id, a name and an address only.
  for (const key of ['telecoms', 'practiceSetting'] as const)
    if (enc.facility?.[key] !== undefined)
      c.add(
        `encounter.facility.${key}`,
        'unused',
        "Ce champ n'a pas de place dans le lieu de la rencontre (healthCareFacility : identifiant, nom, adresse) : retirez-le.",
        'This field has no place in the encounter location (healthCareFacility: id, name, address): remove it.',
      );
  c.headerPeriod('encounter.period', enc.period);

  checkPatient(c, 'patient', input.patient);
  checkRelated(c, 'trustedPerson', input.trustedPerson);
  input.emergencyContacts?.forEach((p, i) => checkRelated(c, joinPath('emergencyContacts', i), p));
}

/** The first documentationOf performer needs an organisation with a practice setting (SM). */
export function requirePracticeSetting(c: Checker, path: string, actor: Actor): void {
  if (!actor.organization?.practiceSetting)
    c.add(
      joinPath(joinPath(path, 'organization'), 'practiceSetting'),
      'required',
      "Le cadre d'exercice (practiceSetting, J04) de l'organisation est obligatoire ici : il alimente les métadonnées DMP.",
      'The organisation practice setting (practiceSetting, J04) is required here: it feeds the DMP metadata.',
    );
}
