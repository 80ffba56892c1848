// What a schema form loads only when needed, so that the eager bundle carries only the schemas
// and the rendering: the editor's validation/build chunk (first check, on connect), and the
// narrative reader and the printing (the preview). Value sets are loaded by <dcc-code-picker> on its own.
import type { ModelIssue } from '@dcc-kit/cda/core';
import type { NarrativeHeader } from '@dcc-kit/cda/narrative';

/** What validation/build functions an editor loads lazily from @dcc-kit/cda/core. */
export interface VoletApi {
  validate(input: unknown): { ok: true } | { ok: false; issues: readonly ModelIssue[] };
  build(input: unknown): string;
  /**
   * The built document and the header part of its narrative (patient, author, care team) from
   * the same normalised model (`@dcc-kit/cda/narrative`); the preview uses it when given.
   */
  preview?(input: unknown): { xml: string; header: NarrativeHeader };
}

export class LazyModules {
  private apiPromise: Promise<VoletApi> | undefined;

  constructor(
    /** Loads the editor's validation/build chunk (once). */
    private readonly loadApi: () => Promise<VoletApi>,
  ) {}

  /** The validation/build functions, loaded on first need and kept. */
  api(): Promise<VoletApi> {
    this.apiPromise ??= this.loadApi();
    return this.apiPromise;
  }

  /** The narrative reader: needed only for the preview (a later user action), its own chunk. */
  narrative(): Promise<typeof import('../narrative.js')> {
    return import('../narrative.js');
  }

  /** The printing (page stylesheet, print dialog): loaded with the preview, whose « Imprimer » prints at once. */
  print(): Promise<typeof import('../print.js')> {
    return import('../print.js');
  }
}
