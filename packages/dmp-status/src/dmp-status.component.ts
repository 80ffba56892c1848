// <dmp-status>: a patient's DMP status (exists, closed, feeding authorised, identity) and where
// each of their PPS and Fiche RCP versions stands in the DMP and by MSSanté, live from the
// platform's change feed, with the DMP actions the state allows. No side effects: the tag is
// defined by ./dmp-status.ts.
import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { consume } from '@lit/context';
import { LocalizeController, dccContext, describeError, realClock, type Clock, type DccContextValue } from '@dcc-kit/elements';
import type { DmpPatientStatus, Patient, Submission, SubmissionEvent, SubmissionState } from '@dcc-kit/sdk';
import {
  CONFIRMED_ACTIONS,
  DMP_STATUS_ACTIONS,
  availableActions,
  compareRows,
  feedBlockers,
  invisibleToPatient,
  isDmpStatusClient,
  isShown,
  parisTime,
  rowKey,
  rowLabels,
  splitSubmissions,
  type DmpStatusAction,
  type DmpStatusClient,
  type VersionRow,
} from './dmp-status-model.js';
import { DmpStatusActionEvent, DmpStatusActionResultEvent, DmpStatusChangeEvent, type DmpStatusActionDetail } from './dmp-status-events.js';
import { SubmissionFeedController, type FeedState } from './submission-feed-controller.js';
import { registerDmpStatusStrings, type DmpStatusStrings } from './dmp-status-strings.js';
import { dmpStatusStyles } from './dmp-status-styles.js';

interface PendingConfirmation {
  readonly action: DmpStatusAction;
  readonly row: VersionRow;
  readonly submission: Submission;
}

/**
 * @summary A patient's DMP status and, for each PPS and Fiche RCP version, its DMP and MSSanté
 * state, live from the platform's change feed, with the DMP actions its state allows (DMPi
 * EX_2.1-1190, EX_3.1-1030, EX_3.1-1080, EX_3.2-1025, EX_3.3-1045).
 * @tag dmp-status
 *
 * @event dmp-status-action - `{ action, documentId, versionNumber, submissionId? }`: the user asked for an action (after the confirmation dialog when there is one), before the SDK call. Cancelable: `preventDefault()` stops the call.
 * @event dmp-status-action-result - `{ action, documentId, versionNumber, submissionId?, ok, submission?, error? }`: the outcome of the action's SDK call (`error`: `{ status?, title?, detail?, message }`).
 * @event dmp-status-change - `{ documentId, versionNumber, submissionId, channel, state, kind }`: the change feed reported a change of one of the listed versions.
 *
 * @property {DmpStatusClient} client - An `@dcc-kit/sdk` client (`createDccClient`); wins over the `<dcc-provider>`'s client.
 * @property {string} patientId - Server id of the patient (attribute `patient-id`).
 * @property {string} documentId - Restricts the list to one document (attribute `document-id`); default: every PPS and Fiche RCP of the patient.
 * @property {DmpStatusAction[]} allowedActions - The actions the logged-in user may take (the host's permissions); default: every action the state allows. An empty list shows no action.
 * @property {boolean} showArchived - « afficher les documents archivés » (attribute `show-archived`).
 * @property {boolean} showOld - « anciennes versions » (attribute `show-old`).
 * @property {Clock} clock - Time source of the feed's reconnection pause (wins over `<dcc-provider>`; default: the browser's).
 * @property {string} lang - `fr` (default) or `en`; otherwise follows the context locale, then the closest `[lang]`.
 *
 * @csspart base - The whole element.
 * @csspart title - The element's heading.
 * @csspart live - The live region announcing state changes and action outcomes (visually hidden).
 * @csspart patient - The patient's DMP and identity status.
 * @csspart dmp-status - The DMP's existence / closure line.
 * @csspart authorisation - The professional's access authorisation.
 * @csspart identity - The identity status line.
 * @csspart identity-why - Why a non-qualified identity cannot feed.
 * @csspart cue - The feeding cue (`cue cue-ok` or `cue cue-blocked`).
 * @csspart documents - The list area.
 * @csspart filters - The display options.
 * @csspart list - The list of versions.
 * @csspart row - One version (`row`).
 * @csspart row-title - The heading of a version.
 * @csspart row-date - Its date.
 * @csspart version-status - The platform status of the version (draft, signed…).
 * @csspart labels - The DMPi labels of a version.
 * @csspart label - One label (`label label-<key>`).
 * @csspart alert - « Attention, ce document n'est pas visible du patient ».
 * @csspart channels - The list of channels (DMP, MSSanté recipients) with their states.
 * @csspart state - One channel's state (`state state-<state>`).
 * @csspart reason - The reason of a refusal or parking.
 * @csspart actions - The action buttons of a version.
 * @csspart action - One action button (`action action-<name>`).
 * @csspart error - An action's or load's error message.
 * @csspart dialog - The confirmation dialog of irreversible actions.
 * @csspart confirm - The dialog's confirmation button.
 * @csspart cancel - The dialog's cancel button.
 *
 * @cssproperty --dcc-color-text - Text colour.
 * @cssproperty --dcc-color-background - Background.
 * @cssproperty --dcc-color-surface - Background of labels and the cue.
 * @cssproperty --dcc-color-border - Borders.
 * @cssproperty --dcc-color-primary - Buttons.
 * @cssproperty --dcc-color-on-primary - Text on the confirm button.
 * @cssproperty --dcc-color-error - Refusals, errors, a blocked cue.
 * @cssproperty --dcc-color-warning - The "not visible to the patient" alert.
 * @cssproperty --dcc-color-success - Accepted, the feeding cue.
 * @cssproperty --dcc-color-muted - Dates and version status.
 * @cssproperty --dcc-font-family - Font family.
 * @cssproperty --dcc-font-size - Base font size.
 * @cssproperty --dcc-space-s - Small spacing.
 * @cssproperty --dcc-space-m - Medium spacing.
 * @cssproperty --dcc-space-l - Large spacing.
 * @cssproperty --dcc-radius - Corner radius.
 * @cssproperty --dcc-focus-ring - Focus outline.
 */
