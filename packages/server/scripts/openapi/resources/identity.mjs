// The identity lifecycle of a patient (identity-auth.md §1.5): INSi search and vérification
// (§1.9), the identity document seen by the professional, and the status they lead to.
import { ref, str, obj, dateTime, json, P, body, authed, errors } from '../helpers.mjs';

export const tags = ['identity'];

const evidence = (description, extra = {}, required = []) =>
  obj({ at: dateTime('When.'), by: str('IdNat_PS of the professional.'), ...extra }, ['at', 'by', ...required], { description });

export const schemas = {
  IdentityDocumentKind: {
    type: 'string',
    enum: ['passport', 'identity-card', 'residence-permit'],
    description: 'High-trust identity document the professional saw (RNIV): passport, national identity card (France, EU/EEA, Switzerland), permanent residence permit.',
  },
  IdentityValidationInput: obj({ document: ref('IdentityDocumentKind') }, ['document']),
  IdentityFinding: obj(
    {
      field: { type: 'string', enum: ['sex', 'birthDate', 'birthPlaceCode'] },
      severity: { type: 'string', enum: ['error', 'warning'] },
      code: str('Stable code, e.g. ins.traits.sex, ins.traits.place-abroad.'),
      fr: { type: 'string' },
      en: { type: 'string' },
    },
    ['field', 'severity', 'code', 'fr', 'en'],
    { description: 'A difference between the INS matricule and a strict trait: an error where the rule is certain, a warning where it is not.' },
  ),
  IdentityState: obj(
    {
      patientId: { type: 'string' },
      version: { type: 'integer', description: 'The patient’s version (ETag) after this state.' },
      status: ref('IdentityStatus'),
      insi: evidence('INSi criterion: the INS was retrieved (search) or checked (verify) with these traits.', { operation: { type: 'string', enum: ['search', 'verify'] } }, ['operation']),
      document: evidence('Document criterion: a high-trust identity document was seen.', { kind: ref('IdentityDocumentKind') }, ['kind']),
      findings: { type: 'array', items: ref('IdentityFinding') },
      submittable: { type: 'boolean', description: 'Whether the DMP accepts documents of this identity (qualified, no INS/traits error).' },
      reason: obj({ code: { type: 'string' }, fr: { type: 'string' }, en: { type: 'string' } }, ['code', 'fr', 'en'], { description: 'Why not submittable.' }),
    },
    ['patientId', 'version', 'status', 'findings', 'submittable'],
  ),
  InsiCandidate: obj(
    {
      ins: ref('Ins'),
      history: { type: 'array', items: ref('Ins') },
      traits: ref('Traits'),
      keyValid: { type: 'boolean' },
      findings: { type: 'array', items: ref('IdentityFinding') },
    },
    ['ins', 'history', 'traits', 'keyValid', 'findings'],
  ),
  InsiSearchOutcome: obj(
    {
      outcome: { type: 'string', enum: ['found', 'several', 'none', 'unusable'], description: 'found: applied to the patient; several: add the birth place or all first names; none; unusable: INSi answered an identity the checks refuse (wrong key, INS/traits error).' },
      code: str('INSi CodeCR (00, 01, 02).'),
      attempts: { type: 'integer', description: 'Requests sent (one per first name, then the whole list).' },
      candidate: ref('InsiCandidate'),
      identity: ref('IdentityState'),
    },
    ['outcome', 'code', 'attempts', 'identity'],
  ),
  InsiVerifyOutcome: obj(
    {
      outcome: { type: 'string', enum: ['ok', 'ko'] },
      mismatches: { type: 'array', items: str('INSi trait element that differs (NomNaissance, Prenom, Sexe, DateNaissance, LieuNaissance, Matricule).') },
      identity: ref('IdentityState'),
    },
    ['outcome', 'identity'],
  ),
};

const identityOp = (operationId, summary, extra = {}) =>
  authed({ operationId, tags: ['identity'], summary, parameters: [P.id, P.ifMatch], ...extra });

export const paths = {
  '/patients/{id}/identity': {
    get: authed({
      operationId: 'getPatientIdentity',
      tags: ['identity'],
      summary: 'The identity status, its criteria (who, when) and the INS/traits cross-checks.',
      parameters: [P.id],
      responses: { 200: json('Identity', ref('IdentityState'), true), ...errors(401, 404) },
    }),
  },
  '/patients/{id}/identity/insi-search': {
    post: identityOp('searchPatientInsi', 'Searches INSi with the patient’s traits; one identity found is applied (INS and strict traits from INSi) and the status gains the INSi criterion.', {
      responses: { 200: json('Searched', ref('InsiSearchOutcome'), true), ...errors(401, 404, 409, 412, 422, 428, 503) },
    }),
  },
  '/patients/{id}/identity/insi-verify': {
    post: identityOp('verifyPatientInsi', 'Verifies the stored INS and traits with INSi: OK keeps (or gives) the INSi criterion, KO removes it.', {
      responses: { 200: json('Verified', ref('InsiVerifyOutcome'), true), ...errors(401, 404, 412, 422, 428, 503) },
    }),
  },
  '/patients/{id}/identity/validation': {
    post: identityOp('validatePatientIdentity', 'Records that the calling professional saw a high-trust identity document matching the traits.', {
      requestBody: body('IdentityValidationInput'),
      responses: { 200: json('Validated', ref('IdentityState'), true), ...errors(401, 404, 412, 413, 415, 422, 428) },
    }),
  },
};
