// Writes packages/server/openapi.json, the authoritative HTTP contract of the server.
// The server reads the request schemas from that file at start-up (body checks), and a test
// checks that the routes it registers and the spec's paths are the same set.
// The document model is not restated here: the published PPS/FRCP JSON Schemas of @dcc-kit/cda
// are embedded under components/schemas (see cdaSchemas below), so the SDK's types are the model's.
// Run: node packages/server/scripts/write-openapi.mjs (after @dcc-kit/cda's JSON Schemas are written)
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The PPS and FRCP JSON Schemas of @dcc-kit/cda as OpenAPI components: the roots under their
 * titles (PpsDocument, FrcpDocument), their $defs lifted beside them with every `#/$defs/X`
 * rewritten. A definition both volets share unchanged is `cda.X`; one that exists in one volet
 * or differs between them is `pps.X` / `frcp.X`. The prefixes keep them apart from the API's
 * own schemas (the model's `Ins` is not the patient resource's `Ins`).
 */
function cdaSchemas() {
  const require = createRequire(import.meta.url);
  const read = (volet) => JSON.parse(readFileSync(require.resolve(`@dcc-kit/cda/schema/${volet}.schema.json`), 'utf8'));
  const volets = { pps: read('pps'), frcp: read('frcp') };
  const defs = { pps: volets.pps.$defs ?? {}, frcp: volets.frcp.$defs ?? {} };
  const nameOf = (volet, def) => {
    const other = defs[volet === 'pps' ? 'frcp' : 'pps'][def];
    return other && JSON.stringify(other) === JSON.stringify(defs[volet][def]) ? `cda.${def}` : `${volet}.${def}`;
  };
  const rewrite = (volet, node) => {
    if (Array.isArray(node)) return node.map((n) => rewrite(volet, n));
    if (!node || typeof node !== 'object') return node;
    return Object.fromEntries(
      Object.entries(node).map(([key, value]) => [
        key,
        key === '$ref' && typeof value === 'string' && value.startsWith('#/$defs/') ? `#/components/schemas/${nameOf(volet, value.slice('#/$defs/'.length))}` : rewrite(volet, value),
      ]),
    );
  };
  const out = {};
  for (const [volet, schema] of Object.entries(volets)) {
    // $id would make the root a separate resource for $ref resolution; $schema is the document's dialect already.
    const { $schema: _dialect, $id: _id, $defs: _defs, ...root } = schema;
    out[schema.title] = rewrite(volet, root);
    for (const [def, value] of Object.entries(defs[volet])) out[nameOf(volet, def)] = rewrite(volet, value);
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

const ref = (name) => ({ $ref: `#/components/schemas/${name}` });
const str = (description, extra = {}) => ({ type: 'string', description, ...extra });
const obj = (properties, required = Object.keys(properties), extra = {}) => ({
  type: 'object',
  properties,
  required,
  additionalProperties: false,
  ...extra,
});
const dateTime = (description) => ({ type: 'string', format: 'date-time', description });
// Free text without control characters (the CDA model rejects them too); markup is allowed
// and escaped by the CDA builder.
const NAME_PATTERN = "^[\\p{L}](?:[\\p{L}' -]*[\\p{L}])?$";

const schemas = {
  LocalizedText: obj({ fr: str('French text.'), en: str('English text.') }),
  ProblemIssue: obj(
    {
      path: str('Field path in the request body (e.g. `model.tumours[0].topography.code`, `ins.value`); empty for the whole body.'),
      code: str('Stable machine code (e.g. `required`, `unknown-field`, `ins.key`, `conformance`).'),
      message: ref('LocalizedText'),
      layer: str('Conformance layer (for conformance errors).'),
      location: str('XPath-like location in the CDA (for conformance errors).'),
    },
    ['path', 'code', 'message'],
  ),
  Problem: obj(
    {
      type: str('URI reference identifying the problem type.'),
      title: str('Short summary.'),
      status: { type: 'integer', description: 'HTTP status.' },
      detail: str('Explanation (never contains health data).'),
      instance: str('Request path.'),
      requestId: str('Same as the X-Request-Id response header.'),
      errors: { type: 'array', items: ref('ProblemIssue') },
    },
    ['type', 'title', 'status', 'requestId'],
  ),
  Health: obj({ status: { type: 'string', enum: ['ok'] }, store: { type: 'string', enum: ['pglite', 'postgres'] } }),
  Activity: obj(
    {
      id: str('Stable id of the activity within the session (use it for X-DCC-Activity and PUT /auth/session/activity).'),
      structureId: str('FINESS (site) or SIRET of the structure, or its technical id when neither is known.'),
      structureIdType: { type: 'string', enum: ['FINESS', 'SIRET', 'TECHNICAL'] },
      structureName: { type: ['string', 'null'] },
      professionCode: { type: ['string', 'null'], description: 'codeProfession (TRE_G15).' },
      specialtyCode: { type: ['string', 'null'], description: 'codeSavoirFaire (TRE_R38).' },
      modeCode: { type: ['string', 'null'], description: 'codeModeExercice (L, S, B).' },
    },
    ['id', 'structureId', 'structureIdType', 'structureName', 'professionCode', 'specialtyCode', 'modeCode'],
  ),
  Professional: obj({
    idNatPs: str('National professional id (SubjectNameID).'),
    givenName: { type: ['string', 'null'] },
    familyName: { type: ['string', 'null'] },
    roles: { type: 'array', items: { type: 'string' }, description: 'SubjectRole values (`code^OID`).' },
    activities: { type: 'array', items: ref('Activity') },
  }),
  Session: obj({
    professional: ref('Professional'),
    activeActivityId: { type: ['string', 'null'] },
    expiresAt: dateTime('End of the server session.'),
    draftKey: str('32 random bytes, base64url, per session (key material for encrypted local drafts).'),
  }),
  SelectActivity: obj({ activityId: str('An `Activity.id` of the professional.', { minLength: 1, maxLength: 200 }) }),
  LogoutResult: obj({ endSessionUrl: { type: ['string', 'null'], description: 'PSC end-session URL to send the browser to.' } }),
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
      identityStatus: ref('IdentityStatus'),
      traits: ref('Traits'),
      usedName: str('Nom utilisé.', { minLength: 1, maxLength: 100, pattern: NAME_PATTERN }),
      structureId: str('Structure (FINESS/SIRET) of one of the caller’s activities; fixed once the patient exists.', { minLength: 1, maxLength: 50 }),
    },
    ['ins', 'identityStatus', 'traits', 'structureId'],
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
  DocumentType: { type: 'string', enum: ['pps', 'frcp'] },
  DocumentStatus: {
    type: 'string',
    enum: ['draft', 'validated', 'signed', 'submitted'],
    description: 'draft → validated (model + 7 conformance layers pass) → signed → submitted.',
  },
  Model: {
    anyOf: [ref('PpsDocument'), ref('FrcpDocument')],
    description:
      'The @dcc-kit/cda build input: PpsDocument (packages/cda/schema/pps.schema.json) or FrcpDocument (frcp.schema.json), the one named by the document type. On save a draft may be incomplete: missing required fields are accepted, but a wrong shape (unknown field, wrong type, value not allowed, bad format, control character, too long) is refused with its path. Full validation happens at /validate.',
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
  }),
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
  VersionSummary: obj(
    {
      documentId: { type: 'string' },
      number: { type: 'integer' },
      status: ref('DocumentStatus'),
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
    },
    ['documentId', 'number', 'status', 'createdAt', 'createdBy'],
  ),
  Version: obj(
    {
      documentId: { type: 'string' },
      number: { type: 'integer' },
      status: ref('DocumentStatus'),
      model: ref('Model'),
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
    },
    ['documentId', 'number', 'status', 'model', 'createdAt', 'createdBy'],
  ),
  VersionList: obj({ items: { type: 'array', items: ref('VersionSummary') }, nextCursor: { type: ['string', 'null'] } }),
  AuditEvent: obj(
    {
      at: dateTime('Time of the event.'),
      actor: str('idNatPs of the professional.'),
      action: str('e.g. patient.create, document.version.create, document.version.replace (first version after a signature), document.sign; reads: patient.read, document.read, document.version.read, document.cda.read.'),
      resourceType: { type: 'string', enum: ['patient', 'document'] },
      resourceId: { type: 'string' },
      version: { type: 'integer' },
      requestId: { type: 'string' },
      structureId: str('The structure whose resource it is.'),
    },
    ['at', 'actor', 'action', 'resourceType', 'resourceId', 'requestId', 'structureId'],
  ),
  AuditList: obj({ items: { type: 'array', items: ref('AuditEvent') }, nextCursor: { type: ['string', 'null'] } }),
  // Issue 11: DMP / MSSanté submissions (src/routes/submissions.ts)
  VisibilityFlag: {
    type: 'string',
    enum: ['MASQUE_PS', 'INVISIBLE_PATIENT', 'INVISIBLE_REPRESENTANTS_LEGAUX'],
    description: 'TRE_A07 visibility: masked to professionals (reversible); not visible to the patient / to the legal representatives (one-way: can only be lifted). Not both MASQUE_PS and INVISIBLE_PATIENT (EX_2.1-1050).',
  },
  SubmitRequest: obj(
    {
      visibility: { type: 'array', items: ref('VisibilityFlag'), maxItems: 3, uniqueItems: true, description: 'Visibility flags of the DMP entry (default none).' },
      mss: obj(
        {
          patient: { type: 'boolean', description: 'Also send by MSSanté to the patient’s mailbox `<INS>@patient.mssante.fr` (refused when INVISIBLE_PATIENT).' },
          recipients: { type: 'array', items: str('A care-team MSSanté address.', { maxLength: 254 }), maxItems: 20, uniqueItems: true },
        },
        [],
      ),
    },
    [],
    { description: 'Optional body of /submit: without it the version goes to the DMP only, with no visibility flag.' },
  ),
  VisibilityChange: obj(
    {
      maskedToProfessionals: { type: 'boolean', description: 'Mask (true) or unmask (false) to professionals (TD3.3a).' },
      visibleToPatient: { const: true, description: 'Make visible to the patient (TD3.3b) — irreversible.' },
      visibleToLegalRepresentatives: { const: true, description: 'Make visible to the legal representatives (TD3.3b) — irreversible.' },
    },
    [],
    { minProperties: 1 },
  ),
  SubmissionState: {
    type: 'string',
    enum: ['queued', 'sending', 'retrying', 'accepted', 'refused', 'parked'],
    description: 'queued → sending → accepted | refused (permanent, with the reason) | retrying (transient fault; nextAttemptAt) → … | parked (retries exhausted, DMP closed, or a human must act; `retry` re-queues it).',
  },
  SubmissionReason: obj(
    { code: str('DMP / IHE error code or the server’s reason code.'), fr: str('Plain French.'), en: str('Plain English.'), field: str('The metadata field, VIHF attribute or resource field concerned.') },
    ['code', 'fr', 'en'],
  ),
  Submission: obj(
    {
      id: str('Submission id (UUID).'),
      seq: { type: 'integer' },
      documentId: { type: 'string' },
      versionNumber: { type: 'integer' },
      structureId: { type: 'string' },
      patientId: { type: 'string' },
      setId: { type: 'string' },
      channel: str('`dmp`, `mss:patient` (the patient’s mailbox) or `mss:<address>`.'),
      state: ref('SubmissionState'),
      stateDetail: str('Why it waits or was parked: `dmp-not-configured`, `mss-not-configured`, `retries-exhausted`, `dmp-closed`, `dmp-none`, `dmp-ps-blocked`, `waiting-for-earlier-version`, `job-lost`.'),
      visibility: { type: 'array', items: ref('VisibilityFlag') },
      entryUUID: str('The DocumentEntry entryUUID, kept across retries (a re-send is the same entry).'),
      submissionSetId: str('The SubmissionSet uniqueId, kept across retries.'),
      jobId: { type: 'string' },
      attempts: { type: 'integer' },
      nextAttemptAt: dateTime('When a retrying submission is tried again.'),
      dmp: obj(
        { entryUUID: { type: 'string' }, logicalId: { type: 'string' }, metadataVersion: { type: 'integer' }, status: str('Approved, Archived, Deprecated (replaced) or Deleted.') },
        ['entryUUID'],
      ),
      reason: ref('SubmissionReason'),
      requestedBy: { type: 'string' },
      createdAt: dateTime('Creation.'),
      updatedAt: dateTime('Last change.'),
    },
    ['id', 'seq', 'documentId', 'versionNumber', 'structureId', 'patientId', 'setId', 'channel', 'state', 'visibility', 'entryUUID', 'submissionSetId', 'attempts', 'requestedBy', 'createdAt', 'updatedAt'],
  ),
  SubmissionList: obj({ items: { type: 'array', items: ref('Submission') } }),
  DmpPatientStatus: obj(
    {
      dmp: { type: 'string', enum: ['active', 'closed', 'none'] },
      closureReason: { type: 'string' },
      authorisation: { type: 'string', enum: ['VALIDE', 'EXPIRE', 'INTERDIT', 'NON_EXISTE'] },
      medecinTraitant: { type: 'boolean' },
      mesAttached: { type: 'boolean' },
      canFeed: { type: 'boolean' },
    },
    ['dmp', 'authorisation', 'medecinTraitant', 'mesAttached', 'canFeed'],
  ),
  SubmissionEvent: obj(
    {
      seq: { type: 'integer', description: 'The SSE event id (send it back as Last-Event-ID).' },
      at: dateTime('When.'),
      structureId: { type: 'string' },
      submissionId: { type: 'string' },
      documentId: { type: 'string' },
      versionNumber: { type: 'integer' },
      channel: { type: 'string' },
      state: ref('SubmissionState'),
      kind: str('`state` (a state change), `deprecated` (replaced in the DMP), or an action: `visibility`, `archive`, `unarchive`, `delete`.'),
      data: { type: 'object' },
    },
    undefined,
  ),
};

