// The one mapping, against the response shapes of spec §4.5 (documented and live-sample systems).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { authorSpecialtyOf, mapOrganization, mapPractitioner } from './mapping.js';
import type { Organization, Practitioner, PractitionerRole } from './fhir.js';

const v2 = 'http://interopsante.org/CodeSystem/v2-0203';
const frCore = 'https://hl7.fr/ig/fhir/core/CodeSystem/fr-core-cs-v2-0203';

const practitioner: Practitioner = {
  resourceType: 'Practitioner',
  id: '003-138-123',
  active: true,
  identifier: [
    { use: 'official', type: { coding: [{ system: frCore, code: 'IDNPS' }] }, system: 'urn:oid:1.2.250.1.71.4.2.1', value: '810209801199' },
    { use: 'official', type: { coding: [{ system: v2, code: 'RPPS' }] }, system: 'http://rpps.fr', value: '10209801199' },
  ],
  name: [{ use: 'usual', prefix: ['MME'], suffix: ['DR'], family: 'LEFORT', given: ['Camille'] }],
  telecom: [
    {
      system: 'email',
      value: 'camille.lefort@ico.mssante.fr',
      extension: [
        { url: 'https://hl7.fr/ig/fhir/core/StructureDefinition/fr-core-contact-point-email-type', valueCoding: { code: 'MSSANTE' } },
        { url: 'https://interop.esante.gouv.fr/ig/fhir/annuaire/StructureDefinition/as-ext-mailbox-mss-metadata', extension: [{ url: 'type', valueCoding: { code: 'PER' } }] },
      ],
    },
  ],
  qualification: [
    {
      code: {
        coding: [
          { system: 'https://mos.esante.gouv.fr/NOS/TRE_G15-ProfessionSante/FHIR/TRE-G15-ProfessionSante', code: '10', display: 'Médecin' },
          { system: 'https://mos.esante.gouv.fr/NOS/TRE_R09-CategorieProfessionnelle/FHIR/TRE-R09-CategorieProfessionnelle', code: 'C', display: 'Civil' },
        ],
      },
    },
    {
      code: {
        coding: [
          { system: 'https://mos.esante.gouv.fr/NOS/TRE_R04-TypeSavoirFaire/FHIR/TRE-R04-TypeSavoirFaire', code: 'S' },
          { system: 'https://mos.esante.gouv.fr/NOS/TRE_R38-SpecialiteOrdinale/FHIR/TRE-R38-SpecialiteOrdinale', code: 'SM36', display: 'Oncologie médicale' },
        ],
      },
    },
  ],
};

const ico: Organization = {
  resourceType: 'Organization',
  id: 'org-ico',
  active: true,
  identifier: [
    { use: 'official', type: { coding: [{ system: frCore, code: 'IDNST' }] }, system: 'urn:oid:1.2.250.1.71.4.2.2', value: '1492805973' },
    { use: 'official', type: { coding: [{ system: frCore, code: 'FINEG' }] }, system: 'https://finess.esante.gouv.fr', value: '492805973' },
  ],
  name: "Institut de Cancérologie de l'Ouest (ICO) – site Paul Papin",
  telecom: [{ system: 'phone', value: '02 41 35 27 00' }, { system: 'email', value: 'secretariat@ico.mssante.fr' }],
  address: [{ line: ['15 rue André Boquel', 'CS 10059'], postalCode: '49055', city: 'Angers Cedex 02' }],
};

const role: PractitionerRole = {
  resourceType: 'PractitionerRole',
  id: 'role-1',
  identifier: [{ system: 'https://rpps.esante.gouv.fr', value: 'F58000880311022013' }],
  practitioner: { reference: 'Practitioner/003-138-123' },
  organization: { reference: 'Organization/org-ico' },
  code: [{ coding: [{ system: 'https://mos.esante.gouv.fr/NOS/TRE_R22-GenreActivite/FHIR/TRE-R22-GenreActivite', code: 'GENR01' }] }],
  telecom: [{ system: 'email', value: 'oncologie.lefort@ico.mssante.fr' }],
};

test('a practitioner maps to the model-shaped professional: IdNat_PS, name, J01 specialty, structures', () => {
  const p = mapPractitioner(practitioner, [role], new Map([['org-ico', ico]]));
  assert.deepEqual(p, {
    idNatPs: '810209801199',
    rpps: '10209801199',
    name: { family: 'LEFORT', given: 'Camille', prefix: 'MME', suffix: 'DR' },
    profession: { code: '10', system: 'https://mos.esante.gouv.fr/NOS/TRE_G15-ProfessionSante/FHIR/TRE-G15-ProfessionSante', display: 'Médecin' },
    specialty: { code: 'SM36', system: 'https://mos.esante.gouv.fr/NOS/TRE_R38-SpecialiteOrdinale/FHIR/TRE-R38-SpecialiteOrdinale', display: 'Oncologie médicale' },
    authorSpecialty: { code: 'G15_10/SM36', codeSystem: '1.2.250.1.213.1.1.4.5', displayName: 'Médecin - Oncologie, opt médicale (SM)' },
    mssante: ['camille.lefort@ico.mssante.fr', 'oncologie.lefort@ico.mssante.fr'],
    structures: [
      {
        idNatStruct: '1492805973',
        finess: '492805973',
        finessKind: 'EG',
        name: "Institut de Cancérologie de l'Ouest (ICO) – site Paul Papin",
        address: { use: 'WP', lines: ['15 rue André Boquel', 'CS 10059', '49055 Angers Cedex 02'] },
        postalCode: '49055',
        city: 'Angers Cedex 02',
        telecoms: [
          { scheme: 'tel', value: '0241352700', use: 'WP' },
          { scheme: 'mailto', value: 'secretariat@ico.mssante.fr', use: 'WP' },
        ],
        active: true,
        directoryId: 'org-ico',
      },
    ],
    active: true,
  });
});

