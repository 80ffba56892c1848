// Vendored, dated copies of the DMP-restricted value sets and of the two CI-SIS maps the XDS
// metadata are derived with. The ANS TestContenuCDA kit does not carry them (only the CI-SIS
// JDV used inside the CDA); the contents come from the ANS terminology IG
// (https://ansforge.github.io/IG-terminologie-de-sante, ValueSet/ConceptMap pages) as quoted
// in dmp-mes.md §0, §1.1, §1.6, §1.7, §2.2 and §3.3. A `partial` list holds only the concepts a
// PPS / Fiche RCP submission uses; a code outside it is refused by both the connector and the
// simulator, which is what we want until a wider need appears.
import type { CodeList, Concept } from './types.js';

/** OID of TRE_A07-StatutVisibiliteDocument, the scheme of the DMP visibility flags. */
export const VISIBILITY_CODE_SYSTEM = '1.2.250.1.213.1.1.4.13';
/** OID of HL7 Confidentiality (N/R/V), the scheme of the CDA confidentialityCode. */
export const HL7_CONFIDENTIALITY_CODE_SYSTEM = '2.16.840.1.113883.5.25';
/** OID of TRE_A03-ClasseDocument (classCode). */
export const CLASS_CODE_SYSTEM = '1.2.250.1.213.1.1.4.1';
/** OID of TRE_A06-FormatCodeComplementaire (formatCode). */
export const FORMAT_CODE_SYSTEM = '1.2.250.1.213.1.1.4.2.282';
/** OID of TRE_R209-TypeActivite (SubmissionSet contentTypeCode). */
export const CONTENT_TYPE_CODE_SYSTEM = '1.2.250.1.213.2.2';
/** OID of TRE_R02-SecteurActivite (healthcareFacilityTypeCode, VIHF Secteur_Activite). */
export const SECTEUR_ACTIVITE_CODE_SYSTEM = '1.2.250.1.71.4.2.4';

/** JDV_J57-ClassCode-DMP: the classCodes the DMP accepts (TRE_A03 + the signature class). */
export const JDV_J57_ClassCode_DMP: CodeList = {
  name: 'JDV_J57-ClassCode-DMP',
  oid: '1.2.250.1.213.1.1.5.6',
  source: 'https://mos.esante.gouv.fr/NOS/JDV_J57-ClassCode-DMP (ANS terminology IG ValueSet JDV-J57-ClassCode-DMP)',
  revisionDate: '2023-09-22',
  concepts: [
    { code: '10', codeSystem: CLASS_CODE_SYSTEM, displayName: 'Compte rendu' },
    { code: '11', codeSystem: CLASS_CODE_SYSTEM, displayName: 'Synthèse' },
    { code: '31', codeSystem: CLASS_CODE_SYSTEM, displayName: 'Imagerie médicale' },
    { code: '42', codeSystem: CLASS_CODE_SYSTEM, displayName: 'Prescription' },
    { code: '43', codeSystem: CLASS_CODE_SYSTEM, displayName: 'Dispensation' },
    { code: '44', codeSystem: CLASS_CODE_SYSTEM, displayName: 'Plan de soins, protocole de soins' },
    { code: '45', codeSystem: CLASS_CODE_SYSTEM, displayName: 'Traitement administré' },
    { code: '52', codeSystem: CLASS_CODE_SYSTEM, displayName: 'Certificat, déclaration' },
    { code: '60', codeSystem: CLASS_CODE_SYSTEM, displayName: 'Données de remboursement' },
    { code: '90', codeSystem: CLASS_CODE_SYSTEM, displayName: 'Autres documents déposés par le patient' },
    { code: '95', codeSystem: CLASS_CODE_SYSTEM, displayName: 'Document de gestion' },
    // In the XDS metadata the signature class is written with codingScheme 'URN' (§1.7).
    { code: 'urn:oid:1.3.6.1.4.1.19376.1.2.1.1.1', codeSystem: 'URN', displayName: 'Digital Signature' },
  ],
};

/** TRE_A07-StatutVisibiliteDocument: the DMP visibility flags (as listed in JDV_J08 / J58). */
export const TRE_A07_StatutVisibiliteDocument: CodeList = {
  name: 'TRE_A07-StatutVisibiliteDocument',
  oid: VISIBILITY_CODE_SYSTEM,
  source: 'ANS kit jeuxDeValeurs/JDV_J08_XdsConfidentialityCode_CISIS.xml (the three TRE_A07 concepts)',
  revisionDate: '2020-04-24',
  concepts: [
    { code: 'INVISIBLE_PATIENT', codeSystem: VISIBILITY_CODE_SYSTEM, displayName: 'Non visible par le patient' },
    { code: 'INVISIBLE_REPRESENTANTS_LEGAUX', codeSystem: VISIBILITY_CODE_SYSTEM, displayName: 'Non visible par les représentants légaux du patient' },
    { code: 'MASQUE_PS', codeSystem: VISIBILITY_CODE_SYSTEM, displayName: 'Masqué aux professionnels de santé' },
  ],
};