const modelSchemas = cdaSchemas();

const header = (name, description, schema = { type: 'string' }) => ({ name, in: 'header', description, schema });
const problemResponse = (description) => ({
  description,
  headers: { 'X-Request-Id': { $ref: '#/components/headers/X-Request-Id' } },
  content: { 'application/problem+json': { schema: ref('Problem') } },
});
const json = (description, schema, etag = false) => ({
  description,
  headers: {
    'X-Request-Id': { $ref: '#/components/headers/X-Request-Id' },
    'DCC-API-Version': { $ref: '#/components/headers/DCC-API-Version' },
    ...(etag ? { ETag: { $ref: '#/components/headers/ETag' } } : {}),
    ...(/^(Created|Validated|Signed|Submitted)/.test(description) ? { 'Idempotent-Replayed': { $ref: '#/components/headers/Idempotent-Replayed' } } : {}),
  },
  content: { 'application/json': { schema } },
});
const errors = (...codes) =>
  Object.fromEntries(codes.map((c) => [String(c), { $ref: `#/components/responses/${PROBLEMS[c]}` }]));
const PROBLEMS = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  409: 'Conflict',
  412: 'PreconditionFailed',
  413: 'PayloadTooLarge',
  415: 'UnsupportedMediaType',
  422: 'Unprocessable',
  428: 'PreconditionRequired',
  429: 'TooManyRequests',
  502: 'BadGateway',
  503: 'ServiceUnavailable',
};
const P = {
  ifMatch: { $ref: '#/components/parameters/IfMatch' },
  idem: { $ref: '#/components/parameters/IdempotencyKey' },
  activity: { $ref: '#/components/parameters/Activity' },
  limit: { $ref: '#/components/parameters/Limit' },
  cursor: { $ref: '#/components/parameters/Cursor' },
  id: { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
  n: { name: 'n', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } },
};
const body = (name) => ({ required: true, content: { 'application/json': { schema: ref(name) } } });
// Every authenticated operation may answer 400 (bad X-DCC-Activity, query), 401, and 502
// (PSC unreachable while checking a bearer token); any operation may answer an unexpected
// 5xx as a problem (`default`).
const authed = (op) => ({
  ...op,
  parameters: [P.activity, ...(op.parameters ?? [])],
  responses: { ...op.responses, ...errors(400, 401, 502) },
});

