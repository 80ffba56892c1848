// <dcc-provider>: the one place where the host application hands the editors what it knows
// (patient, author, organisation, locale, SDK client, session). No side effects: the tag is
// defined by ../define/dcc-provider.ts.
import { LitElement, html, css, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { ContextProvider } from '@lit/context';
import { dccContext, type DccClientLike, type DccContextValue, type DccSession } from '../context.js';
import { toLocale, type DccLocale } from '../localize.js';
import type { Custodian, DocumentAuthor, PatientIdentity } from '@dcc-kit/cda/core';
import type { IdentityStatus } from '@dcc-kit/cda/identity';
import type { EstablishmentContext } from '@dcc-kit/cda/start';
import type { Clock } from '../clock.js';
import { DraftStore } from '../drafts/index.js';

/**
 * @summary Provides the dcc context (patient, author, organisation, locale, SDK client,
 * session) to every dcc-kit element inside it.
 * @tag dcc-provider
 * @slot - The page content holding the editors.
 * @event dcc-logout - Fired by `logout()` after the drafts were purged (`detail`: none).
 * @property {PatientIdentity} patient - Patient identity from the host's identity service.
 * @property {IdentityStatus} identityStatus - RNIV status of the patient's identity (`provisional`, `recovered`, `validated`, `qualified`), e.g. the platform patient's `identityStatus`.
 * @property {DocumentAuthor} author - The logged-in professional (document author).
 * @property {Custodian} organization - The organisation keeping the documents.
 * @property {EstablishmentContext} establishment - The establishment's identifiers (structure, facility type, practice setting, 3C, regional network, RCP national ids), given once: the editors fill them in (`@dcc-kit/cda/start`).
 * @property {DccClientLike} client - An @dcc-kit/sdk client (optional: the editors work without a backend).
 * @property {DccSession} session - `{ userId, draftKey }` used to encrypt the drafts.
 * @property {Clock} clock - Time source of the editors' debounces and timers (default: the browser's; tests pass a `FakeClock`).
 */
export class DccProvider extends LitElement {
  static override styles = css`
    :host {
      display: contents;
    }
  `;

  /** Locale of every element inside ("fr" or "en"); default: the page's `lang`. */
  @property({ reflect: true }) accessor locale: DccLocale | undefined = undefined;
  @property({ attribute: false }) accessor patient: PatientIdentity | undefined = undefined;
  @property({ attribute: false }) accessor identityStatus: IdentityStatus | undefined = undefined;
  @property({ attribute: false }) accessor author: DocumentAuthor | undefined = undefined;
  @property({ attribute: false }) accessor organization: Custodian | undefined = undefined;
  @property({ attribute: false }) accessor establishment: EstablishmentContext | undefined = undefined;
  @property({ attribute: false }) accessor client: DccClientLike | undefined = undefined;
  @property({ attribute: false }) accessor session: DccSession | undefined = undefined;
  @property({ attribute: false }) accessor clock: Clock | undefined = undefined;
  /** Extra logout step of the host (e.g. ending the Pro Santé Connect session). */
  @property({ attribute: false }) accessor onLogout: (() => void | Promise<void>) | undefined = undefined;

  /**
   * Ends the session for every editor inside (they receive `session: undefined` at once and drop
   * their pending draft saves), purges every draft of this browser (the shared-workstation
   * rule) — a save still being encrypted cannot land after the purge — then runs the host's
   * `onLogout` and fires `dcc-logout`. The host sets a new `session` at the next login.
   */
  readonly logout = async (): Promise<void> => {
    this.session = undefined;
    // Synchronous: the consumers see the session gone before the purge starts.
    this.provider.setValue(this.contextValue());
    await DraftStore.purgeAll();
    await this.onLogout?.();
    this.dispatchEvent(new Event('dcc-logout', { bubbles: true, composed: true }));
  };

  private readonly provider = new ContextProvider(this, { context: dccContext, initialValue: this.contextValue() });

  private contextValue(): DccContextValue {
    return {
      locale: toLocale(this.locale),
      patient: this.patient,
      identityStatus: this.identityStatus,
      author: this.author,
      organization: this.organization,
      establishment: this.establishment,
      client: this.client,
      session: this.session,
      clock: this.clock,
      onLogout: this.logout,
    };
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.size > 0) this.provider.setValue(this.contextValue());
  }

  override render() {
    return html`<slot></slot>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dcc-provider': DccProvider;
  }
}
