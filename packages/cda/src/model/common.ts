// Shared building blocks of the PPS and FRCP build input (pps-cda.md / frcp-cda.md §6.1).
// Each TypeBox schema is at once the TypeScript type (Static<>), the runtime structure
// check (with field paths) and the published JSON Schema, so the three cannot drift.
import { Type, type Static, type TSchema, type ObjectOptions } from '@sinclair/typebox';
import type { ValueSet } from '../value-set.js';
import { DIRECTORY_KEYWORD, VALUE_SET_KEYWORD } from '../metadata.js';
import {
  JDV_J01_XdsAuthorSpecialty_CISIS,
  JDV_J02_XdsHealthcareFacilityTypeCode_CISIS,
  JDV_J04_XdsPracticeSettingCode_CISIS,
  JDV_J11_RelationPatient_CISIS,
  JDV_J142_TypeRencontre_CISIS,
  JDV_J47_FunctionCode_CISIS,
} from '../generated/value-sets/index.js';

/** Closed object: unknown properties are typos, reject them with their path. */
export const Obj = <T extends Record<string, TSchema>>(properties: T, options: ObjectOptions = {}) =>
  Type.Object(properties, { additionalProperties: false, ...options });

/**
 * The shared schema a use of it comes from (a getter: TypeBox clones symbols too). Uses may
 * differ from it by their description and field annotations only: the published JSON Schema
 * writes the definition once in `$defs`, described by what it is, and each use as a reference
 * carrying what is specific to its place.
 */
export const SHARED_DEFINITION: unique symbol = Symbol.for('dcc-kit.sharedDefinition');

/** Names a shared schema: the published JSON Schema lists each titled schema once in `$defs`. */
export const titled = <T extends TSchema>(title: string, schema: T): T => {
  const definition: T = { ...schema, title };
  (definition as { [SHARED_DEFINITION]?: () => T })[SHARED_DEFINITION] = () => definition;
  return definition;
};

/** The same schema with a description specific to where it is used. */
export const describe = <T extends TSchema>(schema: T, description: string): T => ({ ...schema, description });

export { VALUE_SET_KEYWORD, LABEL_KEYWORD, DIRECTORY_KEYWORD, DETAIL_KEYWORD } from '../metadata.js';
/**
 * The bound value set itself, for the checker. A getter rather than the object: TypeBox clones
 * schemas deeply (symbols included) and the large value sets must not be copied.
 */
export const BOUND_VALUE_SET: unique symbol = Symbol.for('dcc-kit.boundValueSet');

/**
 * A coded field (Coding, or CodedOrText whose `coding` is meant) bound to a value set: the
 * one place a binding is written. The checker completes and checks the coding from it, the
 * published JSON Schema carries its name (`x-dcc-valueSet`) for the editors' pickers.
 */
export const bound = <T extends TSchema>(schema: T, valueSet: ValueSet): T => ({
  ...schema,
  [VALUE_SET_KEYWORD]: valueSet.name,
  [BOUND_VALUE_SET]: () => valueSet,
});

// Characters XML 1.0 cannot carry (C0 controls other than tab/newline/CR, U+FFFE/FFFF,
// unpaired surrogates). Written so that it means the same with and without the `u` flag.
export const XML_CHARS_PATTERN =
  '^(?:[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\uFFFE\\uFFFF\\uD800-\\uDFFF]|[\\uD800-\\uDBFF][\\uDC00-\\uDFFF])*$';

/** Any text that ends up in the XML: non-empty, XML-safe characters only. */
export const Text = (description: string, options: { maxLength?: number } = {}) =>
  Type.String({ minLength: 1, pattern: XML_CHARS_PATTERN, description, ...options });

/**
 * Free text typed by a clinician. Rendered in the French narrative (line breaks become
 * `<br/>`) and pointed to by the entry's `text/reference`.
 */
export const FreeText = (description: string) => Text(description, { maxLength: 20_000 });
export type FreeText = string;

export const OID_OR_UUID_PATTERN =
  '^(?:[0-2](?:\\.(?:0|[1-9][0-9]*))+|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$';
export const Oid = Type.String({ pattern: OID_OR_UUID_PATTERN, description: 'An OID (1.2.250…) or a UUID.' });

export const InstanceId = titled('InstanceId', Obj(
  {
    root: Oid,
    extension: Type.Optional(Text('Identifier within the root (HL7 II @extension).', { maxLength: 200 })),
  },
  { description: 'HL7 II identifier.' },
));
export type InstanceId = Static<typeof InstanceId>;

