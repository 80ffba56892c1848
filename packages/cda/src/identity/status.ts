// The RNIV identity statuses (identity-auth.md §1.5) and what the product says about each: its
// label, what is missing for it to be qualified, and the DMP rule. One source for the server's
// refusals, <dmp-status> and the editors' status line. Browser-safe; texts carry no patient data.
import type { LocalizedMessage } from './messages.js';

/** The four statuses, as the API names them (fr-core codes PROV, RECUP, VALI, QUAL). */
export const IDENTITY_STATUSES = ['provisional', 'recovered', 'validated', 'qualified'] as const;
export type IdentityStatus = (typeof IDENTITY_STATUSES)[number];

export interface IdentityStatusText {
  /** fr-core `fr-core-cs-identity-status` code. */
  readonly code: 'PROV' | 'RECUP' | 'VALI' | 'QUAL';
  readonly label: LocalizedMessage;
  /** What the identity lacks to be qualified; absent for `qualified`. */
  readonly missing?: LocalizedMessage;
}

export const IDENTITY_STATUS_TEXTS: { readonly [S in IdentityStatus]: IdentityStatusText } = {
  provisional: {
    code: 'PROV',
    label: { fr: 'identité provisoire', en: 'provisional identity' },
    missing: {
      fr: "L'INS n'a pas été récupérée auprès du téléservice INSi et aucune pièce d'identité n'a été contrôlée.",
      en: 'The INS was not retrieved from the INSi teleservice and no identity document was checked.',
    },
  },
  recovered: {
    code: 'RECUP',
    label: { fr: 'identité récupérée, INS non qualifiée', en: 'recovered identity, INS not qualified' },
    missing: {
      fr: "L'INS vient du téléservice INSi, mais aucune pièce d'identité à haut niveau de confiance n'a été contrôlée.",
      en: 'The INS comes from the INSi teleservice, but no high-trust identity document was checked.',
    },
  },
  validated: {
    code: 'VALI',
    label: { fr: 'identité validée, INS non qualifiée', en: 'validated identity, INS not qualified' },
    missing: {
      fr: "Une pièce d'identité a été contrôlée, mais l'INS n'a pas été récupérée ni vérifiée auprès du téléservice INSi.",
      en: 'An identity document was checked, but the INS was not retrieved or verified with the INSi teleservice.',
    },
  },
  qualified: { code: 'QUAL', label: { fr: 'INS qualifiée', en: 'qualified INS' } },
};

/** The DMP rule (§1.5): only a qualified identity feeds the DMP. */
export const DMP_IDENTITY_RULE: LocalizedMessage = {
  fr: 'Seule une identité INS qualifiée peut alimenter le DMP ou figurer dans un message MSSanté au patient.',
  en: 'Only a qualified INS identity may feed the DMP or appear in an MSSanté message to the patient.',
};

/** Whether a value is one of the four statuses. */
export function isIdentityStatus(value: unknown): value is IdentityStatus {
  return typeof value === 'string' && (IDENTITY_STATUSES as readonly string[]).includes(value);
}

/** Why documents of an identity with this status cannot be deposited (rule + what is missing); undefined when qualified. */
export function notSubmittableBecause(status: IdentityStatus): LocalizedMessage | undefined {
  const missing = IDENTITY_STATUS_TEXTS[status].missing;
  return missing ? { fr: `${DMP_IDENTITY_RULE.fr} ${missing.fr}`, en: `${DMP_IDENTITY_RULE.en} ${missing.en}` } : undefined;
}
