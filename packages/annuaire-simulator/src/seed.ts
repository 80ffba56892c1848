// The directory's content: the professionals and structures of @dcc-kit/cda's examples (so that
// what the demo and the examples show can be found again), the Pro Santé Connect emulator's test
// users, and a few invented ones (general practitioners, an ADELI professional, an inactive
// entry, namesakes for paging). Every identifier passes its check rule (§2); invented numbers use
// the prefix 19 (RPPS) that no real RPPS has yet, and invented names.
import { checkAdeli, checkFiness, checkRpps, checkSiret, luhnCheckDigit } from '@dcc-kit/cda/identity';
import { loadExamples } from '@dcc-kit/cda/examples';
import type { Address, PersonName, Telecom } from '@dcc-kit/cda';

export interface SeedOrganization {
  /** Technical id in the simulated directory. */
  id: string;
  finess?: string;
  finessKind?: 'EG' | 'EJ';
  siret?: string;
  name: string;
  lines: string[];
  postalCode?: string;
  city?: string;
  inseeCode?: string;
  phone?: string;
  fax?: string;
  email?: string;
  active: boolean;
}

export interface SeedProfessional {
  id: string;
  rpps?: string;
  adeli?: string;
  name: PersonName;
  /** TRE_G15 profession code (`10` médecin, `60` infirmier…). */
  profession: string;
  /** TRE_R38 ordinal specialty (`SM36`…), when any. */
  specialty?: string;
  /** Technical ids of the structures of their activities (one PractitionerRole each). */
  organizations: string[];
  mssante?: string;
  active: boolean;
}

export interface DirectorySeed {
  professionals: SeedProfessional[];
  organizations: SeedOrganization[];
}

const rppsOf = (body: string) => body + luhnCheckDigit(body);

function linesOf(a: Address | undefined): { lines: string[]; postalCode?: string; city?: string; inseeCode?: string } {
  if (!a) return { lines: [] };
  const street = [a.houseNumber, a.streetNameType, a.streetName].filter(Boolean).join(' ');
  const lines = a.lines ? [...a.lines] : [street, a.additionalLocator, a.unitId, a.postBox].filter((l): l is string => !!l);
  const county = a.county && /^(\d{5}|2[AB]\d{3})$/.test(a.county) ? a.county : undefined;
  return { lines, ...(a.postalCode ? { postalCode: a.postalCode } : {}), ...(a.city ? { city: a.city } : {}), ...(county ? { inseeCode: county } : {}) };
}

function telecomOf(telecoms: Telecom[] | undefined, scheme: Telecom['scheme']): string | undefined {
  return telecoms?.find((t) => t.scheme === scheme)?.value;
}

interface ExampleOrg {
  idNatStruct?: string;
  name?: string;
  address?: Address;
  telecoms?: Telecom[];
}
interface ExampleActor {
  idNatPs?: string;
  name?: PersonName;
  profession?: { code?: string };
  organization?: ExampleOrg;
}

/** Walks an example's model and collects every professional and structure it names. */
function collect(value: unknown, found: { actors: ExampleActor[]; orgs: ExampleOrg[] }): void {
  if (Array.isArray(value)) return value.forEach((v) => collect(v, found));
  if (typeof value !== 'object' || value === null) return;
  const o = value as Record<string, unknown>;
  if (typeof o.idNatPs === 'string' && typeof o.name === 'object') found.actors.push(o as ExampleActor);
  if (typeof o.idNatStruct === 'string' && typeof o.name === 'string') found.orgs.push(o as ExampleOrg);
  for (const v of Object.values(o)) collect(v, found);
}