/** YYYY, YYYY-MM or YYYY-MM-DD. */
export const PARTIAL_DATE_PATTERN = '^[0-9]{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12][0-9]|3[01]))?)?$';
/** Date and time with a mandatory offset; seconds optional (kept as given). */
export const INSTANT_PATTERN =
  '^[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])T(?:[01][0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9])?(?:Z|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])$';

export const PartialDate = Type.String({
  pattern: PARTIAL_DATE_PATTERN,
  description: 'A date as precise as known: "2024", "2024-03" or "2024-03-15".',
});
export type PartialDate = string;
export const Instant = Type.String({
  pattern: INSTANT_PATTERN,
  description:
    'A date and time with its UTC offset, ISO 8601: "2024-03-15T10:30:00+01:00" (seconds optional, "Z" allowed). Written to the CDA as YYYYMMDDHHMM[SS]±ZZZZ.',
});
export type Instant = string;
export const DateOrInstant = Type.String({
  pattern: `^(?:${PARTIAL_DATE_PATTERN.slice(1, -1)}|${INSTANT_PATTERN.slice(1, -1)})$`,
  description: 'A partial date ("2024-03-15") or a date and time with offset ("2024-03-15T10:30+01:00").',
});
export type DateOrInstant = string;

export const Period = titled('Period', Obj(
  {
    start: Type.Optional(DateOrInstant),
    end: Type.Optional(DateOrInstant),
  },
  { description: 'Interval; an absent bound is unknown. `end` must not be before `start`.' },
));
export type Period = Static<typeof Period>;

export const Coding = titled('Coding', Obj(
  {
    code: Text('The code.', { maxLength: 100 }),
    codeSystem: Type.Optional(
      Type.String({
        pattern: OID_OR_UUID_PATTERN,
        description: 'OID of the code system. May be omitted when the field is bound to a value set: it is then taken from the value set.',
      }),
    ),
    displayName: Type.Optional(
      Text('Label. Defaults to the value-set label when the field is bound to a value set.', { maxLength: 500 }),
    ),
  },
  { description: 'A coded value.' },
));
/** Coding as given in the input (codeSystem/displayName may be filled from the bound value set). */
export type Coding = Static<typeof Coding>;
/** Coding after resolution: every part present. */
export interface ResolvedCoding {
  code: string;
  codeSystem: string;
  displayName: string;
}

export const CodedOrText = titled('CodedOrText', Obj(
  {
    coding: Type.Optional(Coding),
    text: Type.Optional(FreeText('Free text: the label shown in the narrative, or the value itself when no code fits.')),
  },
  {
    minProperties: 1,
    description:
      'A coded value with an optional free-text label, or free text alone when no code fits (written as nullFlavor="OTH" + originalText).',
  },
));
export type CodedOrText = Static<typeof CodedOrText>;

const AddressUse = Type.Union(['H', 'HP', 'HV', 'WP', 'TMP'].map((v) => Type.Literal(v)), {
  description: 'H home, HP primary home, HV holiday home, WP work place, TMP temporary.',
});
const AddressPart = (d: string) => Type.Optional(Text(d, { maxLength: 200 }));
export const Address = titled('Address', Obj(
  {
    use: Type.Optional(AddressUse),
    houseNumber: AddressPart('Number in the street ("12", "12 bis").'),
    streetNameType: AddressPart('Street type ("rue", "avenue").'),
    streetName: AddressPart('Street name.'),
    additionalLocator: AddressPart('Building, staircase, floor…'),
    unitId: AddressPart('Apartment, office…'),
    postBox: AddressPart('BP / CS / lieu-dit.'),
    postalCode: AddressPart('Code postal.'),
    city: AddressPart('Commune.'),
    county: AddressPart('INSEE code of the commune (COG) when relevant.'),
    state: AddressPart('Region.'),
    country: AddressPart('Country.'),
    lines: Type.Optional(
      Type.Array(Text('One address line.', { maxLength: 200 }), {
        minItems: 1,
        maxItems: 7,
        description: 'Unstructured address lines (at most 7). Never mixed with the structured parts above.',
      }),
    ),
  },
  { minProperties: 1, description: 'Postal address: structured parts, or free `lines` — never both.' },
));
export type Address = Static<typeof Address>;

