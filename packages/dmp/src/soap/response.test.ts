import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readSoapAnswer, registryOutcome, expectSuccess, type HttpReply } from './response.js';
import { buildMtom } from './mtom.js';
import { DmpError } from './dmp-error.js';
import { DMP_ERROR_MESSAGES, errorMessageFor } from './error-messages.js';

const enc = new TextEncoder();
const env = (body: string): string => `<?xml version="1.0"?><s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Header/><s:Body>${body}</s:Body></s:Envelope>`;
const reply = (status: number, xml: string, contentType = 'application/soap+xml; charset=UTF-8'): HttpReply => ({ status, contentType, body: enc.encode(xml) });
const RS = 'urn:oasis:names:tc:ebxml-regrep:xsd:rs:3.0';
const registryResponse = (status: string, errors = ''): string => `<rs:RegistryResponse xmlns:rs="${RS}" status="urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:${status}">${errors}</rs:RegistryResponse>`;
const error = (code: string, context: string, location?: string, severity = 'Error'): string =>
  `<rs:RegistryError errorCode="${code}" codeContext="${context}" severity="urn:oasis:names:tc:ebxml-regrep:ErrorSeverityType:${severity}"${location ? ` location="${location}"` : ''}/>`;

function outcomeOf(r: HttpReply) {
  return registryOutcome(readSoapAnswer(r).payload);
}

function rejection(fn: () => unknown): DmpError {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof DmpError, `a DmpError, got ${String(e)}`);
    return e;
  }
  assert.fail('expected a DmpError');
}

test('RegistryResponse Success (plain and MTOM) → success, warnings returned', () => {
  assert.deepEqual(expectSuccess(outcomeOf(reply(200, env(registryResponse('Success'))))), []);
  const mtom = buildMtom(env(registryResponse('Success', `<rs:RegistryErrorList>${error('XDSRegistryMetadataError', 'title truncated', 'title', 'Warning')}</rs:RegistryErrorList>`)), []);
  const warnings = expectSuccess(outcomeOf({ status: 200, contentType: mtom.contentType, body: mtom.body }));
  assert.equal(warnings.length, 1);
  assert.equal(warnings[0]?.severity, 'Warning');
});

test('RegistryResponse Failure → DmpError with every RegistryError, the SIM code and the location; permanent', () => {
  const e = rejection(() =>
    expectSuccess(outcomeOf(reply(200, env(registryResponse('Failure', `<rs:RegistryErrorList>${error('XDSRegistryMetadataError', 'creationTime differs from the CDA (SIM_X)', 'DocumentEntry.creationTime')}${error('XDSRegistryMetadataError', 'Not an author SIM_NOT_AUTHOR', 'DocumentEntry.author')}</rs:RegistryErrorList>`))))),
  );
  assert.equal(e.code, 'SIM_X');
  assert.equal(e.location, 'DocumentEntry.creationTime');
  assert.equal(e.errors.length, 2);
  assert.deepEqual(e.errors[1], { errorCode: 'XDSRegistryMetadataError', codeContext: 'Not an author SIM_NOT_AUTHOR', severity: 'Error', location: 'DocumentEntry.author' });
  assert.equal(e.transient, false);
  const closed = rejection(() => expectSuccess(outcomeOf(reply(200, env(registryResponse('Failure', error('XDSUnknownPatientId', 'DMP fermé SIM_DMP_CLOSED')))))));
  assert.equal(closed.code, 'SIM_DMP_CLOSED');
  assert.equal(closed.messageFr, 'Le DMP du patient est fermé.');
  assert.equal(closed.messageEn, "The patient's DMP is closed.");
});

test('PartialSuccess → DmpError; XDSRegistryBusy → transient', () => {
  const partial = rejection(() => expectSuccess(outcomeOf(reply(200, env(registryResponse('PartialSuccess', error('XDSRepositoryError', 'one document not stored')))))));
  assert.equal(partial.code, 'XDSRepositoryError');
  assert.equal(partial.transient, false);
  const bare = rejection(() => expectSuccess(outcomeOf(reply(200, env(registryResponse('PartialSuccess'))))));
  assert.equal(bare.code, 'partial-success');
  const busy = rejection(() => expectSuccess(outcomeOf(reply(200, env(registryResponse('Failure', error('XDSRegistryBusy', 'try later')))))));
  assert.equal(busy.code, 'XDSRegistryBusy');
  assert.equal(busy.transient, true);
});

const fault = (code: string, sub: string, reason: string): string =>
  env(`<s:Fault><s:Code><s:Value>s:${code}</s:Value>${sub ? `<s:Subcode><s:Value xmlns:d="urn:dmp">d:${sub}</s:Value></s:Subcode>` : ''}</s:Code><s:Reason><s:Text xml:lang="en">${reason}</s:Text></s:Reason></s:Fault>`);

