// Document identifiers that an XDS registry accepts as a uniqueId. A registry takes an OID
// (at most 64 characters), not a UUID: ITU-T X.667 / ISO 9834-8 §6.3 gives every UUID an OID
// under the arc 2.25, the UUID read as one unsigned 128-bit integer in decimal.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Arcs are non-negative integers without leading zeros; the first arc is 0, 1 or 2.
const OID = /^[0-2](?:\.(?:0|[1-9][0-9]*))+$/;

/** Longest XDS uniqueId (ITI TF-3 4.2.3.2.26): `root` or `root^extension`, 64 characters. */
export const MAX_UNIQUE_ID_LENGTH = 64;

/** True for a UUID in its 8-4-4-4-12 hex form (either case). */
export function isUuid(s: string): boolean {
  return UUID.test(s);
}

/** True for a dotted-decimal OID (`1.2.250.1.213…`, `2.25.…`): first arc 0–2, no leading zeros. */
export function isOid(s: string): boolean {
  return OID.test(s);
}

/**
 * The OID of a UUID (ITU-T X.667 §6.3): `2.25.` followed by the UUID as a decimal integer,
 * 1 to 39 digits, so at most 44 characters. Case-insensitive; throws on anything else than a
 * UUID in 8-4-4-4-12 form.
 */
export function uuidToOid(uuid: string): string {
  if (!isUuid(uuid)) throw new TypeError('uuidToOid: expected a UUID in 8-4-4-4-12 hexadecimal form');
  return `2.25.${BigInt(`0x${uuid.replaceAll('-', '')}`).toString(10)}`;
}

/**
 * The root a document id (ClinicalDocument/id, setId, relatedDocument/parentDocument/id) is
 * written with: a UUID becomes its `2.25.` OID, an OID stays as it is. One function for the
 * builder and the server, so that a v2's parentDocument/id equals the id written for v1.
 */
export function documentIdRoot(root: string): string {
  return isUuid(root) ? uuidToOid(root) : root;
}

/** The XDS uniqueId of a document id: `root`, or `root^extension` when it has an extension. */
export function xdsUniqueId(id: { root: string; extension?: string | undefined }): string {
  const root = documentIdRoot(id.root);
  return id.extension === undefined ? root : `${root}^${id.extension}`;
}
