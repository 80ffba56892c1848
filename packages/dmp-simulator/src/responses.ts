// ebRS RegistryResponse bodies (§5.4): Success / Failure / PartialSuccess with a RegistryErrorList
// naming every problem (errorCode, codeContext = "<SIM_ code>: <message>", severity, location).
import { NS, esc } from './xml.js';
import { SIM_REFUSALS, type Problem } from './refusals.js';

export const STATUS = {
  success: 'urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Success',
  failure: 'urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Failure',
  partial: 'urn:ihe:iti:2007:ResponseStatusType:PartialSuccess',
} as const;

const SEVERITY = {
  Error: 'urn:oasis:names:tc:ebxml-regrep:ErrorSeverityType:Error',
  Warning: 'urn:oasis:names:tc:ebxml-regrep:ErrorSeverityType:Warning',
} as const;

export function registryErrorList(problems: Problem[]): string {
  if (problems.length === 0) return '';
  const items = problems.map((p) => {
    const refusal = SIM_REFUSALS[p.code];
    const context = `${p.code}: ${refusal.en}${p.detail ? ` (${p.detail})` : ''} | ${refusal.fr}`;
    return `<rs:RegistryError errorCode="${esc(refusal.errorCode)}" codeContext="${esc(context)}" severity="${SEVERITY[p.severity ?? 'Error']}" location="${esc(p.location)}"/>`;
  });
  return `<rs:RegistryErrorList>${items.join('')}</rs:RegistryErrorList>`;
}

export function statusOf(problems: Problem[]): string {
  if (problems.some((p) => (p.severity ?? 'Error') === 'Error')) return STATUS.failure;
  return problems.length > 0 ? STATUS.partial : STATUS.success;
}

export function registryResponse(problems: Problem[], status = statusOf(problems)): string {
  return `<rs:RegistryResponse xmlns:rs="${NS.rs}" status="${status}">${registryErrorList(problems)}</rs:RegistryResponse>`;
}
