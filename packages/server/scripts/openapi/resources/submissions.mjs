// DMP / MSSanté submissions (src/routes/submissions.ts), DMP actions and the change feed.
import { ref, str, obj, dateTime, header, json, P, body, authed, errors } from '../helpers.mjs';

export const tags = ['submissions'];

export const schemas = {
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

export const paths = {
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
};
