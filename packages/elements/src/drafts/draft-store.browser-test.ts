import { entries } from 'idb-keyval';
import { DraftKeyError, DraftStore, draftIdFor, draftIdbStore, DRAFT_DB_NAME, DRAFT_STORE_NAME, type DraftRecord } from './index.js';
import { assert, loadExampleJson, openProbePage } from '../testing/index.js';

type Example = { patient: { ins: { value: string }; birthFamilyName: string; usedFamilyName: string; birthGivenNames: string; birthDate: string; telecoms: Array<{ value: string }> } };

function randomDraftKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Every record read with a raw IndexedDB cursor (no idb-keyval), as [key, value] pairs. */
function rawIndexedDbRecords(): Promise<Array<[IDBValidKey, unknown]>> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(DRAFT_DB_NAME);
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const rows: Array<[IDBValidKey, unknown]> = [];
      const cursor = db.transaction(DRAFT_STORE_NAME, 'readonly').objectStore(DRAFT_STORE_NAME).openCursor();
      cursor.onerror = () => reject(cursor.error);
      cursor.onsuccess = () => {
        const c = cursor.result;
        if (c) {
          rows.push([c.key, c.value]);
          c.continue();
        } else {
          db.close();
          resolve(rows);
        }
      };
    };
  });
}

/** Everything a disk reader could see of a record, as text: key, clear fields, and the bytes decoded both ways. */
function storedText(key: IDBValidKey, record: unknown): string {
  const parts: string[] = [String(key)];
  const visit = (value: unknown): void => {
    if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) {
      const bytes = value instanceof ArrayBuffer ? new Uint8Array(value) : new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
      parts.push(new TextDecoder('utf-8', { fatal: false }).decode(bytes));
      parts.push(String.fromCharCode(...bytes));
    } else if (typeof value === 'object' && value !== null) {
      for (const [k, v] of Object.entries(value)) {
        parts.push(k);
        visit(v);
      }
    } else {
      parts.push(String(value));
    }
  };
  visit(record);
  return parts.join('\n');
}

