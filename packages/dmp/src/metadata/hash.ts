// SHA-1 of the exact bytes sent (XDS hash), synchronous and browser-safe.
import { sha1 } from '@noble/hashes/legacy.js';

/** SHA-1 of `bytes`, lower-case hex (40 characters). */
export function sha1Hex(bytes: Uint8Array): string {
  const digest = sha1(bytes);
  let hex = '';
  for (const byte of digest) hex += byte.toString(16).padStart(2, '0');
  return hex;
}
