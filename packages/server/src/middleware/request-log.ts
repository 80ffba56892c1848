// Request logging: one line per request, without health data (method, route template,
// status, duration, ids). Error entries name the error class (and code), never its message.

export interface LogEntry {
  level: 'info' | 'error';
  requestId: string;
  method: string;
  route: string;
  status: number;
  durationMs: number;
  actor?: string;
  error?: string;
}
export type Logger = (entry: LogEntry) => void;

export const jsonLogger: Logger = (entry) => process.stdout.write(`${JSON.stringify({ at: new Date().toISOString(), ...entry })}\n`);

/** `TypeError`, or `Error ECONNRESET`: what may be logged of an unexpected error (messages may quote data). */
export function errorLabel(error: unknown): string {
  const name = (error as Error | undefined)?.name ?? 'Error';
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && /^[A-Z0-9_]{1,40}$/.test(code) ? `${name} ${code}` : name;
}
