// Property-based tests of the PPS builder: arbitrary valid models build and pass the kit's
// XSD and volet layers (all seven, in fact); arbitrary invalid models are rejected with a
// field path pointing at what was broken.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { buildPps, validatePps } from '../index.js';
import type { PpsDocument, PpsCareAct } from '../model/pps.js';
import type { ValueSet } from '../value-set.js';
import {
  JDV_GestionEffetsSecondaires_CISIS,
  JDV_MesuresAssociees_CISIS,
  JDV_ModeAdministration_CISIS,
  JDV_Morphologie_CISIS,
  JDV_SoinsOncoDeSupport_CISIS,
  JDV_TypeAccompagnementSocioPro_CISIS,
  JDV_TypeDeSuivi_CISIS,
  JDV_TypeTraitementPPS_CISIS,
  JDV_Tumeur_CISIS,
  JDV_ModificateurTopographique_CISIS,
  JDV_MotifMiseAJour_CISIS,
} from '../generated/value-sets/index.js';
import { basePps } from '../testing/fixtures.js';
import { conformance, failures, fixedContext, narrativeLinkProblems } from '../testing/support.js';

const code = (vs: ValueSet) => fc.constantFrom(...vs.concepts.map((c) => ({ code: c.code })));
/** Text XML can carry, including markup-like characters. */
const freeText = fc
  .string({ unit: fc.constantFrom('a', 'é', ' ', '<', '>', '&', '"', "'", '\n', ']]>', '😀', 'ç', '-', 'Z'), minLength: 1, maxLength: 40 })
  .filter((s) => s.length > 0);
const year = fc.integer({ min: 2015, max: 2030 });
const date = fc
  .tuple(year, fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), fc.constantFrom(0, 1, 2))
  .map(([y, m, d, precision]) => [String(y), String(m).padStart(2, '0'), String(d).padStart(2, '0')].slice(0, precision + 1).join('-'));