export const Telecom = titled('Telecom', Obj(
  {
    scheme: Type.Union(['tel', 'fax', 'mailto', 'http', 'ftp', 'mllp'].map((v) => Type.Literal(v)), {
      description: 'URL scheme written before the value (`tel:`, `mailto:` …).',
    }),
    value: Text('Number, address or URL, without the scheme prefix ("0102030405", "dr.x@hopital.mssante.fr").', {
      maxLength: 300,
    }),
    use: Type.Optional(
      Type.Union(['H', 'HP', 'HV', 'WP', 'DIR', 'PUB', 'EC', 'MC', 'PG'].map((v) => Type.Literal(v)), {
        description: 'H home, WP work, MC mobile, PG pager, EC emergency contact, DIR direct, PUB public…',
      }),
    ),
  },
  { description: 'Telephone, fax, e-mail or URL.' },
));
export type Telecom = Static<typeof Telecom>;

export const PersonName = titled('PersonName', Obj(
  {
    family: Text('Family name.', { maxLength: 200 }),
    given: Type.Optional(Text('Given name (one only for professionals and related persons).', { maxLength: 200 })),
    prefix: Type.Optional(Type.Union([Type.Literal('M'), Type.Literal('MME')], { description: 'Civilité (J245).' })),
    suffix: Type.Optional(
      Type.Union(['DR', 'MC', 'MG', 'PC', 'PG', 'PR'].map((v) => Type.Literal(v)), { description: 'Titre (J246).' }),
    ),
  },
  { description: 'Name of a professional or related person.' },
));
export type PersonName = Static<typeof PersonName>;

export const Organization = titled('Organization', Obj(
  {
    idNatStruct: Type.Optional(
      Text('National structure id (IdNat_Struct): "1"+FINESS, "3"+SIRET… (CDA id root 1.2.250.1.71.4.2.2).', {
        maxLength: 50,
      }),
    ),
    name: Type.Optional(Text('Name of the organisation.', { maxLength: 300 })),
    telecoms: Type.Optional(Type.Array(Telecom)),
    address: Type.Optional(Address),
    practiceSetting: Type.Optional(
      bound(
        describe(Coding, 'Practice setting (standardIndustryClassCode), value set J04 XdsPracticeSettingCode.'),
        JDV_J04_XdsPracticeSettingCode_CISIS,
      ),
    ),
  },
  // The editors offer to fill it from the Annuaire Santé (x-dcc-directory).
  { minProperties: 1, description: 'An organisation (structure).', [DIRECTORY_KEYWORD]: 'organization' },
));

/**
 * A person or organisation acting in the document. Professionals carry their national id
 * (IdNat_PS: "8"+RPPS or "0"+ADELI, CDA id root 1.2.250.1.71.4.2.1).
 */
export const Actor = titled('Actor', Obj(
  {
    idNatPs: Type.Optional(Text('National professional id (IdNat_PS): "8"+RPPS or "0"+ADELI.', { maxLength: 50 })),
    profession: Type.Optional(
      bound(
        describe(Coding, 'Profession / specialty, value set J01 XdsAuthorSpecialty (e.g. G15_10/SM36). In care-act performers an INSEE PCS profession (code system 1.2.250.1.213.2.13) is also accepted.'),
        JDV_J01_XdsAuthorSpecialty_CISIS,
      ),
    ),
    name: Type.Optional(PersonName),
    address: Type.Optional(Address),
    telecoms: Type.Optional(Type.Array(Telecom)),
    organization: Type.Optional(Organization),
  },
  { minProperties: 1, description: 'A professional (with a name) or an organisation.' },
));

export const HealthProfessional = titled('HealthProfessional', Obj(
  {
    idNatPs: Text('National professional id (IdNat_PS): "8"+RPPS (12 chars) or "0"+ADELI (10 chars).', {
      maxLength: 50,
    }),
    profession: Type.Optional(bound(describe(Coding, 'Profession / specialty, value set J01.'), JDV_J01_XdsAuthorSpecialty_CISIS)),
    name: PersonName,
    address: Type.Optional(Address),
    telecoms: Type.Optional(Type.Array(Telecom)),
    organization: Type.Optional(Organization),
  },
  { description: 'An identified health professional.', [DIRECTORY_KEYWORD]: 'practitioner' },
));

export type Organization = Static<typeof Organization>;
export type Actor = Static<typeof Actor>;
export type HealthProfessional = Static<typeof HealthProfessional>;