const CONFIDENTIALITY_CONCEPTS: readonly Concept[] = [
  { code: 'N', codeSystem: HL7_CONFIDENTIALITY_CODE_SYSTEM, displayName: 'Normal' },
  { code: 'R', codeSystem: HL7_CONFIDENTIALITY_CODE_SYSTEM, displayName: 'Restreint' },
  { code: 'V', codeSystem: HL7_CONFIDENTIALITY_CODE_SYSTEM, displayName: 'Très restreint' },
  ...TRE_A07_StatutVisibiliteDocument.concepts,
];

/**
 * JDV_J08-XdsConfidentialityCode-CISIS, copied from the ANS kit file (not among the value sets
 * @dcc-kit/cda generates, which covers only what the CDA body/header binds).
 */
export const JDV_J08_XdsConfidentialityCode_CISIS: CodeList = {
  name: 'JDV_J08-XdsConfidentialityCode-CISIS',
  oid: '1.2.250.1.213.1.1.5.463',
  source: 'ANS kit jeuxDeValeurs/JDV_J08_XdsConfidentialityCode_CISIS.xml',
  revisionDate: '2020-04-24',
  concepts: CONFIDENTIALITY_CONCEPTS,
};

/** JDV_J58-ConfidentialityCode-DMP: the same content as J08 (dmp-mes.md §1.1 [R]). */
export const JDV_J58_ConfidentialityCode_DMP: CodeList = {
  name: 'JDV_J58-ConfidentialityCode-DMP',
  oid: '1.2.250.1.213.1.1.5.9',
  source: 'https://mos.esante.gouv.fr/NOS/JDV_J58-ConfidentialityCode-DMP (same concepts as JDV_J08, dmp-mes.md §1.1)',
  revisionDate: '2020-04-24',
  concepts: CONFIDENTIALITY_CONCEPTS,
};

/** JDV_J60-FormatCode-DMP, the formatCodes of a PPS / FRCP submission (and its signature). */
export const JDV_J60_FormatCode_DMP: CodeList = {
  name: 'JDV_J60-FormatCode-DMP',
  source: 'https://mos.esante.gouv.fr/NOS/JDV_J60-FormatCode-DMP (TRE_A06 labels); signature format from the CNAM kit and ANS DRIMbox (dmp-mes.md §1.7)',
  revisionDate: '2023-12-15',
  partial: true,
  concepts: [
    { code: 'urn:asip:ci-sis:pps-cancer:2017', codeSystem: FORMAT_CODE_SYSTEM, displayName: 'Programme Personnalisé de Soins - Cancer' },
    { code: 'urn:asip:ci-sis:frcp:2011', codeSystem: FORMAT_CODE_SYSTEM, displayName: 'Fiche de réunion de concertation pluridisciplinaire' },
    { code: 'http://www.w3.org/2000/09/xmldsig#', codeSystem: 'URN', displayName: 'Default Signature Style' },
  ],
};

/** JDV_J59-ContentTypeCode-DMP (TRE_R209-TypeActivite), the activity types of a submission. */
export const JDV_J59_ContentTypeCode_DMP: CodeList = {
  name: 'JDV_J59-ContentTypeCode-DMP',
  source: 'https://mos.esante.gouv.fr/NOS/JDV_J59-ContentTypeCode-DMP; codes of the HL7v2 volet PV1-2 mapping (dmp-mes.md §1.6)',
  revisionDate: '2023-09-22',
  partial: true,
  concepts: [
    { code: '03', codeSystem: CONTENT_TYPE_CODE_SYSTEM, displayName: 'Hospitalisation complète' },
    { code: '04', codeSystem: CONTENT_TYPE_CODE_SYSTEM, displayName: 'Hospitalisation de jour' },
    { code: '07', codeSystem: CONTENT_TYPE_CODE_SYSTEM, displayName: 'Consultation, soins externes' },
    { code: '19', codeSystem: CONTENT_TYPE_CODE_SYSTEM, displayName: 'Traitements et cures ambulatoires' },
    { code: '97', codeSystem: CONTENT_TYPE_CODE_SYSTEM, displayName: 'Autre' },
  ],
};

/** JDV_J03-XdsContentTypeCode-CISIS: for a PPS / FRCP the same activity types as J59. */
export const JDV_J03_XdsContentTypeCode_CISIS: CodeList = { ...JDV_J59_ContentTypeCode_DMP, name: 'JDV_J03-XdsContentTypeCode-CISIS', source: 'https://mos.esante.gouv.fr/NOS/JDV_J03-XdsContentTypeCode-CISIS (subset shared with J59)' };

/** The contentTypeCode used when the caller gives none: 07 consultation / soins externes [I]. */
export const DEFAULT_CONTENT_TYPE_CODE = { code: '07', codingScheme: CONTENT_TYPE_CODE_SYSTEM, displayName: 'Consultation, soins externes' } as const;

