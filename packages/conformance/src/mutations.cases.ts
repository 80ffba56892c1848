/**
 * Data of the mutation suite (mutations.test.ts): mutated copies of the kit's official
 * examples, each breaking one rule of one layer, with the findings the kit's own pipeline
 * (ISO skeleton XSLT on Saxon-HE; xmllint for the XSD) gives for them.
 *
 * Every expectation below was derived by reading the kit's rule (the file and line are
 * given in `rule`), working out the node it fires on (the skeleton's "full path 2"
 * notation) and its message (the assert text with value-of evaluated, whitespace
 * normalised) — not by copying the engine's output. Not exported by the package.
 */
import type { LayerName, Volet } from './layers.js';

export type Example =
  | 'CANCER-PPS_2022.01_feuille-de-style-externe.xml'
  | 'CANCER-PPS_2022.01_Autopresentable.xml'
  | 'CANCER-FRCP_2022.01_Appareil.xml'
  | 'CANCER-FRCP_2022.01_Transversale.xml';

export const PPS = 'CANCER-PPS_2022.01_feuille-de-style-externe.xml' satisfies Example;
export const PPS_AUTO = 'CANCER-PPS_2022.01_Autopresentable.xml' satisfies Example;
export const FRCP_APPAREIL = 'CANCER-FRCP_2022.01_Appareil.xml' satisfies Example;
export const FRCP_TRANSVERSALE = 'CANCER-FRCP_2022.01_Transversale.xml' satisfies Example;
export const EXAMPLES: readonly Example[] = [PPS, PPS_AUTO, FRCP_APPAREIL, FRCP_TRANSVERSALE];

export const MC: LayerName = 'CI-SIS_ModelesDeContenusCDA';
export const SM: LayerName = 'ASIP-STRUCT-MIN-StrucMin';
export const ANS: LayerName = 'CI-SIS_Modeles_ANS';
export const TERM: LayerName = 'terminologie';
export const VOL_PPS: LayerName = 'CI-SIS_CANCER-PPS_2022.01';
export const VOL_FRCP: LayerName = 'CI-SIS_CANCER-FRCP_2022.01';

/** One finding expected in the mutated layer. */
export interface ExpectedIssue {
  readonly location: string;
  /** The exact message... */
  readonly message?: string;
  /** ...or, for a very long one, an exact prefix of at least 80 characters. */
  readonly messagePrefix?: string;
  /**
   * The name the skeleton gives the active pattern in the SVRL, `(@id | title)[last()]`: the
   * pattern's title when it has one (whitespace normalised), else its id; '' for xsd.
   */
  readonly pattern: string;
  readonly kind: 'assert' | 'report' | 'xsd';
}

export interface MutationCase {
  readonly id: string;
  readonly title: string;
  readonly source: Example;
  /** Applied once; the search must occur exactly once in the source. */
  readonly search: string | RegExp;
  readonly replace: string;
  /** Forced volet, for a mutation that removes what the volet is detected from. */
  readonly volet?: Volet;
  /** The layer that must get the new findings; undefined: no layer may change. */
  readonly layer: LayerName | undefined;
  /** The errors that must appear in that layer, in addition to the source's own. */
  readonly expected: readonly ExpectedIssue[];
  /** The warnings (role warning/info) that layer must report, when the case is about them. */
  readonly expectedWarnings?: readonly ExpectedIssue[];
  /** The kit rule (file:line) the expectation comes from. */
  readonly rule: string;
  /** Set when the engine disagrees with the kit's rule as read here (reported, kept as todo). */
  readonly todo?: string;
}

const B = '/ClinicalDocument/component/structuredBody';
const XSD = 'Schemas validity error : ';
const SM_PATTERN = 'Structuration minimale Documents de santé';
const SM_FILE = 'schematrons/profils/structurationMinimale/include/1.2.250.1.213.1.1.1.1-2017-12-13T103531.sch';
const TERM_PATTERN = 'Verification sémantique';
const TERM_FILE = 'schematrons/profils/terminologies/schematron/terminologie.sch';
const JDV = 'schematrons/abstract/dansJeuDeValeurs.sch';
/** Autoprésentable example: the CDA is wrapped in an xsl:stylesheet, names keep their prefixes. */
const AUTO_B = '/xsl:stylesheet/data:Contenu/c:ClinicalDocument/c:component/c:structuredBody';

/** Message of the third assert of dansJeuDeValeurs.sch (value not in the value set). */
const notInJdv = (vue: string, code: string, displayName: string, codeSystem: string, jdv: string) =>
  `[dansJeuDeValeurs] L'élément ${vue ? `${vue} ` : ''}[${code}:${displayName}:${codeSystem}] doit faire partie du jeu de valeurs ${jdv}.`;

