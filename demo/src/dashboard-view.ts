// The « Tableau de bord » view (#tableau-de-bord in the menu bar): <dcc-dashboard> of the
// public package @dcc-kit/dashboard, given the page's SDK client (`client.indicators`, answered
// alike by the backend and the offline mode's msw handler).
import type { DccClient } from '@dcc-kit/sdk';
import type { DashboardClient } from '@dcc-kit/dashboard';

export const DASHBOARD_HASH = '#tableau-de-bord';

/** Puts the element in `slot` once (it keeps its filters while the user goes back and forth). */
export function showDashboard(slot: HTMLElement, client: DccClient): void {
  if (slot.querySelector('dcc-dashboard')) return;
  if (!customElements.get('dcc-dashboard')) {
    const line = document.createElement('p');
    line.className = 'warning';
    line.textContent = 'Le tableau de bord (@dcc-kit/dashboard) n’est pas disponible (paquet non construit ?).';
    slot.replaceChildren(line);
    return;
  }
  const element = document.createElement('dcc-dashboard') as HTMLElement & { client?: DashboardClient };
  element.client = client;
  slot.replaceChildren(element);
}