function orgFromIdNat(idNatStruct: string, ex: ExampleOrg | undefined): SeedOrganization | undefined {
  const prefix = idNatStruct.charAt(0);
  const number = idNatStruct.slice(1);
  const finess = prefix === '1' && checkFiness(number) === undefined ? number : undefined;
  const siret = prefix === '3' && checkSiret(number) === undefined ? number : undefined;
  if (!finess && !siret) return undefined;
  return {
    id: `org-${number}`,
    ...(finess ? { finess, finessKind: 'EG' as const } : {}),
    ...(siret ? { siret } : {}),
    name: ex?.name ?? idNatStruct,
    ...linesOf(ex?.address),
    ...(telecomOf(ex?.telecoms, 'tel') ? { phone: telecomOf(ex?.telecoms, 'tel') } : {}),
    ...(telecomOf(ex?.telecoms, 'fax') ? { fax: telecomOf(ex?.telecoms, 'fax') } : {}),
    ...(telecomOf(ex?.telecoms, 'mailto') ? { email: telecomOf(ex?.telecoms, 'mailto') } : {}),
    active: true,
  };
}

/** `G15_10/SM36` → profession 10, specialty SM36 (other savoir-faire tables are not simulated). */
function professionOf(j01: string | undefined): { profession: string; specialty?: string } | undefined {
  const m = /^G15_(\d+)(?:\/(\w+))?$/.exec(j01 ?? '');
  if (!m) return undefined;
  return { profession: m[1] as string, ...(m[2]?.startsWith('SM') ? { specialty: m[2] } : {}) };
}

const slug = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z]+/g, '-')
    .replace(/^-|-$/g, '');

/** The invented part of the directory (names invented; numbers built with their check digit). */
function invented(): DirectorySeed {
  const cabinets: SeedOrganization[] = [
    { id: 'org-cab-49231874600012', siret: '49231874600012', name: 'Cabinet du Dr Camille LEFORT', lines: ['8 boulevard du Roi René'], postalCode: '49100', city: 'Angers', inseeCode: '49007', phone: '0241880000', active: true },
    { id: 'org-cab-73282932000074', siret: '73282932000074', name: 'Maison de santé pluriprofessionnelle des Tilleuls', lines: ['3 allée des Tilleuls'], postalCode: '44300', city: 'Nantes', phone: '0240000001', active: true },
    { id: 'org-010780054', finess: '010780054', finessKind: 'EJ', name: 'Centre hospitalier de Bourg-en-Bresse (entité juridique)', lines: ['900 route de Paris'], postalCode: '01012', city: 'Bourg-en-Bresse', active: true },
    { id: 'org-590064036', finess: '590064036', finessKind: 'EG', name: 'Clinique des Dunes (fermée)', lines: ['1 digue de mer'], postalCode: '59240', city: 'Dunkerque', active: false },
  ];
  const people: [string, string, 'M' | 'MME', string, string | undefined, string[]][] = [
    // family, given, civilité, profession, specialty, structures
    ['MARTIN', 'Paul', 'M', '10', 'SM54', ['org-cab-73282932000074']],
    ['MARTIN', 'Sophie', 'MME', '10', 'SM54', ['org-cab-73282932000074']],
    ['MARTIN', 'Louis', 'M', '10', 'SM36', ['org-1445075658']],
    ['MARTIN', 'Claire', 'MME', '60', undefined, ['org-1445075658']],
    ['MARTIN', 'Hugo', 'M', '10', 'SM44', ['org-1499468346']],
    ['MARTINEZ', 'Inès', 'MME', '10', 'SM54', []],
    ['BERNARD', 'Lucie', 'MME', '10', 'SM54', ['org-cab-73282932000074']],
    ['DUBOIS', 'Thomas', 'M', '10', 'SM26', []],
    ['LEROY', 'Chantal', 'MME', '10', 'SM36', ['org-1338521651']],
    ['FONTAINE', 'Yves', 'M', '21', undefined, []],
    ['CHEVALIER', 'Aurore', 'MME', '10', 'SM40', ['org-1492805973', 'org-1499468346']],
  ];
  const professionals: SeedProfessional[] = people.map(([family, given, prefix, profession, specialty, organizations], i) => {
    const rpps = rppsOf(`19${String(1000 + i).padStart(8, '0')}`);
    return {
      id: `pra-${rpps}`,
      rpps,
      name: { family, given, prefix, ...(profession === '10' ? { suffix: 'DR' as const } : {}) },
      profession,
      ...(specialty ? { specialty } : {}),
      organizations,
      mssante: `${slug(given)}.${slug(family)}@demo.mssante.fr`,
      active: true,
    };
  });
  // ADELI-only professional (orthophoniste, profession 91: §2.1's published layout).
  professionals.push({ id: 'pra-adeli-759124159', adeli: '759124159', name: { family: 'ROUSSEL', given: 'Agnès', prefix: 'MME' }, profession: '91', organizations: [], active: true });
  // Inactive: found only with active=false.
  const retired = rppsOf('1999999001');
  professionals.push({ id: `pra-${retired}`, rpps: retired, name: { family: 'ANCIEN', given: 'Gérard', prefix: 'M', suffix: 'DR' }, profession: '10', specialty: 'SM54', organizations: [], active: false });
  return { professionals, organizations: cabinets };
}

