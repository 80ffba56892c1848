// Types of kit/layout.mjs.
/** The parts of the repository dcc-kit reads (its engine, style sheets and tools are left out). */
export declare const KIT_DATA_FOLDERS: readonly ["schematrons", "infrastructure/cda", "jeuxDeValeurs", "ExemplesCDA"];

/** The first file of each layer, in the order the kit runs them. */
export declare const LAYER_FILES: readonly ["infrastructure/cda/CDA_extended.xsd", "schematrons/profils/IHE.sch", "schematrons/profils/structurationMinimale/ASIP-STRUCT-MIN-StrucMin.sch", "schematrons/profils/CI-SIS_ModelesDeContenusCDA.sch", "schematrons/profils/CI-SIS_Modeles_ANS.sch", "schematrons/profils/terminologies/schematron/terminologie.sch", "schematrons/CI-SIS_CANCER-PPS_2022.01.sch", "schematrons/CI-SIS_CANCER-FRCP_2022.01.sch"];

/** Files missing from the pinned commit, taken from a later version of the same repository. */
export declare const RESTORED_FILES: readonly ["schematrons/profils/structurationMinimale/include/voc-1.2.250.1.213.1.1.5.471-DYNAMIC.xml"];

/** Every file the kit folder must hold after the fixes. */
export declare const EXPECTED_FILES: readonly ["infrastructure/cda/CDA_extended.xsd", "schematrons/profils/IHE.sch", "schematrons/profils/structurationMinimale/ASIP-STRUCT-MIN-StrucMin.sch", "schematrons/profils/CI-SIS_ModelesDeContenusCDA.sch", "schematrons/profils/CI-SIS_Modeles_ANS.sch", "schematrons/profils/terminologies/schematron/terminologie.sch", "schematrons/CI-SIS_CANCER-PPS_2022.01.sch", "schematrons/CI-SIS_CANCER-FRCP_2022.01.sch", "schematrons/profils/structurationMinimale/include/voc-1.2.250.1.213.1.1.5.471-DYNAMIC.xml", "ExemplesCDA/CANCER-PPS_2022.01_Autopresentable.xml", "ExemplesCDA/CANCER-PPS_2022.01_feuille-de-style-externe.xml", "ExemplesCDA/CANCER-FRCP_2022.01_Appareil.xml", "ExemplesCDA/CANCER-FRCP_2022.01_Transversale.xml"];

/** Folders that must exist (and hold files). */
export declare const EXPECTED_FOLDERS: readonly ["jeuxDeValeurs"];

export interface CaseFix {
  /** The spelling a schematron uses (relative to the kit folder). */
  readonly referenced: string;
  /** The file that exists under another letter case (relative to the kit folder). */
  readonly existing: string;
}

/**
 * Makes every path a schematron refers to resolvable on a case-sensitive file system: when the
 * referenced spelling is absent but a file differing only in letter case exists, a copy is made
 * under the referenced spelling (both spellings stay: other files may use the other one).
 */
export declare function fixFileNameCase(kitDir: string): CaseFix[];

/** Includes reachable from the layer files that do not resolve (relative to the kit folder). */
export declare function unresolvedIncludes(kitDir: string): string[];

/** What is wrong with a kit folder after the fixes: the missing expected entries and unresolved includes. */
export declare function kitLayoutProblems(kitDir: string): string[];