export const CASES: readonly MutationCase[] = [
  // ───────────────────────────── xsd (CDA_extended.xsd, xmllint) ─────────────────────────────
  {
    id: 'xsd-duplicate-id',
    title: 'V7: a narrative ID used twice is not a valid xs:ID (reported on the second element)',
    source: PPS,
    search: 'ID="commentaire-pediatrie"',
    replace: 'ID="pediatrie"',
    layer: 'xsd',
    rule: 'infrastructure/cda/general/NarrativeBlock.xsd: StrucDoc.Content/@ID type xs:ID',
    expected: [
      {
        location: `${B}/component[2]/section/text/paragraph[2]/content`,
        message: `${XSD}Element '{urn:hl7-org:v3}content', attribute 'ID': 'pediatrie' is not a valid value of the atomic type 'xs:ID'.`,
        pattern: '',
        kind: 'xsd',
      },
    ],
  },
  {
    id: 'xsd-id-starts-with-digit',
    title: 'V7: a narrative ID starting with a digit is not an NCName',
    source: PPS,
    search: 'ID="diagnostic-table"',
    replace: 'ID="1-diagnostic-table"',
    layer: 'xsd',
    rule: 'infrastructure/cda/general/NarrativeBlock.xsd: StrucDoc.Table/@ID type xs:ID',
    expected: [
      {
        location: `${B}/component[3]/section/text/table`,
        message: `${XSD}Element '{urn:hl7-org:v3}table', attribute 'ID': '1-diagnostic-table' is not a valid value of the atomic type 'xs:ID'.`,
        pattern: '',
        kind: 'xsd',
      },
    ],
  },
  {
    id: 'xsd-unknown-attribute',
    title: 'an attribute the schema does not declare',
    source: PPS,
    search: '<structuredBody>',
    replace: '<structuredBody foo="bar">',
    layer: 'xsd',
    rule: 'infrastructure/cda/POCD_MT000040_extended_pharmacy.xsd: POCD_MT000040.StructuredBody has no attribute foo',
    expected: [
      {
        location: '/ClinicalDocument/component/structuredBody',
        message: `${XSD}Element '{urn:hl7-org:v3}structuredBody', attribute 'foo': The attribute 'foo' is not allowed.`,
        pattern: '',
        kind: 'xsd',
      },
    ],
  },
  {
    id: 'xsd-header-order',
    title: 'languageCode before confidentialityCode in the header (CDA sequence order)',
    source: PPS,
    search: /(<!-- Niveau de confidentialité -->\s*<confidentialityCode[^>]*\/>)(\s*<!-- Langue du document -->\s*<languageCode code="fr-FR"\/>)/,
    replace: '$2$1',
    layer: 'xsd',
    rule: 'infrastructure/cda/POCD_MT000040_extended_pharmacy.xsd: POCD_MT000040.ClinicalDocument sequence … effectiveTime, confidentialityCode, languageCode?',
    expected: [
      {
        location: '/ClinicalDocument/languageCode',
        message: `${XSD}Element '{urn:hl7-org:v3}languageCode': This element is not expected. Expected is ( {urn:hl7-org:v3}confidentialityCode ).`,
        pattern: '',
        kind: 'xsd',
      },
    ],
  },

  // ───────────────────────────── IHE ─────────────────────────────
  {
    id: 'ihe-simple-observation-without-text',
    title: 'V4: the MED-243 Simple Observation loses its text/reference',
    source: PPS,
    search: '<text><reference value="#phase"/></text>',
    replace: '',
    layer: 'IHE',
    rule: 'schematrons/include/entrees/E_simpleObservation_int.sch:26',
    expected: [
      {
        location: `${B}/component[5]/section/entry/observation`,
        message:
          '[E_simpleObservation_int.sch] Erreur de conformité PCC : "Simple Observation" doit contenir un élément texte, qui doit contenir un élément référence',
        pattern: 'IHE PCC v3.0 Simple Observation',
        kind: 'assert',
      },
    ],
  },
  {
    id: 'ihe-int-procedure-with-evn-template',
    title: 'V5: the first INT procedure declares the CCD EVN template 2.16.840.1.113883.10.20.1.29',
    source: PPS,
    search: /(Traitement : Chirurgie \(en cours ou à venir\) -->\s*<entry>\s*<procedure classCode="PROC" moodCode="INT" negationInd="false">\s*<!--[^>]*-->\s*<templateId root="1\.3\.6\.1\.4\.1\.19376\.1\.5\.3\.1\.4\.19"\/>\s*<!--[^>]*-->\s*<templateId root="2\.16\.840\.1\.113883\.10\.20\.1\.)25"/,
    replace: '$129"',
    layer: 'IHE',
    rule: 'schematrons/include/entrees/E_procedureEntry_int.sch:22',
    expected: [
      {
        location: `${B}/component[6]/section/entry[2]/procedure`,
        message:
          "[E_procedureEntry_int]: Lorsque l'entrée \"Procedure\" est en mode événement (moodCode='EVN'), elle se conforme au template CCD 2.16.840.1.113883.10.20.1.29. Lorsque l'entrée \"Procedure\" est en mode intent (moodCode='INT'), elle se conforme au template CCD 2.16.840.1.113883.10.20.1.25.",
        pattern: 'IHE PCC v3.0 Procedure Entry',
        kind: 'assert',
      },
    ],
  },
  {
    id: 'ihe-reason-for-referral-code',
    title: 'the PÉDIATRIE section code is no longer 42349-1: two patterns fire on the same section',
    source: PPS,
    search: '<code code="42349-1" displayName="Raison de la recommandation"',
    replace: '<code code="42349-2" displayName="Raison de la recommandation"',
    layer: 'IHE',
    rule: 'schematrons/include/sections/S_codedReasonForReferral.sch:31 and S_reasonForReferral.sch:24',
    expected: [
      {
        location: `${B}/component[2]/section`,
        message: '[S_codedReasonForReferral_int.sch] Erreur de conformité : Le code de la section FR-Raison-de-la-recommandation doit être 42349-1.',
        pattern: 'S_codedReasonForReferral',
        kind: 'assert',
      },
      {
        location: `${B}/component[2]/section`,
        message: '[S_ReasonForReferral] Erreur de Conformité PCC: Le code de la section doit être 42349-1',
        pattern: 'S_reasonForReferral',
        kind: 'assert',
      },
    ],
  },
  {
    id: 'ihe-problem-entry-width-report',
    title: 'a successful report: the Problem Entry effectiveTime uses low/width',
    source: PPS,
    search: /(<text><reference value="#raison"\/><\/text>\s*<statusCode code="completed"\/>\s*<effectiveTime>\s*<low nullFlavor="UNK"\/>)/,
    replace: '$1<width value="1" unit="d"/>',
    layer: 'IHE',
    rule: 'schematrons/include/entrees/E_problemEntry_int.sch:63 (report)',
    expected: [
      {
        location: `${B}/component[2]/section/entry[2]/observation`,
        message:
          "[E_problemEntry_int.sch] Erreur de conformité PCC : Bien que CDA permette de nombreuses modalités pour exprimer un intervalle de temps (low/high, low/width, high/width, ou center/width), Problem Entry sera contraint à l'utilisation exclusive de la forme low/high.",
        pattern: 'IHE PCC v3.0 Problem Entry',
        kind: 'report',
      },
    ],
  },
  {
    id: 'ihe-progress-note-without-title',
    title: 'the Progress Note section loses its title',
    source: PPS,
    search: '<title>PHASE CLINIQUE DE LA MALADIE</title>',
    replace: '',
    layer: 'IHE',
    rule: 'schematrons/include/sections/S_progressNote.sch:29',
    expected: [
      {
        location: `${B}/component[5]/section`,
        message: '[S_progressNote] Erreur de conformité PCC: Cette section doit avoir un titre significatif de son contenu.',
        pattern: 'IHE PCC Progress Note Section',
        kind: 'assert',
      },
    ],
  },
  {
    id: 'ihe-cancer-diagnosis-ci-sis-template',
    title: 'the cancer diagnosis section declares another CI-SIS templateId than 1.2.250.1.213.1.1.2.27',
    source: PPS,
    search: '<templateId root="1.2.250.1.213.1.1.2.27"/>',
    replace: '<templateId root="1.2.250.1.213.1.1.2.99"/>',
    layer: 'IHE',
    rule: 'schematrons/include/sections/S_cancerDiagnosis.sch:33',
    expected: [
      {
        location: `${B}/component[3]/section`,
        message: "[S_cancerDiagnosisSection.sch] Erreur de conformité : La section FR-Diagnostic-du-cancer doit contenir le templateId '1.2.250.1.213.1.1.2.27'.",
        pattern: 'IHE PCC Cancer Diagnosis Section',
        kind: 'assert',
      },
    ],
  },

  // ───────────────────────────── ASIP-STRUCT-MIN-StrucMin ─────────────────────────────
  {
    id: 'sm-family-without-qualifier',
    title: 'V1: the second patient family (CL) loses its qualifier',
    source: PPS,
    search: '<family qualifier="CL">PAT-TROIS</family>',
    replace: '<family>PAT-TROIS</family>',
    layer: SM,
    rule: `${SM_FILE}:501`,
    expected: [
      {
        location: '/ClinicalDocument/recordTarget/patientRole/patient/name/family[2]',
        message: '(CI-SISRecordTarget): attribute @qualifier SHALL be present.',
        pattern: SM_PATTERN,
        kind: 'assert',
      },
    ],
  },
  {
    id: 'sm-ins-without-birthplace-county',
    title: 'V2: INS identity (root 1.2.250.1.213.1.4.10) without the birthplace COG county',
    source: PPS,
    search: /\s*<county>51215<\/county>/,
    replace: '',
    layer: SM,
    rule: `${SM_FILE}:52`,
    expected: [
      {
        location: '/ClinicalDocument',
        message:
          "(SMDS_CDAClinicalDocument): Erreur de conformité CI-SIS : Dans le cadre de l'INS, les traits de l'INS (Nom de naissance, premier prénom de l'acte de naissance, prénoms de l’acte de naissance, date de naissance, lieu de naissance (COG) et sexe) sont obligatoires",
        pattern: SM_PATTERN,
        kind: 'assert',
      },
    ],
  },
  {
    id: 'sm-version-number-plus-sign',
    title: "versionNumber '+12': Java reads '^+?' as the anchor '^', so neither branch of the INT regex matches",
    source: PPS,
    search: '<versionNumber value="1"/>',
    replace: '<versionNumber value="+12"/>',
    layer: SM,
    rule: `${SM_FILE}:216-223 (rule ClinicalDocument/versionNumber, asserts l.219 and l.222; extends INT/QTY/ANY)`,
    expected: [
      {
        location: '/ClinicalDocument/versionNumber',
        message: '(SMDS_CDAClinicalDocument): @value is not a valid INT number +12',
        pattern: SM_PATTERN,
        kind: 'assert',
      },
      {
        location: '/ClinicalDocument/versionNumber',
        message: '(SMDS_CDAClinicalDocument): Attribute @value is not a valid int number +12',
        pattern: SM_PATTERN,
        kind: 'assert',
      },
    ],
  },
  {
    id: 'sm-language-code-syntax',
    title: 'languageCode fr_FR matches neither fr-FR nor [a-z]{2}-[A-Z]{2}',
    source: PPS,
    search: '<languageCode code="fr-FR"/>',
    replace: '<languageCode code="fr_FR"/>',
    layer: SM,
    rule: `${SM_FILE}:195`,
    expected: [
      {
        location: '/ClinicalDocument/languageCode',
        message:
          '(SMDS_CDAClinicalDocument): Le languageCode doit respecter la syntaxe (e.g. "fr-FR") La partie en minuscules indique le code de la langue utilisée (ISO-639-1) La partie en majuscules indique le code pays (ISO-3166)',
        pattern: SM_PATTERN,
        kind: 'assert',
      },
    ],
  },
  {
    id: 'sm-telecom-without-scheme',
    title: 'a patient telecom without the tel: scheme (message uses <name/>)',
    source: PPS,
    search: '<telecom value="tel:0144534551" use="H"/>',
    replace: '<telecom value="0144534551" use="H"/>',
    layer: SM,
    rule: `${SM_FILE}:449`,
    expected: [
      {
        location: '/ClinicalDocument/recordTarget/patientRole/telecom',
        message:
          "(CI-SISTelecom): Erreur de conformité CI-SIS : telecom n'est pas conforme à une adresse de télécommunication préfixe:chaîne (avec préfixe = tel, fax, mailto, http, ftp ou mllp) ou est vide et sans nullFlavor ou contient un nullFlavor non admis.",
        pattern: SM_PATTERN,
        kind: 'assert',
      },
    ],
  },
  {
    id: 'sm-timestamp-month-13',
    title: 'document effectiveTime with month 13: passes the XSD ts pattern, fails the DTr1 TS lets',
    source: PPS,
    search: '<effectiveTime value="20210113121700+0100"/>',
    replace: '<effectiveTime value="20211313121700+0100"/>',
    layer: SM,
    rule: 'schematrons/profils/structurationMinimale/include/DTr1_TS.sch:33 (extended by the ClinicalDocument/effectiveTime rule, include l.162)',
    expected: [
      {
        location: '/ClinicalDocument/effectiveTime',
        message: 'dtr1-2-TS: effectiveTime "20211313121700+0100" is not a valid timestamp.',
        pattern: SM_PATTERN,
        kind: 'assert',
      },
    ],
  },

  {
    id: 'sm-any-null-flavor-with-children',
    title: "a participant functionCode nullFlavor UNK (not NA) keeping originalText/translation: DTr1 ANY; the whitespace-only text between two value-of is not output",
    source: PPS,
    search: '<functionCode nullFlavor="NA">',
    replace: '<functionCode nullFlavor="UNK">',
    layer: SM,
    rule: 'schematrons/profils/structurationMinimale/include/DTr1_ANY.sch:9 (extended via CE/CD by the participant/functionCode rule, include l.4437; the skeleton copies the whitespace between the two value-of into the generated XSLT, whose compiler strips it)',
    expected: [
      {
        location: '/ClinicalDocument/participant/functionCode',
        message:
          "dtr1-1-ANY: if there is a nullFlavor, there shall be no text or other attribute or element, unless it's nullFlavor='OTH' or 'NA' (@codeSystem, <originalText> or <translation> may have a value), or nullFlavor 'UNC' (@extension or <originalText> may have a value). Found: <functionCode><originalText... /> <translation... /></functionCode>",
        pattern: SM_PATTERN,
        kind: 'assert',
      },
    ],
  },
  {
    id: 'sm-type-id-switches-the-layer-off',
    title: 'typeId extension POCD_HD000041: every StrucMin rule is rooted on the typeId, only the warning on / remains',
    source: PPS,
    search: '<typeId root="2.16.840.1.113883.1.3" extension="POCD_HD000040"/>',
    replace: '<typeId root="2.16.840.1.113883.1.3" extension="POCD_HD000041"/>',
    layer: SM,
    rule: 'schematrons/profils/structurationMinimale/ASIP-STRUCT-MIN-StrucMin.sch:145 (rule context "/", role warning; the SVRL location of "/" is that of its element child: schematron-select-full-path only matches *)',
    expected: [],
    expectedWarnings: [
      {
        location: '/ClinicalDocument',
        message:
          "descendant-or-self::hl7:ClinicalDocument[hl7:typeId[@root = '2.16.840.1.113883.1.3'][@extension = 'POCD_HD000040']]: Instance is expected to have the following element: %%2",
        pattern: 'SMDS_CDAClinicalDocument',
        kind: 'assert',
      },
    ],
  },

  // ───────────────────────────── CI-SIS_ModelesDeContenusCDA ─────────────────────────────
  {
    id: 'mc-cancer-problem-list-completed-without-high',
    title: 'FR-Liste-des-problemes-cancer completed without effectiveTime/high (IHE concern rule excludes 3.39.1)',
    source: PPS,
    search: /(<id root="015B3222-62B8-4A27-801F-A414B285D58B"\/>\s*<code nullFlavor="NA"\/>\s*<statusCode code=")active"/,
    replace: '$1completed"',
    layer: MC,
    rule: 'schematrons/include/entrees/E_listeDesProblemesCancer_fr.sch:56',
    expected: [
      {
        location: `${B}/component[3]/section/entry/act`,
        message:
          '[E_listeDesProblemesCancer_fr.sch] Erreur de conformité CI-SIS : l\'élément "effectiveTime" indique le début et la fin de l\'élément décrit. Son composant "high" est obligatoire si le statutCode est "completed" ou "aborted" et absent dans les autres cas.',
        pattern: 'CI-SIS FR-Liste-des-problemes-cancer',
        kind: 'assert',
      },
    ],
  },
  {
    id: 'mc-administrative-gender-code-system',
    title: 'administrativeGenderCode F in another code system (SM compares @code only, MC the code/codeSystem pair)',
    source: PPS,
    search: /(<administrativeGenderCode code="F" displayName="Féminin"\s*codeSystem=")2\.16\.840\.1\.113883\.5\.1"/,
    replace: '$12.16.840.1.113883.5.2"',
    layer: MC,
    rule: `${JDV}:51 via schematrons/include/jeuxDeValeurs/JDV_administrativeGenderCode.sch`,
    expected: [
      {
        location: '/ClinicalDocument/recordTarget/patientRole/patient/administrativeGenderCode',
        message: notInJdv('administrativeGenderCode', 'F', 'Féminin', '2.16.840.1.113883.5.2', '../../jeuxDeValeurs/JDV_J143_AdministrativeGender_CISIS.xml'),
        pattern: 'JDV_administrativeGenderCode',
        kind: 'assert',
      },
    ],
  },
  {
    id: 'mc-body-author-specialty',
    title: 'a section-level author specialty not in JDV_J01 (checked everywhere, not only in the header)',
    source: FRCP_APPAREIL,
    search: '<code code="G15_10/SM36" codeSystem="1.2.250.1.213.1.1.4.5" codeSystemName="RPPS"',
    replace: '<code code="G15_10/SM99" codeSystem="1.2.250.1.213.1.1.4.5" codeSystemName="RPPS"',
    layer: MC,
    rule: `${JDV}:51 via schematrons/include/jeuxDeValeurs/JDV_assignedAuthorCode.sch`,
    expected: [
      {
        location: `${B}/component[10]/section/author/assignedAuthor/code`,
        message: notInJdv(
          'author/assignedAuthor/code',
          'G15_10/SM99',
          'Médecin - Oncologie, opt médicale (SM)',
          '1.2.250.1.213.1.1.4.5',
          '../../jeuxDeValeurs/JDV_J01_XdsAuthorSpecialty_CISIS.xml',
        ),
        pattern: 'JDV_assignedAuthorCode',
        kind: 'assert',
      },
    ],
  },
  {
    id: 'mc-problem-code-not-in-jdv',
    title: 'the Problem Entry code 55607006 replaced by a code outside JDV_ProblemCodes',
    source: PPS,
    search: '<code code="55607006"',
    replace: '<code code="55607007"',
    layer: MC,
    rule: `${JDV}:51 via schematrons/include/jeuxDeValeurs/JDV_problemCodes.sch`,
    expected: [
      {
        location: `${B}/component[2]/section/entry[2]/observation/code`,
        message: notInJdv('entry/observation/code', '55607007', 'problème', '2.16.840.1.113883.6.96', '../../jeuxDeValeurs/JDV_ProblemCodes_CISIS.xml'),
        pattern: 'JDV_problemCodes',
        kind: 'assert',
      },
    ],
  },
  {
    id: 'mc-cancer-diagnosis-templates',
    title: 'FR-Diagnostic-du-cancer without its CI-SIS problem templateId 1.2.250.1.213.1.1.3.37 (long message: prefix)',
    source: PPS,
    search: /\s*<!-- Conformité CI-SIS Problème -->\s*<templateId root="1\.2\.250\.1\.213\.1\.1\.3\.37" \/>/,
    replace: '',
    layer: MC,
    rule: 'schematrons/include/entrees/E_diagnosticDuCancer_fr.sch:17',
    expected: [
      {
        location: `${B}/component[3]/section/entry/act/entryRelationship/observation`,
        messagePrefix:
          '[1] [E_diagnosticDuCancer_fr.sch] Erreur de conformité CI-SIS : L\'entrée "FR-Diagnostic-du-cancer" doit comporter les \'templateId\' suivants: - Un premier \'templateId\' dont l\'attribut @root="1.2.250.1.213.1.1.3.113"',
        pattern: "Vérification de la conformité de l'entrée FR-Diagnostic-du-cancer(1.2.250.1.213.1.1.3.113)",
        kind: 'assert',
      },
    ],
  },
  {
    id: 'mc-comment-without-ihe-template',
    title: 'a comment keeps 1.2.250.1.213.1.1.3.32 but loses the IHE templateId: the second rule of E_comments_fr fires',
    source: PPS,
    search: /<templateId root="1\.3\.6\.1\.4\.1\.19376\.1\.5\.3\.1\.4\.2"\/>(\s*<!--[^>]*-->\s*<templateId root="1\.2\.250\.1\.213\.1\.1\.3\.32"\/>\s*<code code="48767-8"[^>]*\/>\s*<text><reference value="#commentaire-pediatrie"\/>)/,
    replace: '$1',
    layer: MC,
    rule: 'schematrons/include/entrees/E_comments_fr.sch:23 (second rule of the pattern)',
    expected: [
      {
        location: `${B}/component[2]/section/entry/observation/entryRelationship/act`,
        message: "[E_comments_fr] Erreur de Conformité PCC: Le templateId (1.3.6.1.4.1.19376.1.5.3.1.4.2) de l'entrée Comments doit être déclaré.",
        pattern: 'IHE PCC Comments',
        kind: 'assert',
      },
    ],
  },

  // ───────────────────────────── CI-SIS_Modeles_ANS ─────────────────────────────
  {
    id: 'ans-status-section-without-id',
    title: 'the FR-Statut-du-document section loses its id',
    source: PPS,
    search: '<id root="5968087F-0D95-4157-968B-DCAEF790CA21"/>',
    replace: '',
    layer: ANS,
    rule: 'schematrons/include/sections/S_statutDoc_ANS.sch:40',
    expected: [
      {
        location: `${B}/component[8]/section`,
        message: '[S_statutDoc_ANS] Erreur de conformité CI-SIS : La section doit avoir un identifiant unique permettant de les identifier.',
        pattern: "Vérification de la conformité de la section FR-Statut-du-document (1.2.250.1.213.1.1.2.35) créée par l'ANS",
        kind: 'assert',
      },
    ],
  },
  {
    id: 'ans-status-section-code',
    title: "the FR-Statut-du-document section code is not 33557-0 (message keeps its stray ' .')",
    source: PPS,
    search: '<code code="33557-0"',
    replace: '<code code="33557-1"',
    layer: ANS,
    rule: 'schematrons/include/sections/S_statutDoc_ANS.sch:28',
    expected: [
      {
        location: `${B}/component[8]/section`,
        message: "[S_statutDoc_ANS] Erreur de conformité CI-SIS : Le code de cette section doit être '33557-0' .",
        pattern: "Vérification de la conformité de la section FR-Statut-du-document (1.2.250.1.213.1.1.2.35) créée par l'ANS",
        kind: 'assert',
      },
    ],
  },
  {
    id: 'ans-referenced-documents-without-text',
    title: 'the FR-Documents-references section loses its narrative text',
    source: PPS,
    search: /(<title>DOCUMENTS RÉFÉRENCÉS<\/title>)\s*<text>[\s\S]*?<\/text>/,
    replace: '$1',
    layer: ANS,
    rule: 'schematrons/include/sections/S_documentsReferences_ANS.sch:27',
    expected: [
      {
        location: `${B}/component[9]/section`,
        message: '[S_documentsReferences_ANS.sch] Erreur de conformité CI-SIS : La section Références externes doit contenir un élément text.',
        pattern: "Vérification de la conformité de la section FR-Documents-references (1.2.250.1.213.1.1.2.55) créée par l'ANS",
        kind: 'assert',
      },
    ],
  },
  {
    id: 'ans-referenced-documents-code-system',
    title: 'the FR-Documents-references section code is not LOINC',
    source: PPS,
    search: /(<code code="55107-7" displayName="Documents référencés"\s*codeSystem=")2\.16\.840\.1\.113883\.6\.1"/,
    replace: '$12.16.840.1.113883.6.96"',
    layer: ANS,
    rule: 'schematrons/include/sections/S_documentsReferences_ANS.sch:35',
    expected: [
      {
        location: `${B}/component[9]/section`,
        message: '[S_documentsReferences_ANS.sch] Erreur de conformité CI-SIS : Le code de la section doit être un code LOINC system (2.16.840.1.113883.6.1).',
        pattern: "Vérification de la conformité de la section FR-Documents-references (1.2.250.1.213.1.1.2.55) créée par l'ANS",
        kind: 'assert',
      },
    ],
  },
  {
    id: 'ans-rcp-organizer-status',
    title: 'the FR-Statut-du-dossier organizer is active: two ANS patterns share its context',
    source: FRCP_APPAREIL,
    search: /(<code code="GEN-099"[^>]*\/>\s*<statusCode code=")completed"/,
    replace: '$1active"',
    layer: ANS,
    rule: 'schematrons/include/entrees/E_organizerRCP_ANS.sch:23 and E_statutDuDossier_ANS.sch:32',
    expected: [
      {
        location: `${B}/component[14]/section/entry/organizer`,
        message:
          "[E_organizerRCP_ANS.sch] Erreur de conformité CI-SIS : Dans l'entrée FR-Statut-du-dossier-presente-en-RCP, le statusCode doit présent et fixé à la valeur @code='completed'",
        pattern: "Vérification de la conformité de l'entrée FR-Statut-du-dossier-presente-en-RCP (1.2.250.1.213.1.1.3.7) créée par l'ANS",
        kind: 'assert',
      },
      {
        location: `${B}/component[14]/section/entry/organizer`,
        message: '[E_statutDuDossier_ANS] Erreur de conformité CI-SIS: L\'élément "statusCode" sera présent et prendra la valeur "completed"',
        pattern: 'CI-SIS Statut du dossier',
        kind: 'assert',
      },
    ],
  },
  {
    id: 'ans-rcp-quorum-without-value',
    title: 'the Quorum RCP observation loses its value (the volet JDV binding then has no node to check)',
    source: FRCP_APPAREIL,
    search: /\s*<value xsi:type="CD" code="ORG-126"[^>]*\/>/,
    replace: '',
    layer: ANS,
    rule: 'schematrons/include/entrees/E_statutDuDossier_ANS.sch:55 (second rule of the pattern)',
    expected: [
      {
        location: `${B}/component[14]/section/entry/organizer/component[2]/observation`,
        message: '[E_statutDuDossier_ANS] Erreur de conformité CI-SIS: L\'élément "value" doit être présent.',
        pattern: 'CI-SIS Statut du dossier',
        kind: 'assert',
      },
    ],
  },

  // ───────────────────────────── terminologie ─────────────────────────────
  {
    id: 'term-ucum-unknown-unit',
    title: 'a PQ value whose unit is not in UCUM',
    source: PPS,
    search: /<value xsi:type="CD">\s*<originalText><reference value="#autre-classification-11"\/><\/originalText>\s*<\/value>/,
    replace: '<value xsi:type="PQ" value="2" unit="cigarettes"/>',
    layer: TERM,
    rule: `${TERM_FILE}:44 (rule //hl7:value[@xsi:type='PQ'], abstract is-code-ucum-exist)`,
    expected: [
      {
        location: `${B}/component[3]/section/entry/act/entryRelationship/observation/entryRelationship[2]/observation/value`,
        message: 'Code : "cigarettes" (Avant transformation : "cigarettes") Ce code n\'est pas dans UCUM',
        pattern: TERM_PATTERN,
        kind: 'assert',
      },
    ],
  },
  {
    id: 'term-ucum-annotation-stripped',
    title: "a UCUM annotation {..} is stripped before the lookup; the message labels the stripped unit 'Avant transformation'",
    source: PPS,
    search: /<value xsi:type="CD">\s*<originalText><reference value="#autre-classification-11"\/><\/originalText>\s*<\/value>/,
    replace: '<value xsi:type="PQ" value="2" unit="paquets{tabac}"/>',
    layer: TERM,
    rule: `${TERM_FILE}:42-44 (let theUnitTransform = replace(@unit, '\\{.[a-z]*.\\}', ''))`,
    expected: [
      {
        location: `${B}/component[3]/section/entry/act/entryRelationship/observation/entryRelationship[2]/observation/value`,
        message: 'Code : "paquets{tabac}" (Avant transformation : "paquets") Ce code n\'est pas dans UCUM',
        pattern: TERM_PATTERN,
        kind: 'assert',
      },
    ],
  },
  {
    id: 'term-cim10-unknown-code',
    title: 'a CIM-10 code (2.16.840.1.113883.6.3, file present in the kit) that does not exist',
    source: FRCP_APPAREIL,
    search: '<code code="C50.2" displayName="Tumeur maligne du quadrant supéro-interne du sein" codeSystem="2.16.840.1.113883.6.3"',
    replace: '<code code="C50.29" displayName="Tumeur maligne du quadrant supéro-interne du sein" codeSystem="2.16.840.1.113883.6.3"',
    layer: TERM,
    rule: `${TERM_FILE}:30 (rule //hl7:code, abstract is-code-exist)`,
    expected: [
      {
        location: '/ClinicalDocument/documentationOf[2]/serviceEvent/code',
        message:
          'CodeSystem : "2.16.840.1.113883.6.3" CodeSystemName : "CIM-10" Code : "C50.29" DisplayName : Tumeur maligne du quadrant supéro-interne du sein Ce code n\'est pas retrouvé dans la terminologie',
        pattern: TERM_PATTERN,
        kind: 'assert',
      },
    ],
  },
  {
    id: 'term-edqm-unknown-code',
    title: 'an EDQM value (xsi:type CD) with a code the EDQM file does not hold',
    source: PPS,
    search: '<value xsi:type="CD" code="20062000"',
    replace: '<value xsi:type="CD" code="20062999"',
    layer: TERM,
    rule: `${TERM_FILE}:30 (rule //hl7:value[@xsi:type='CD' or @xsi:type='CE'])`,
    expected: [
      {
        location: `${B}/component[6]/section/entry[4]/procedure/entryRelationship[3]/observation/value`,
        message:
          'CodeSystem : "0.4.0.127.0.16.1.1.2.1" CodeSystemName : "EDQM" Code : "20062999" DisplayName : Autre(s) Ce code n\'est pas retrouvé dans la terminologie',
        pattern: TERM_PATTERN,
        kind: 'assert',
      },
    ],
  },
  {
    id: 'term-value-moved-to-cim10',
    title: 'a TA_ASIP value declared as CIM-10: the code is looked up in the CIM-10 file',
    source: PPS,
    search: /(<value xsi:type="CD" code="MED-244" displayName="Rechute du cancer"\s*codeSystem=")1\.2\.250\.1\.213\.1\.1\.4\.322"/,
    replace: '$12.16.840.1.113883.6.3"',
    layer: TERM,
    rule: `${TERM_FILE}:30 (rule //hl7:value[@xsi:type='CD' or @xsi:type='CE'])`,
    expected: [
      {
        location: `${B}/component[5]/section/entry/observation/value`,
        message:
          'CodeSystem : "2.16.840.1.113883.6.3" CodeSystemName : "TA_ASIP" Code : "MED-244" DisplayName : Rechute du cancer Ce code n\'est pas retrouvé dans la terminologie',
        pattern: TERM_PATTERN,
        kind: 'assert',
      },
    ],
  },

  // ───────────────────────────── CI-SIS_CANCER-PPS_2022.01 ─────────────────────────────
  {
    id: 'pps-treatment-type-not-in-jdv',
    title: 'V3: the radiotherapy qualifier C15313 replaced by C547 (FRCP-only hormonotherapy)',
    source: PPS,
    search: '<value code="C15313"',
    replace: '<value code="C547"',
    layer: VOL_PPS,
    rule: `${JDV}:51 via schematrons/include/jeuxDeValeurs/CANCER-PPS_2022.01/JDV_TypeTraitementPPS-CISIS.sch`,
    expected: [
      {
        location: `${B}/component[6]/section/entry/procedure/code/qualifier/value`,
        message: notInJdv('procedure/code/qualifier/value', 'C547', 'Radiothérapie', '2.16.840.1.113883.3.26.1.1', '../jeuxDeValeurs/JDV_TypeTraitementPPS_CISIS.xml'),
        pattern: 'JDV_TypeTraitementPPS-CISIS',
        kind: 'assert',
      },
    ],
  },
  {
    id: 'pps-treatment-type-not-in-jdv-autopresentable',
    title: 'V3 in the autoprésentable example (prefixed location)',
    source: PPS_AUTO,
    search: '<c:value code="C15313"',
    replace: '<c:value code="C547"',
    layer: VOL_PPS,
    rule: `${JDV}:51 via schematrons/include/jeuxDeValeurs/CANCER-PPS_2022.01/JDV_TypeTraitementPPS-CISIS.sch`,
    expected: [
      {
        location: `${AUTO_B}/c:component[6]/c:section/c:entry/c:procedure/c:code/c:qualifier/c:value`,
        message: notInJdv('procedure/code/qualifier/value', 'C547', 'Radiothérapie', '2.16.840.1.113883.3.26.1.1', '../jeuxDeValeurs/JDV_TypeTraitementPPS_CISIS.xml'),
        pattern: 'JDV_TypeTraitementPPS-CISIS',
        kind: 'assert',
      },
    ],
  },
  {
    id: 'pps-side-effects-null-flavor',
    title: 'a nullFlavor on the MED-569 qualifier value, where the binding forbids it (code kept)',
    source: PPS,
    search: '<value code="C20427"',
    replace: '<value nullFlavor="OTH" code="C20427"',
    layer: VOL_PPS,
    rule: `${JDV}:27 via JDV_GestionEffetsSecondaires-CISIS.sch (nullFlavor 0)`,
    expected: [
      {
        location: `${B}/component[6]/section/entry[5]/procedure/code/qualifier/value`,
        message: '[dansJeuDeValeurs] L\'élément "procedure/code/qualifier/value" ne doit pas comporter d\'attribut nullFlavor.',
        pattern: 'JDV_GestionEffetsSecondaires-CISIS',
        kind: 'assert',
      },
    ],
  },
  {
    id: 'pps-follow-up-without-code',
    title: 'the MED-571 qualifier value loses @code: the presence and membership asserts both fail (empty value-of)',
    source: PPS,
    search: '<value code="11429006" displayName="consultation"',
    replace: '<value displayName="consultation"',
    layer: VOL_PPS,
    rule: `${JDV}:31 and :51 via JDV_TypeDeSuivi-CISIS.sch`,
    expected: [
      {
        location: `${B}/component[6]/section/entry[8]/procedure/code/qualifier/value`,
        message:
          '[dansJeuDeValeurs] L\'élément "procedure/code/qualifier/value" doit avoir ses attributs @code, @codeSystem renseignés, ou si le nullFlavor est autorisé, une valeur admise pour cet attribut, ou un xsi:type différent de CD ou CE.',
        pattern: 'JDV_TypeDeSuivi-CISIS',
        kind: 'assert',
      },
      {
        location: `${B}/component[6]/section/entry[8]/procedure/code/qualifier/value`,
        message: notInJdv('procedure/code/qualifier/value', '', 'consultation', '2.16.840.1.113883.6.96', '../jeuxDeValeurs/JDV_TypeDeSuivi_CISIS.xml'),
        pattern: 'JDV_TypeDeSuivi-CISIS',
        kind: 'assert',
      },
    ],
  },
  {
    id: 'pps-update-reason-not-in-jdv',
    title: 'the GEN-037 update reason is not in JDV_MotifMiseAJour',
    source: PPS,
    search: '<value xsi:type="CD" code="MED-560"',
    replace: '<value xsi:type="CD" code="MED-559"',
    layer: VOL_PPS,
    rule: `${JDV}:51 via JDV_MotifMiseAJour-CISIS.sch`,
    expected: [
      {
        location: `${B}/component[8]/section/entry[2]/observation/value`,
        message: notInJdv(
          'observation/value',
          'MED-559',
          'Réajustement du programme thérapeutique et de suivi',
          '1.2.250.1.213.1.1.4.322',
          '../jeuxDeValeurs/JDV_MotifMiseAJour_CISIS.xml',
        ),
        pattern: 'JDV_MotifMiseAJour-CISIS',
        kind: 'assert',
      },
    ],
  },
  {
    id: 'pps-document-template-id',
    title: 'the PPS document templateId 1.2.250.1.213.1.1.1.26 replaced (volet given explicitly)',
    source: PPS,
    search: '<templateId root="1.2.250.1.213.1.1.1.26" extension="2022.01"/>',
    replace: '<templateId root="1.2.250.1.213.1.1.1.99" extension="2022.01"/>',
    volet: 'pps',
    layer: VOL_PPS,
    rule: 'schematrons/include/specificationsVolets/CANCER-PPS_2022.01/Entete/Entete_Cancer-PPS.sch:16',
    expected: [
      {
        location: '/ClinicalDocument',
        message: '[Entete_Cancer-PPS] Le templateId "1.2.250.1.213.1.1.1.26" doit être présent.',
        pattern: 'Entete_Cancer-PPS',
        kind: 'assert',
      },
    ],
  },

  // ───────────────────────────── CI-SIS_CANCER-FRCP_2022.01 ─────────────────────────────
  {
    id: 'frcp-required-section-rcp-status',
    title: 'required section FR-Statut-dossier-RCP: its templateId 1.2.250.1.213.1.1.2.33 replaced',
    source: FRCP_APPAREIL,
    search: '<templateId root="1.2.250.1.213.1.1.2.33" />',
    replace: '<templateId root="1.2.250.1.213.1.1.2.99" />',
    layer: VOL_FRCP,
    rule: 'schematrons/CI-SIS_CANCER-FRCP_2022.01.sch:118 (pattern variables)',
    expected: [
      {
        location: '/ClinicalDocument',
        message: '[CI-SIS_CANCER-FRCP_2022.01] : Erreur de conformité : La section FR-Statut-dossier-RCP doit être présente dans le document.',
        pattern: 'variables',
        kind: 'assert',
      },
    ],
  },
  {
    id: 'frcp-required-section-progress-note',
    title: 'required section FR-Note-de-progression: its templateId 1.2.250.1.213.1.1.2.25 removed',
    source: FRCP_TRANSVERSALE,
    search: /\s*<templateId root="1\.2\.250\.1\.213\.1\.1\.2\.25"\s*\/>/,
    replace: '',
    layer: VOL_FRCP,
    rule: 'schematrons/CI-SIS_CANCER-FRCP_2022.01.sch:106 (pattern variables)',
    expected: [
      {
        location: '/ClinicalDocument',
        message: '[CI-SIS_CANCER-FRCP_2022.01] : Erreur de conformité : La section FR-Note-de-progression doit être présente dans le document.',
        pattern: 'variables',
        kind: 'assert',
      },
    ],
  },
  {
    id: 'frcp-tnm-t-missing',
    title: "the TNM 'T' observation no longer coded 21905-5",
    source: FRCP_APPAREIL,
    search: '<code code="21905-5"',
    replace: '<code code="21905-0"',
    layer: VOL_FRCP,
    rule: 'schematrons/include/specificationsVolets/CANCER-FRCP_2022.01/Sections/S_cancerDiagnosis_FRCP.sch:29',
    expected: [
      {
        location: `${B}/component[3]/section`,
        message: "[S_cancerDiagnosis_FRCP] Erreur de conformité au document FRCP : La classification 'T' de la tumeur est obligatoire.",
        pattern: 'IHE PCC v3.0 FRCP Cancer Diagnosis Section',
        kind: 'assert',
      },
    ],
  },
  {
    id: 'frcp-encounter-ids',
    title: 'componentOf keeps only the RRC and RCP manager ids (count(id) > 2 required)',
    source: FRCP_APPAREIL,
    search: /\s*<!-- \[1\.\.1\] Identifiant national de la RCP -->[\s\S]*?<id root="1\.2\.3\.4\.567\.8\.9\.10" extension="54678" \/>/,
    replace: '',
    layer: VOL_FRCP,
    rule: 'schematrons/include/specificationsVolets/CANCER-FRCP_2022.01/Entete/Entete_FRCP.sch:25',
    expected: [
      {
        location: '/ClinicalDocument/componentOf',
        message: "[Entete_FRCP] L'élément componentOf doit au minimum comporter les identiants du RRC, du gestionnaire et de la RCP.",
        pattern: 'Entete_FRCP',
        kind: 'assert',
      },
    ],
  },
  {
    id: 'frcp-service-event-without-code',
    title: 'the main documentationOf serviceEvent loses its code',
    source: FRCP_APPAREIL,
    search: /\s*<!-- Code de l'acte = RCP -->\s*<code code="39"[^>]*>[\s\S]*?<\/code>/,
    replace: '',
    layer: VOL_FRCP,
    rule: 'schematrons/include/specificationsVolets/CANCER-FRCP_2022.01/Entete/Entete_FRCP.sch:20',
    expected: [
      {
        location: '/ClinicalDocument/documentationOf',
        message: "[Entete_FRCP] Le code de l'élément documentationOf est obligatoire.",
        pattern: 'Entete_FRCP',
        kind: 'assert',
      },
    ],
  },
  {
    id: 'frcp-quorum-not-in-jdv',
    title: 'the Quorum value is not in JDV_StatutQuorum; vue_elt is an unquoted path, so the message names no element',
    source: FRCP_APPAREIL,
    search: '<value xsi:type="CD" code="ORG-126"',
    replace: '<value xsi:type="CD" code="ORG-999"',
    layer: VOL_FRCP,
    rule: `${JDV}:51 via schematrons/include/jeuxDeValeurs/CANCER-FRCP_2022.01/JDV_StatutQuorum-CISIS.sch (value-of select="ClinicalDocument/…" is evaluated as a relative path: empty)`,
    expected: [
      {
        location: `${B}/component[14]/section/entry/organizer/component[2]/observation/value`,
        message: notInJdv('', 'ORG-999', 'Quorum atteint', '1.2.250.1.213.1.1.4.322', '../jeuxDeValeurs/JDV_StatutQuorum_CISIS.xml'),
        pattern: 'JDV_StatutQuorum-CISIS',
        kind: 'assert',
      },
    ],
  },
  {
    id: 'frcp-morphology-not-in-jdv',
    title: 'the tumour morphology 8000/4 is not in JDV_Morphologie (vue_elt is a path with predicates: empty)',
    source: FRCP_APPAREIL,
    search: '<value xsi:type="CD" code="8000/3"',
    replace: '<value xsi:type="CD" code="8000/4"',
    layer: VOL_FRCP,
    rule: `${JDV}:51 via schematrons/include/jeuxDeValeurs/CANCER-FRCP_2022.01/JDV_Morphologie-CISIS.sch`,
    expected: [
      {
        location: `${B}/component[3]/section/entry/act/entryRelationship/observation/value`,
        message: notInJdv('', '8000/4', 'Tumeur maligne, SAI', '2.16.840.1.113883.6.43.1', '../jeuxDeValeurs/JDV_Morphologie_CISIS.xml'),
        pattern: 'JDV_Morphologie-CISIS',
        kind: 'assert',
      },
    ],
  },

  // ───────────────────────────── gaps the kit does not check: nothing may change ─────────────────────────────
  {
    id: 'none-timestamp-without-offset',
    title: 'V6: a document timestamp with hours and no time zone passes every layer',
    source: PPS,
    search: '<effectiveTime value="20210113121700+0100"/>',
    replace: '<effectiveTime value="202101131217"/>',
    layer: undefined,
    rule: 'DTr1_TS.sch:33 (no offset needed); abstract/IVL_TS.sch is not active in the PPS phase',
    expected: [],
  },
  {
    id: 'none-first-rule-wins',
    title: 'a nested RCP organizer carrying 3.7 and 3.48: the first rule of E_statutDuDossier_ANS claims it, the second (simple observation) must not fire',
    source: FRCP_APPAREIL,
    search: /(\s*<!-- Commentaire sur le dossier -->)/,
    replace:
      '<component><organizer classCode="CLUSTER" moodCode="EVN"><templateId root="1.2.250.1.213.1.1.3.7"/><templateId root="1.2.250.1.213.1.1.3.48"/>' +
      '<code code="GEN-099" displayName="Information RCP" codeSystem="1.2.250.1.213.1.1.4.322" codeSystemName="TA_ASIP"/><statusCode code="completed"/>' +
      '<component><observation classCode="OBS" moodCode="EVN"><templateId root="1.3.6.1.4.1.19376.1.5.3.1.4.13"/><templateId root="1.2.250.1.213.1.1.3.48"/>' +
      '<id root="79404234-CE6B-43E1-8DED-49B94C332ACE"/><code code="GEN-100" displayName="Dossier complet" codeSystem="1.2.250.1.213.1.1.4.322" codeSystemName="TA_ASIP"/>' +
      '<text><reference value="#dossier-complet"/></text><statusCode code="completed"/><effectiveTime nullFlavor="NA"/><value xsi:type="BL" value="true"/>' +
      '</observation></component></organizer></component>$1',
    layer: undefined,
    rule: 'schematrons/include/entrees/E_statutDuDossier_ANS.sch:16 and :37 (ISO skeleton: a node is handled by the first matching rule of a pattern)',
    expected: [],
  },
];