test('SOAP Fault: Sender → permanent with the SIM code, Receiver → transient, Busy subcode → transient', () => {
  const vihf = rejection(() => readSoapAnswer(reply(400, fault('Sender', 'SIM_VIHF_INVALID', 'bad signature'))));
  assert.equal(vihf.code, 'SIM_VIHF_INVALID');
  assert.equal(vihf.transient, false);
  assert.equal(vihf.httpStatus, 400);
  const inReason = rejection(() => readSoapAnswer(reply(500, fault('Sender', '', 'Attribute Ressource_URN missing (SIM_VIHF_ATTRIBUTE)'))));
  assert.equal(inReason.code, 'SIM_VIHF_ATTRIBUTE');
  assert.equal(inReason.transient, false);
  const receiver = rejection(() => readSoapAnswer(reply(500, fault('Receiver', '', 'internal'))));
  assert.equal(receiver.code, 'soap-receiver');
  assert.equal(receiver.transient, true);
  const busy = rejection(() => readSoapAnswer(reply(500, fault('Sender', 'XDSRegistryBusy', 'busy'))));
  assert.equal(busy.code, 'XDSRegistryBusy');
  assert.equal(busy.transient, true);
});

test('SOAP Fault: the refused field named in the fault detail becomes the error location', () => {
  const detail = '<s:Detail><sim:Refusal xmlns:sim="urn:dcc-kit:dmp-simulator" code="SIM_VIHF_INVALID" location="wsse:Security/saml2:Assertion"/></s:Detail>';
  const xml = env(`<s:Fault><s:Code><s:Value>s:Sender</s:Value></s:Code><s:Reason><s:Text xml:lang="en">SIM_VIHF_INVALID: bad signature</s:Text></s:Reason>${detail}</s:Fault>`);
  const error = rejection(() => readSoapAnswer(reply(400, xml)));
  assert.equal(error.code, 'SIM_VIHF_INVALID');
  assert.equal(error.location, 'wsse:Security/saml2:Assertion');
  assert.equal(rejection(() => readSoapAnswer(reply(400, fault('Sender', 'SIM_VIHF_INVALID', 'x')))).location, undefined, 'no detail, no location');
});

test('HTTP errors without a SOAP body, unreadable answers', () => {
  const unavailable = rejection(() => readSoapAnswer(reply(503, 'Service Unavailable', 'text/plain')));
  assert.equal(unavailable.code, 'http-503');
  assert.equal(unavailable.transient, true);
  assert.equal(unavailable.messageEn, 'The DMP is unavailable; will retry later.');
  const notFound = rejection(() => readSoapAnswer(reply(404, '<html/>', 'text/html')));
  assert.equal(notFound.code, 'http-404');
  assert.equal(notFound.transient, false);
  const garbage = rejection(() => readSoapAnswer(reply(200, '<unclosed')));
  assert.equal(garbage.code, 'invalid-response');
  assert.equal(garbage.transient, true);
});

test('error table: French and English for every IHE code of §2.7 and SIM code of §5.3/§5.7', () => {
  const codes = ['XDSRegistryMetadataError', 'XDSRepositoryMetadataError', 'XDSPatientIdDoesNotMatch', 'XDSUnknownPatientId', 'XDSDuplicateUniqueIdInRegistry', 'XDSRegistryDuplicateUniqueIdInMessage', 'XDSNonIdenticalHash', 'XDSMissingDocument', 'XDSMissingDocumentMetadata', 'XDSRegistryDeprecatedDocumentError', 'UnresolvedReferenceException', 'XDSMetadataVersionError', 'XDSMetadataUpdateError', 'XDSRegistryBusy', 'XDSRegistryError', 'XDSRepositoryError',
    'SIM_VIHF_INVALID', 'SIM_VIHF_ATTRIBUTE', 'SIM_ACCESS_MODE_FORBIDDEN', 'SIM_INS_INVALID', 'SIM_DMP_NOT_FOUND', 'SIM_DMP_CLOSED', 'SIM_PS_BLOCKED', 'SIM_UNIQUEID_EXTENSION', 'SIM_CDA_INVALID', 'SIM_CONFIDENTIALITY_CONFLICT', 'SIM_SECRET_CONNECTION', 'SIM_NOT_AUTHOR', 'SIM_SIGNATURE_INVALID', 'SIM_RPLC_INCOHERENT', 'SIM_RPLC_MISSING', 'SIM_UNCHANGED_DOCUMENT', 'SIM_VISIBILITY_IRREVERSIBLE', 'SIM_MSS_BAD_PATIENT_ADDRESS', 'SIM_MSS_INVISIBLE_TO_PATIENT'];
  for (const code of codes) {
    const m = DMP_ERROR_MESSAGES[code];
    assert.ok(m && m.fr.length > 10 && m.en.length > 10 && m.fr !== m.en, code);
  }
  assert.equal(errorMessageFor('http-502').transient, true);
  assert.match(errorMessageFor('SIM_SOMETHING_NEW').en, /SIM_SOMETHING_NEW/);
});
