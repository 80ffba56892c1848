// The DMP SOAP client (dmp-mes.md §2–3): TD0.2, ITI-41, ITI-18, ITI-57 with a signed VIHF. Node only.
export { DmpClient, insCx, type DmpClientOptions, type ActingParty, type Ins } from './dmp-client.js';
export { type DmpPatientStatus, patientStatusRequestXml, parsePatientStatus, DMP_DEVICE_OID } from './patient-status.js';
export { type RegistryDocument, type RegistryCode, findDocumentsRequestXml, parseRegistryDocuments, FIND_DOCUMENTS_QUERY_ID, STATUS_URNS, statusUrn } from './find-documents.js';
export { ClientDispatcher, mutualTlsAgent, post, networkError, type TlsMaterial, type PostOptions } from './transport.js';
export { DmpError, DMP_ERROR_MESSAGES, errorMessageFor, type RegistryErrorItem, type ErrorMessage } from '../soap/index.js';
export { provideAndRegisterRequest, visibilityUpdateRequest, statusUpdateRequest, oidFromUuid, type ProvideAndRegisterInput, type ProvideAndRegisterRequest } from './requests.js';
export { type ProvideAndRegisterResult } from './dmp-client.js';
