// The DMP visibility flags (dmp-mes.md §2.2): extra confidentialityCodes of scheme TRE_A07.
import { VISIBILITY_CODE_SYSTEM } from '../value-sets/index.js';
import { MetadataError, type DocumentEntry, type VisibilityFlag } from './types.js';

/** Every visibility flag. */
export const VISIBILITY_FLAGS: readonly VisibilityFlag[] = ['MASQUE_PS', 'INVISIBLE_PATIENT', 'INVISIBLE_REPRESENTANTS_LEGAUX'];

/** The visibility flags of an entry (its confidentialityCodes of scheme 1.2.250.1.213.1.1.4.13). */
export function visibilityFlagsOf(entry: Pick<DocumentEntry, 'confidentialityCodes'>): VisibilityFlag[] {
  return entry.confidentialityCodes
    .filter((c) => c.codingScheme === VISIBILITY_CODE_SYSTEM && (VISIBILITY_FLAGS as readonly string[]).includes(c.code))
    .map((c) => c.code as VisibilityFlag);
}

/**
 * Refuses a set of flags the DMP refuses: an unknown or repeated flag, and — except on the
 * signature entry, hidden from everyone by design (§1.7) — INVISIBLE_PATIENT together with
 * MASQUE_PS (EX_2.1-1050: a document hidden from professionals must be visible to the patient).
 * @throws MetadataError (path `confidentialityCode`)
 */
export function checkVisibility(flags: readonly VisibilityFlag[], options: { signature?: boolean } = {}): void {
  const issues = [];
  const unknown = flags.filter((f) => !VISIBILITY_FLAGS.includes(f));
  if (unknown.length > 0) issues.push({ path: 'confidentialityCode', code: 'visibility-unknown', message: `unknown visibility flag(s): ${unknown.join(', ')}` });
  if (new Set(flags).size !== flags.length) issues.push({ path: 'confidentialityCode', code: 'visibility-repeated', message: 'a visibility flag is given twice' });
  if (options.signature !== true && flags.includes('INVISIBLE_PATIENT') && flags.includes('MASQUE_PS')) {
    issues.push({
      path: 'confidentialityCode',
      code: 'visibility-conflict',
      message: 'a document cannot be both INVISIBLE_PATIENT and MASQUE_PS (DMP rule EX_2.1-1050)',
    });
  }
  if (issues.length > 0) throw new MetadataError(issues);
}