test('both identifier systems of §4.5 are tolerated: the documented RPPS system without IDNPS', () => {
  const documented: Practitioner = {
    resourceType: 'Practitioner',
    identifier: [{ type: { coding: [{ system: frCore, code: 'RPPS' }] }, system: 'https://rpps.esante.gouv.fr', value: '10003461033' }],
    name: [{ family: 'X' }],
  };
  // 10003461033 fails Luhn (a documentation example, §2.3): the entry cannot be written into a CDA.
  assert.equal(mapPractitioner(documented), undefined);
  const real = { ...documented, identifier: [{ ...documented.identifier![0], value: '10001045367' }] };
  assert.equal(mapPractitioner(real)?.idNatPs, '810001045367');
  const untyped: Practitioner = { resourceType: 'Practitioner', identifier: [{ system: 'http://rpps.fr', value: '10001045367' }], name: [{ family: 'X' }] };
  assert.equal(mapPractitioner(untyped)?.rpps, '10001045367');
});

test('an ADELI-only professional gets IdNat_PS 0+ADELI', () => {
  const p = mapPractitioner({
    resourceType: 'Practitioner',
    identifier: [{ type: { coding: [{ code: 'IDNPS' }] }, system: 'urn:oid:1.2.250.1.71.4.2.1', value: '0012600631' }],
    name: [{ family: 'AUDIO', given: ['Jean'], prefix: ['M'] }],
  });
  assert.equal(p?.idNatPs, '0012600631');
  assert.equal(p?.adeli, '012600631');
  assert.equal(p?.rpps, undefined);
});

test('civilités the model does not know are dropped rather than written wrong', () => {
  const p = mapPractitioner({ ...practitioner, name: [{ family: 'A', prefix: ['MLLE'], suffix: ['ZZ'] }] });
  assert.deepEqual(p?.name, { family: 'A' });
});

test('roles of another practitioner, inactive roles and unknown structures are not the professional’s', () => {
  const other: PractitionerRole = { ...role, practitioner: { reference: 'Practitioner/someone-else' } };
  const inactive: PractitionerRole = { ...role, active: false };
  const dangling: PractitionerRole = { ...role, organization: { reference: 'Organization/unknown' } };
  assert.deepEqual(mapPractitioner(practitioner, [other, inactive, dangling], new Map([['org-ico', ico]]))?.structures, []);
});

test('J01 author specialty: profession + savoir-faire when J01 has it, else the profession alone, else none', () => {
  assert.equal(authorSpecialtyOf('10', 'SM54')?.code, 'G15_10/SM54');
  assert.equal(authorSpecialtyOf('10', 'XX99')?.code, 'G15_10');
  assert.equal(authorSpecialtyOf('60', undefined)?.code, 'G15_60');
  assert.equal(authorSpecialtyOf('zz', undefined), undefined);
  assert.equal(authorSpecialtyOf(undefined, 'SM54'), undefined);
});

test('organisations: IdNat_Struct derived from FINESS EJ or SIRET when not given; a bad check digit is dropped', () => {
  const ej = mapOrganization({
    resourceType: 'Organization',
    identifier: [{ type: { coding: [{ system: v2, code: 'FINEJ' }] }, system: 'https://finess.esante.gouv.fr', value: '010780054' }],
    name: 'EJ',
  });
  assert.deepEqual([ej.idNatStruct, ej.finess, ej.finessKind], ['1010780054', '010780054', 'EJ']);
  const cabinet = mapOrganization({
    resourceType: 'Organization',
    identifier: [{ type: { coding: [{ code: 'SIRET' }] }, system: 'https://sirene.fr', value: '73282932000074' }],
  });
  assert.deepEqual([cabinet.idNatStruct, cabinet.siret], ['373282932000074', '73282932000074']);
  const fictitious = mapOrganization({
    resourceType: 'Organization',
    identifier: [{ type: { coding: [{ code: 'FINEG' }] }, value: '754567860' }],
    name: 'IG example',
  });
  assert.equal(fictitious.finess, undefined);
  assert.equal(fictitious.idNatStruct, undefined);
  assert.deepEqual(fictitious.telecoms, []);
});

test('an inactive organisation (delta-sync shape: ids and active only) maps without inventing parts', () => {
  const o = mapOrganization({ resourceType: 'Organization', id: 'x', active: false, identifier: [{ type: { coding: [{ code: 'FINEG' }] }, value: '590064036' }] });
  assert.deepEqual(o, { idNatStruct: '1590064036', finess: '590064036', finessKind: 'EG', telecoms: [], active: false, directoryId: 'x' });
});
