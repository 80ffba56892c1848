// <pps-editor>: the Programme Personnalisé de Soins (CANCER-PPS_2022.01) as a form a
// clinician fills section by section. No side effects: the tag is defined by ./pps-editor.ts.
// The published JSON Schema without its descriptions (`.form.json`, generated from the TypeBox
// model by `npm run build`): the form renders from it so that TypeBox's type builder stays in
// the lazy validation chunk.
import ppsJsonSchema from '@dcc-kit/cda/schema/pps.form.json' with { type: 'json' };
import { documentMadeAt, headerSummaryRows } from '@dcc-kit/cda/editor';
import { ppsSections as cdaPpsSections } from '@dcc-kit/cda/labels';
import { establishmentPaths, applyEstablishmentToPps, professionalLabel } from '@dcc-kit/cda/start/context';
import type { PpsFromRcp } from '@dcc-kit/cda/start';
import type { FrcpDocument } from '@dcc-kit/cda/core';
import { DccSchemaForm, inlineSchemaRefs, type FormDefinition } from '@dcc-kit/elements';
import { registerPpsStrings, registerPpsEnglish } from './pps-strings.js';

/** Sections as a clinician thinks of the PPS: the one table of `@dcc-kit/cda/labels`, whose titles the problem messages also name. */
export const ppsSections: FormDefinition['sections'] = cdaPpsSections;

const definition: FormDefinition = {
  id: 'pps',
  schema: inlineSchemaRefs(ppsJsonSchema),
  sections: ppsSections,
  load: async () => {
    const api = await import('./pps-api.js');
    return { validate: api.validate, build: api.build, preview: api.preview };
  },
  loadLanguage: (lang) => (lang === 'en' ? registerPpsEnglish() : Promise.resolve()),
  madeAt: documentMadeAt,
  contextSummary: headerSummaryRows,
  withEstablishment: (model, given) => applyEstablishmentToPps(model, given) as Record<string, unknown>,
  establishmentPaths: (given) => establishmentPaths('pps', given),
};

// Events, the other properties, parts, states and tokens are those of `DccSchemaForm`
// (@dcc-kit/elements), which the custom elements manifest gives each editor by inheritance.
/**
 * @summary Editor of the Programme Personnalisé de Soins (CANCER-PPS_2022.01): every field of
 * sections S1-S10, value-set pickers, validation on blur, encrypted autosave, native form
 * association and a printable preview of the French narrative.
 * @tag pps-editor
 *
 * @property {object} value - The PPS build input of @dcc-kit/cda (`PpsDocument`); the form value is its JSON.
 * @property {EstablishmentContext} establishment - The establishment's identifiers (structure, facility type, practice setting, 3C, regional network); default: the `<dcc-provider>`'s. Filled into every document the editor shows where it says nothing yet.
 */
export class PpsEditor extends DccSchemaForm {
  constructor() {
    super();
    registerPpsStrings();
  }

  /**
   * Starts a new PPS from the signed Fiche RCP that decided it (its model: the stored model of
   * the signed version, or `parseFrcp` of its CDA): diagnosis and tumours with their TNM, the
   * performance status, the first-intention proposals as planned acts, the RCP's date and its
   * reference (the RCP's own document id), the GP; then the establishment's identifiers. The
   * editor leaves the document it showed (its draft is kept) and shows the new one, with the
   * RCP's participants offered above the care team (a checkbox each: one key to take one) and
   * the acts taken from the RCP's proposals folded to one line each (Enter opens one).
   * Focus then lands on the first field left to fill (`focusNextToFill`). The start's code
   * (with the treatment value sets) is loaded on first use, hence a promise.
   * @returns the RCP's participants to offer for the care team, and the alternative proposals.
   * @throws RangeError (the promise rejects) when the RCP has no document id (it is not a signed RCP).
   */
  async startFromRcp(frcp: FrcpDocument): Promise<PpsFromRcp> {
    const { startPpsFromRcp } = await import('@dcc-kit/cda/start');
    const started = startPpsFromRcp(frcp);
    // Typing then continues where the RCP left something to fill (unless the user types elsewhere).
    await this.showStarted(started.pps, () => {
      // The RCP's proposals are confirmed at a glance: one line each (Enter opens one).
      for (const list of ['therapeuticProgramme.treatments', 'supportiveCare.supportiveCare']) this.foldItems(list);
      // The RCP's participants, one key each for the care team (the clinician picks who takes part in the care).
      this.offerCandidates('careNetwork.careTeam', {
        title: this.localize.term('pps/careTeamCandidates'),
        candidates: started.careTeamCandidates.map((professional) => ({
          key: professional.idNatPs,
          label: professionalLabel(professional),
          item: { professional },
        })),
        keyOf: (item) => (item as { professional?: { idNatPs?: string } } | undefined)?.professional?.idNatPs,
      });
    });
    return started;
  }


  protected get definition(): FormDefinition {
    return definition;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pps-editor': PpsEditor;
  }
}
