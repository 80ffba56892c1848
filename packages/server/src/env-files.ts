// Reading a file named by an environment variable at start-up (PEM keys and certificates):
// one error naming the variable, never the file's content.
import { readFileSync } from 'node:fs';

/** The PEM text of the file named by `env[name]` (or `fallback`), undefined when neither is set. */
export function pemFromEnv(env: NodeJS.ProcessEnv, name: string, fallback?: string): string | undefined {
  const path = env[name] || fallback;
  if (!path) return undefined;
  try {
    return readFileSync(path, 'utf8');
  } catch {
    throw new Error(`${name}: cannot read the PEM file (${path}).`);
  }
}
