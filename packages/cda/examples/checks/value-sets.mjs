// The ANS kit's value sets (JDV) bound to the model's coded fields, read from the kit's
// jeuxDeValeurs/ folder with the build scripts' XML reader (saxes).
import fs from 'node:fs';
import path from 'node:path';
import { descendants, parseXml } from '../../scripts/read-xml.mjs';

/** Short key used by the model (model.mjs) → the kit's JDV file name. */
export const JDV = {
  J01: 'JDV_J01_XdsAuthorSpecialty_CISIS', J02: 'JDV_J02_XdsHealthcareFacilityTypeCode_CISIS',
  J04: 'JDV_J04_XdsPracticeSettingCode_CISIS', J11: 'JDV_J11_RelationPatient_CISIS',
  J47: 'JDV_J47_FunctionCode_CISIS', J142: 'JDV_J142_TypeRencontre_CISIS',
  TUMEUR: 'JDV_Tumeur_CISIS', MORPHO: 'JDV_Morphologie_CISIS', LATERALITE: 'JDV_ModificateurTopographique_CISIS',
  TRAIT_PPS: 'JDV_TypeTraitementPPS_CISIS', EFFETS: 'JDV_GestionEffetsSecondaires_CISIS',
  MESURES: 'JDV_MesuresAssociees_CISIS', SUIVI: 'JDV_TypeDeSuivi_CISIS', SUPPORT: 'JDV_SoinsOncoDeSupport_CISIS',
  SOCIAL: 'JDV_TypeAccompagnementSocioPro_CISIS', VOIE: 'JDV_ModeAdministration_CISIS',
  HABITUS: 'JDV_SocialHistoryCodes_CISIS', STATUT: 'JDV_StatutDoc_CISIS', MAJ: 'JDV_MotifMiseAJour_CISIS',
  APPAREIL: 'JDV_RCP_Appareil_CISIS', ORGANE: 'JDV_RCP_Organe_CISIS', SOINS_FRCP: 'JDV_TraitementSoins_FRCP_CISIS',
  TRAIT_FRCP: 'JDV_TypeTraitement_FRCP_CISIS', QUORUM: 'JDV_StatutQuorum_CISIS',
};
export const PCS_CODE_SYSTEM = '1.2.250.1.213.2.13';
const SVS_NS = 'urn:ihe:iti:svs:2008';

/** A cached reader of the kit's JDV files: key → the concepts' attributes, or null when the file is missing. */
export function jdvLoader(kitDir) {
  const jdvDir = path.join(kitDir, 'jeuxDeValeurs');
  const jdvCache = new Map();
  return function loadJdv(key) {
    if (jdvCache.has(key)) return jdvCache.get(key);
    const file = path.join(jdvDir, `${JDV[key]}.xml`);
    let concepts = null;
    if (fs.existsSync(file)) {
      const root = parseXml(fs.readFileSync(file, 'utf8'), file);
      concepts = [...descendants({ children: [root] }, SVS_NS, 'Concept')].map((concept) => ({ ...concept.attrs }));
    }
    jdvCache.set(key, concepts);
    return concepts;
  };
}