/** The Pro Santé Connect emulator's test users not found in the examples (same RPPS and structures). */
const PSC_USERS: SeedProfessional[] = [
  { id: 'pra-10523187440', rpps: '10523187440', name: { family: 'MARCHAND', given: 'Élodie', prefix: 'MME' }, profession: '60', organizations: ['org-1492805973'], active: true },
  { id: 'pra-10430519933', rpps: '10430519933', name: { family: 'LABORDE', given: 'Pauline', prefix: 'MME', suffix: 'DR' }, profession: '10', specialty: 'SM36', organizations: ['org-1338521651'], active: true },
];

/** The default content: examples, PSC test users, invented entries; identifiers that fail their check are left out. */
export function defaultSeed(): DirectorySeed {
  const found = { actors: [] as ExampleActor[], orgs: [] as ExampleOrg[] };
  for (const volet of ['pps', 'frcp'] as const) for (const ex of loadExamples(volet)) collect(ex.input, found);
  const organizations = new Map<string, SeedOrganization>();
  const richest = new Map<string, ExampleOrg>();
  for (const o of found.orgs) {
    const prev = richest.get(o.idNatStruct as string);
    if (!prev || (!prev.address && o.address) || (!prev.telecoms && o.telecoms)) richest.set(o.idNatStruct as string, { ...prev, ...o });
  }
  for (const [idNat, ex] of richest) {
    const org = orgFromIdNat(idNat, ex);
    if (org) organizations.set(org.id, org);
  }
  const professionals = new Map<string, SeedProfessional>();
  for (const a of found.actors) {
    const id = a.idNatPs as string;
    const rpps = id.startsWith('8') && checkRpps(id.slice(1)) === undefined ? id.slice(1) : undefined;
    const adeli = id.startsWith('0') && checkAdeli(id.slice(1)) === undefined ? id.slice(1) : undefined;
    const prof = professionOf(a.profession?.code);
    if ((!rpps && !adeli) || !a.name?.family || !prof) continue;
    const key = rpps ? `pra-${rpps}` : `pra-adeli-${adeli}`;
    const existing = professionals.get(key);
    const orgId = a.organization?.idNatStruct ? `org-${a.organization.idNatStruct.slice(1)}` : undefined;
    const orgIds = existing?.organizations ?? [];
    if (orgId && organizations.has(orgId) && !orgIds.includes(orgId)) orgIds.push(orgId);
    professionals.set(key, {
      id: key,
      ...(rpps ? { rpps } : { adeli: adeli as string }),
      name: a.name,
      ...prof,
      organizations: orgIds,
      mssante: `${slug(a.name.given ?? '')}.${slug(a.name.family)}@demo.mssante.fr`.replace(/^\./, ''),
      active: true,
    });
  }
  const extra = invented();
  for (const o of extra.organizations) organizations.set(o.id, o);
  for (const p of [...PSC_USERS, ...extra.professionals]) if (!professionals.has(p.id)) professionals.set(p.id, p);
  // Dr LEFORT's second activity: her private practice (the PSC emulator's "several activities" user).
  professionals.get('pra-10209801199')?.organizations.push('org-cab-49231874600012');
  return { professionals: [...professionals.values()], organizations: [...organizations.values()] };
}