export class DmpStatus extends LitElement {
  static override styles = dmpStatusStyles;

  @property({ attribute: false }) accessor client: DmpStatusClient | undefined = undefined;
  @property({ attribute: 'patient-id' }) accessor patientId: string | undefined = undefined;
  @property({ attribute: 'document-id' }) accessor documentId: string | undefined = undefined;
  @property({ attribute: false }) accessor allowedActions: readonly DmpStatusAction[] | undefined = undefined;
  @property({ type: Boolean, attribute: 'show-archived', reflect: true }) accessor showArchived = false;
  @property({ type: Boolean, attribute: 'show-old', reflect: true }) accessor showOld = false;
  @property({ attribute: false }) accessor clock: Clock | undefined = undefined;

  @consume({ context: dccContext, subscribe: true })
  @state()
  protected accessor dcc: DccContextValue | undefined = undefined;

  @state() private accessor loading = false;
  @state() private accessor patient: Patient | undefined = undefined;
  @state() private accessor dmpStatus: DmpPatientStatus | undefined = undefined;
  @state() private accessor dmpError: string | undefined = undefined;
  @state() private accessor loadError: string | undefined = undefined;
  @state() private accessor rows: ReadonlyMap<string, VersionRow> = new Map();
  @state() private accessor rowErrors: ReadonlyMap<string, string> = new Map();
  @state() private accessor busy: ReadonlySet<string> = new Set();
  @state() private accessor liveMessage = '';
  @state() private accessor feedState: FeedState = 'idle';
  @state() private accessor confirmation: PendingConfirmation | undefined = undefined;

  @query('dialog') private accessor dialog!: HTMLDialogElement | null;

  protected readonly localize = new LocalizeController<DmpStatusStrings>(this);
  private readonly feed = new SubmissionFeedController(this, {
    client: () => this.activeClient(),
    clock: () => this.timeSource(),
    onEvent: (event) => this.onFeedEvent(event),
    onState: (s) => (this.feedState = s),
  });
  private loadAbort: AbortController | undefined;
  private loadedFor: unknown[] = [];
  private reloadQueued = false;
  private reloading: Promise<void> | undefined;
  private opener: string | undefined;

  constructor() {
    super();
    registerDmpStatusStrings();
  }

