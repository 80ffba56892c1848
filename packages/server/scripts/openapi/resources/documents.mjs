// PPS and Fiche RCP documents, their immutable versions, validation, signature and submission.
import { ref, str, obj, dateTime, json, P, body, authed, errors } from '../helpers.mjs';

export const tags = ['documents'];

/** What a save answers beside the saved draft: what /validate will refuse, so the clinician sees it early. */
const warnings = {
  warnings: {
    type: 'array',
    items: ref('ProblemIssue'),
    maxItems: 100,
    description:
      'On save only (POST /documents, POST …/versions), when there are any: what the draft lacks or which model rule it breaks (missing parts, values outside their list, formats, plausibility…). A draft is saved anyway — nothing typed is lost —; /validate and /sign refuse it until they are mended. Never stored, never replayed differently.',
  },
};

/** What identifies a version, in a version and in its summary. */
const versionKey = { documentId: { type: 'string' }, number: { type: 'integer' }, status: ref('DocumentStatus') };
/** What a version and its summary both say of it (the summary without the model). */
const versionFacts = {
  createdAt: dateTime('Creation time.'),
  createdBy: str('idNatPs of the author of the version.'),
  validation: ref('ValidationSummary'),
  signedAt: dateTime('Signature time.'),
  signedBy: str('idNatPs of the legal authenticator.'),
  submittedAt: dateTime('Submission time.'),
  cdaDocumentId: str('ClinicalDocument/id of the signed CDA, `root` (a `2.25.` OID for generated ids) or `root^extension`: the document\'s XDS uniqueId. Set at signature.'),
  cdaSetId: str('setId of the CDA (`root` or `root^extension`): signed, or the one a replacement draft will carry.'),
  cdaVersionNumber: { type: 'integer', minimum: 1, description: 'versionNumber of the CDA: signed, or the one a replacement draft will carry.' },
  replacesVersion: { type: 'integer', minimum: 1, description: 'Server version number (same document) whose signed CDA this version replaces (relatedDocument RPLC).' },
  replacesCdaDocumentId: str('cdaDocumentId of the replaced version: this CDA\'s relatedDocument/parentDocument/id.'),
  replacementReason: ref('ReplacementReason'),
};

export const schemas = {
  DocumentType: { type: 'string', enum: ['pps', 'frcp'] },
  DocumentStatus: {
    type: 'string',
    enum: ['draft', 'validated', 'signed', 'submitted'],
    description: 'draft → validated (model + 7 conformance layers pass) → signed → submitted.',
  },
  Model: {
    anyOf: [ref('PpsDocument'), ref('FrcpDocument')],
    description:
      'The @dcc-kit/cda build input: PpsDocument (packages/cda/schema/pps.schema.json) or FrcpDocument (frcp.schema.json), the one named by the document type. On save a draft is never refused for being incomplete or breaking a model rule (missing fields, a value outside its list, a bad format, a control character, too long, plausibility): those come back as `warnings`. Only what is not a document of this kind is refused, with its path: a model that is not an object, an unknown field, a field of the wrong JSON type. Full validation happens at /validate.',
  },
  DocumentCreate: obj({ patientId: str('Patient id.', { format: 'uuid' }), type: ref('DocumentType'), model: ref('Model') }),
  Document: obj({
    id: str('Server id (UUID).'),
    patientId: { type: 'string' },
    type: ref('DocumentType'),
    setId: str('CDA setId (root, or root^extension) shared by every version of the document.'),
    currentVersion: { type: 'integer', description: 'Number of the latest version.' },
    status: ref('DocumentStatus'),
    version: { type: 'integer', description: 'Concurrency version of the document and its versions (ETag); bumped by every write.' },
    createdAt: dateTime('Creation time.'),
    updatedAt: dateTime('Last change.'),
    ...warnings,
  }, ['id', 'patientId', 'type', 'setId', 'currentVersion', 'status', 'version', 'createdAt', 'updatedAt']),
  DocumentList: obj({ items: { type: 'array', items: ref('Document') }, nextCursor: { type: ['string', 'null'] } }),
  ReplacementReason: obj(
    {
      reason: { ...ref('cda.Coding'), description: 'Update reason, value set JDV_MotifMiseAJour_CISIS (e.g. `MED-560` réajustement, `263855007` rechute); codeSystem and displayName are completed from the value set.' },
      precision: str('Free precision on the reason.', { minLength: 1, maxLength: 20000 }),
    },
    ['reason'],
    { description: 'Why a signed version is replaced. For a PPS it is also the CDA\'s `status.updateReason` (filled in when the model has none); the FRCP has no place for it in the CDA, the server keeps it on the version.' },
  ),
  VersionCreate: obj(
    {
      model: ref('Model'),
      replacementReason: {
        ...ref('ReplacementReason'),
        description:
          'Required on the first new version after a signature (the document is `signed` or `submitted`): that version replaces the signed one (CDA relatedDocument RPLC). The server sets the model\'s `document.setId` (same), `document.versionNumber` (signed + 1) and `document.replaces` (the signed CDA id); leave them out. Later drafts before the next signature keep the reason unless given again. Refused when no version is signed.',
      },
    },
    ['model'],
  ),
  ValidationSummary: obj({
    valid: { type: 'boolean' },
    layers: {
      type: 'array',
      items: obj({ layer: { type: 'string' }, valid: { type: 'boolean' }, errorCount: { type: 'integer' }, warningCount: { type: 'integer' } }),
    },
    checkedAt: dateTime('When the conformance engine ran.'),
  }),
  VersionSummary: obj({ ...versionKey, ...versionFacts }, ['documentId', 'number', 'status', 'createdAt', 'createdBy']),
  Version: obj(
    { ...versionKey, model: ref('Model'), ...versionFacts, ...warnings },
    ['documentId', 'number', 'status', 'model', 'createdAt', 'createdBy'],
  ),
  VersionList: obj({ items: { type: 'array', items: ref('VersionSummary') }, nextCursor: { type: ['string', 'null'] } }),
};