export const Ins = titled('Ins', Obj(
  {
    kind: Type.Union([Type.Literal('NIR'), Type.Literal('NIA')], { description: 'NIR or NIA (temporary number).' }),
    value: Type.String({
      pattern: '^[0-9A-Z]{15}$',
      description: 'Matricule INS: 13 characters + 2-digit key, e.g. "279035121518989" (Corsica: 2A/2B).',
    }),
    environment: Type.Optional(
      Type.Union([Type.Literal('production'), Type.Literal('test'), Type.Literal('demo')], {
        default: 'production',
        description:
          'production → OID 1.2.250.1.213.1.4.8 (NIR) / .9 (NIA); test → .10; demo → .11 (NIR only). Test and demo identities are fictitious patients.',
      }),
    ),
  },
  { description: 'Qualified INS (send only for an identity whose status is "qualifiée").' },
));
export type Ins = Static<typeof Ins>;

const NameText = (d: string) => Text(d, { maxLength: 200 });

export const Guardian = titled('Guardian', Obj(
  {
    relationship: Type.Optional(
      bound(
        describe(
          Coding,
          "The guardian's relationship to the patient (guardian/code), value set J11 RelationPatient: MTH mère, FTH père, TUTEUR, CURATEUR, MSVG mandataire de sauvegarde…",
        ),
        JDV_J11_RelationPatient_CISIS,
      ),
    ),
    person: Type.Optional(
      Obj({
        family: NameText('Family name.'),
        familyQualifier: Type.Optional(
          Type.Union([Type.Literal('BR'), Type.Literal('SP'), Type.Literal('CL')], {
            description: 'BR birth name, SP spouse name, CL used name.',
          }),
        ),
        given: Type.Optional(NameText('Given name.')),
        prefix: Type.Optional(Type.Union([Type.Literal('M'), Type.Literal('MME')])),
      }),
    ),
    organization: Type.Optional(
      Obj({
        idNatStruct: Text('National structure id.', { maxLength: 50 }),
        name: Type.Optional(NameText('Name.')),
      }),
    ),
    address: Type.Optional(Address),
    telecoms: Type.Optional(Type.Array(Telecom)),
  },
  { description: 'Legal representative: a person or an organisation (exactly one of the two).' },
));
export type Guardian = Static<typeof Guardian>;

export const PatientIdentity = titled('PatientIdentity', Obj(
  {
    ins: Type.Optional(Ins),
    localIds: Type.Optional(
      Type.Array(InstanceId, { description: 'Local identifiers (IPP): root = the establishment IPP OID.' }),
    ),
    birthFamilyName: NameText('Nom de naissance (strict trait).'),
    birthGivenNames: NameText('Prénom(s) de naissance, full list separated by spaces (strict trait).'),
    firstBirthGivenName: Type.Optional(
      NameText('First birth given name; defaults to the first word of birthGivenNames.'),
    ),
    usedFamilyName: Type.Optional(NameText("Nom utilisé.")),
    usedGivenName: Type.Optional(NameText('Prénom utilisé.')),
    gender: Type.Union([Type.Literal('F'), Type.Literal('M'), Type.Literal('UN')], {
      description: 'F féminin, M masculin, UN inconnu.',
    }),
    birthDate: PartialDate,
    birthPlace: Type.Optional(
      Obj({
        cogCode: Type.String({
          pattern: '^(?:[0-9]{2}|2A|2B)[0-9]{3}$',
          description: 'INSEE COG code of the birth commune (99xxx: country of birth).',
        }),
        city: Type.Optional(NameText('Name of the birth commune.')),
      }),
    ),
    addresses: Type.Optional(Type.Array(Address)),
    telecoms: Type.Optional(Type.Array(Telecom)),
    deceased: Type.Optional(Obj({ deceased: Type.Boolean(), date: Type.Optional(PartialDate) })),
    guardians: Type.Optional(Type.Array(Guardian)),
  },
  {
    description:
      'Patient identity from the identity service. With an INS every strict trait (birth names, gender, birth date, birth place) is required.',
  },
));
export type PatientIdentity = Static<typeof PatientIdentity>;

export const RelatedPerson = titled('RelatedPerson', Obj(
  {
    relationship: Type.Optional(
      bound(describe(Coding, 'Relationship to the patient, value set J11 RelationPatient (MTH, FTH, SPS…).'), JDV_J11_RelationPatient_CISIS),
    ),
    name: PersonName,
    address: Type.Optional(Address),
    telecoms: Type.Optional(Type.Array(Telecom)),
  },
  { description: 'Trusted person or emergency contact.' },
));
export type RelatedPerson = Static<typeof RelatedPerson>;

