/**
 * A second page of the test's browser context (same origin, hence the same IndexedDB) driven
 * through the `dcc-probe-page` server command. Unlike the test page, it can be reloaded for
 * real, which proves that what a module stored survives a reload.
 */
import { executeServerCommand } from '@web/test-runner-commands';

export interface ProbePage {
  /** Imports `moduleUrl` (a path served by the test runner) in the probe page and calls its export `exportName(...args)`. */
  call<T>(moduleUrl: string, exportName: string, args?: unknown[]): Promise<T>;
  /**
   * A real reload of the probe page (new JS realm; storage kept), `afterMs` after the call
   * reaches the runner (what was typed just before must survive it).
   */
  reload(options?: { afterMs?: number }): Promise<void>;
  /** Closes the probe page (its document is torn down: no task of it runs afterwards), `afterMs` after the call reaches the runner. */
  close(options?: { afterMs?: number }): Promise<void>;
}

export async function openProbePage(): Promise<ProbePage> {
  const { id } = await executeServerCommand<{ id: string }, { action: 'open' }>('dcc-probe-page', { action: 'open' });
  return {
    call: <T>(moduleUrl: string, exportName: string, args: unknown[] = []) =>
      executeServerCommand<T, unknown>('dcc-probe-page', { action: 'evaluate', id, moduleUrl: new URL(moduleUrl, location.href).pathname, exportName, args }),
    reload: async (options = {}) => {
      await executeServerCommand('dcc-probe-page', { action: 'reload', id, afterMs: options.afterMs ?? 0 });
    },
    close: async (options = {}) => {
      await executeServerCommand('dcc-probe-page', { action: 'close', id, afterMs: options.afterMs ?? 0 });
    },
  };
}
