// Encryption at rest of server-side session payloads (AES-256-GCM, random 96-bit IV,
// authenticated) and the server key: DCC_SESSION_KEY (32 bytes, base64/base64url or hex),
// else a key generated once and kept beside the data folder (`<dir>.session.key`, mode
// 0600), else (in-memory
// store, tests) a key that lives as long as the process.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { makePrivateDir, PRIVATE_FILE_MODE } from './store/private-files.js';

export class SessionCipher {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('The session key must be 32 bytes (AES-256).');
  }

  encrypt(value: unknown): Buffer {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const data = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.from([1]), iv, cipher.getAuthTag(), data]);
  }

  /** Undefined when the payload was not produced with this key (or was tampered with). */
  decrypt<T>(payload: Buffer): T | undefined {
    if (payload.length < 29 || payload[0] !== 1) return undefined;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, payload.subarray(1, 13));
      decipher.setAuthTag(payload.subarray(13, 29));
      const text = Buffer.concat([decipher.update(payload.subarray(29)), decipher.final()]).toString('utf8');
      return JSON.parse(text) as T;
    } catch {
      return undefined;
    }
  }
}

export function parseKey(text: string): Buffer {
  const t = text.trim();
  const key = /^[0-9a-f]{64}$/i.test(t) ? Buffer.from(t, 'hex') : Buffer.from(t, 'base64url');
  if (key.length !== 32) throw new Error('DCC_SESSION_KEY must encode 32 bytes (64 hex characters or 43 base64url characters).');
  return key;
}

export function loadSessionKey(env: NodeJS.ProcessEnv, dataDir?: string): Buffer {
  if (env.DCC_SESSION_KEY) return parseKey(env.DCC_SESSION_KEY);
  if (!dataDir) return randomBytes(32);
  // Beside the PGlite folder, not inside it (initdb wants its folder to itself).
  const file = `${dataDir}.session.key`;
  if (existsSync(file)) {
    chmodSync(file, PRIVATE_FILE_MODE); // a key file left readable by others is corrected
    return parseKey(readFileSync(file, 'utf8'));
  }
  makePrivateDir(dirname(file));
  const key = randomBytes(32);
  // The mode applies when the file is created; `wx` refuses to follow a planted file.
  writeFileSync(file, key.toString('base64url'), { mode: PRIVATE_FILE_MODE, flag: 'wx' });
  chmodSync(file, PRIVATE_FILE_MODE);
  return key;
}

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('base64url');
export const randomToken = (bytes = 32): string => randomBytes(bytes).toString('base64url');