/** JDV_J65-SubjectRole-DMP: the code systems of the VIHF role (profession, savoir-faire, non-PS). */
export const JDV_J65_SubjectRole_DMP = {
  name: 'JDV_J65-SubjectRole-DMP',
  oid: '1.2.250.1.213.1.1.5.5',
  source: 'dmp-mes.md §3.3 (ANS HL7v2 volet VIHF table, DRIMbox VIHF.java)',
  revisionDate: '2023-09-22',
  codeSystems: {
    profession: '1.2.250.1.71.1.2.7', // TRE_G15-ProfessionSante, e.g. 10 Médecin
    savoirFaire: '1.2.250.1.71.4.2.5', // TRE_R01-EnsembleSavoirFaire-CISIS, e.g. SM36
    nonPs: '1.2.250.1.213.1.1.4.6', // TRE_A00-ProducteurDocNonPS, e.g. AUTOMATE
  },
} as const;

/** Whether a VIHF role (code, codeSystem) is drawn from one of the J65 code systems. */
export function isSubjectRole(code: string, codeSystem: string): boolean {
  return code.trim() !== '' && Object.values(JDV_J65_SubjectRole_DMP.codeSystems).includes(codeSystem as never);
}

/**
 * JDV_J61 format of the VIHF Secteur_Activite: `<code>^<OID>` with a TRE_R02 code (the CDA
 * healthcareFacilityTypeCode, as DRIMbox does).
 */
export function secteurActivite(code: string, codeSystem: string = SECTEUR_ACTIVITE_CODE_SYSTEM): string {
  return `${code}^${codeSystem}`;
}

/** Reads `<code>^<OID>` (J61 format); undefined when the text does not have that form. */
export function parseSecteurActivite(value: string): { code: string; codeSystem: string } | undefined {
  const match = /^([A-Za-z0-9_]+)\^([0-2](?:\.(?:0|[1-9][0-9]*))+)$/.exec(value);
  return match ? { code: match[1]!, codeSystem: match[2]! } : undefined;
}

/**
 * ASS_X04-CorrespondanceType-Classe-CISIS: typeCode (LOINC) → classCode (TRE_A03), for the
 * volets this connector publishes.
 */
export const ASS_X04_TypeToClass = {
  name: 'ASS_X04-CorrespondanceType-Classe-CISIS',
  source: 'https://ansforge.github.io/IG-terminologie-de-sante/ig/main/ConceptMap-ASS-X04-CorrespondanceType-Classe-CISIS.html (entries quoted in dmp-mes.md §0)',
  revisionDate: '2023-09-22',
  partial: true,
  map: {
    '18776-5': '44', // Plan personnalisé de soins → Plan de soins, protocole de soins
    '34794-8': '10', // CR de réunion de concertation pluridisciplinaire → Compte rendu
  } as Readonly<Record<string, string>>,
} as const;

/**
 * ASS_A11-CorresModeleCDA-XdsFormatCode-CISIS: CDA volet templateId (root) → formatCode.
 * The formatCode years are not the volet version (dmp-mes.md §0).
 */
export const ASS_A11_TemplateToFormat = {
  name: 'ASS_A11-CorresModeleCDA-XdsFormatCode-CISIS',
  source: 'ansforge/IG-terminologie-de-sante input/ontoserver/JDV/ASS_A11-CorresModeleCDA-XdsFormatCode-CISIS.json',
  revisionDate: '2023-12-15',
  partial: true,
  map: {
    '1.2.250.1.213.1.1.1.26': 'urn:asip:ci-sis:pps-cancer:2017',
    '1.2.250.1.213.1.1.1.8': 'urn:asip:ci-sis:frcp:2011',
  } as Readonly<Record<string, string>>,
} as const;

/** JDV_J231-XdsTypesIdentifiantsReferenceId-DMP, copied from the ANS kit file. */
export const JDV_J231_XdsTypesIdentifiantsReferenceId_DMP: CodeList = {
  name: 'JDV_J231-XdsTypesIdentifiantsReferenceId-DMP',
  oid: '1.2.250.1.213.1.1.5.693',
  source: 'ANS kit jeuxDeValeurs/JDV_J231_XdsTypesIdentifiantsReferenceId_DMP.xml',
  revisionDate: '2022-12-16',
  concepts: [
    { code: 'urn:ihe:iti:xds:2013:accession', codeSystem: '1.2.250.1.213.1.1.4.347', displayName: 'accession' },
    { code: 'urn:ihe:iti:xds:2013:order', codeSystem: '1.2.250.1.213.1.1.4.347', displayName: 'order' },
    { code: 'urn:ihe:iti:xds:2016:studyInstanceUID', codeSystem: '1.2.250.1.213.1.1.4.347', displayName: 'studyInstanceUID' },
  ],
};

/** JDV_J52-AvailabilityStatus-CISIS: the statuses of a DMP entry. */
export const AVAILABILITY_STATUS = {
  approved: 'urn:oasis:names:tc:ebxml-regrep:StatusType:Approved',
  deprecated: 'urn:oasis:names:tc:ebxml-regrep:StatusType:Deprecated',
  archived: 'urn:asip:ci-sis:2010:StatusType:Archived',
  deleted: 'urn:asip:ci-sis:2010:StatusType:Deleted',
} as const;
