// An error of an SDK call as the user reads it (<dmp-status>, <dcc-dashboard>): the platform's field message in the user's
// language when there is one, the problem's detail (or title), and the HTTP status. Never the
// request body or a token (the SDK's errors carry neither).
interface ProblemLike {
  title?: string;
  detail?: string;
  errors?: { message?: { fr?: string; en?: string } }[];
}

export interface DescribedError {
  readonly text: string;
  readonly status?: number;
  readonly title?: string;
  readonly detail?: string;
}

export function describeError(error: unknown, lang: 'fr' | 'en'): DescribedError {
  const e = (error ?? {}) as { status?: unknown; problem?: ProblemLike; message?: unknown };
  const status = typeof e.status === 'number' ? e.status : undefined;
  const problem = e.problem;
  const field = problem?.errors?.find((issue) => issue.message?.[lang])?.message?.[lang];
  const detail = problem?.detail;
  const title = problem?.title;
  const parts = [field, detail ?? (field ? undefined : title)].filter((p): p is string => !!p);
  if (parts.length === 0) parts.push(typeof e.message === 'string' && e.message ? e.message : lang === 'fr' ? 'erreur inconnue' : 'unknown error');
  if (status !== undefined) parts.push(lang === 'fr' ? `(erreur ${status})` : `(error ${status})`);
  return {
    text: parts.join(' '),
    ...(status === undefined ? {} : { status }),
    ...(title === undefined ? {} : { title }),
    ...(detail === undefined ? {} : { detail }),
  };
}
