// What the INSi client takes and gives back. Traits use the API's names (@dcc-kit/cda/identity ApiTraits).
import type { InsTraitFinding } from '@dcc-kit/cda/identity';

/** The strict traits searched or verified (§1.6). */
export interface InsiTraits {
  /** Nom de naissance, upper case (letters, hyphen, apostrophe, space). */
  birthName: string;
  /** Prénoms de naissance in order; a search sends those given (one, or all). */
  firstNames: string[];
  sex: 'M' | 'F';
  /** `YYYY-MM-DD` (`00` for an unknown month or day). */
  birthDate: string;
  /** 5-character COG (99xxx abroad). */
  birthPlaceCode?: string;
}

/** An INS as INSi returns it: the 15-character matricule (13 + key) and its OID (.8 NIR, .9 NIA). */
export interface InsiIns {
  value: string;
  oid: string;
  /** Validity dates when INSi gives them. */
  from?: string;
  to?: string;
}

/** One identity returned by INSi: the active INS, the history, and the traits (TIQ). */
export interface InsiIdentity {
  ins: InsiIns;
  history: InsiIns[];
  traits: Required<Pick<InsiTraits, 'birthName' | 'firstNames' | 'sex' | 'birthDate'>> & { birthPlaceCode?: string };
  /** The cross-checks of the returned INS against the returned traits (errors mean INSi's answer is not to be trusted as it is). */
  findings: InsTraitFinding[];
  /** Whether the returned key is right (§1.3: the simulator can return a wrong one, HERMANN). */
  keyValid: boolean;
}

/** A search's answer: exactly one identity (CR 00), several (02), none (01). */
export type InsiSearchResult =
  | { outcome: 'found'; identity: InsiIdentity; code: '00'; label: string }
  | { outcome: 'several'; code: '02'; label: string }
  | { outcome: 'none'; code: '01'; label: string };

/** The strategy's answer: the result and the first-name lists tried, in order. */
export type InsiStrategyResult = InsiSearchResult & { attempts: number };

/** A vérification's answer. `mismatches` names the traits that differ (their INSi element names). */
export type InsiVerifyResult =
  | { outcome: 'ok'; code: string; label: string }
  | { outcome: 'ko'; code: string; label: string; mismatches: string[] };
