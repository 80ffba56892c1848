// The chart's DMP panel: <dmp-status patient-id=…> when its package is there (helper DS builds
// it in parallel), else the patient's DMP status asked live through the SDK (TD0.2).
import type { DccClient, Patient } from '@dcc-kit/sdk';

const DMP: Record<string, string> = { active: 'DMP ouvert', closed: 'DMP fermé', none: 'pas de DMP' };

export async function showPatientDmp(slot: HTMLElement, client: DccClient, patient: Patient): Promise<void> {
  slot.replaceChildren();
  if (customElements.get('dmp-status')) {
    // Outside the editors' <dcc-provider>: the SDK client is given as a property.
    const element = document.createElement('dmp-status') as HTMLElement & { client?: unknown };
    element.client = client;
    element.setAttribute('patient-id', patient.id);
    slot.append(element);
    return;
  }
  const line = document.createElement('p');
  line.id = 'dmp-summary';
  slot.append(line);
  if (patient.identityStatus !== 'qualified') {
    line.textContent = 'Identité non qualifiée : les documents ne peuvent pas être envoyés au DMP (seule une INS qualifiée alimente le DMP).';
    line.className = 'warning';
    return;
  }
  line.textContent = 'Interrogation du DMP…';
  try {
    const { data } = await client.submissions.patientDmpStatus(patient.id);
    const parts = [DMP[data.dmp] ?? data.dmp, data.closureReason ? `(${data.closureReason})` : '', data.canFeed ? '— les documents peuvent être envoyés dans ce DMP' : '— envoi impossible'];
    line.textContent = parts.filter(Boolean).join(' ');
    line.className = data.canFeed ? 'ok' : 'warning';
  } catch {
    line.textContent = 'État du DMP indisponible.';
  }
}
