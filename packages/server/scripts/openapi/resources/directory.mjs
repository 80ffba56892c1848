// The national health directory (Annuaire Santé) for the editors' pickers (src/routes/directory.ts).
// The parts that go into a document have the CDA model's shapes (cda.PersonName, cda.Coding,
// cda.Address, cda.Telecom): a picker copies them as they are.
import { ref, str, obj, json, P, authed, errors } from '../helpers.mjs';

export const tags = ['directory'];

const limit = { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 50, default: 10 } };
const q = {
  name: 'q',
  in: 'query',
  description: 'What the user types (2–100 characters): an identifier when it looks like one (RPPS, IdNat_PS, ADELI; FINESS, SIRET, IdNat_Struct, each with its check digit), else name words (each must start a part of the name, case and accents ignored).',
  schema: { type: 'string', minLength: 2, maxLength: 100 },
};
const unavailable = {
  description: 'Problem type `directory-unavailable`: the directory is down, limited, not configured (DCC_ANNUAIRE_URL) or refused the platform’s key; offer manual entry, retry after `Retry-After` seconds.',
  headers: { 'X-Request-Id': { $ref: '#/components/headers/X-Request-Id' }, 'Retry-After': { schema: { type: 'integer' } } },
  content: { 'application/problem+json': { schema: ref('Problem') } },
};

export const schemas = {
  DirectoryCode: obj({ code: str('The code.'), system: str('FHIR system of its value set (TRE_G15 profession, TRE_R38 specialty…).'), display: str('Label.') }, ['code', 'system']),
  DirectoryOrganization: obj(
    {
      idNatStruct: str('IdNat_Struct (`1`+FINESS, `3`+SIRET, `4`+RPPS rang): the CDA id of the structure.'),
      finess: str('FINESS (9 characters).'),
      finessKind: { type: 'string', enum: ['EG', 'EJ'], description: 'FINESS géographique (site) or juridique (legal entity).' },
      siret: str('SIRET (14 digits).'),
      siren: str('SIREN (9 digits).'),
      name: str('Raison sociale.'),
      address: ref('cda.Address'),
      postalCode: str('Postal code (display and filtering).'),
      city: str('City (display).'),
      telecoms: { type: 'array', items: ref('cda.Telecom') },
      active: { type: 'boolean' },
      directoryId: str('Technical id in the directory (not a business identifier).'),
    },
    ['telecoms', 'active'],
  ),
  DirectoryProfessional: obj(
    {
      idNatPs: str('IdNat_PS: `8`+RPPS or `0`+ADELI.'),
      rpps: str('RPPS (11 digits).'),
      adeli: str('ADELI (9 characters).'),
      name: ref('cda.PersonName'),
      profession: ref('DirectoryCode'),
      specialty: ref('DirectoryCode'),
      authorSpecialty: { ...ref('cda.Coding'), description: 'The CDA author specialty (JDV J01: `G15_10/SM36`, else `G15_10`).' },
      mssante: { type: 'array', items: { type: 'string' }, description: 'MSSanté mailboxes of the person.' },
      structures: { type: 'array', items: ref('DirectoryOrganization'), description: 'Structures of their activities.' },
      active: { type: 'boolean' },
    },
    ['idNatPs', 'name', 'mssante', 'structures', 'active'],
  ),
  DirectoryProfessionalList: obj(
    { items: { type: 'array', items: ref('DirectoryProfessional') }, nextCursor: { type: ['string', 'null'] }, total: { type: 'integer', description: 'Matches in the directory, when it tells.' } },
    ['items', 'nextCursor'],
  ),
  DirectoryOrganizationList: obj(
    { items: { type: 'array', items: ref('DirectoryOrganization') }, nextCursor: { type: ['string', 'null'] }, total: { type: 'integer', description: 'Matches in the directory, when it tells.' } },
    ['items', 'nextCursor'],
  ),
};

export const paths = {
  '/directory/practitioners': {
    get: authed({
      operationId: 'searchPractitioners',
      tags: ['directory'],
      parameters: [
        q,
        { name: 'rpps', in: 'query', description: 'RPPS number (11 digits, Luhn).', schema: { type: 'string', pattern: '^[0-9]{11}$' } },
        { name: 'specialty', in: 'query', description: 'Ordinal specialty (TRE_R38), e.g. `SM36`.', schema: { type: 'string', pattern: '^[A-Z0-9_]{1,12}$' } },
        limit,
        P.cursor,
      ],
      description: 'Health professionals of the Annuaire Santé (active ones), with the structures they practise in. Give `q`, `rpps` or `specialty` (or a `cursor`).',
      responses: { 200: json('Professionals found', ref('DirectoryProfessionalList')), ...errors(400, 401, 429), 503: unavailable },
    }),
  },
  '/directory/organizations': {
    get: authed({
      operationId: 'searchOrganizations',
      tags: ['directory'],
      parameters: [
        q,
        { name: 'finess', in: 'query', description: 'FINESS (EG or EJ).', schema: { type: 'string', pattern: '^([0-9]{2}|2[AB])[0-9]{7}$' } },
        { name: 'siret', in: 'query', description: 'SIRET.', schema: { type: 'string', pattern: '^[0-9]{14}$' } },
        { name: 'postalCode', in: 'query', description: 'Postal code or its start (`49` = département).', schema: { type: 'string', pattern: '^([0-9]{2,5}|2[AB][0-9]{0,3})$' } },
        limit,
        P.cursor,
      ],
      description: 'Structures (FINESS establishments and legal entities, SIRET practices) of the Annuaire Santé. Give `q`, `finess`, `siret` or `postalCode` (or a `cursor`).',
      responses: { 200: json('Structures found', ref('DirectoryOrganizationList')), ...errors(400, 401, 429), 503: unavailable },
    }),
  },
};