const paths = {
  '/health': {
    get: { operationId: 'getHealth', tags: ['system'], security: [], summary: 'Liveness and store kind (no auth).', responses: { 200: json('OK', ref('Health')) } },
  },
  '/auth/login': {
    get: {
      operationId: 'login',
      tags: ['auth'],
      security: [],
      summary: 'Starts the Pro Santé Connect login (authorization code + PKCE S256 + nonce + state, acr eidas1).',
      parameters: [{ name: 'returnTo', in: 'query', schema: { type: 'string' }, description: 'Same-origin path to return to (default `/`).' }],
      responses: { 302: { description: 'Redirect to the PSC authorization endpoint; sets a short-lived `dcc_login` cookie.' }, ...errors(400, 502) },
    },
  },
  '/auth/callback': {
    get: {
      operationId: 'loginCallback',
      tags: ['auth'],
      security: [],
      summary: 'PSC redirects here; the server exchanges the code, checks state/nonce/PKCE/acr, reads userinfo and opens a session.',
      parameters: [
        { name: 'code', in: 'query', schema: { type: 'string' } },
        { name: 'state', in: 'query', schema: { type: 'string' } },
        { name: 'iss', in: 'query', schema: { type: 'string' } },
      ],
      responses: { 302: { description: 'Redirect to returnTo; sets the HttpOnly `dcc_session` cookie.' }, ...errors(400, 401, 502) },
    },
  },
  '/auth/logout': {
    post: {
      operationId: 'logout',
      tags: ['auth'],
      summary: 'Ends the server session and returns the PSC end-session URL.',
      responses: { 200: json('Session ended', ref('LogoutResult')), ...errors(401) },
    },
  },
  '/auth/session': {
    get: { operationId: 'getSession', tags: ['auth'], summary: 'The logged-in professional and the session.', responses: { 200: json('Session', ref('Session')), ...errors(401) } },
  },
  '/auth/session/activity': {
    put: {
      operationId: 'selectActivity',
      tags: ['auth'],
      summary: 'Picks the activity (structure) the professional acts for.',
      requestBody: body('SelectActivity'),
      responses: { 200: json('Session', ref('Session')), ...errors(400, 401, 404, 413, 415) },
    },
  },
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
  '/documents/{id}/versions/{n}/submissions': {
    get: authed({
      operationId: 'listVersionSubmissions',
      tags: ['submissions'],
      parameters: [P.id, P.n],
      responses: { 200: json('The DMP and MSSanté submissions of the version', ref('SubmissionList')), ...errors(401, 404) },
    }),
  },
  '/submissions/{id}/retry': {
    post: authed({
      operationId: 'retrySubmission',
      tags: ['submissions'],
      summary: 'Re-queues a parked submission (and the later versions of its document parked behind it, in order).',
      parameters: [P.id],
      responses: { 200: json('The submission, queued again', ref('Submission')), ...errors(401, 404, 409) },
    }),
  },
  '/patients/{id}/dmp': {
    get: authed({
      operationId: 'getPatientDmpStatus',
      tags: ['submissions'],
      summary: 'The patient’s DMP status, asked live (TD0.2): exists / closed / none, the authorisation of the caller, whether it can be fed.',
      parameters: [P.id],
      responses: { 200: json('TD0.2 answer', ref('DmpPatientStatus')), ...errors(401, 404, 422, 503) },
    }),
  },
  '/documents/{id}/versions/{n}/dmp/visibility': {
    post: authed({
      operationId: 'changeDmpVisibility',
      tags: ['submissions'],
      summary: 'Changes the visibility of the version’s DMP entry (ITI-57, direct call): mask / unmask to professionals; make visible to the patient or legal representatives (irreversible).',
      parameters: [P.id, P.n],
      requestBody: body('VisibilityChange'),
      responses: { 200: json('The DMP submission after the change', ref('Submission')), ...errors(400, 401, 404, 409, 413, 415, 422, 503) },
    }),
  },
  '/documents/{id}/versions/{n}/dmp/archive': {
    post: authed({
      operationId: 'archiveDmpEntry',
      tags: ['submissions'],
      summary: 'Archives the version’s DMP entry (ITI-57 TD3.3d).',
      parameters: [P.id, P.n],
      responses: { 200: json('The DMP submission after the change', ref('Submission')), ...errors(401, 404, 409, 422, 503) },
    }),
  },
  '/documents/{id}/versions/{n}/dmp/unarchive': {
    post: authed({
      operationId: 'unarchiveDmpEntry',
      tags: ['submissions'],
      summary: 'Brings an archived DMP entry back to Approved (TD3.3d).',
      parameters: [P.id, P.n],
      responses: { 200: json('The DMP submission after the change', ref('Submission')), ...errors(401, 404, 409, 422, 503) },
    }),
  },
  '/documents/{id}/versions/{n}/dmp/delete': {
    post: authed({
      operationId: 'deleteDmpEntry',
      tags: ['submissions'],
      summary: 'Deletes the version’s DMP entry (TD3.3c).',
      parameters: [P.id, P.n],
      responses: { 200: json('The DMP submission after the change', ref('Submission')), ...errors(401, 404, 409, 422, 503) },
    }),
  },
  '/events': {
    get: authed({
      operationId: 'streamEvents',
      tags: ['submissions'],
      summary: 'Change feed of the submissions of the caller’s structures, as Server-Sent Events (`event: submission`, `id:` the event seq, `data:` a SubmissionEvent).',
      description:
        'Without Last-Event-ID the feed starts at the newest event; with it (header, or `lastEventId` query for clients that cannot set headers) the events after it are replayed first. The stream stays open; a comment line is sent every 15 s of silence.',
      parameters: [header('Last-Event-ID', 'Resume after this event id.'), { name: 'lastEventId', in: 'query', schema: { type: 'string', pattern: '^[0-9]{1,15}$' } }],
      responses: {
        200: {
          description: 'The stream (text/event-stream); each `data:` line is a SubmissionEvent.',
          headers: { 'X-Request-Id': { $ref: '#/components/headers/X-Request-Id' } },
          content: { 'text/event-stream': { schema: { type: 'string' }, 'x-dcc-event': ref('SubmissionEvent') } },
        },
        ...errors(400, 401),
      },
    }),
  },
  '/audit': {
    get: authed({
      operationId: 'listAudit',
      tags: ['audit'],
      parameters: [
        { name: 'documentId', in: 'query', schema: { type: 'string' } },
        { name: 'patientId', in: 'query', schema: { type: 'string' } },
        { name: 'kind', in: 'query', description: 'Only reads (patient, document, version or CDA opened) or only writes.', schema: { type: 'string', enum: ['read', 'write'] } },
        { name: 'actor', in: 'query', description: 'Only the events of this professional (idNatPs).', schema: { type: 'string' } },
        P.limit,
        P.cursor,
      ],
      description: 'Who wrote or read which resource (type and id, never content), when, in which structure: the events of the caller’s structures.',
      responses: { 200: json('Audit events (newest first) of the caller’s structures; only for their administrators (DCC_AUDIT_READERS)', ref('AuditList')), ...errors(400, 401, 403) },
    }),
  },
};

