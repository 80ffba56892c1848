// msw handlers of the DCC platform API (contract of packages/server: /auth/session,
// /documents/{id}, /documents/{id}/versions…) for stories backed by @dcc-kit/sdk. Fictitious
// data only. Every response carries X-Request-Id and the ETag of the resource's version.
import { http, HttpResponse } from 'msw';

export const MOCK_API_BASE = '/mock-api';
export const API_VERSION_HEADER = 'DCC-API-Version';

/** A fixed, fictitious draft key (32 bytes, base64url) so that drafts of the stories are readable across reloads. */
export const STORY_DRAFT_KEY = 'c3Rvcnlib29rLWRyYWZ0LWtleS0wMTIzNDU2Nzg5YWI';

export const storySession = {
  professional: {
    idNatPs: '810002909371',
    givenName: 'Claire',
    familyName: 'DURAND-TEST',
    roles: ['doctor'],
    activities: [{ id: 'act-1', structureId: '1750000001', structureName: 'Centre hospitalier de démonstration' }],
  },
  activeActivityId: 'act-1',
  expiresAt: '2099-01-01T00:00:00Z',
  draftKey: STORY_DRAFT_KEY,
};

function headers(extra = {}) {
  return { 'X-Request-Id': `mock-${Math.random().toString(36).slice(2, 10)}`, [API_VERSION_HEADER]: '2026-11-01', ...extra };
}

function problem(status, title) {
  return HttpResponse.json({ type: 'about:blank', title, status, requestId: 'mock' }, { status, headers: { ...headers(), 'Content-Type': 'application/problem+json' } });
}

/**
 * Handlers for one document of type `type` whose server side holds `versions` (array of models,
 * version n = versions[n-1]).
 * @param {{ documentId: string, type: 'pps' | 'frcp', versions: unknown[], patientId?: string }} store
 */
export function platformHandlers(store) {
  const base = MOCK_API_BASE;
  const now = '2026-11-20T10:00:00Z';
  const documentBody = () => ({
    id: store.documentId,
    patientId: store.patientId ?? 'patient-1',
    type: store.type,
    setId: `set-${store.documentId}`,
    currentVersion: store.versions.length,
    status: 'draft',
    createdAt: now,
    updatedAt: now,
  });
  return [
    http.get(`${base}/auth/session`, () => HttpResponse.json(storySession, { headers: headers() })),
    http.get(`${base}/documents/:id`, ({ params }) =>
      params.id === store.documentId ? HttpResponse.json(documentBody(), { headers: headers({ ETag: `"${store.versions.length}"` }) }) : problem(404, 'Not Found'),
    ),
    http.get(`${base}/documents/:id/versions/:n`, ({ params }) => {
      const n = Number(params.n);
      const model = params.id === store.documentId ? store.versions[n - 1] : undefined;
      if (!model) return problem(404, 'Not Found');
      return HttpResponse.json({ documentId: store.documentId, number: n, status: 'draft', model, createdAt: now, createdBy: storySession.professional.idNatPs }, { headers: headers({ ETag: `"${n}"` }) });
    }),
    http.post(`${base}/documents/:id/versions`, async ({ params, request }) => {
      if (params.id !== store.documentId) return problem(404, 'Not Found');
      const ifMatch = request.headers.get('If-Match');
      if (!ifMatch) return problem(428, 'Precondition Required');
      if (ifMatch !== `"${store.versions.length}"`) return problem(412, 'Precondition Failed');
      const { model } = await request.json();
      store.versions.push(model);
      const n = store.versions.length;
      return HttpResponse.json({ documentId: store.documentId, number: n, status: 'draft', model, createdAt: now, createdBy: storySession.professional.idNatPs }, { status: 201, headers: headers({ ETag: `"${n}"` }) });
    }),
    http.post(`${base}/auth/logout`, () => HttpResponse.json({ endSessionUrl: 'about:blank' }, { headers: headers() })),
  ];
}
