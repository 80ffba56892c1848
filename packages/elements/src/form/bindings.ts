// Coded fields bound to a value set. The cda checker knows these bindings only in code
// (packages/cda/src/check/*.ts calls `c.coding(path, value, JDV_…)`), so the form keeps an
// explicit map: path without indices (or `*.suffix`) → value-set name of
// @dcc-kit/cda/value-sets. The editors add their volet's bindings on top.
export const sharedBindings: Readonly<Record<string, string>> = {
  '*.profession': 'JDV_J01_XdsAuthorSpecialty_CISIS',
  '*.practiceSetting': 'JDV_J04_XdsPracticeSettingCode_CISIS',
  '*.relationship': 'JDV_J11_RelationPatient_CISIS',
  'author.functionCode': 'JDV_J47_FunctionCode_CISIS',
  'encounter.facilityType': 'JDV_J02_XdsHealthcareFacilityTypeCode_CISIS',
  'encounter.type': 'JDV_J142_TypeRencontre_CISIS',
  '*.topography.coding': 'JDV_Tumeur_CISIS',
  '*.morphology.coding': 'JDV_Morphologie_CISIS',
  '*.laterality': 'JDV_ModificateurTopographique_CISIS',
  'status.status': 'JDV_StatutDoc_CISIS',
};
