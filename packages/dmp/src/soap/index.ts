// SOAP 1.2 + WS-Addressing envelope, MTOM/XOP, answer parsing and the DMP error table.
export { NS, ACTIONS, type DmpService } from './namespaces.js';
export { soapEnvelope, plainSoapContentType, type EnvelopeInput } from './envelope.js';
export { buildMtom, parseMultipart, rootPart, partForCid, headerParameter, xopInclude, type MtomAttachment, type MtomMessage, type MimePart } from './mtom.js';
export { readSoapAnswer, faultError, registryOutcome, expectSuccess, type HttpReply, type SoapAnswer, type RegistryOutcome, type RegistryStatus } from './response.js';
export { DmpError, simCodeIn, type RegistryErrorItem } from './dmp-error.js';
export { DMP_ERROR_MESSAGES, errorMessageFor, type ErrorMessage } from './error-messages.js';
export { escapeXml, parseXml, elementChildren, descendants, firstDescendant, childrenNamed, textOf } from './xml.js';