describe('DraftStore (encrypted drafts in IndexedDB)', () => {
  let example: Example;
  const userId = 'user-8f3a';
  const draftId = draftIdFor('pps', 'doc-42');

  before(async () => {
    example = await loadExampleJson<Example>('pps', '01-sein-gauche-fec-docetaxel-radiotherapie.json');
  });
  beforeEach(async () => {
    await DraftStore.purgeAll();
  });

  it('round-trips a whole PPS model with its save time and base version', async () => {
    let clock = 1_700_000_000_000;
    const drafts = new DraftStore({ keyMaterial: randomDraftKey(), userId, now: () => clock });
    const saved = await drafts.save(draftId, example, { baseVersion: 3 });
    assert.deepEqual(saved, { draftId, savedAt: clock });
    clock += 1000;
    const loaded = await drafts.load<Example>(draftId);
    assert.ok(loaded);
    assert.deepEqual(loaded.value, example);
    assert.equal(loaded.savedAt, 1_700_000_000_000);
    assert.equal(loaded.baseVersion, 3);
    assert.equal(await drafts.load('pps:other'), undefined);
  });

  it('stores no patient name, INS, birth date or phone in clear (idb-keyval and raw IndexedDB reads)', async () => {
    const drafts = new DraftStore({ keyMaterial: randomDraftKey(), userId });
    await drafts.save(draftId, example);
    await drafts.save(draftId, example); // a second write: fresh IV, different bytes
    const p = example.patient;
    const secrets = [p.ins.value, p.birthFamilyName, p.usedFamilyName, p.birthGivenNames.split(' ')[0]!, p.birthDate, p.telecoms[0]!.value, 'doc-42'];
    // The plaintext does contain them, so the search below can fail.
    const plaintext = JSON.stringify(example);
    for (const s of secrets.slice(0, -1)) assert.ok(plaintext.includes(s), 'the example carries the identity searched for');

    const viaIdbKeyval = await entries(draftIdbStore());
    const viaRaw = await rawIndexedDbRecords();
    assert.equal(viaIdbKeyval.length, 1);
    assert.equal(viaRaw.length, 1);
    for (const [key, record] of [...viaIdbKeyval, ...viaRaw]) {
      const text = storedText(key, record).toLowerCase();
      for (const s of secrets) assert.equal(text.includes(s.toLowerCase()), false, 'an identifying value is readable in the stored record');
      assert.match(String(key), /^d1:[0-9a-f]{64}$/);
      const r = record as DraftRecord;
      assert.deepEqual(Object.keys(r).sort(), ['ciphertext', 'expiresAt', 'iv', 'savedAt', 'v']);
      assert.equal(r.iv.length, 12);
    }
  });

  it('uses a fresh IV per write and a non-extractable key', async () => {
    const drafts = new DraftStore({ keyMaterial: randomDraftKey(), userId });
    await drafts.save(draftId, { n: 1 });
    const first = ((await entries(draftIdbStore())) as Array<[IDBValidKey, DraftRecord]>)[0]![1];
    await drafts.save(draftId, { n: 1 });
    const second = ((await entries(draftIdbStore())) as Array<[IDBValidKey, DraftRecord]>)[0]![1];
    assert.notEqual(Array.from(first.iv).join(','), Array.from(second.iv).join(','));
    const key = await (drafts as unknown as { key: Promise<CryptoKey> }).key;
    assert.equal(key.extractable, false);
    assert.equal(key.algorithm.name, 'AES-GCM');
    await assert.rejects(crypto.subtle.exportKey('raw', key));
  });

  it('another session key cannot read the draft: load returns undefined and purges it', async () => {
    await new DraftStore({ keyMaterial: randomDraftKey(), userId }).save(draftId, example);
    const otherSession = new DraftStore({ keyMaterial: randomDraftKey(), userId });
    assert.equal(await otherSession.load(draftId), undefined);
    assert.equal((await rawIndexedDbRecords()).length, 0, 'the unreadable record is purged');
  });

  it('another user with the same key material does not even see the record', async () => {
    const keyMaterial = randomDraftKey();
    await new DraftStore({ keyMaterial, userId }).save(draftId, { a: 1 });
    assert.equal(await new DraftStore({ keyMaterial, userId: 'someone-else' }).load(draftId), undefined);
    assert.equal((await rawIndexedDbRecords()).length, 1);
  });

  it('a tampered record is refused and purged', async () => {
    const drafts = new DraftStore({ keyMaterial: randomDraftKey(), userId });
    await drafts.save(draftId, { a: 1 });
    const [key, record] = ((await entries(draftIdbStore())) as Array<[IDBValidKey, DraftRecord]>)[0]!;
    const bytes = new Uint8Array(record.ciphertext.slice(0));
    bytes[0]! ^= 0xff;
    const { set } = await import('idb-keyval');
    await set(key, { ...record, ciphertext: bytes.buffer }, draftIdbStore());
    assert.equal(await drafts.load(draftId), undefined);
    assert.equal((await rawIndexedDbRecords()).length, 0);
  });

  it('expires drafts: load after maxAge returns undefined and deletes; purgeExpired deletes only expired ones', async () => {
    let clock = 1_000_000;
    const keyMaterial = randomDraftKey();
    const drafts = new DraftStore({ keyMaterial, userId, maxAgeMs: 60_000, now: () => clock });
    await drafts.save('pps:old', { a: 1 });
    clock += 30_000;
    await drafts.save('pps:recent', { b: 2 });
    clock += 30_001; // 'old' is 60,001 ms old, 'recent' 30,001 ms
    assert.equal(await drafts.purgeExpired(), 1);
    assert.deepEqual((await drafts.load('pps:recent'))?.value, { b: 2 });
    clock += 30_000;
    assert.equal(await drafts.load('pps:recent'), undefined);
    assert.equal((await rawIndexedDbRecords()).length, 0);
  });

  it('purgeAll() empties the store (logout)', async () => {
    const drafts = new DraftStore({ keyMaterial: randomDraftKey(), userId });
    await drafts.save(draftIdFor('pps'), { a: 1 });
    await drafts.save(draftIdFor('frcp', 'x'), { b: 2 });
    await new DraftStore({ keyMaterial: randomDraftKey(), userId: 'u2' }).save(draftIdFor('pps'), { c: 3 });
    assert.equal((await rawIndexedDbRecords()).length, 3);
    await DraftStore.purgeAll();
    assert.equal((await rawIndexedDbRecords()).length, 0);
    assert.equal(await drafts.load(draftIdFor('pps')), undefined);
  });

  it('delete() removes one draft', async () => {
    const drafts = new DraftStore({ keyMaterial: randomDraftKey(), userId });
    await drafts.save('a', 1);
    await drafts.save('b', 2);
    await drafts.delete('a');
    assert.equal(await drafts.load('a'), undefined);
    assert.equal((await drafts.load('b'))?.value, 2);
  });

  it('reads the draft back after every in-memory reference is dropped (same page, new store and key from the same material)', async () => {
    const keyMaterial = randomDraftKey();
    // Scoped so that neither the store nor its derived key is reachable afterwards.
    await (async () => {
      await new DraftStore({ keyMaterial, userId }).save(draftId, example);
    })();
    const reopened = new DraftStore({ keyMaterial, userId });
    assert.deepEqual((await reopened.load(draftId))?.value, example);
  });

  it('survives a real page reload (probe page of the same origin, reloaded by puppeteer)', async () => {
    const keyMaterial = randomDraftKey();
    const probe = await openProbePage();
    const probeModule = new URL('../testing/draft-probe.js', import.meta.url).href;
    try {
      await probe.call<number>(probeModule, 'saveDraftInPage', [keyMaterial, userId, draftId, example]);
      await probe.reload();
      const restored = await probe.call<{ value: unknown; baseVersion: number } | null>(probeModule, 'loadDraftInPage', [keyMaterial, userId, draftId]);
      assert.ok(restored, 'the draft is restored after the reload');
      assert.deepEqual(restored.value, example);
      assert.equal(restored.baseVersion, 2);
      // And this page (same origin) reads what the probe page wrote.
      assert.deepEqual((await new DraftStore({ keyMaterial, userId }).load(draftId))?.value, example);
    } finally {
      await probe.close();
    }
  });

  it('refuses unusable key material without echoing it', () => {
    assert.throws(() => new DraftStore({ keyMaterial: '', userId }), DraftKeyError);
    assert.throws(() => new DraftStore({ keyMaterial: randomDraftKey(), userId: '' }), DraftKeyError);
  });

  it('rejects a non-base64url or short draft key on first use, naming the problem only', async () => {
    const secretLooking = 'not base64!! 273064900708440';
    const drafts = new DraftStore({ keyMaterial: secretLooking, userId });
    await assert.rejects(drafts.save('x', 1), DraftKeyError);
    try {
      await drafts.load('x');
    } catch (error) {
      assert.equal(String(error).includes('273064900708440'), false);
    }
    await assert.rejects(new DraftStore({ keyMaterial: 'c2hvcnQ', userId }).save('x', 1), /128 bits/);
  });
});