const period = fc.option(fc.tuple(date, date).map(([a, b]) => (a <= b ? { start: a } : { end: a })), { nil: undefined });
// A valid model is also plausible: diagnoses and the dates of acts already done come before the
// base document (2024-03-15) and its RCP (2024-03-05).
const pastDate = fc
  .tuple(fc.integer({ min: 2015, max: 2023 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), fc.constantFrom(0, 1, 2))
  .map(([y, m, d, precision]) => [String(y), String(m).padStart(2, '0'), String(d).padStart(2, '0')].slice(0, precision + 1).join('-'));
const pastPeriod = fc.option(fc.tuple(pastDate, pastDate).map(([a, b]) => (a <= b ? { start: a } : { end: a })), { nil: undefined });

const act = (vs: ValueSet) =>
  fc.record(
    {
      type: code(vs),
      typePrecision: freeText,
      performed: fc.constantFrom('done' as const, 'planned' as const),
      confirmedPeriod: pastPeriod,
      plannedPeriod: period,
      rhythm: freeText,
      atHome: fc.boolean(),
      administrationRoute: code(JDV_ModeAdministration_CISIS),
      notableSideEffects: freeText,
      comment: freeText,
      performers: fc.array(fc.record({ organization: fc.record({ name: freeText }) }), { minLength: 1, maxLength: 2 }),
    },
    { requiredKeys: ['type', 'performed'] },
  ) as fc.Arbitrary<PpsCareAct>;

const tumour = fc.record(
  {
    topography: fc.oneof(code(JDV_Tumeur_CISIS).map((coding) => ({ coding })), freeText.map((text) => ({ text }))),
    morphology: fc.oneof(code(JDV_Morphologie_CISIS).map((coding) => ({ coding })), freeText.map((text) => ({ text }))),
    laterality: code(JDV_ModificateurTopographique_CISIS),
    diagnosisDate: pastDate,
    tnm: fc.record({ t: fc.constantFrom('T1', 'T2a', 'Tis'), n: fc.constantFrom('N0', 'N1'), stage: fc.constantFrom('IA', 'IIB') }, { requiredKeys: [] }),
    otherStages: fc.array(fc.record({ text: freeText }), { minLength: 1, maxLength: 2 }),
    comment: freeText,
  },
  { requiredKeys: ['topography', 'morphology'] },
);

const ppsModel: fc.Arbitrary<PpsDocument> = fc
  .record({
    tumours: fc.array(tumour, { minLength: 1, maxLength: 3 }),
    treatments: fc.array(act(JDV_TypeTraitementPPS_CISIS), { maxLength: 3 }),
    sideEffectManagement: fc.array(act(JDV_GestionEffetsSecondaires_CISIS), { maxLength: 2 }),
    associatedMeasures: fc.array(act(JDV_MesuresAssociees_CISIS), { maxLength: 2 }),
    followUp: fc.array(act(JDV_TypeDeSuivi_CISIS), { maxLength: 2 }),
    supportiveCare: fc.array(act(JDV_SoinsOncoDeSupport_CISIS), { maxLength: 2 }),
    socialSupport: fc.array(act(JDV_TypeAccompagnementSocioPro_CISIS), { maxLength: 2 }),
    patientComment: fc.option(freeText, { nil: undefined }),
    paediatrics: fc.option(fc.record({ isPaediatric: fc.boolean(), comment: freeText, reason: freeText }, { requiredKeys: ['isPaediatric'] }), { nil: undefined }),
    updateReason: fc.option(fc.record({ reason: code(JDV_MotifMiseAJour_CISIS), precision: freeText }, { requiredKeys: ['reason'] }), { nil: undefined }),
  })
  .map((r) => {
    const doc = basePps();
    doc.tumours = r.tumours as PpsDocument['tumours'];
    doc.therapeuticProgramme = { treatments: r.treatments, sideEffectManagement: r.sideEffectManagement, associatedMeasures: r.associatedMeasures, followUp: r.followUp };
    doc.supportiveCare = { supportiveCare: r.supportiveCare, socialSupport: r.socialSupport };
    if (r.patientComment !== undefined) doc.patientComment = r.patientComment;
    if (r.paediatrics !== undefined) doc.paediatrics = r.paediatrics;
    if (r.updateReason !== undefined) doc.status.updateReason = r.updateReason;
    return doc;
  });

test('arbitrary valid PPS models build, resolve their references and pass the seven layers', async () => {
  const models = fc.sample(ppsModel, { numRuns: 12, seed: 20261122 });
  const docs = models.map((m, i) => {
    const result = validatePps(m, fixedContext());
    assert.ok(result.ok, `model ${i}: ${JSON.stringify(result.issues)}`);
    const text = buildPps(m, fixedContext());
    const { dangling, duplicated } = narrativeLinkProblems(text);
    assert.deepEqual([dangling, duplicated], [[], []], `model ${i}`);
    return { name: `generated-${i}`, text, volet: 'pps' as const };
  });
  const results = await conformance().validateMany(docs);
  results.forEach((r, i) => assert.ok(r.valid, `generated-${i}:\n  ${failures(r)}\n${JSON.stringify(models[i])}`));
});

test('arbitrary breakages of a valid model are rejected with the path of the broken field', () => {
  type Breakage = { path: string; apply: (d: PpsDocument) => void };
  const breakages: Breakage[] = [
    { path: 'patient.birthFamilyName', apply: (d) => delete (d.patient as Partial<typeof d.patient>).birthFamilyName },
    { path: 'patient.gender', apply: (d) => ((d.patient as Record<string, unknown>).gender = 'X') },
    { path: 'tumours[0].morphology', apply: (d) => delete (d.tumours[0] as Partial<(typeof d.tumours)[0]>).morphology },
    { path: 'tumours[0].diagnosisDate', apply: (d) => (d.tumours[0]!.diagnosisDate = '2024-13-01') },
    { path: 'therapeuticProgramme.treatments[0].type.code', apply: (d) => (d.therapeuticProgramme.treatments![0]!.type = { code: 'MED-091' }) },
    { path: 'therapeuticProgramme.treatments[0].performed', apply: (d) => ((d.therapeuticProgramme.treatments![0] as Record<string, unknown>).performed = 'maybe') },
    { path: 'author.professional.idNatPs', apply: (d) => (d.author.professional.idNatPs = '810001045360') },
    { path: 'custodian.idNatStruct', apply: (d) => (d.custodian.idNatStruct = '1010780055') },
    { path: 'patient.ins.value', apply: (d) => (d.patient.ins!.value = '279035121518998') },
    { path: 'status.rcpDate', apply: (d) => (d.status.rcpDate = '2024-02-30') },
    { path: 'referencedDocuments', apply: (d) => (d.referencedDocuments = []) },
    { path: 'tumours[0].comment', apply: (d) => (d.tumours[0]!.comment = 'bell \u0007 character') },
    { path: 'encounter.facilityType.code', apply: (d) => (d.encounter.facilityType = { code: 'NOPE' }) },
    { path: 'patient.birthPlace', apply: (d) => delete d.patient.birthPlace },
  ];
  fc.assert(
    fc.property(fc.subarray(breakages, { minLength: 1, maxLength: 3 }), (chosen) => {
      const doc = basePps();
      for (const b of chosen) b.apply(doc);
      const result = validatePps(doc, fixedContext());
      assert.equal(result.ok, false);
      const paths = result.issues.map((i) => i.path);
      // Structure errors hide semantic ones (they run only on a well-formed input), so at
      // least one chosen path is reported, and nothing outside the chosen ones.
      assert.ok(chosen.some((b) => paths.includes(b.path)), `${chosen.map((b) => b.path)} → ${paths}`);
      for (const p of paths) assert.ok(chosen.some((b) => p === b.path || p.startsWith(`${b.path}.`) || p.startsWith(`${b.path}[`)), `unexpected ${p}`);
      for (const i of result.issues) assert.ok(i.message.fr && i.message.en);
    }),
    { numRuns: 60, seed: 7 },
  );
});