  private activeClient(): DmpStatusClient | undefined {
    if (this.client) return this.client;
    const fromContext = this.dcc?.client;
    return isDmpStatusClient(fromContext) ? fromContext : undefined;
  }

  private timeSource(): Clock {
    return this.clock ?? this.dcc?.clock ?? realClock;
  }

  /** Reads the patient, their DMP status and every version again. */
  async reload(): Promise<void> {
    this.loadAbort?.abort();
    const client = this.activeClient();
    const patientId = this.patientId;
    if (!client || !patientId) return;
    const abort = new AbortController();
    this.loadAbort = abort;
    const signal = abort.signal;
    this.loading = true;
    this.loadError = undefined;
    const [patient, dmp, rows] = await Promise.allSettled([
      client.patients.get(patientId, { signal }),
      client.submissions.patientDmpStatus(patientId, { signal }),
      this.readRows(client, patientId, signal),
    ]);
    if (signal.aborted) return;
    this.patient = patient.status === 'fulfilled' ? patient.value.data : undefined;
    this.dmpStatus = dmp.status === 'fulfilled' ? dmp.value.data : undefined;
    this.dmpError = dmp.status === 'rejected' ? describeError(dmp.reason, this.localize.lang()).text : undefined;
    if (rows.status === 'fulfilled') this.rows = rows.value;
    else this.loadError = this.localize.term('dmpStatus.loadFailed', describeError(rows.reason, this.localize.lang()).text);
    this.loading = false;
  }

  private async readRows(client: DmpStatusClient, patientId: string, signal: AbortSignal): Promise<Map<string, VersionRow>> {
    const rows = new Map<string, VersionRow>();
    const tasks: Promise<void>[] = [];
    for await (const document of client.documents.list({ patientId }, { signal })) {
      if (this.documentId && document.id !== this.documentId) continue;
      for await (const version of client.documents.listVersions(document.id, {}, { signal })) {
        const key = rowKey(document.id, version.number);
        rows.set(key, { document, version, dmp: undefined, mss: [] });
        if (version.status !== 'submitted') continue;
        tasks.push(
          client.submissions.forVersion(document.id, version.number, { signal }).then(({ data }) => {
            rows.set(key, { document, version, ...splitSubmissions(data.items) });
          }),
        );
      }
    }
    await Promise.all(tasks);
    return rows;
  }

  /** One version's submissions again (after a feed event or an action). */
  private async refreshVersion(documentId: string, versionNumber: number): Promise<void> {
    const client = this.activeClient();
    const key = rowKey(documentId, versionNumber);
    if (!client || !this.rows.has(key)) return;
    const { data } = await client.submissions.forVersion(documentId, versionNumber);
    const row = this.rows.get(key);
    if (!row) return;
    const next = new Map(this.rows);
    next.set(key, { ...row, version: { ...row.version, status: 'submitted' }, ...splitSubmissions(data.items) });
    this.rows = next;
  }

  /** A version not listed yet (a new document or version): the list is read again, one read at a time. */
  private queueRowsReload(): void {
    if (this.reloading) {
      this.reloadQueued = true;
      return;
    }
    const client = this.activeClient();
    const patientId = this.patientId;
    if (!client || !patientId) return;
    const signal = (this.loadAbort ??= new AbortController()).signal;
    this.reloading = this.readRows(client, patientId, signal)
      .then((rows) => {
        if (!signal.aborted) this.rows = rows;
      })
      .catch(() => undefined)
      .finally(() => {
        this.reloading = undefined;
        if (this.reloadQueued) {
          this.reloadQueued = false;
          this.queueRowsReload();
        }
      });
  }

  private onFeedEvent(event: SubmissionEvent): void {
    if (this.documentId && event.documentId !== this.documentId) return;
    const key = rowKey(event.documentId, event.versionNumber);
    const row = this.rows.get(key);
    if (!row) {
      // Another patient's document, or a new one of this patient: only a read tells.
      this.queueRowsReload();
      return;
    }
    // The state shows at once; the detail (reason, next attempt, DMP status) follows from the read.
    const patch = (sub: Submission): Submission => (sub.id === event.submissionId ? { ...sub, state: event.state } : sub);
    const next = new Map(this.rows);
    next.set(key, { ...row, dmp: row.dmp && patch(row.dmp), mss: row.mss.map(patch) });
    this.rows = next;
    if (event.kind === 'state') {
      this.announce(
        this.localize.term('dmpStatus.live.state', this.rowTitle(row), this.channelLabel(event.channel), this.localize.term(`dmpStatus.state.${event.state}`)),
      );
    }
    const change = new DmpStatusChangeEvent({
        documentId: event.documentId,
        versionNumber: event.versionNumber,
        submissionId: event.submissionId,
        channel: event.channel,
        state: event.state,
        kind: event.kind,
      });
    this.dispatchEvent(change);
    void this.refreshVersion(event.documentId, event.versionNumber).catch(() => undefined);
  }

