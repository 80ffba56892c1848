/**
 * A second page of the test's browser context (same origin, hence the same IndexedDB) driven
 * through the `dcc-probe-page` server command. Unlike the test page, it can be reloaded for
 * real, which proves that what a module stored survives a reload.
 */
import { executeServerCommand } from '@web/test-runner-commands';

export interface ProbePage {
  /** Imports `moduleUrl` (a path served by the test runner) in the probe page and calls its export `exportName(...args)`. */
  call<T>(moduleUrl: string, exportName: string, args?: unknown[]): Promise<T>;
  /** A real `location.reload()` of the probe page (new JS realm; storage kept). */
  reload(): Promise<void>;
  close(): Promise<void>;
}

export async function openProbePage(): Promise<ProbePage> {
  const { id } = await executeServerCommand<{ id: string }, { action: 'open' }>('dcc-probe-page', { action: 'open' });
  return {
    call: <T>(moduleUrl: string, exportName: string, args: unknown[] = []) =>
      executeServerCommand<T, unknown>('dcc-probe-page', { action: 'evaluate', id, moduleUrl: new URL(moduleUrl, location.href).pathname, exportName, args }),
    reload: async () => {
      await executeServerCommand('dcc-probe-page', { action: 'reload', id });
    },
    close: async () => {
      await executeServerCommand('dcc-probe-page', { action: 'close', id });
    },
  };
}
