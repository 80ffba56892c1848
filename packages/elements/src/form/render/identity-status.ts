// The editors' identity status line (identity-auth.md §1.5): the status of the patient's
// identity given by the host (<dcc-provider identityStatus>) and, when it is not qualified, why
// the document cannot be deposited in the DMP. Texts from @dcc-kit/cda/identity: the same as
// the server's refusal and <dmp-status>.
import { html, nothing, type TemplateResult } from 'lit';
import { IDENTITY_STATUS_TEXTS, isIdentityStatus, notSubmittableBecause, type IdentityStatus } from '@dcc-kit/cda/identity';
import type { LocalizeController } from '../../localize.js';

export function renderIdentityStatus(localize: LocalizeController, status: IdentityStatus | undefined): TemplateResult | typeof nothing {
  if (!isIdentityStatus(status)) return nothing;
  const lang = localize.lang();
  const label = IDENTITY_STATUS_TEXTS[status].label[lang];
  const why = notSubmittableBecause(status);
  const prefix = lang === 'fr' ? 'Identité du patient : ' : 'Patient identity: ';
  return html`<p part="identity-status" class="identity-status" data-status=${status}>
    <span part="identity-status-label">${prefix}${label}.</span>
    ${why ? html`<span part="identity-status-why">${why[lang]}</span>` : nothing}
  </p>`;
}