export const DocumentHeader = titled('DocumentHeader', Obj(
  {
    id: Type.Optional(
      describe(
        InstanceId,
        'ClinicalDocument/id (the XDS uniqueId), new for every version. Default: the 2.25 OID of a fresh UUID (ITU-T X.667); a UUID root is written in that 2.25 form. Prefer a bare root: root^extension must stay within 64 characters.',
      ),
    ),
    setId: Type.Optional(
      describe(InstanceId, 'Stable across the versions of the document. Default for version 1: the 2.25 OID of a fresh UUID; required from version 2. A UUID root is written in its 2.25 form.'),
    ),
    versionNumber: Type.Optional(Type.Integer({ minimum: 1, default: 1, description: 'Version number, 1 for the first.' })),
    replaces: Type.Optional(
      describe(InstanceId, 'id of the version this one replaces (required from version 2), as written in that version (a UUID root is written in its 2.25 form).'),
    ),
    effectiveTime: Type.Optional(
      describe(Instant, 'Creation time of this version. Default: the clock given to the builder (now).'),
    ),
    title: Type.Optional(Text('Document title. Default depends on the volet.', { maxLength: 300 })),
    confidentiality: Type.Optional(
      Type.Union([Type.Literal('N'), Type.Literal('R'), Type.Literal('V')], {
        default: 'N',
        description: 'N normal, R restreint, V très restreint.',
      }),
    ),
  },
  { description: 'Document identity and versioning; every field has a default for a first version.' },
));
export type DocumentHeader = Static<typeof DocumentHeader>;

export const DocumentAuthor = titled('DocumentAuthor', Obj(
  {
    professional: HealthProfessional,
    time: Type.Optional(describe(Instant, 'Default: the document effectiveTime.')),
    functionCode: Type.Optional(bound(describe(Coding, 'Function, value set J47 FunctionCode.'), JDV_J47_FunctionCode_CISIS)),
    functionComment: Type.Optional(Text('Free label of the function (functionCode/originalText).', { maxLength: 300 })),
  },
  { description: 'Author of the document (the logged-in professional).' },
));
export type DocumentAuthor = Static<typeof DocumentAuthor>;

export const Signer = titled('Signer', Obj(
  {
    professional: HealthProfessional,
    time: Type.Optional(describe(Instant, 'Time of validation. Default: the document effectiveTime.')),
  },
  { description: 'Legal authenticator (the professional who validates the document).' },
));
export type Signer = Static<typeof Signer>;


export const Encounter = titled('Encounter', Obj(
  {
    facilityType: bound(
      describe(Coding, 'Healthcare facility type, value set J02 (e.g. SA01 Etablissement public de santé).'),
      JDV_J02_XdsHealthcareFacilityTypeCode_CISIS,
    ),
    facility: Type.Optional(describe(Organization, 'The facility (id, name, address).')),
    period: Type.Optional(describe(Period, 'Encounter period; absent = masked (nullFlavor MSK).')),
    type: Type.Optional(bound(describe(Coding, 'Encounter type, value set J142 (IMP, AMB, VR…).'), JDV_J142_TypeRencontre_CISIS)),
    ids: Type.Optional(Type.Array(InstanceId)),
  },
  { description: 'componentOf/encompassingEncounter.' },
));
export type Encounter = Static<typeof Encounter>;

export const Custodian = titled(
  'Custodian',
  Obj(
    {
      idNatStruct: Text('National structure id of the organisation keeping the document ("1"+FINESS…).', { maxLength: 50 }),
      name: Type.Optional(Text('Name.', { maxLength: 300 })),
      telecoms: Type.Optional(Type.Array(Telecom, { maxItems: 1 })),
      address: Type.Optional(Address),
    },
    { description: 'Organisation keeping the document (custodian).' },
  ),
);
export type Custodian = Static<typeof Custodian>;

/** Header properties common to both volets (CDA header §2 of the specs). */
export const headerProperties = {
  document: Type.Optional(DocumentHeader),
  author: DocumentAuthor,
  legalAuthenticator: Type.Optional(
    describe(Signer, 'The professional who validates (signs) the document. Default: the author.'),
  ),
  custodian: Custodian,
  encounter: Encounter,
  patient: PatientIdentity,
  trustedPerson: Type.Optional(describe(RelatedPerson, 'Personne de confiance (informant NOK).')),
  emergencyContacts: Type.Optional(
    Type.Array(RelatedPerson, { description: "Personnes à prévenir en cas d'urgence (informant ECON)." }),
  ),
};
