// The « Tableau de bord » view (#tableau-de-bord in the menu bar): <dcc-dashboard> of the
// public package @dcc-kit/dashboard, given the page's SDK client. Until the SDK has
// `indicators` (the contract of GET /indicators), the package's fetch client of the same route
// stands in; the page, the offline mode (msw) and the backend answer it alike.
import type { DccClient } from '@dcc-kit/sdk';
import { isDashboardClient, type DashboardClient } from '@dcc-kit/dashboard';
import { createIndicatorsFetchClient } from '@dcc-kit/dashboard/fetch-client.js';

export const DASHBOARD_HASH = '#tableau-de-bord';

function dashboardClient(client: DccClient): DashboardClient {
  const sdk: unknown = client;
  return isDashboardClient(sdk) ? sdk : createIndicatorsFetchClient({ baseUrl: location.origin });
}

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
  element.client = dashboardClient(client);
  slot.replaceChildren(element);
}