  private announce(message: string): void {
    // The same text twice in a row is still announced: clear, then set on the next update.
    if (message === this.liveMessage) {
      this.liveMessage = '';
      void this.updateComplete.then(() => (this.liveMessage = message));
    } else this.liveMessage = message;
  }

  protected override willUpdate(changed: PropertyValues): void {
    this.localize.contextLocale = this.dcc?.locale;
    if (changed.has('client') || changed.has('dcc')) this.feed.sync();
    // Read again when what is shown changed (set in willUpdate: no second update).
    const inputs = [this.activeClient(), this.patientId, this.documentId];
    if (inputs.some((v, i) => v !== this.loadedFor[i])) {
      this.loadedFor = inputs;
      void this.reload();
    }
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Moved in the page (disconnected, then connected again): read again, what was shown may be stale.
    if (this.hasUpdated && this.loadedFor.length === 0) this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.loadAbort?.abort();
    this.loadAbort = undefined;
    this.loadedFor = [];
  }

  // ---- actions ----

  private allowed(action: DmpStatusAction): boolean {
    return (this.allowedActions ?? DMP_STATUS_ACTIONS).includes(action);
  }

  private onActionClick(action: DmpStatusAction, row: VersionRow, submission: Submission): void {
    // aria-disabled rather than disabled while a call runs: the focused button keeps the focus.
    if (this.busy.has(rowKey(row.document.id, row.version.number))) return;
    this.opener = this.actionId(row, action, submission);
    if (CONFIRMED_ACTIONS.has(action)) {
      this.confirmation = { action, row, submission };
      void this.updateComplete.then(() => {
        const dialog = this.dialog;
        if (!dialog) return;
        dialog.returnValue = '';
        if (!dialog.open) dialog.showModal();
        // Irreversible: the safe choice has the focus.
        dialog.querySelector<HTMLButtonElement>('[part~="cancel"]')?.focus();
      });
      return;
    }
    void this.perform(action, row, submission);
  }

  private onDialogClose(): void {
    const pending = this.confirmation;
    const confirmed = this.dialog?.returnValue === 'confirm';
    this.confirmation = undefined;
    this.restoreFocus();
    if (pending && confirmed) void this.perform(pending.action, pending.row, pending.submission);
  }

  private restoreFocus(): void {
    const id = this.opener;
    void this.updateComplete.then(() => {
      const button = id ? this.renderRoot.querySelector<HTMLButtonElement>(`button[data-action-id="${CSS.escape(id)}"]`) : null;
      (button ?? this.renderRoot.querySelector<HTMLElement>('h2'))?.focus();
    });
  }

  /**
   * After an action the button that had the focus may be gone (the state no longer allows it,
   * or the row is hidden by the display options): the focus goes to the row's heading, else to
   * the element's heading, never to the page's body.
   */
  private async keepFocus(key: string): Promise<void> {
    await this.updateComplete;
    const active = this.renderRoot instanceof ShadowRoot ? this.renderRoot.activeElement : null;
    if (active && active.isConnected) return;
    if (document.activeElement !== this && document.activeElement !== document.body && document.activeElement !== null) return;
    const rowTitle = this.renderRoot.querySelector<HTMLElement>(`[data-row="${CSS.escape(key)}"] [part~="row-title"]`);
    (rowTitle ?? this.renderRoot.querySelector<HTMLElement>('[part~="title"]'))?.focus();
  }

  private actionId(row: VersionRow, action: DmpStatusAction, submission: Submission): string {
    return `${rowKey(row.document.id, row.version.number)}:${action}:${submission.id}`;
  }

