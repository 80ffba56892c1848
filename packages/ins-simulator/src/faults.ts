// Fault injection through the admin side door: the next `count` requests (of an operation, or any)
// get the fault instead of an answer.
export const FAULT_KINDS = ['unavailable', 'http-503', 'rate-limited', 'timeout', 'drop', 'insufficient-rights', 'unknown-software'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];
export type Operation = 'search' | 'verify';

export interface Fault {
  id: number;
  kind: FaultKind;
  /** Which operation, or every one. */
  operation: Operation | '*';
  /** Requests still to fail. */
  count: number;
  /** For `timeout`: how long the request hangs before the connection is dropped (default 60 s). */
  delayMs: number;
}

export class FaultPlan {
  private faults: Fault[] = [];
  private next = 1;

  add(input: { kind: FaultKind; operation?: Operation | '*'; count?: number; delayMs?: number }): Fault {
    const fault: Fault = { id: this.next++, kind: input.kind, operation: input.operation ?? '*', count: input.count ?? 1, delayMs: input.delayMs ?? 60_000 };
    this.faults.push(fault);
    return fault;
  }

  /** The fault for this request, if any (its count is used up). */
  take(operation: Operation): Fault | undefined {
    const fault = this.faults.find((f) => f.operation === '*' || f.operation === operation);
    if (!fault) return undefined;
    fault.count--;
    if (fault.count <= 0) this.faults = this.faults.filter((f) => f !== fault);
    return { ...fault };
  }

  list(): Fault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  clear(): void {
    this.faults = [];
  }
}
