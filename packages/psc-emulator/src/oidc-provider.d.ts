// oidc-provider v9 ships no TypeScript declarations; only the few members the emulator uses are typed here, loosely.
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  export interface InteractionDetails {
    uid: string;
    prompt: { name: string; reasons: string[]; details: Record<string, unknown> };
    params: Record<string, unknown>;
    session?: { accountId?: string };
  }

  export class Provider {
    constructor(issuer: string, configuration: Record<string, unknown>);
    readonly issuer: string;
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<InteractionDetails>;
    interactionFinished(
      req: IncomingMessage,
      res: ServerResponse,
      result: Record<string, unknown>,
      options?: { mergeWithLastSubmission?: boolean },
    ): Promise<void>;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- event payloads differ per event
    on(event: string, listener: (...args: any[]) => void): this;
  }

  export const errors: {
    InvalidRequest: new (description?: string) => Error;
    InvalidScope: new (description: string, scope: string) => Error;
  };

  export default Provider;
}

// Internal module (the package has no exports map): the in-memory adapter, created explicitly so that each emulator
// has its own store and oidc-provider does not print its "development-only adapter" warning.
declare module 'oidc-provider/lib/adapters/memory_adapter.js' {
  export function createMemoryAdapter(clockTolerance?: number): unknown;
}