for (const item of Object.values(paths))
  for (const [method, op] of Object.entries(item)) {
    // Authenticated writes may be refused for a missing DCC-API-Version header (CSRF check on cookie sessions).
    if (method !== 'get' && !(Array.isArray(op.security) && op.security.length === 0)) Object.assign(op.responses, errors(403));
    // Traffic limits (per client address, per professional, in flight): any operation but health.
    if (op.operationId !== 'getHealth') Object.assign(op.responses, errors(429));
    op.responses.default = { $ref: '#/components/responses/ServerError' };
  }

const doc = {
  openapi: '3.1.0',
  info: {
    title: 'dcc-kit platform API',
    version: '2026-11-01',
    description:
      'Reference backend of dcc-kit: patients (INS), PPS and Fiche RCP documents with immutable versions, validation by the ANS kit (7 layers), signature by the logged-in professional (Pro Santé Connect) and submission queue. Every response carries `X-Request-Id` and `DCC-API-Version`. Errors are `application/problem+json` with field paths. Writes to an existing resource require `If-Match` (428 without, 412 when stale). Writes authenticated by the session cookie must send the `DCC-API-Version` request header (403 without): a header a cross-site form cannot add (CSRF protection).',
    license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
  },
  servers: [{ url: '/' }],
  security: [{ session: [] }, { bearer: [] }],
  tags: [{ name: 'system' }, { name: 'auth' }, { name: 'patients' }, { name: 'documents' }, { name: 'submissions' }, { name: 'audit' }],
  paths,
  components: {
    securitySchemes: {
      session: { type: 'apiKey', in: 'cookie', name: 'dcc_session', description: 'BFF session opened by /auth/callback (HttpOnly, SameSite=Lax).' },
      bearer: { type: 'http', scheme: 'bearer', description: 'A Pro Santé Connect access token, verified by introspection.' },
    },
    headers: {
      'X-Request-Id': { description: 'Request id (echoed when the client sent a valid one).', schema: { type: 'string' } },
      ETag: { description: 'Concurrency version `"<n>"`; send it back in If-Match.', schema: { type: 'string' } },
      'DCC-API-Version': { description: 'API version served (`2026-11-01`).', schema: { type: 'string' } },
      'Idempotent-Replayed': { description: '`true` when the response is the stored answer to an earlier request with the same Idempotency-Key.', schema: { type: 'string' } },
    },
    parameters: {
      IfMatch: header('If-Match', 'The ETag last read; required for writes to an existing resource.'),
      IdempotencyKey: header('Idempotency-Key', 'Same key + same body → the first response is replayed; same key + other body → 422.', {
        type: 'string',
        maxLength: 200,
      }),
      Activity: header('X-DCC-Activity', 'Bearer callers: the activity (structure) acted for.'),
      Limit: { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } },
      Cursor: { name: 'cursor', in: 'query', schema: { type: 'string' }, description: 'Opaque cursor from `nextCursor`.' },
    },
    responses: Object.fromEntries(
      Object.entries({
        BadRequest: 'Malformed JSON, invalid UTF-8, nesting over 64 levels, wrong types, unknown fields (every path listed).',
        Unauthorized: 'No valid session or bearer token (`WWW-Authenticate: Bearer`).',
        Forbidden: 'Problem types: `api-version-header-required` (a write authenticated by the session cookie without the `DCC-API-Version` header: CSRF protection); on sign, `profession-may-not-sign` (the activity’s PSC profession may not sign; default: physicians, code 10) and `not-acting-for-structure` (the active activity is not in the structure holding the patient’s document).',
        NotFound: 'Unknown, or belongs to a structure the caller does not act for.',
        Conflict: 'Problem types: `invalid-transition` (e.g. sign a draft), `not-current-version`, `duplicate-ins` (one patient per INS and structure), `idempotency-key-in-progress`.',
        PreconditionFailed: 'If-Match is stale.',
        PayloadTooLarge: 'Body over 1 MiB.',
        UnsupportedMediaType: 'Body is not application/json.',
        Unprocessable: 'Semantically invalid (INS key, impossible birth date, model issues, conformance errors, idempotency key reused). New version of a signed document: `replacement-reason-required` / `invalid-replacement-reason` (path `replacementReason…`), `replacement-mismatch` (the model contradicts the replaced version: `model.document.setId`, `model.document.versionNumber`, `model.document.replaces`, `model.status.updateReason`), `nothing-to-replace`.',
        PreconditionRequired: 'If-Match missing.',
        TooManyRequests: 'Problem type `too-many-requests`: a traffic limit (per client address, per professional, requests in flight, invalid bearer tokens) is reached; retry after `Retry-After` seconds.',
        BadGateway: 'Pro Santé Connect unreachable or answered an error.',
        ServiceUnavailable: 'Problem type `conformance-unavailable`: the conformance engine itself failed, the document was not judged; retry after `Retry-After` seconds.',
        ServerError: 'Unexpected error (quote the requestId).',
      }).map(([name, description]) => [name, problemResponse(description)]),
    ),
    schemas: { ...schemas, ...modelSchemas },
  },
};

const clash = Object.keys(schemas).filter((name) => name in modelSchemas);
if (clash.length) throw new Error(`write-openapi: schema names defined twice: ${clash.join(', ')}`);
const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'openapi.json');
writeFileSync(out, `${JSON.stringify(doc, null, 2)}\n`);
console.log(`wrote ${out}`);
