// The chart's identity panel: the patient's identity status from the platform's lifecycle, why a
// non-qualified identity cannot be deposited, and the actions that qualify it — search the INS
// with the INSi téléservice (the simulator in the demo), record the identity document seen.
import type { DccClient, IdentityState, Patient } from '@dcc-kit/sdk';

const OUTCOME: Record<string, string> = {
  found: 'INSi : une identité trouvée — INS et traits stricts repris du téléservice.',
  several: 'INSi : plusieurs identités correspondent — complétez les prénoms ou le lieu de naissance.',
  none: 'INSi : aucune identité trouvée avec ces traits.',
  unusable: 'INSi : identité renvoyée incohérente (clé ou traits) — non reprise, à signaler à l’identitovigilance.',
  ok: 'INSi : vérification conforme.',
  ko: 'INSi : vérification non conforme — l’identité repasse sur la liste de travail.',
};

/** The outcome of the last action, shown again once the chart is redrawn with the patient re-read. */
let outcome: { patientId: string; text: string } | undefined;

function button(label: string, action: string): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = label;
  b.dataset.action = action;
  return b;
}

/** Fills `slot` for `patient`; `changed` gets the patient re-read after a transition. */
export async function showIdentityPanel(slot: HTMLElement, client: DccClient, patient: Patient, changed: (p: Patient) => void): Promise<void> {
  slot.replaceChildren();
  const status = document.createElement('p');
  const message = document.createElement('p');
  message.setAttribute('role', 'status');
  const actions = document.createElement('div');
  actions.className = 'actions';
  slot.append(status, actions, message);
  if (outcome?.patientId === patient.id) message.textContent = outcome.text;
  outcome = undefined;
  let state: IdentityState;
  let etag: string;
  try {
    const r = await client.identity.get(patient.id);
    state = r.data;
    etag = r.etag ?? `"${state.version}"`;
  } catch {
    status.textContent = 'Statut de l’identité indisponible.';
    return;
  }
  status.textContent = state.submittable
    ? 'Identité qualifiée : les documents peuvent être déposés au DMP.'
    : `Dépôt au DMP impossible — ${state.reason?.fr ?? 'identité non qualifiée.'}`;
  status.className = state.submittable ? 'ok' : 'warning';
  const run = async (work: () => Promise<{ outcome?: string }>): Promise<void> => {
    for (const b of actions.querySelectorAll('button')) b.disabled = true;
    try {
      const result = await work();
      message.textContent = result.outcome ? (OUTCOME[result.outcome] ?? result.outcome) : 'Contrôle de la pièce d’identité enregistré.';
      outcome = { patientId: patient.id, text: message.textContent };
      changed((await client.patients.get(patient.id)).data);
    } catch (error) {
      const problem = (error as { problem?: { detail?: string; type?: string }; status?: number }).problem;
      message.textContent = (error as { status?: number }).status === 503 ? 'Le téléservice INSi ne répond pas : réessayez plus tard.' : `Échec : ${problem?.detail ?? 'erreur inattendue'}`;
      for (const b of actions.querySelectorAll('button')) b.disabled = false;
    }
  };
  if (!state.insi && state.status !== 'recovered' && state.status !== 'qualified') {
    const search = button('Rechercher l’INS (téléservice INSi)', 'insi-search');
    search.addEventListener('click', () => void run(async () => (await client.identity.searchInsi(patient.id, { ifMatch: etag })).data));
    actions.append(search);
  } else {
    const verify = button('Vérifier l’INS (téléservice INSi)', 'insi-verify');
    verify.addEventListener('click', () => void run(async () => (await client.identity.verifyInsi(patient.id, { ifMatch: etag })).data));
    actions.append(verify);
  }
  if (!state.document && state.status !== 'validated' && state.status !== 'qualified') {
    const seen = button('Pièce d’identité contrôlée (passeport, carte d’identité, titre de séjour)', 'identity-document');
    seen.addEventListener('click', () => void run(async () => {
      await client.identity.recordDocument(patient.id, { document: 'identity-card' }, { ifMatch: etag });
      return {};
    }));
    actions.append(seen);
  }
}
