// Fault injection (§5.5): the next N calls to an endpoint (and optionally one action) get a fault.
export type FaultKind = 'http-503' | 'registry-busy' | 'soap-fault' | 'timeout' | 'drop' | 'latency' | 'partial-success' | 'close-dmp';
export const FAULT_KINDS: readonly FaultKind[] = ['http-503', 'registry-busy', 'soap-fault', 'timeout', 'drop', 'latency', 'partial-success', 'close-dmp'];
export type Endpoint = 'patients' | 'habilitations' | 'registry' | 'repository';

export interface Fault { id: number; endpoint: Endpoint | '*'; action?: string; kind: FaultKind; remaining: number; delayMs: number }

export class FaultPlan {
  private faults: Fault[] = [];
  private nextId = 1;

  add(input: { endpoint?: Endpoint | '*'; action?: string; kind: FaultKind; count?: number; delayMs?: number }): Fault {
    const fault: Fault = {
      id: this.nextId++, endpoint: input.endpoint ?? '*', kind: input.kind, remaining: input.count ?? 1,
      delayMs: input.delayMs ?? (input.kind === 'timeout' ? 120_000 : input.kind === 'latency' ? 1_000 : 0),
      ...(input.action ? { action: input.action } : {}),
    };
    this.faults.push(fault);
    return fault;
  }

  clear(): void { this.faults = []; }

  list(): Fault[] { return this.faults.map((f) => ({ ...f })); }

  /** The fault for this call, if any (consumes one of its calls). */
  take(endpoint: Endpoint, action: string | undefined): Fault | undefined {
    const fault = this.faults.find((f) => (f.endpoint === '*' || f.endpoint === endpoint) && (!f.action || f.action === action));
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.faults = this.faults.filter((f) => f !== fault);
    return { ...fault };
  }
}
