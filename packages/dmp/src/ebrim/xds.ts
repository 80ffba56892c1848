// The standard identifiers of IHE XDS.b metadata in ebRIM 3.0 (IHE ITI TF-3 §4.2.5; dmp-mes.md
// §1.8, §1.9) and the CI-SIS statuses (JDV_J52).
import { AVAILABILITY_STATUS } from '../value-sets/index.js';

export const XDS = {
  namespaces: {
    lcm: 'urn:oasis:names:tc:ebxml-regrep:xsd:lcm:3.0',
    rim: 'urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0',
    rs: 'urn:oasis:names:tc:ebxml-regrep:xsd:rs:3.0',
    query: 'urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0',
    xdsb: 'urn:ihe:iti:xds-b:2007',
  },
  objectType: {
    /** DocumentEntry (stable). */
    documentEntry: 'urn:uuid:7edca82f-054d-47f2-a032-9b2a5b5186c1',
    /** On-demand DocumentEntry (not used by the DMP). */
    onDemandDocumentEntry: 'urn:uuid:34268e47-fdf5-41a6-ba33-82133c465248',
    registryPackage: 'urn:oasis:names:tc:ebxml-regrep:ObjectType:RegistryObject:RegistryPackage',
    classification: 'urn:oasis:names:tc:ebxml-regrep:ObjectType:RegistryObject:Classification',
    externalIdentifier: 'urn:oasis:names:tc:ebxml-regrep:ObjectType:RegistryObject:ExternalIdentifier',
    association: 'urn:oasis:names:tc:ebxml-regrep:ObjectType:RegistryObject:Association',
  },
  documentEntry: {
    author: 'urn:uuid:93606bcf-9494-43ec-9b4e-a7748d1a838d',
    classCode: 'urn:uuid:41a5887f-8865-4c09-adf7-e362475b143a',
    confidentialityCode: 'urn:uuid:f4f85eac-e6cb-4883-b524-f2705394840f',
    eventCodeList: 'urn:uuid:2c6b8cb7-8b2a-4051-b291-b1ae6a575ef4',
    formatCode: 'urn:uuid:a09d5840-386c-46f2-b5ad-9c3699a4309d',
    healthcareFacilityTypeCode: 'urn:uuid:f33fb8ac-18af-42cc-ae0e-ed0b0bdb91e1',
    practiceSettingCode: 'urn:uuid:cccf5598-8b07-4b77-a05e-ae952c785ead',
    typeCode: 'urn:uuid:f0306f51-975f-434e-a61c-c59651d33983',
    patientId: 'urn:uuid:58a6f841-87b3-4a3e-92fd-a8ffeff98427',
    uniqueId: 'urn:uuid:2e82c1f6-a085-4c72-9da3-8640a32e42ab',
  },
  submissionSet: {
    /** classificationNode that makes a RegistryPackage a SubmissionSet. */
    node: 'urn:uuid:a54d6aa5-d40d-43f9-88c5-b4633d873bdd',
    author: 'urn:uuid:a7058bb9-b4e4-4307-ba5b-e3f0ab85e12d',
    contentTypeCode: 'urn:uuid:aa543740-bdda-424e-8c96-df4873be8500',
    patientId: 'urn:uuid:6b5aea1a-874d-4603-a4bc-96a0a7b38446',
    sourceId: 'urn:uuid:554ac39e-e3fe-47fe-b233-965d2a147832',
    uniqueId: 'urn:uuid:96fdda7c-d067-4183-912e-bf5ee74998a8',
  },
  /** Names of the ExternalIdentifiers. */
  externalIdentifierName: {
    documentEntryPatientId: 'XDSDocumentEntry.patientId',
    documentEntryUniqueId: 'XDSDocumentEntry.uniqueId',
    submissionSetPatientId: 'XDSSubmissionSet.patientId',
    submissionSetSourceId: 'XDSSubmissionSet.sourceId',
    submissionSetUniqueId: 'XDSSubmissionSet.uniqueId',
  },
  associationType: {
    hasMember: 'urn:oasis:names:tc:ebxml-regrep:AssociationType:HasMember',
    replace: 'urn:ihe:iti:2007:AssociationType:RPLC',
    transform: 'urn:ihe:iti:2007:AssociationType:XFRM',
    append: 'urn:ihe:iti:2007:AssociationType:APND',
    transformAndReplace: 'urn:ihe:iti:2007:AssociationType:XFRM_RPLC',
    signs: 'urn:ihe:iti:2007:AssociationType:signs',
    updateAvailabilityStatus: 'urn:ihe:iti:2010:AssociationType:UpdateAvailabilityStatus',
  },
  status: {
    ...AVAILABILITY_STATUS,
    submitted: 'urn:oasis:names:tc:ebxml-regrep:StatusType:Submitted',
  },
  responseStatus: {
    success: 'urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Success',
    failure: 'urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Failure',
    partialSuccess: 'urn:ihe:iti:2007:ResponseStatusType:PartialSuccess',
  },
  errorSeverity: {
    error: 'urn:oasis:names:tc:ebxml-regrep:ErrorSeverityType:Error',
    warning: 'urn:oasis:names:tc:ebxml-regrep:ErrorSeverityType:Warning',
  },
  storedQuery: {
    findDocuments: 'urn:uuid:14d4debf-8f97-4251-9a74-a90016b0af0d',
    findSubmissionSets: 'urn:uuid:f26abbcb-ac74-4422-8a30-edb644bbc1a9',
    getDocuments: 'urn:uuid:5c4f972b-d56b-40ac-a5fc-c8ca9b40b9d4',
    getAssociations: 'urn:uuid:a7ae438b-4bc2-4642-93e9-be891f7bb155',
    getDocumentsAndAssociations: 'urn:uuid:bab9529a-4a10-40b3-a01f-f68a615d247a',
  },
  /** SOAP actions of the transactions (dmp-mes.md §2.1): the one table the client and the simulator use. */
  action: {
    patientStatus: 'urn:hl7-org:v3:PRPA_IN201307UV02',
    setAuthorization: 'urn:si-dmp-habilitations:HabilitationsEndPoint:setAuthorization',
    provideAndRegister: 'urn:ihe:iti:2007:ProvideAndRegisterDocumentSet-b',
    registryStoredQuery: 'urn:ihe:iti:2007:RegistryStoredQuery',
    retrieveDocumentSet: 'urn:ihe:iti:2007:RetrieveDocumentSet',
    updateDocumentSet: 'urn:ihe:iti:2010:UpdateDocumentSet',
  },
} as const;
