// Writing replies and problems (RFC 9457 application/problem+json) to node:http responses.
import type { ServerResponse } from 'node:http';
import type { HttpProblem, Reply } from '../http.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

export function problemBody(p: HttpProblem, ctx: { requestId: string; url: URL }) {
  return {
    type: `https://dcc-kit.dev/problems/${p.type}`,
    title: p.title,
    status: p.status,
    ...(p.detail ? { detail: p.detail } : {}),
    instance: ctx.url.pathname,
    requestId: ctx.requestId,
    ...(p.errors?.length ? { errors: p.errors } : {}),
  };
}

export function send(res: ServerResponse, status: number, headers: Record<string, string>, body?: unknown, text?: Reply['text'], contentType = 'application/json; charset=utf-8'): void {
  for (const [name, value] of Object.entries(headers)) {
    if (name === 'set-cookie') res.setHeader('set-cookie', value.split('\n'));
    else res.setHeader(name, value);
  }
  if (text) {
    res.writeHead(status, { 'content-type': text.contentType });
    res.end(text.data);
  } else if (body !== undefined) {
    res.writeHead(status, { 'content-type': contentType });
    res.end(JSON.stringify(body));
  } else {
    res.writeHead(status);
    res.end();
  }
}