  private async perform(action: DmpStatusAction, row: VersionRow, submission: Submission): Promise<void> {
    const client = this.activeClient();
    if (!client) return;
    const documentId = row.document.id;
    const n = row.version.number;
    const detail: DmpStatusActionDetail = { action, documentId, versionNumber: n, submissionId: submission.id };
    const event = new DmpStatusActionEvent(detail);
    this.dispatchEvent(event);
    if (event.defaultPrevented) return;
    const key = rowKey(documentId, n);
    const actionLabel = this.localize.term(`dmpStatus.action.${action}`);
    this.busy = new Set(this.busy).add(key);
    const errors = new Map(this.rowErrors);
    errors.delete(key);
    this.rowErrors = errors;
    this.announce(this.localize.term('dmpStatus.pending', actionLabel));
    try {
      const { data } = await this.call(client, action, documentId, n, submission);
      this.replaceSubmission(key, data);
      this.announce(this.localize.term('dmpStatus.done', actionLabel, this.rowTitle(row)));
      this.dispatchEvent(new DmpStatusActionResultEvent({ ...detail, ok: true, submission: data }));
      void this.keepFocus(key);
      void this.refreshVersion(documentId, n).catch(() => undefined);
    } catch (error) {
      const described = describeError(error, this.localize.lang());
      const message = this.localize.term('dmpStatus.failed', actionLabel, described.text);
      this.rowErrors = new Map(this.rowErrors).set(key, message);
      this.dispatchEvent(
        new DmpStatusActionResultEvent({
          ...detail,
          ok: false,
          error: {
            message,
            ...(described.status === undefined ? {} : { status: described.status }),
            ...(described.title === undefined ? {} : { title: described.title }),
            ...(described.detail === undefined ? {} : { detail: described.detail }),
          },
        }),
      );
    } finally {
      const still = new Set(this.busy);
      still.delete(key);
      this.busy = still;
    }
  }

  private call(client: DmpStatusClient, action: DmpStatusAction, documentId: string, n: number, submission: Submission) {
    const s = client.submissions;
    switch (action) {
      case 'retry':
        return s.retry(submission.id);
      case 'mask':
        return s.changeVisibility(documentId, n, { maskedToProfessionals: true });
      case 'unmask':
        return s.changeVisibility(documentId, n, { maskedToProfessionals: false });
      case 'visibleToPatient':
        return s.changeVisibility(documentId, n, { visibleToPatient: true });
      case 'visibleToLegalRepresentatives':
        return s.changeVisibility(documentId, n, { visibleToLegalRepresentatives: true });
      case 'archive':
        return s.archive(documentId, n);
      case 'unarchive':
        return s.unarchive(documentId, n);
      case 'delete':
        return s.delete(documentId, n);
    }
  }

  private replaceSubmission(key: string, sub: Submission): void {
    const row = this.rows.get(key);
    if (!row) return;
    const next = new Map(this.rows);
    const split = splitSubmissions([...(row.dmp ? [row.dmp] : []), ...row.mss].map((s) => (s.id === sub.id ? sub : s)));
    next.set(key, { ...row, ...split });
    this.rows = next;
  }

  // ---- rendering ----

  private rowTitle(row: VersionRow): string {
    return this.localize.term('dmpStatus.version', this.localize.term(`dmpStatus.type.${row.document.type}`), row.version.number);
  }

  private channelLabel(channel: string): string {
    if (channel === 'dmp') return this.localize.term('dmpStatus.channel.dmp');
    if (channel === 'mss:patient') return this.localize.term('dmpStatus.channel.mssPatient');
    return this.localize.term('dmpStatus.channel.mss', channel.replace(/^mss:/, ''));
  }

  private stateText(sub: Submission): string {
    if (sub.state === 'retrying' && sub.nextAttemptAt) return this.localize.term('dmpStatus.state.retryingAt', parisTime(sub.nextAttemptAt, this.localize.lang()));
    return this.localize.term(`dmpStatus.state.${sub.state satisfies SubmissionState}`);
  }

  private reasonText(sub: Submission): string | undefined {
    if (sub.state !== 'refused' && sub.state !== 'parked' && sub.state !== 'retrying') return undefined;
    const lang = this.localize.lang();
    if (sub.reason) return sub.reason[lang];
    const key = `dmpStatus.detail.${sub.stateDetail ?? ''}`;
    return sub.stateDetail && this.localize.has(key) ? this.localize.term(key) : undefined;
  }

