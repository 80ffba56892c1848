// <rcp-form>: the Fiche RCP (CANCER-FRCP_2022.01) as a form organised like a tumour board
// works. No side effects: the tag is defined by ./rcp-form.ts.
// The published JSON Schema without its descriptions (`.form.json`, generated from the TypeBox
// model by `npm run build`): the form renders from it so that TypeBox's type builder stays in
// the lazy validation chunk.
import frcpJsonSchema from '@dcc-kit/cda/schema/frcp.form.json' with { type: 'json' };
import { documentMadeAt, headerSummaryRows } from '@dcc-kit/cda/editor';
import { frcpSections } from '@dcc-kit/cda/labels';
import { establishmentPaths, applyEstablishmentToRcp, professionalLabel } from '@dcc-kit/cda/start/context';
import type { FrcpStart } from '@dcc-kit/cda/start';
import type { FrcpDocument } from '@dcc-kit/cda/core';
import { DccSchemaForm, inlineSchemaRefs, type FormDefinition } from '@dcc-kit/elements';
import { registerRcpStrings, registerRcpEnglish } from './rcp-strings.js';

/** Sections F1-F18 in the order of a tumour board: the one table of `@dcc-kit/cda/labels`, whose titles the problem messages also name. */
export const rcpSections: FormDefinition['sections'] = frcpSections;

const definition: FormDefinition = {
  id: 'frcp',
  schema: inlineSchemaRefs(frcpJsonSchema),
  sections: rcpSections,
  load: async () => {
    const api = await import('./rcp-api.js');
    return { validate: api.validate, build: api.build, preview: api.preview };
  },
  loadLanguage: (lang) => (lang === 'en' ? registerRcpEnglish() : Promise.resolve()),
  madeAt: documentMadeAt,
  contextSummary: headerSummaryRows,
  withEstablishment: (model, given) => applyEstablishmentToRcp(model, given) as Record<string, unknown>,
  establishmentPaths: (given) => establishmentPaths('frcp', given),
  // The RCP's regular members for the session's quorum, its guidelines for the proposal: one key each.
  establishmentCandidates: (given, listPath, term) => {
    const { members, guidelines } = given.rcp ?? {};
    if (listPath === 'meeting.quorumMembers' && members?.length)
      return {
        title: term('frcp/quorumCandidates'),
        candidates: members.map((p) => ({ key: p.idNatPs, label: professionalLabel(p), item: p })),
        keyOf: (item) => (item as { idNatPs?: string } | undefined)?.idNatPs,
      };
    if (listPath === 'framework.guidelines' && guidelines?.length)
      return {
        title: term('frcp/guidelineCandidates'),
        candidates: guidelines.map((g) => ({ key: g.nameAndVersion, label: g.nameAndVersion, item: g })),
        keyOf: (item) => (item as { nameAndVersion?: string } | undefined)?.nameAndVersion,
      };
    return undefined;
  },
};

// Events, the other properties, parts, states and tokens are those of `DccSchemaForm`
// (@dcc-kit/elements), which the custom elements manifest gives each editor by inheritance.
/**
 * @summary Form of the Fiche RCP (CANCER-FRCP_2022.01): every field of sections F1-F18
 * (meeting and quorum, reason, TNM, WHO performance status, proposal, guidelines, trial),
 * value-set pickers, validation on blur, encrypted autosave, native form association and a
 * printable preview of the French narrative.
 * @tag rcp-form
 *
 * @property {object} value - The FRCP build input of @dcc-kit/cda (`FrcpDocument`); the form value is its JSON.
 * @property {EstablishmentContext} establishment - The establishment's identifiers (structure, facility type, the RCP's national ids, place and coordinator); default: the `<dcc-provider>`'s. Filled into every document the form shows where it says nothing yet, and shown as a summary with « Modifier »; the RCP's members (`rcp.members`) are offered for the quorum and its guidelines (`rcp.guidelines`) for the proposal's framework, one key each.
 */
export class RcpForm extends DccSchemaForm {
  constructor() {
    super();
    registerRcpStrings();
  }

  /**
   * Starts the Fiche RCP of a new session from the same patient's previous one: the patient,
   * the RCP (name, national ids, place, coordinator, GP), the type of RCP, the diagnosis and the
   * history (medical history, comorbidities, past treatments); then the establishment's
   * identifiers. What belongs to the new session (time, attendees, case summary, proposal…)
   * is left to fill. The form leaves the document it showed (its draft is kept).
   * Focus then lands on the first field left to fill (`focusNextToFill`). The start's code is
   * loaded on first use, hence a promise.
   * @returns the model the form now shows.
   */
  async startFromPreviousRcp(previous: FrcpDocument): Promise<FrcpStart> {
    const { startRcpFromPreviousRcp } = await import('@dcc-kit/cda/start');
    const started = startRcpFromPreviousRcp(previous);
    // Typing continues on the first field of the new session (unless the user types elsewhere).
    await this.showStarted(started);
    return started;
  }


  protected get definition(): FormDefinition {
    return definition;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rcp-form': RcpForm;
  }
}
