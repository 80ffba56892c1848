// The one table from the Fiche RCP's treatment types (JDV_TypeTraitement_FRCP_CISIS) to the
// PPS's care-act lists and their value sets: a proposal of the RCP becomes a planned act of the
// PPS in the list the PPS volet gives that kind of act. The two value sets share most codes;
// the table says where they differ. A test checks that every FRCP concept is mapped and that
// every target is in its list's value set.
import { findConcept } from '../value-set.js';
// Each value set from its own module, not the index: the editors import this module eagerly, and
// through the index a bundler puts every value set (~39 kB gzip) in the editor's first load.
import { JDV_SoinsOncoDeSupport_CISIS } from '../generated/value-sets/JDV_SoinsOncoDeSupport_CISIS.js';
import { JDV_TypeTraitementPPS_CISIS } from '../generated/value-sets/JDV_TypeTraitementPPS_CISIS.js';
import { JDV_TypeTraitement_FRCP_CISIS } from '../generated/value-sets/JDV_TypeTraitement_FRCP_CISIS.js';
import type { ResolvedCoding } from '../model/common.js';
import type { PpsCareActList } from '../model/pps.js';

/** Where an FRCP treatment type goes in the PPS. */
export interface PpsActKind {
  /** The PPS care-act list. */
  readonly list: Extract<PpsCareActList, 'treatments' | 'supportiveCare'>;
  /** The code in that list's value set. */
  readonly code: string;
  /**
   * The FRCP concept is narrower than the PPS one (e.g. palliative care → "Autre soins de
   * support"): its label goes into the act's `typePrecision` so nothing is lost.
   */
  readonly keepLabelAsPrecision?: boolean;
}

/**
 * FRCP code → PPS list and code. Codes absent from this table are the same concept in both
 * value sets (same code and code system) and go to `treatments` unchanged.
 */
export const FRCP_TO_PPS_ACT: Readonly<Record<string, PpsActKind>> = {
  // Hormonothérapie: NCI C547 in the FRCP set, C15445 in the PPS set.
  C547: { list: 'treatments', code: 'C15445' },
  // "Autre(s) traitement(s) médicamenteux spécifique(s)": the PPS has only "Autre(s) traitement(s)".
  'GEN-092.03.02': { list: 'treatments', code: 'GEN-092.03.01', keepLabelAsPrecision: true },
  // Soins de support and soins palliatifs are supportive care in the PPS (MED-572).
  C15747: { list: 'supportiveCare', code: 'GEN-092.04.07', keepLabelAsPrecision: true },
  C15252: { list: 'supportiveCare', code: 'GEN-092.04.07', keepLabelAsPrecision: true },
};

const LIST_VALUE_SETS = { treatments: JDV_TypeTraitementPPS_CISIS, supportiveCare: JDV_SoinsOncoDeSupport_CISIS } as const;

/** The PPS list and full coding of an FRCP treatment type, or undefined when the code is not in the FRCP value set. */
export function ppsActKindOf(frcpCode: string): { list: PpsActKind['list']; coding: ResolvedCoding; keepLabelAsPrecision: boolean } | undefined {
  if (!JDV_TypeTraitement_FRCP_CISIS.concepts.some((c) => c.code === frcpCode)) return undefined;
  const kind = FRCP_TO_PPS_ACT[frcpCode] ?? { list: 'treatments', code: frcpCode };
  const concept = findConcept(LIST_VALUE_SETS[kind.list], kind.code);
  if (!concept) return undefined;
  const coding = { code: concept.code, codeSystem: concept.codeSystem, displayName: concept.displayName };
  return { list: kind.list, coding, keepLabelAsPrecision: kind.keepLabelAsPrecision ?? false };
}
