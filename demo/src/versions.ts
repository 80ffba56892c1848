// The versions of the open document, each with its author, date (Europe/Paris) and the state of
// its DMP and MSSanté submissions (SDK `documents.listVersions` + `submissions.forVersion`).
// Polled while a submission is still moving; <dmp-status> (when available) is the live view.
import type { DccClient, Submission, VersionSummary } from '@dcc-kit/sdk';
import { formatParisDateTime } from '@dcc-kit/elements';

const STATUS: Record<string, string> = { draft: 'Brouillon', validated: 'Validé', signed: 'Signé', submitted: 'Transmis' };
const PARIS = 'Europe/Paris';
const FINAL = new Set(['accepted', 'refused', 'parked']);

export const parisDateTime = (iso: string): string => formatParisDateTime(iso, 'fr', 'short');
const parisTime = (iso: string): string => new Date(iso).toLocaleTimeString('fr-FR', { timeZone: PARIS, hour: '2-digit', minute: '2-digit' });

const CHANNEL = (channel: string): string =>
  channel === 'dmp' ? 'DMP' : channel === 'mss:patient' ? 'MSSanté patient' : `MSSanté ${channel.slice('mss:'.length)}`;

/** A submission's state in plain French (the labels <dmp-status> uses too). */
export function submissionLabel(s: Submission): string {
  switch (s.state) {
    case 'queued':
      return 'en file d’attente';
    case 'sending':
      return 'envoi en cours';
    case 'retrying':
      return s.nextAttemptAt ? `nouvel essai à ${parisTime(s.nextAttemptAt)}` : 'nouvel essai';
    case 'accepted':
      return 'accepté';
    case 'refused':
      return `refusé : ${s.reason?.fr ?? 'motif non précisé'}`;
    case 'parked':
      return `en attente d’une action${s.reason?.fr ? ` : ${s.reason.fr}` : s.stateDetail ? ` (${s.stateDetail})` : ''}`;
    default:
      return s.state;
  }
}

export class VersionList {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private pollUntil = 0;
  private documentId: string | undefined;

  constructor(
    private readonly client: DccClient,
    private readonly body: HTMLTableSectionElement,
    private readonly nameOf: (idNatPs: string) => string,
  ) {}

  /** Shows the versions of `documentId` (none: empties the list); polls up to 3 minutes while submissions move. */
  show(documentId: string | undefined): void {
    this.documentId = documentId;
    this.pollUntil = Date.now() + 180_000;
    void this.refresh();
  }

  private async refresh(): Promise<void> {
    clearTimeout(this.timer);
    const id = this.documentId;
    if (!id) {
      this.body.replaceChildren();
      return;
    }
    let rows: Array<{ v: VersionSummary; subs: Submission[] }> = [];
    try {
      const versions: VersionSummary[] = [];
      for await (const v of this.client.documents.listVersions(id)) versions.push(v);
      rows = await Promise.all(
        versions.map(async (v) => ({
          v,
          subs: v.status === 'signed' || v.status === 'submitted' ? (await this.client.submissions.forVersion(id, v.number)).data.items : [],
        })),
      );
    } catch {
      // Offline mode (no versions/submissions API) or a transient failure: the list stays as it was.
      return;
    }
    if (id !== this.documentId) return;
    this.body.replaceChildren(...rows.sort((a, b) => b.v.number - a.v.number).map((r) => this.row(r.v, r.subs)));
    const moving = rows.some((r) => r.subs.some((s) => !FINAL.has(s.state)));
    if (moving && Date.now() < this.pollUntil) this.timer = setTimeout(() => void this.refresh(), 1000);
  }

  private row(v: VersionSummary, subs: Submission[]): HTMLTableRowElement {
    const tr = document.createElement('tr');
    tr.dataset.version = String(v.number);
    const cell = (text: string) => {
      const td = document.createElement('td');
      td.textContent = text;
      return td;
    };
    const states = document.createElement('td');
    states.className = 'submissions';
    for (const s of subs) {
      const line = document.createElement('div');
      line.dataset.channel = s.channel;
      line.dataset.state = s.state;
      line.textContent = `${CHANNEL(s.channel)} : ${submissionLabel(s)}`;
      states.append(line);
    }
    if (subs.length === 0) states.textContent = v.status === 'signed' ? 'non envoyé' : '—';
    const when = v.signedAt ?? v.createdAt;
    tr.append(
      cell(`v${v.number}`),
      cell(STATUS[v.status] ?? v.status),
      cell(this.nameOf(v.signedBy ?? v.createdBy)),
      cell(`${parisDateTime(when)}${v.signedAt ? ' (signature)' : ''}`),
      states,
    );
    return tr;
  }
}
