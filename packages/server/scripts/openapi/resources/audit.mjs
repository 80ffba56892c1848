// The audit trail (ids, never content).
import { ref, str, obj, dateTime, json, P, authed, errors } from '../helpers.mjs';

export const tags = ['audit'];

export const schemas = {
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
};

export const paths = {
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