  override render(): TemplateResult {
    const t = this.localize;
    return html`<section part="base" aria-labelledby="title">
      <h2 id="title" part="title" tabindex="-1">${t.term('dmpStatus.title')}</h2>
      <p part="live" class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this.liveMessage}</p>
      ${this.renderBody()} ${this.renderDialog()}
    </section>`;
  }

  private renderBody(): TemplateResult {
    const t = this.localize;
    if (!this.activeClient()) return html`<p part="error">${t.term('dmpStatus.noClient')}</p>`;
    if (!this.patientId) return html`<p>${t.term('dmpStatus.noPatient')}</p>`;
    if (this.loading && this.rows.size === 0 && !this.dmpStatus) return html`<p aria-busy="true">${t.term('dmpStatus.loading')}</p>`;
    return html`${this.renderPatient()} ${this.renderDocuments()}
    ${this.feedState === 'reconnecting' ? html`<p part="feed-state">${t.term('dmpStatus.feedLost')}</p>` : nothing}`;
  }

  private renderPatient(): TemplateResult {
    const t = this.localize;
    const dmp = this.dmpStatus;
    const identity = this.patient?.identityStatus;
    const blockers = feedBlockers(dmp, identity);
    const dmpLine = dmp
      ? dmp.dmp === 'active'
        ? t.term('dmpStatus.dmp.active')
        : dmp.dmp === 'closed'
          ? t.term('dmpStatus.dmp.closed', dmp.closureReason ?? '')
          : t.term('dmpStatus.dmp.none')
      : this.dmpError
        ? t.term('dmpStatus.dmp.unavailable', this.dmpError)
        : undefined;
    const canFeed = dmp !== undefined && identity !== undefined && blockers.length === 0 && dmp.canFeed;
    return html`<div part="patient">
      <h3>${t.term('dmpStatus.patientHeading')}</h3>
      ${dmpLine ? html`<p part="dmp-status">${dmpLine}</p>` : nothing}
      ${dmp && dmp.dmp === 'active'
        ? html`<p part="authorisation">${t.term('dmpStatus.authorisation', t.term(`dmpStatus.auth.${dmp.authorisation}`))}</p>`
        : nothing}
      ${identity ? html`<p part="identity">${t.term('dmpStatus.identity', t.term(`dmpStatus.identity.${identity}`))}</p>` : nothing}
      ${identity && identity !== 'qualified' ? html`<p part="identity-why">${t.term(`dmpStatus.identity.why.${identity}`)}</p>` : nothing}
      ${canFeed
        ? html`<p part="cue cue-ok">${t.term('dmpStatus.canFeed')}</p>`
        : blockers.length > 0
          ? html`<p part="cue cue-blocked">${t.term('dmpStatus.cannotFeed')} : ${blockers.map((b) => t.term(`dmpStatus.why.${b}`)).join(' ; ')}.</p>`
          : nothing}
    </div>`;
  }

  private renderDocuments(): TemplateResult {
    const t = this.localize;
    const all = [...this.rows.values()].sort(compareRows);
    const options = { showArchived: this.showArchived, showOld: this.showOld };
    const shown = all.filter((row) => isShown(row, options));
    const hidden = all.length - shown.length;
    return html`<div part="documents">
      <h3>${t.term('dmpStatus.documentsHeading')}</h3>
      <fieldset part="filters">
        <legend>${t.term('dmpStatus.filters')}</legend>
        <label><input type="checkbox" name="show-archived" .checked=${this.showArchived} @change=${(e: Event) => (this.showArchived = (e.target as HTMLInputElement).checked)} />
          ${t.term('dmpStatus.showArchived')}</label>
        <label><input type="checkbox" name="show-old" .checked=${this.showOld} @change=${(e: Event) => (this.showOld = (e.target as HTMLInputElement).checked)} />
          ${t.term('dmpStatus.showOld')}</label>
      </fieldset>
      ${this.loadError ? html`<p part="error" role="alert">${this.loadError}</p>` : nothing}
      ${all.length === 0 && !this.loadError ? html`<p>${t.term('dmpStatus.noDocuments')}</p>` : nothing}
      ${shown.length > 0 ? html`<ul part="list">${repeat(shown, (row) => rowKey(row.document.id, row.version.number), (row) => this.renderRow(row))}</ul>` : nothing}
      ${hidden > 0 ? html`<p part="hidden-count">${t.term('dmpStatus.hiddenCount', hidden)}</p>` : nothing}
    </div>`;
  }

