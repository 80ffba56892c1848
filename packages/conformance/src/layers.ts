/** The seven layers of the ANS kit, in the order the kit runs them (SOURCE.md of the kit). */

export type Volet = 'pps' | 'frcp';

export const GENERIC_LAYERS = [
  { name: 'xsd', kind: 'xsd', path: 'infrastructure/cda/CDA_extended.xsd' },
  { name: 'IHE', kind: 'schematron', path: 'schematrons/profils/IHE.sch' },
  { name: 'ASIP-STRUCT-MIN-StrucMin', kind: 'schematron', path: 'schematrons/profils/structurationMinimale/ASIP-STRUCT-MIN-StrucMin.sch' },
  { name: 'CI-SIS_ModelesDeContenusCDA', kind: 'schematron', path: 'schematrons/profils/CI-SIS_ModelesDeContenusCDA.sch' },
  { name: 'CI-SIS_Modeles_ANS', kind: 'schematron', path: 'schematrons/profils/CI-SIS_Modeles_ANS.sch' },
  { name: 'terminologie', kind: 'schematron', path: 'schematrons/profils/terminologies/schematron/terminologie.sch' },
] as const;

export const VOLET_LAYERS = {
  pps: { name: 'CI-SIS_CANCER-PPS_2022.01', kind: 'schematron', path: 'schematrons/CI-SIS_CANCER-PPS_2022.01.sch', templateId: '1.2.250.1.213.1.1.1.26' },
  frcp: { name: 'CI-SIS_CANCER-FRCP_2022.01', kind: 'schematron', path: 'schematrons/CI-SIS_CANCER-FRCP_2022.01.sch', templateId: '1.2.250.1.213.1.1.1.8' },
} as const;

export type LayerName = (typeof GENERIC_LAYERS)[number]['name'] | (typeof VOLET_LAYERS)[Volet]['name'];

export interface LayerDefinition {
  readonly name: LayerName;
  readonly kind: 'xsd' | 'schematron';
  /** Kit-relative path of the schema. */
  readonly path: string;
}

/** The seven layers that apply to a document of the given volet. */
export function layersFor(volet: Volet): LayerDefinition[] {
  return [...GENERIC_LAYERS, VOLET_LAYERS[volet]];
}

/** Volet of a document from the templateIds of its ClinicalDocument (undefined if neither). */
export function voletFromTemplateIds(roots: Iterable<string>): Volet | undefined {
  for (const root of roots) {
    for (const volet of Object.keys(VOLET_LAYERS) as Volet[]) if (VOLET_LAYERS[volet].templateId === root) return volet;
  }
  return undefined;
}

/** A layer as chosen in a partial validation: a generic layer by name, or the volet's own layer. */
export type LayerSlot = (typeof GENERIC_LAYERS)[number]['name'] | 'volet';

export const LAYER_SLOTS: readonly LayerSlot[] = [...GENERIC_LAYERS.map((l) => l.name), 'volet'];

export function slotOf(layer: LayerDefinition): LayerSlot {
  return (GENERIC_LAYERS as readonly LayerDefinition[]).some((l) => l.name === layer.name) ? (layer.name as LayerSlot) : 'volet';
}
