// The model's value-set bindings: written once in the TypeBox model, published in the JSON
// Schemas (`x-dcc-valueSet`), read back by the checker and by the editors' pickers.
import { readFileSync } from 'node:fs';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Type } from '@sinclair/typebox';

import { valueSetsByName } from './generated/value-sets/index.js';
import { modelFields, valueSetBindings, withOverlay, VALUE_SET_KEYWORD } from './metadata.js';
import { PpsDocument } from './model/pps.js';
import { FrcpDocument } from './model/frcp.js';
import { Coding } from './model/common.js';
import { valueSetOf } from './check/bindings.js';

const published = (volet: 'pps' | 'frcp'): object =>
  JSON.parse(readFileSync(new URL(`../schema/${volet}.schema.json`, import.meta.url), 'utf8')) as object;
const volets = [
  ['pps', PpsDocument, published('pps')],
  ['frcp', FrcpDocument, published('frcp')],
] as const;

// The hand-written maps of the editors that the annotations replace (path pattern or
// `*.suffix` → value set), kept here to prove the derived bindings say the same.
const FORMER_SHARED: Record<string, string> = {
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
const FORMER: Record<'pps' | 'frcp', Record<string, string>> = {
  pps: {
    ...FORMER_SHARED,
    'therapeuticProgramme.treatments.type': 'JDV_TypeTraitementPPS_CISIS',
    'therapeuticProgramme.sideEffectManagement.type': 'JDV_GestionEffetsSecondaires_CISIS',
    'therapeuticProgramme.associatedMeasures.type': 'JDV_MesuresAssociees_CISIS',
    'therapeuticProgramme.followUp.type': 'JDV_TypeDeSuivi_CISIS',
    'supportiveCare.supportiveCare.type': 'JDV_SoinsOncoDeSupport_CISIS',
    'supportiveCare.socialSupport.type': 'JDV_TypeAccompagnementSocioPro_CISIS',
    '*.administrationRoute': 'JDV_ModeAdministration_CISIS',
    '*.habitus.code': 'JDV_SocialHistoryCodes_CISIS',
    'status.updateReason.reason': 'JDV_MotifMiseAJour_CISIS',
  },
  frcp: {
    ...FORMER_SHARED,
    'meeting.encounterType': 'JDV_J142_TypeRencontre_CISIS',
    'meeting.primaryTumourTopography.coding': 'JDV_Tumeur_CISIS',
    'discussion.apparatus': 'JDV_RCP_Appareil_CISIS',
    'discussion.organs': 'JDV_RCP_Organe_CISIS',
    'discussion.careType': 'JDV_TraitementSoins_FRCP_CISIS',
    'pastTreatments.type': 'JDV_TypeTraitement_FRCP_CISIS',
    'proposal.treatments.type': 'JDV_TypeTraitement_FRCP_CISIS',
    'recordStatus.quorum': 'JDV_StatutQuorum_CISIS',
  },
};

/** The former engine lookup: the exact pattern, then `*.` + ever shorter suffixes. */
function formerBinding(map: Record<string, string>, pattern: string): string | undefined {
  if (map[pattern]) return map[pattern];
  const parts = pattern.split('.');
  for (let i = 1; i < parts.length; i++) {
    const suffix = `*.${parts.slice(i).join('.')}`;
    if (map[suffix]) return map[suffix];
  }
  return undefined;
}

describe('model metadata: value-set bindings', () => {
  for (const [volet, model, schema] of volets) {
    it(`${volet}: every annotated value set exists in @dcc-kit/cda/value-sets`, () => {
      const names = modelFields(schema).flatMap((f) => (f.valueSet === undefined ? [] : [f.valueSet]));
      assert.ok(names.length > 10);
      for (const name of names) assert.ok(name in valueSetsByName, `${name} is not a value set of @dcc-kit/cda/value-sets`);
    });

    it(`${volet}: every coded field is bound to a value set`, () => {
      const unbound = modelFields(schema)
        .filter((f) => (f.schema.title === 'Coding' || f.schema.title === 'CodedOrText') && f.valueSet === undefined)
        // the `coding` inside a bound CodedOrText is bound through its parent
        .filter((f) => !(f.pattern.endsWith('.coding') && modelFields(schema).some((p) => `${p.pattern}.coding` === f.pattern && p.valueSet)));
      assert.deepEqual(unbound.map((f) => f.pattern), []);
    });

    it(`${volet}: the published JSON Schema carries the model's bindings`, () => {
      assert.deepEqual(valueSetBindings(schema), valueSetBindings(model));
    });

    it(`${volet}: the derived bindings say what the editors' former hand-written maps said`, () => {
      const derived = valueSetBindings(schema);
      for (const [pattern, name] of Object.entries(derived))
        assert.equal(formerBinding(FORMER[volet], pattern), name, `binding of ${pattern}`);
      // and every former entry still binds something
      for (const key of Object.keys(FORMER[volet])) {
        const matches = Object.keys(derived).filter((p) => (key.startsWith('*.') ? p.endsWith(key.slice(1)) : p === key));
        assert.ok(matches.length > 0, `${key} binds no field any more`);
      }
    });
  }

  it('keeps a bound CodedOrText picked at its coding and a bound list at its own pattern', () => {
    const frcp = valueSetBindings(published('frcp'));
    assert.equal(frcp['tumours.topography.coding'], 'JDV_Tumeur_CISIS');
    assert.equal(frcp['discussion.organs'], 'JDV_RCP_Organe_CISIS');
    assert.equal(frcp['tumours.topography'], undefined);
  });

  it('writes each annotation where the shared block is used, not in $defs', () => {
    const schema = published('pps') as { $defs: Record<string, Record<string, unknown>> };
    for (const [name, def] of Object.entries(schema.$defs)) assert.equal(def[VALUE_SET_KEYWORD], undefined, name);
  });

  it('writes a list-specific binding inside a shared block as an annotation beside its reference', () => {
    const schema = published('pps') as { properties: Record<string, { properties: Record<string, { items: unknown }> }> };
    assert.deepEqual(schema.properties.supportiveCare!.properties.socialSupport!.items, {
      $ref: '#/$defs/PpsCareAct',
      type: 'object',
      properties: {
        type: {
          description: 'Type of social or socio-professional support, value set JDV_TypeAccompagnementSocioPro_CISIS.',
          [VALUE_SET_KEYWORD]: 'JDV_TypeAccompagnementSocioPro_CISIS',
        },
      },
    });
    const definition = { title: 'X', description: 'what it is', properties: { a: { $ref: '#/$defs/Coding' }, b: { title: 'B' } } };
    assert.deepEqual(withOverlay(definition, { description: 'here', properties: { a: { [VALUE_SET_KEYWORD]: 'JDV_X' } } }), {
      title: 'X',
      description: 'here',
      properties: { a: { $ref: '#/$defs/Coding', [VALUE_SET_KEYWORD]: 'JDV_X' }, b: { title: 'B' } },
    });
  });

  it('describes each shared definition by what it is', () => {
    for (const [, , schema] of volets) {
      const defs = (schema as { $defs: Record<string, { description?: string }> }).$defs;
      assert.equal(defs.Coding?.description, 'A coded value.');
      assert.match(defs.Period?.description ?? '', /^Interval/);
    }
  });

  it('gives the checker the bound value set, and refuses an unbound field', () => {
    const status = (FrcpDocument.properties.status.properties.status);
    assert.equal(valueSetOf(status).name, 'JDV_StatutDoc_CISIS');
    assert.throws(() => valueSetOf(Coding), /binds no value set/);
    assert.throws(() => valueSetOf(Type.String()), /binds no value set/);
  });
});
