// What every writer of both volets shares: the code-system OIDs, and the build state (the sink,
// the resolved context, fresh ids).
import type { XmlSink } from '../xml/writer.js';
import { empty } from '../xml/writer.js';
import type { ResolvedContext } from '../check/checker.js';

export const OID = {
  loinc: '2.16.840.1.113883.6.1',
  snomed: '2.16.840.1.113883.6.96',
  taAsip: '1.2.250.1.213.1.1.4.322',
  idNatPs: '1.2.250.1.71.4.2.1',
  idNatStruct: '1.2.250.1.71.4.2.2',
  tnm: '2.16.840.1.113883.15.6',
} as const;

export const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

/** Everything a section writer needs: the sink, fresh ids, narrative id allocation. */
export class BuildState {
  constructor(
    readonly w: XmlSink,
    readonly context: ResolvedContext,
  ) {}
  /** `<id root="uuid"/>` for a section or an entry. */
  freshId(): void {
    empty(this.w, 'id', ['root', this.context.newId()]);
  }
}
