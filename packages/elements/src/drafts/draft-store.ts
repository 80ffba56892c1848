/**
 * Encrypted drafts of the editors in IndexedDB.
 *
 * Hospital workstations are shared: a draft left in the browser must be unreadable by the next
 * person, and by anyone reading the disk. So every record is encrypted with AES-GCM 256 under a
 * key that exists only in memory, as a NON-extractable CryptoKey derived (HKDF-SHA-256) from
 * the session's `draftKey` (given by the backend's `/auth/session` or by the host) with the
 * user id as salt. The key material is never written anywhere; a new session gets a new
 * `draftKey`, so drafts of an earlier session become unreadable (and are purged on first
 * sight). The record key is a SHA-256 of the user id and the draft id: no patient data, no
 * document title, nothing in clear but timestamps and the server version the draft started from.
 */
import { clear, createStore, del, entries, get, promisifyRequest, type UseStore } from 'idb-keyval';

/** IndexedDB database and object store of the drafts (shared by every editor of the origin). */
export const DRAFT_DB_NAME = 'dcc-kit-drafts';
export const DRAFT_STORE_NAME = 'drafts';
/** Default lifetime of a draft: a working day. */
export const DEFAULT_DRAFT_MAX_AGE_MS = 12 * 60 * 60 * 1000;

const RECORD_VERSION = 1;
const HKDF_INFO = 'dcc-kit draft encryption v1';

/** What is stored under the record key. Only `iv` and `ciphertext` carry the draft. */
export interface DraftRecord {
  readonly v: 1;
  /** 96-bit random IV, fresh for each write. */
  readonly iv: Uint8Array;
  /** AES-GCM ciphertext (with tag) of the JSON of the draft; the record key is the additional data. */
  readonly ciphertext: ArrayBuffer;
  /** Epoch milliseconds. */
  readonly savedAt: number;
  readonly expiresAt: number;
  /** Version of the server document the draft was started from (to warn when the server has a newer one). */
  readonly baseVersion?: number | string;
}

/** A draft encrypted ahead of its write (`DraftStore.seal`), written by `writeSealed` without any further await. */
export interface SealedDraft {
  readonly draftId: string;
  readonly recordKey: string;
  readonly record: DraftRecord;
}

/** A readable draft of this user found by `DraftStore.list()` (its id and value are inside the encryption). */
export interface ListedDraft<T> extends LoadedDraft<T> {
  readonly recordKey: string;
}

export interface LoadedDraft<T> {
  readonly value: T;
  readonly savedAt: number;
  readonly baseVersion?: number | string;
}

export interface DraftStoreOptions {
  /** The session's draft key (base64url of at least 16 random bytes), or a CryptoKey (HKDF base key or AES-GCM key). */
  readonly keyMaterial: string | CryptoKey;
  /** Id of the signed-in user: salt of the key derivation and part of the record keys. */
  readonly userId: string;
  /** Lifetime of a draft after its last save. Default 12 h. */
  readonly maxAgeMs?: number;
  /** Clock (epoch ms), for tests. */
  readonly now?: () => number;
  /** idb-keyval store; default `createStore('dcc-kit-drafts', 'drafts')`. */
  readonly store?: UseStore;
}

/** The key material is not usable (wrong type, not base64url, too short). Never carries the material itself. */
export class DraftKeyError extends Error {
  override readonly name = 'DraftKeyError';
}

let defaultStore: UseStore | undefined;
/** The shared idb-keyval store of the drafts (opened on first use). */
export function draftIdbStore(): UseStore {
  defaultStore ??= createStore(DRAFT_DB_NAME, DRAFT_STORE_NAME);
  return defaultStore;
}

/**
 * A non-reversible key of a patient identity for one user (SHA-256 of the user id and the INS
 * value, or of the strict traits when there is no INS), or undefined when no identity is known
 * yet. Used in draft ids of new documents and stored inside the encrypted draft, which is not
 * restored for another patient.
 */
export async function patientFingerprint(patient: unknown, userId: string): Promise<string | undefined> {
  if (!patient || typeof patient !== 'object') return undefined;
  const p = patient as { ins?: { value?: unknown }; birthFamilyName?: unknown; birthGivenNames?: unknown; birthDate?: unknown; gender?: unknown };
  const text = (x: unknown) => (typeof x === 'string' ? x.trim().toUpperCase() : '');
  let identity: string;
  if (text(p.ins?.value)) identity = `ins\u0000${text(p.ins?.value)}`;
  else if (text(p.birthFamilyName) || text(p.birthDate)) identity = `traits\u0000${text(p.birthFamilyName)}\u0000${text(p.birthGivenNames)}\u0000${text(p.birthDate)}\u0000${text(p.gender)}`;
  else return undefined;
  const digest = await crypto.subtle.digest('SHA-256', encoder.encode(`dcc-patient\u0000${userId}\u0000${identity}`));
  return toHex(digest).slice(0, 32);
}