export const paths = {
  '/documents': {
    get: authed({
      operationId: 'listDocuments',
      tags: ['documents'],
      parameters: [
        { name: 'patientId', in: 'query', schema: { type: 'string' } },
        { name: 'type', in: 'query', schema: ref('DocumentType') },
        { name: 'status', in: 'query', schema: ref('DocumentStatus') },
        P.limit,
        P.cursor,
      ],
      responses: { 200: json('Documents', ref('DocumentList')), ...errors(400, 401) },
    }),
    post: authed({
      operationId: 'createDocument',
      tags: ['documents'],
      parameters: [P.idem],
      requestBody: body('DocumentCreate'),
      responses: { 201: json('Created with version 1 (draft)', ref('Document'), true), ...errors(400, 401, 404, 413, 415, 422) },
    }),
  },
  '/documents/{id}': {
    get: authed({ operationId: 'getDocument', tags: ['documents'], parameters: [P.id], responses: { 200: json('Document', ref('Document'), true), ...errors(401, 404) } }),
  },
  '/documents/{id}/versions': {
    get: authed({
      operationId: 'listVersions',
      tags: ['documents'],
      parameters: [P.id, P.limit, P.cursor],
      responses: { 200: json('Versions (newest first, without model)', ref('VersionList'), true), ...errors(400, 401, 404) },
    }),
    post: authed({
      operationId: 'createVersion',
      tags: ['documents'],
      summary: 'Saves a new immutable draft version n+1 (If-Match: the document ETag); after a signature it replaces the signed version (give `replacementReason`).',
      parameters: [P.id, P.ifMatch],
      requestBody: body('VersionCreate'),
      responses: { 201: json('Created', ref('Version'), true), ...errors(400, 401, 404, 409, 412, 413, 415, 422, 428) },
    }),
  },
  '/documents/{id}/versions/{n}': {
    get: authed({ operationId: 'getVersion', tags: ['documents'], parameters: [P.id, P.n], responses: { 200: json('Version', ref('Version'), true), ...errors(401, 404) } }),
  },
  '/documents/{id}/versions/{n}/validate': {
    post: authed({
      operationId: 'validateVersion',
      tags: ['documents'],
      summary: 'Full model validation, CDA build and the 7 conformance layers; success → validated.',
      parameters: [P.id, P.n, P.ifMatch, P.idem],
      responses: { 200: json('Validated', ref('Version'), true), ...errors(401, 404, 409, 412, 413, 422, 428, 503) },
    }),
  },
  '/documents/{id}/versions/{n}/sign': {
    post: authed({
      operationId: 'signVersion',
      tags: ['documents'],
      summary: 'The caller becomes legal authenticator; the CDA is rebuilt, re-checked and stored; → signed.',
      parameters: [P.id, P.n, P.ifMatch, P.idem],
      responses: { 200: json('Signed', ref('Version'), true), ...errors(401, 403, 404, 409, 412, 413, 422, 428, 503) },
    }),
  },
  '/documents/{id}/versions/{n}/cda': {
    get: authed({
      operationId: 'getVersionCda',
      tags: ['documents'],
      parameters: [P.id, P.n],
      responses: {
        200: {
          description: 'The signed CDA (or the last one built at validation).',
          headers: { 'X-Request-Id': { $ref: '#/components/headers/X-Request-Id' } },
          content: { 'application/xml': { schema: { type: 'string' } } },
        },
        ...errors(401, 404),
      },
    }),
  },
  '/documents/{id}/versions/{n}/submit': {
    post: authed({
      operationId: 'submitVersion',
      tags: ['documents'],
      summary: 'Queues a signed version of a patient with a qualified identity for DMP/MSSanté sending; → submitted.',
      parameters: [P.id, P.n, P.ifMatch, P.idem],
      description:
        'The version’s `submitted` state, its DMP submission row and pg-boss job (and one per MSSanté recipient) are written in one transaction. The optional body chooses the visibility flags and the MSSanté recipients.',
      requestBody: { required: false, content: { 'application/json': { schema: ref('SubmitRequest') } } },
      responses: { 200: json('Submitted', ref('Version'), true), ...errors(400, 401, 404, 409, 412, 413, 415, 422, 428) },
    }),
  },
};
