// Where a sent MSSanté message can be read in the demo: the list of the simulator's MSSanté sink
// (GET /admin/mails), reached through the page server's proxy under /dmp-sim/admin/mails — a
// demo-only side door (loopback), same origin so the strict CSP stays as it is.
interface StoredMail {
  receivedAt: string;
  from?: string;
  to: string[];
  subject?: string;
  attachments: Array<{ filename: string | null }>;
  zip?: Array<{ path?: string; name?: string }>;
}

export const SINK_URL = '/dmp-sim/admin/mails';

export function showMailbox(panel: HTMLDetailsElement): void {
  const body = panel.querySelector('tbody')!;
  const refresh = async () => {
    try {
      const r = await fetch(SINK_URL, { headers: { accept: 'application/json' } });
      if (!r.ok) throw new Error(String(r.status));
      const mails = (await r.json()) as StoredMail[];
      body.replaceChildren(
        ...mails.map((m) => {
          const tr = document.createElement('tr');
          for (const text of [
            new Date(m.receivedAt).toLocaleString('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'short', timeStyle: 'short' }),
            m.from ?? '',
            m.to.join(', '),
            m.subject ?? '',
            m.attachments.map((a) => a.filename ?? '(sans nom)').join(', '),
          ]) {
            const td = document.createElement('td');
            td.textContent = text;
            tr.append(td);
          }
          return tr;
        }),
      );
    } catch {
      body.replaceChildren();
    }
  };
  panel.addEventListener('toggle', () => void (panel.open && refresh()));
  panel.querySelector('#mail-refresh')!.addEventListener('click', () => void refresh());
}
