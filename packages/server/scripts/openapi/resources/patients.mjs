// Patients and their INS identity.
import { ref, str, obj, dateTime, NAME_PATTERN, json, P, body, authed, errors } from '../helpers.mjs';

export const tags = ['patients'];

export const schemas = {
  Ins: obj({
    value: str('INS matricule: 13 characters + 2-digit key.', { pattern: '^[0-9A-Z]{15}$' }),
    oid: str('INS assigning authority OID (1.2.250.1.213.1.4.8 NIR, .9 NIA, .10 test NIR, .11 demo NIR).', {
      pattern: '^[0-9]+(\\.[0-9]+)*$',
      maxLength: 64,
    }),
  }),
  IdentityStatus: {
    type: 'string',
    enum: ['provisional', 'recovered', 'validated', 'qualified'],
    description: 'RNIV identity status (PROV, RECUP, VALI, QUAL). Only `qualified` may be submitted.',
  },
  Traits: obj(
    {
      birthName: str('Nom de naissance.', { minLength: 1, maxLength: 100, pattern: NAME_PATTERN }),
      firstNames: {
        type: 'array',
        minItems: 1,
        maxItems: 10,
        items: str('One birth first name.', { minLength: 1, maxLength: 100, pattern: NAME_PATTERN }),
      },
      birthDate: str('YYYY-MM-DD (00 allowed for an unknown day or month).', { pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' }),
      sex: { type: 'string', enum: ['M', 'F', 'U'] },
      birthPlaceCode: str('INSEE COG code (99xxx abroad).', { pattern: '^(?:[0-9]{2}|2A|2B)[0-9]{3}$' }),
    },
    ['birthName', 'firstNames', 'birthDate', 'sex'],
  ),
  PatientInput: obj(
    {
      ins: ref('Ins'),
      identityStatus: {
        ...ref('IdentityStatus'),
        description: 'Optional: the status follows the identity lifecycle (/patients/{id}/identity/*). Absent, `provisional` on creation or the current status on update; another value is refused unless the server takes statuses from the host (DCC_IDENTITY_STATUS_FROM_HOST).',
      },
      traits: ref('Traits'),
      usedName: str('Nom utilisé.', { minLength: 1, maxLength: 100, pattern: NAME_PATTERN }),
      structureId: str('Structure (FINESS/SIRET) of one of the caller’s activities; fixed once the patient exists.', { minLength: 1, maxLength: 50 }),
    },
    ['ins', 'traits', 'structureId'],
  ),
  Patient: obj(
    {
      id: str('Server id (UUID).'),
      version: { type: 'integer', description: 'Concurrency version (ETag).' },
      createdAt: dateTime('Creation time.'),
      updatedAt: dateTime('Last change.'),
      ins: ref('Ins'),
      identityStatus: ref('IdentityStatus'),
      traits: ref('Traits'),
      usedName: { type: 'string' },
      structureId: { type: 'string' },
    },
    ['id', 'version', 'createdAt', 'updatedAt', 'ins', 'identityStatus', 'traits', 'structureId'],
  ),
  PatientList: obj({ items: { type: 'array', items: ref('Patient') }, nextCursor: { type: ['string', 'null'] } }),
};

export const paths = {
  '/patients': {
    get: authed({
      operationId: 'listPatients',
      tags: ['patients'],
      parameters: [P.limit, P.cursor, { name: 'ins', in: 'query', schema: { type: 'string' }, description: 'Exact INS matricule.' }],
      responses: { 200: json('Patients of the caller’s structures', ref('PatientList')), ...errors(400, 401) },
    }),
    post: authed({
      operationId: 'createPatient',
      tags: ['patients'],
      parameters: [P.idem],
      requestBody: body('PatientInput'),
      responses: { 201: json('Created', ref('Patient'), true), ...errors(400, 401, 409, 413, 415, 422) },
    }),
  },
  '/patients/{id}': {
    get: authed({
      operationId: 'getPatient',
      tags: ['patients'],
      parameters: [P.id],
      responses: { 200: json('Patient', ref('Patient'), true), ...errors(401, 404) },
    }),
    put: authed({
      operationId: 'updatePatient',
      tags: ['patients'],
      parameters: [P.id, P.ifMatch],
      requestBody: body('PatientInput'),
      responses: { 200: json('Updated', ref('Patient'), true), ...errors(400, 401, 404, 409, 412, 413, 415, 422, 428) },
    }),
  },
};