  private renderRow(row: VersionRow): TemplateResult {
    const t = this.localize;
    const key = rowKey(row.document.id, row.version.number);
    const title = this.rowTitle(row);
    const labels = rowLabels(row);
    const titleId = `row-${CSS.escape(key).replace(/[^A-Za-z0-9_-]/g, '_')}`;
    const actions = availableActions(row).filter(({ action }) => this.allowed(action));
    const busy = this.busy.has(key);
    const error = this.rowErrors.get(key);
    const subs = [...(row.dmp ? [row.dmp] : []), ...row.mss];
    const date = row.version.signedAt ?? row.version.createdAt;
    return html`<li part="row" aria-labelledby=${titleId} data-row=${key}>
      <h4 id=${titleId} part="row-title" tabindex="-1">${title}</h4>
      <span part="row-date">${t.date(date)}</span>
      ${row.version.status !== 'submitted' ? html`<span part="version-status">${t.term(`dmpStatus.versionStatus.${row.version.status}`)}</span>` : nothing}
      ${labels.length > 0 ? html`<ul part="labels">${labels.map((l) => html`<li part="label label-${l}">${t.term(`dmpStatus.label.${l}`)}</li>`)}</ul>` : nothing}
      ${invisibleToPatient(row) ? html`<p part="alert">${t.term('dmpStatus.alert.invisiblePatient')}</p>` : nothing}
      <dl part="channels">
        ${subs.length === 0
          ? html`<dt>${t.term('dmpStatus.channel.dmp')}</dt><dd part="state state-none">${t.term('dmpStatus.notSent')}</dd>`
          : subs.map((sub) => {
              const reason = this.reasonText(sub);
              return html`<dt>${this.channelLabel(sub.channel)}</dt>
                <dd part="state state-${sub.state}" data-submission=${sub.id}>
                  ${this.stateText(sub)}${reason ? html`<span part="reason"> — ${t.term('dmpStatus.reason', reason)}</span>` : nothing}
                </dd>`;
            })}
      </dl>
      ${actions.length > 0
        ? html`<div part="actions" role="group" aria-label=${t.term('dmpStatus.actions', title)}>
            ${repeat(actions, ({ action, submission }) => this.actionId(row, action, submission), ({ action, submission }) => {
              const channel = action === 'retry' && submission.channel !== 'dmp' ? ` (${this.channelLabel(submission.channel)})` : '';
              return html`<button
                type="button"
                part="action action-${action}"
                data-action-id=${this.actionId(row, action, submission)}
                aria-disabled=${busy ? 'true' : 'false'}
                @click=${() => this.onActionClick(action, row, submission)}
              >
                ${t.term(`dmpStatus.action.${action}`)}${channel}
              </button>`;
            })}
          </div>`
        : nothing}
      ${error ? html`<p part="error" role="alert">${error}</p>` : nothing}
    </li>`;
  }

  private renderDialog(): TemplateResult {
    const t = this.localize;
    const pending = this.confirmation;
    return html`<dialog part="dialog" aria-labelledby="dialog-title" aria-describedby="dialog-text" @close=${() => this.onDialogClose()}>
      ${pending
        ? html`<form method="dialog">
            <h3 id="dialog-title">${t.term(`dmpStatus.action.${pending.action}`)}</h3>
            <p id="dialog-text">${t.term(`dmpStatus.confirm.${pending.action}`)}</p>
            <p>${t.term('dmpStatus.confirm.what', this.rowTitle(pending.row))}</p>
            <div class="dialog-buttons">
              <button type="submit" part="cancel" value="cancel">${t.term('dmpStatus.confirm.cancel')}</button>
              <button type="submit" part="confirm" class="primary" value="confirm">${t.term('dmpStatus.confirm.ok')}</button>
            </div>
          </form>`
        : nothing}
    </dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dmp-status': DmpStatus;
  }
}