/** `DraftStore.purgeAll()` was called after this store was created (logout): it writes nothing more. */
export class DraftStoreClosedError extends Error {
  override readonly name = 'DraftStoreClosedError';
}

/** Bumped by every `purgeAll()`: stores of an earlier epoch belong to a finished session. */
let purgeEpoch = 0;

const encoder = new TextEncoder();

function base64UrlToBytes(text: string): Uint8Array<ArrayBuffer> {
  if (!/^[A-Za-z0-9_-]+={0,2}$/.test(text)) throw new DraftKeyError('draftKey must be base64url');
  const b64 = text.replace(/=+$/, '').replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function toHex(buffer: ArrayBuffer): string {
  return [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

async function deriveAesKey(material: string | CryptoKey, userId: string): Promise<CryptoKey> {
  let base: CryptoKey;
  if (typeof material === 'string') {
    const bytes = base64UrlToBytes(material);
    if (bytes.length < 16) throw new DraftKeyError('draftKey must carry at least 128 bits');
    base = await crypto.subtle.importKey('raw', bytes, 'HKDF', false, ['deriveKey']);
  } else if (material instanceof CryptoKey && material.algorithm.name === 'AES-GCM') {
    if (!material.usages.includes('encrypt') || !material.usages.includes('decrypt')) throw new DraftKeyError('the AES-GCM draft key must allow encrypt and decrypt');
    return material;
  } else if (material instanceof CryptoKey && material.algorithm.name === 'HKDF') {
    base = material;
  } else {
    throw new DraftKeyError('keyMaterial must be a base64url string, an HKDF CryptoKey or an AES-GCM CryptoKey');
  }
  return crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: encoder.encode(userId), info: encoder.encode(HKDF_INFO) },
    base,
    { name: 'AES-GCM', length: 256 },
    false, // non-extractable: the raw key never leaves WebCrypto
    ['encrypt', 'decrypt'],
  );
}

function isDraftRecord(value: unknown): value is DraftRecord {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Partial<DraftRecord>;
  return r.v === RECORD_VERSION && r.iv instanceof Uint8Array && r.iv.length === 12 && r.ciphertext instanceof ArrayBuffer && typeof r.savedAt === 'number' && typeof r.expiresAt === 'number' && (r.baseVersion === undefined || typeof r.baseVersion === 'number' || typeof r.baseVersion === 'string');
}

/**
 * Encrypted, expiring drafts of one user's session.
 *
 * ```ts
 * const drafts = new DraftStore({ keyMaterial: session.draftKey, userId: session.userId });
 * await drafts.save(draftIdFor('pps', documentId), model, { baseVersion: 3 });
 * const restored = await drafts.load(draftIdFor('pps', documentId)); // undefined when none, expired, or another session's
 * await DraftStore.purgeAll(); // on logout
 * ```
 */
export class DraftStore {
  readonly userId: string;
  readonly maxAgeMs: number;
  private readonly now: () => number;
  private readonly store: UseStore;
  private readonly key: Promise<CryptoKey>;
  private readonly epoch = purgeEpoch;

  constructor(options: DraftStoreOptions) {
    if (!options || typeof options.userId !== 'string' || options.userId.length === 0) throw new DraftKeyError('DraftStore: userId is required');
    if (options.keyMaterial === undefined || options.keyMaterial === null || options.keyMaterial === '') throw new DraftKeyError('DraftStore: keyMaterial is required');
    const maxAge = options.maxAgeMs ?? DEFAULT_DRAFT_MAX_AGE_MS;
    if (!Number.isFinite(maxAge) || maxAge <= 0) throw new RangeError('DraftStore: maxAgeMs must be a positive number of milliseconds');
    this.userId = options.userId;
    this.maxAgeMs = maxAge;
    this.now = options.now ?? Date.now;
    this.store = options.store ?? draftIdbStore();
    this.key = deriveAesKey(options.keyMaterial, options.userId);
    // Report a bad key when it is used, not as an unhandled rejection now.
    this.key.catch(() => undefined);
  }

  /** The IndexedDB key of a draft: SHA-256 of the user id and the draft id (hex). */
  async recordKey(draftId: string): Promise<string> {
    const digest = await crypto.subtle.digest('SHA-256', encoder.encode(`dcc-draft\u0000${this.userId}\u0000${draftId}`));
    return `d1:${toHex(digest)}`;
  }

  /** Encrypts and stores `value` (anything JSON can represent) under `draftId`. */
  async save(draftId: string, value: unknown, options: { baseVersion?: number | string } = {}): Promise<{ draftId: string; savedAt: number }> {
    const json = JSON.stringify(value);
    if (json === undefined) throw new TypeError('DraftStore.save: the value is not JSON-serialisable');
    const sealed = await this.seal(draftId, json, options);
    await this.writeSealed(sealed);
    return { draftId, savedAt: sealed.record.savedAt };
  }

  /**
   * Encrypts a draft (the JSON text of its value) without writing it. The write
   * (`writeSealed`) then needs no await before its IndexedDB request: a page being left
   * (`pagehide`) has no time for an encryption, but still issues a request made in its handler.
   */
  async seal(draftId: string, json: string, options: { baseVersion?: number | string } = {}): Promise<SealedDraft> {
    const [key, recordKey] = await Promise.all([this.key, this.recordKey(draftId)]);
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const ciphertext = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: encoder.encode(recordKey) }, key, encoder.encode(json));
    const savedAt = this.now();
    const record: DraftRecord = {
      v: RECORD_VERSION,
      iv,
      ciphertext,
      savedAt,
      expiresAt: savedAt + this.maxAgeMs,
      ...(options.baseVersion !== undefined ? { baseVersion: options.baseVersion } : {}),
    };
    return { draftId, recordKey, record };
  }

  /**
   * Writes a sealed draft. The IndexedDB request is issued in this task's microtasks once the
   * database is open (it is after the first read or write of the page), and committed at once.
   */
  writeSealed(sealed: SealedDraft): Promise<void> {
    // A logout purged the drafts while this one was being encrypted: it must not come back.
    if (this.epoch !== purgeEpoch) return Promise.reject(new DraftStoreClosedError('DraftStore: the session ended (drafts purged)'));
    return this.store('readwrite', (objectStore) => {
      objectStore.put(sealed.record, sealed.recordKey);
      objectStore.transaction.commit?.();
      return promisifyRequest(objectStore.transaction);
    });
  }

  /**
   * Every draft of this user that this session can read (other users' and other sessions'
   * records do not decrypt and are skipped, not deleted: they may still be someone's). For
   * `draftsFor` of the editors, which filter them by patient.
   */
  async list<T = unknown>(): Promise<ListedDraft<T>[]> {
    const key = await this.key;
    const now = this.now();
    const found: ListedDraft<T>[] = [];
    for (const [recordKey, record] of await entries(this.store)) {
      if (typeof recordKey !== 'string' || !isDraftRecord(record) || record.expiresAt <= now) continue;
      try {
        const plaintext = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: record.iv as Uint8Array<ArrayBuffer>, additionalData: encoder.encode(recordKey) }, key, record.ciphertext);
        const value = JSON.parse(new TextDecoder().decode(plaintext)) as T;
        found.push({ recordKey, value, savedAt: record.savedAt, ...(record.baseVersion !== undefined ? { baseVersion: record.baseVersion } : {}) });
      } catch {
        // not this session's
      }
    }
    return found;
  }

  /**
   * The draft saved under `draftId`, or undefined when there is none, when it expired, or when
   * it cannot be decrypted (another session's key, altered record): such records are deleted.
   * Never throws because of what is stored.
   */
  async load<T = unknown>(draftId: string): Promise<LoadedDraft<T> | undefined> {
    const recordKey = await this.recordKey(draftId);
    const record: unknown = await get(recordKey, this.store);
    if (record === undefined) return undefined;
    if (!isDraftRecord(record) || record.expiresAt <= this.now()) {
      await del(recordKey, this.store);
      return undefined;
    }
    const key = await this.key;
    let plaintext: ArrayBuffer;
    try {
      plaintext = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: record.iv as Uint8Array<ArrayBuffer>, additionalData: encoder.encode(recordKey) }, key, record.ciphertext);
    } catch {
      // Another session (new draftKey) or a tampered record: unreadable for good.
      await del(recordKey, this.store);
      return undefined;
    }
    let value: T;
    try {
      value = JSON.parse(new TextDecoder().decode(plaintext)) as T;
    } catch {
      await del(recordKey, this.store);
      return undefined;
    }
    return { value, savedAt: record.savedAt, ...(record.baseVersion !== undefined ? { baseVersion: record.baseVersion } : {}) };
  }

  /** Deletes the draft (after a successful submit, or when the user discards it). */
  async delete(draftId: string): Promise<void> {
    await del(await this.recordKey(draftId), this.store);
  }

  /** Deletes every expired or malformed record of the store (any user): returns how many. */
  async purgeExpired(): Promise<number> {
    const now = this.now();
    let purged = 0;
    for (const [key, record] of await entries(this.store)) {
      if (!isDraftRecord(record) || record.expiresAt <= now) {
        await del(key, this.store);
        purged++;
      }
    }
    return purged;
  }

  /**
   * Deletes every draft of the origin (logout, or "forget this workstation"). Every DraftStore
   * created before the call refuses to write afterwards (`DraftStoreClosedError`), so an encrypt
   * still in flight cannot bring a draft back after the purge.
   */
  static async purgeAll(store: UseStore = draftIdbStore()): Promise<void> {
    purgeEpoch++;
    await clear(store);
  }
}
