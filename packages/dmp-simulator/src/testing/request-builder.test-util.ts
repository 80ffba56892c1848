// Test-only builders of the requests a DMP client sends (signed VIHF, ebRIM, XAdES, MTOM),
// written apart from the connector so the simulator's tests do not share its code paths.
// Defaults: the ANS example CANCER-FRCP_2022.01_Appareil.xml and its worked mapping (§1.10).
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SignedXml } from 'xml-crypto';
import { X509Certificate } from 'node:crypto';
import { resolveKitDir } from '@dcc-kit/conformance/kit';

const NS = {
  env: 'http://www.w3.org/2003/05/soap-envelope', wsa: 'http://www.w3.org/2005/08/addressing',
  wsse: 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd',
  saml: 'urn:oasis:names:tc:SAML:2.0:assertion', ds: 'http://www.w3.org/2000/09/xmldsig#', xades: 'http://uri.etsi.org/01903/v1.3.2#',
  rim: 'urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0', lcm: 'urn:oasis:names:tc:ebxml-regrep:xsd:lcm:3.0',
  query: 'urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0', xdsb: 'urn:ihe:iti:xds-b:2007', hl7: 'urn:hl7-org:v3',
  xop: 'http://www.w3.org/2004/08/xop/include', xsi: 'http://www.w3.org/2001/XMLSchema-instance', xs: 'http://www.w3.org/2001/XMLSchema',
};
const ALG = {
  rsaSha256: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256', sha256: 'http://www.w3.org/2001/04/xmlenc#sha256',
  sha1: 'http://www.w3.org/2000/09/xmldsig#sha1', excC14n: 'http://www.w3.org/2001/10/xml-exc-c14n#',
  enveloped: 'http://www.w3.org/2000/09/xmldsig#enveloped-signature',
};
const esc = (v: string): string => v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export const FRCP_INS = { matricule: '279035121518989', oid: '1.2.250.1.213.1.4.10' };
export const cx = (ins: { matricule: string; oid: string }): string => `${ins.matricule}^^^&${ins.oid}&ISO^NH`;

export function frcpExample(): Uint8Array {
  return readFileSync(join(resolveKitDir(), 'ExemplesCDA', 'CANCER-FRCP_2022.01_Appareil.xml'));
}

/** Header edits of the FRCP example (string level, as a producer would write them). */
export function mutateCda(cda: Uint8Array, edits: { id?: string; setId?: string; version?: number; replaces?: string; ins?: { matricule: string; oid: string }; effectiveTime?: string; code?: string; bodyText?: string }): Uint8Array {
  let xml = Buffer.from(cda).toString('utf8');
  if (edits.id) xml = xml.replace('<id root="1.2.250.1.213.1.1.1.8.2022.1.1"/>', `<id root="${edits.id}"/>`);
  if (edits.setId) xml = xml.replace('<setId root="1.2.250.1.213.1.1.1.8.2022.1"/>', `<setId root="${edits.setId}"/>`);
  if (edits.version !== undefined) xml = xml.replace('<versionNumber value="1" />', `<versionNumber value="${edits.version}" />`);
  if (edits.replaces) xml = xml.replace('<documentationOf>', `<relatedDocument typeCode="RPLC"><parentDocument><id root="${edits.replaces}"/></parentDocument></relatedDocument><documentationOf>`);
  if (edits.ins) xml = xml.replace('<id extension="279035121518989" root="1.2.250.1.213.1.4.10"/>', `<id extension="${edits.ins.matricule}" root="${edits.ins.oid}"/>`);
  if (edits.effectiveTime) xml = xml.replace('<effectiveTime value="20190218094914+0100" />', `<effectiveTime value="${edits.effectiveTime}" />`);
  if (edits.code) xml = xml.replace('<code code="34794-8"', `<code code="${edits.code}"`);
  if (edits.bodyText) xml = xml.replace('</ClinicalDocument>', `<!-- ${edits.bodyText} --></ClinicalDocument>`);
  return Buffer.from(xml, 'utf8');
}

export interface Signer { key: string; cert: string }

export interface VihfOptions {
  signer: Signer;
  nameId?: string;
  mode?: 'INDIRECTE' | 'DIRECTE' | 'INDIRECTE_RENFORCEE';
  structureId?: string;
  resourceId?: string | null;
  issueInstant?: Date;
  secretConnection?: boolean;
  /** Attribute values to replace (by Name) or remove (null). */
  attributes?: Record<string, string | null>;
  issuer?: string;
}

function dnOf(cert: string): string {
  return new X509Certificate(cert).subject.split('\n').filter(Boolean).reverse().join(',');
}

export function signedVihf(o: VihfOptions): string {
  const now = o.issueInstant ?? new Date();
  const iso = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const values: Record<string, string | null> = {
    VIHF_Version: '3.0', Authentification_Mode: o.mode ?? 'INDIRECTE', Identifiant_Structure: o.structureId ?? '1750100125',
    Secteur_Activite: 'SA01^1.2.250.1.71.4.2.4', 'urn:oasis:names:tc:xspa:1.0:subject:subject-id': 'Dr Charles MULLER',
    'urn:oasis:names:tc:xacml:2.0:resource:resource-id': o.resourceId === undefined ? cx(FRCP_INS) : o.resourceId,
    Ressource_URN: 'urn:dmp', LPS_ID: 'test-1', LPS_Nom: 'dcc-kit', LPS_Version: '0.1.0', LPS_ID_HOMOLOGATION_DMP: 'TEST-HOMOLOGATION',
    ...(o.secretConnection ? { 'urn:oasis:names:tc:xspa:1.0:resource:patient:hl7:confidentiality-code': 'INVISIBLE_REPRESENTANTS_LEGAUX^1.2.250.1.213.1.1.4.13' } : {}),
    ...o.attributes,
  };
  const attrs = Object.entries(values)
    .filter((e): e is [string, string] => e[1] !== null)
    .map(([name, value]) => `<saml2:Attribute Name="${esc(name)}"><saml2:AttributeValue xsi:type="xs:string">${esc(value)}</saml2:AttributeValue></saml2:Attribute>`);
  const role = o.attributes?.['role'] === null ? '' : `<saml2:Attribute Name="urn:oasis:names:tc:xacml:2.0:subject:role"><saml2:AttributeValue><Role xmlns="${NS.hl7}" xsi:type="CE" code="${o.attributes?.['role'] ?? '10'}" codeSystem="1.2.250.1.71.1.2.7" displayName="Médecin"/></saml2:AttributeValue><saml2:AttributeValue><Role xmlns="${NS.hl7}" xsi:type="CE" code="SM36" codeSystem="1.2.250.1.71.4.2.5" displayName="Oncologie"/></saml2:AttributeValue></saml2:Attribute>`;
  const purpose = `<saml2:Attribute Name="urn:oasis:names:tc:xspa:1.0:subject:purposeofuse"><saml2:AttributeValue><PurposeOfUse xmlns="${NS.hl7}" xsi:type="CE" code="${o.attributes?.['purpose'] ?? 'normal'}" codeSystem="1.2.250.1.213.1.1.4.248" displayName="Accès normal"/></saml2:AttributeValue></saml2:Attribute>`;
  const id = `_${randomUUID()}`;
  const assertion =
    `<saml2:Assertion xmlns:saml2="${NS.saml}" xmlns:xsi="${NS.xsi}" xmlns:xs="${NS.xs}" ID="${id}" IssueInstant="${iso(now)}" Version="2.0">` +
    `<saml2:Issuer Format="urn:oasis:names:tc:SAML:1.1:nameid-format:X509SubjectName">${esc(o.issuer ?? dnOf(o.signer.cert))}</saml2:Issuer>` +
    `<saml2:Subject><saml2:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified">${o.nameId ?? '801234567897'}</saml2:NameID></saml2:Subject>` +
    `<saml2:Conditions NotBefore="${iso(new Date(now.getTime() - 60_000))}" NotOnOrAfter="${iso(new Date(now.getTime() + 3600_000))}"/>` +
    `<saml2:AuthnStatement AuthnInstant="${iso(now)}"><saml2:AuthnContext><saml2:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:TLSClient</saml2:AuthnContextClassRef></saml2:AuthnContext></saml2:AuthnStatement>` +
    `<saml2:AttributeStatement>${attrs.join('')}${role}${purpose}</saml2:AttributeStatement></saml2:Assertion>`;
  const signer = new SignedXml({ privateKey: o.signer.key, publicCert: o.signer.cert, signatureAlgorithm: ALG.rsaSha256, canonicalizationAlgorithm: ALG.excC14n });
  signer.addReference({ xpath: "/*[local-name()='Assertion']", transforms: [ALG.enveloped, ALG.excC14n], digestAlgorithm: ALG.sha256 });
  signer.computeSignature(assertion, { prefix: 'ds', location: { reference: "/*[local-name()='Assertion']/*[local-name()='Issuer']", action: 'after' } });
  return signer.getSignedXml();
}

export function soapEnvelope(action: string, to: string, bodyXml: string, vihf: string | undefined, options: { messageId?: string | null } = {}): string {
  return (
    `<env:Envelope xmlns:env="${NS.env}" xmlns:wsa="${NS.wsa}"><env:Header>` +
    `<wsa:Action env:mustUnderstand="1">${action}</wsa:Action>` +
    (options.messageId === null ? '' : `<wsa:MessageID>${options.messageId ?? `urn:uuid:${randomUUID()}`}</wsa:MessageID>`) +
    `<wsa:To>${esc(to)}</wsa:To><wsa:ReplyTo><wsa:Address>http://www.w3.org/2005/08/addressing/anonymous</wsa:Address></wsa:ReplyTo>` +
    (vihf ? `<wsse:Security xmlns:wsse="${NS.wsse}" env:mustUnderstand="1">${vihf}</wsse:Security>` : '') +
    `</env:Header><env:Body>${bodyXml}</env:Body></env:Envelope>`
  );
}

export interface HttpBody { body: Buffer; contentType: string }

export function plainSoap(envelope: string, action: string): HttpBody {
  return { body: Buffer.from(envelope), contentType: `application/soap+xml; charset=UTF-8; action="${action}"` };
}

/** MTOM: the envelope (whose xdsb:Document hold `cid:` includes) plus the attachments. */
export function mtomSoap(envelope: string, action: string, attachments: { cid: string; bytes: Uint8Array }[]): HttpBody {
  const boundary = `uuid:${randomUUID()}`;
  const chunks = [Buffer.from(`--${boundary}\r\nContent-Type: application/xop+xml; charset=UTF-8; type="application/soap+xml"\r\nContent-Transfer-Encoding: binary\r\nContent-ID: <root.message@dcc-kit>\r\n\r\n${envelope}`)];
  for (const a of attachments) chunks.push(Buffer.from(`\r\n--${boundary}\r\nContent-Type: text/xml\r\nContent-Transfer-Encoding: binary\r\nContent-ID: <${a.cid}>\r\n\r\n`), Buffer.from(a.bytes));
  chunks.push(Buffer.from(`\r\n--${boundary}--\r\n`));
  return {
    body: Buffer.concat(chunks),
    contentType: `multipart/related; type="application/xop+xml"; boundary="${boundary}"; start="<root.message@dcc-kit>"; start-info="application/soap+xml"; action="${action}"`,
  };
}

// ---------------------------------------------------------------- ebRIM

const DE = {
  author: 'urn:uuid:93606bcf-9494-43ec-9b4e-a7748d1a838d', classCode: 'urn:uuid:41a5887f-8865-4c09-adf7-e362475b143a',
  confidentialityCode: 'urn:uuid:f4f85eac-e6cb-4883-b524-f2705394840f', eventCodeList: 'urn:uuid:2c6b8cb7-8b2a-4051-b291-b1ae6a575ef4',
  formatCode: 'urn:uuid:a09d5840-386c-46f2-b5ad-9c3699a4309d', healthcareFacilityTypeCode: 'urn:uuid:f33fb8ac-18af-42cc-ae0e-ed0b0bdb91e1',
  practiceSettingCode: 'urn:uuid:cccf5598-8b07-4b77-a05e-ae952c785ead', typeCode: 'urn:uuid:f0306f51-975f-434e-a61c-c59651d33983',
  patientId: 'urn:uuid:58a6f841-87b3-4a3e-92fd-a8ffeff98427', uniqueId: 'urn:uuid:2e82c1f6-a085-4c72-9da3-8640a32e42ab',
};
const SS = {
  node: 'urn:uuid:a54d6aa5-d40d-43f9-88c5-b4633d873bdd', author: 'urn:uuid:a7058bb9-b4e4-4307-ba5b-e3f0ab85e12d',
  contentTypeCode: 'urn:uuid:aa543740-bdda-424e-8c96-df4873be8500', patientId: 'urn:uuid:6b5aea1a-874d-4603-a4bc-96a0a7b38446',
  sourceId: 'urn:uuid:554ac39e-e3fe-47fe-b233-965d2a147832', uniqueId: 'urn:uuid:96fdda7c-d067-4183-912e-bf5ee74998a8',
};
const STABLE = 'urn:uuid:7edca82f-054d-47f2-a032-9b2a5b5186c1';
const HAS_MEMBER = 'urn:oasis:names:tc:ebxml-regrep:AssociationType:HasMember';

type Code = [code: string, scheme: string, display: string];

/** DocumentEntry values (§1.10 for the FRCP example); `null` drops the attribute. */
export interface EntryValues {
  uniqueId: string; patientId: string; typeCode: Code | null; classCode: Code | null; formatCode: Code | null;
  confidentiality: Code[]; languageCode: string | null; title: string | null; creationTime: string | null;
  serviceStartTime: string | null; serviceStopTime?: string | null; healthcareFacilityTypeCode: Code | null; practiceSettingCode: Code | null;
  eventCodes: Code[]; sourcePatientId: string | null; sourcePatientInfo: string[]; authorPerson: string | null; authorInstitution: string | null;
  authorSpecialty: string; legalAuthenticator: string | null; hash?: string; size?: number; mimeType?: string;
}

export function frcpEntryValues(cda: Uint8Array, visibility: string[] = []): EntryValues {
  const id = /<id root="([^"]+)"\/>\s*<!-- Type du document -->/.exec(Buffer.from(cda).toString('utf8'))?.[1] ?? '1.2.250.1.213.1.1.1.8.2022.1.1';
  const ins = /<id extension="(\d{15})" root="(1\.2\.250\.1\.213\.1\.4\.\d+)"\/>/.exec(Buffer.from(cda).toString('utf8'));
  return {
    uniqueId: id,
    patientId: ins ? cx({ matricule: ins[1]!, oid: ins[2]! }) : cx(FRCP_INS),
    typeCode: ['34794-8', '2.16.840.1.113883.6.1', 'CR de réunion de concertation pluridisciplinaire'],
    classCode: ['10', '1.2.250.1.213.1.1.4.1', 'Compte rendu'],
    formatCode: ['urn:asip:ci-sis:frcp:2011', '1.2.250.1.213.1.1.4.2.282', 'FRCP'],
    confidentiality: [['N', '2.16.840.1.113883.5.25', 'Normal'], ...visibility.map((v): Code => [v, '1.2.250.1.213.1.1.4.13', v])],
    languageCode: 'fr-FR', title: 'FRCP ONCO PAYS DE LA LOIRE / 3C CHU Angers / Sein',
    creationTime: '20190218084914', serviceStartTime: '20190218144500',
    healthcareFacilityTypeCode: ['SA01', '1.2.250.1.71.4.2.4', 'Etablissement public de santé'],
    practiceSettingCode: ['ETABLISSEMENT', '1.2.250.1.213.1.1.4.9', 'Etablissement de santé'],
    eventCodes: [['39', '1.2.250.1.213.3.3.13', 'RCP'], ['C50.2', '2.16.840.1.113883.6.3', 'Tumeur']],
    sourcePatientId: '1234567890121^^^&1.2.3.4.567.8.9.10&ISO^PI',
    sourcePatientInfo: ['PID-5|PAT-TROIS^DOMINIQUE^^^^^L', 'PID-7|19790328', 'PID-8|F'],
    authorPerson: '401234567890009^MULLER^Charles^^^^^^&1.2.250.1.71.4.2.1&ISO^D^^^IDNPS',
    authorInstitution: "Centre Hospitalier d'Angers^^^^^&1.2.250.1.71.4.2.2&ISO^IDNST^^^1750100125",
    authorSpecialty: 'G15_10/SM36^Médecin - Oncologie, opt médicale (SM)^1.2.250.1.213.1.1.4.5',
    legalAuthenticator: '801234567897^MULLER^Charles^^^^^^&1.2.250.1.71.4.2.1&ISO^D^^^IDNPS',
  };
}

const slot = (name: string, ...values: string[]): string => `<rim:Slot name="${name}"><rim:ValueList>${values.map((v) => `<rim:Value>${esc(v)}</rim:Value>`).join('')}</rim:ValueList></rim:Slot>`;
const classification = (scheme: string, object: string, code: Code, inner = ''): string =>
  `<rim:Classification id="urn:uuid:${randomUUID()}" classificationScheme="${scheme}" classifiedObject="${object}" nodeRepresentation="${esc(code[0])}">${slot('codingScheme', code[1])}<rim:Name><rim:LocalizedString value="${esc(code[2])}"/></rim:Name>${inner}</rim:Classification>`;
const external = (scheme: string, object: string, value: string, name: string): string =>
  `<rim:ExternalIdentifier id="urn:uuid:${randomUUID()}" identificationScheme="${scheme}" registryObject="${object}" value="${esc(value)}"><rim:Name><rim:LocalizedString value="${name}"/></rim:Name></rim:ExternalIdentifier>`;

export function extrinsicObject(id: string, v: EntryValues, options: { lid?: string } = {}): string {
  const author = v.authorPerson === null && v.authorInstitution === null ? '' :
    `<rim:Classification id="urn:uuid:${randomUUID()}" classificationScheme="${DE.author}" classifiedObject="${id}" nodeRepresentation="">` +
    (v.authorPerson ? slot('authorPerson', v.authorPerson) : '') + (v.authorInstitution ? slot('authorInstitution', v.authorInstitution) : '') +
    slot('authorSpecialty', v.authorSpecialty) + `</rim:Classification>`;
  return (
    `<rim:ExtrinsicObject id="${id}" mimeType="${v.mimeType ?? 'text/xml'}" objectType="${STABLE}"${options.lid ? ` lid="${options.lid}"` : ''}>` +
    (v.creationTime ? slot('creationTime', v.creationTime) : '') +
    (v.languageCode ? slot('languageCode', v.languageCode) : '') +
    (v.legalAuthenticator ? slot('legalAuthenticator', v.legalAuthenticator) : '') +
    (v.serviceStartTime ? slot('serviceStartTime', v.serviceStartTime) : '') +
    (v.serviceStopTime ? slot('serviceStopTime', v.serviceStopTime) : '') +
    (v.sourcePatientId ? slot('sourcePatientId', v.sourcePatientId) : '') +
    (v.sourcePatientInfo.length ? slot('sourcePatientInfo', ...v.sourcePatientInfo) : '') +
    (v.hash ? slot('hash', v.hash) : '') + (v.size !== undefined ? slot('size', String(v.size)) : '') +
    (v.title ? `<rim:Name><rim:LocalizedString value="${esc(v.title)}"/></rim:Name>` : '') +
    author +
    (v.classCode ? classification(DE.classCode, id, v.classCode) : '') +
    v.confidentiality.map((c) => classification(DE.confidentialityCode, id, c)).join('') +
    v.eventCodes.map((c) => classification(DE.eventCodeList, id, c)).join('') +
    (v.formatCode ? classification(DE.formatCode, id, v.formatCode) : '') +
    (v.healthcareFacilityTypeCode ? classification(DE.healthcareFacilityTypeCode, id, v.healthcareFacilityTypeCode) : '') +
    (v.practiceSettingCode ? classification(DE.practiceSettingCode, id, v.practiceSettingCode) : '') +
    (v.typeCode ? classification(DE.typeCode, id, v.typeCode) : '') +
    external(DE.patientId, id, v.patientId, 'XDSDocumentEntry.patientId') +
    external(DE.uniqueId, id, v.uniqueId, 'XDSDocumentEntry.uniqueId') +
    `</rim:ExtrinsicObject>`
  );
}

export function submissionSet(id: string, patientId: string, uniqueId = `2.25.${BigInt(`0x${randomUUID().replace(/-/g, '')}`)}`): string {
  return (
    `<rim:RegistryPackage id="${id}" objectType="urn:oasis:names:tc:ebxml-regrep:ObjectType:RegistryObject:RegistryPackage">` +
    slot('submissionTime', new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14)) +
    `<rim:Classification id="urn:uuid:${randomUUID()}" classificationScheme="${SS.author}" classifiedObject="${id}" nodeRepresentation="">${slot('authorInstitution', "Centre Hospitalier d'Angers^^^^^&1.2.250.1.71.4.2.2&ISO^IDNST^^^1750100125")}</rim:Classification>` +
    classification(SS.contentTypeCode, id, ['07', '1.2.250.1.213.2.2', 'Consultation']) +
    external(SS.uniqueId, id, uniqueId, 'XDSSubmissionSet.uniqueId') +
    external(SS.sourceId, id, '1.2.250.1.999.1', 'XDSSubmissionSet.sourceId') +
    external(SS.patientId, id, patientId, 'XDSSubmissionSet.patientId') +
    `</rim:RegistryPackage><rim:Classification id="urn:uuid:${randomUUID()}" classifiedObject="${id}" classificationNode="${SS.node}"/>`
  );
}

export const association = (type: string, source: string, target: string, slots: Record<string, string> = {}): string =>
  `<rim:Association id="urn:uuid:${randomUUID()}" associationType="${type}" sourceObject="${source}" targetObject="${target}">${Object.entries(slots).map(([n, v]) => slot(n, v)).join('')}</rim:Association>`;

// ---------------------------------------------------------------- XAdES

export function xades(signatureUniqueId: string, documents: { uniqueId: string; bytes: Uint8Array }[], signer: Signer, options: { digest?: 'sha1' | 'sha256'; tamper?: boolean } = {}): Uint8Array {
  const algorithm = options.digest ?? 'sha256';
  const refs = documents.map((d) => {
    const digest = createHash(algorithm).update(options.tamper ? Buffer.concat([Buffer.from(d.bytes), Buffer.from(' ')]) : d.bytes).digest('base64');
    return `<ds:Reference URI="urn:oid:${d.uniqueId}"><ds:DigestMethod Algorithm="${algorithm === 'sha1' ? ALG.sha1 : ALG.sha256}"/><ds:DigestValue>${digest}</ds:DigestValue></ds:Reference>`;
  }).join('');
  const s = new SignedXml({ privateKey: signer.key, publicCert: signer.cert, signatureAlgorithm: ALG.rsaSha256, canonicalizationAlgorithm: ALG.excC14n });
  s.objects = [
    { content: `<ds:Manifest xmlns:ds="${NS.ds}" Id="IHEManifest">${refs}</ds:Manifest>` },
    { content: `<xades:QualifyingProperties xmlns:xades="${NS.xades}" Target="#sig"><xades:SignedProperties Id="SignedProperties-1"><xades:SignedSignatureProperties><xades:SigningTime>${new Date().toISOString()}</xades:SigningTime></xades:SignedSignatureProperties></xades:SignedProperties></xades:QualifyingProperties>` },
  ];
  s.addReference({ xpath: "//*[local-name()='Manifest']", transforms: [ALG.excC14n], digestAlgorithm: ALG.sha256, type: 'http://www.w3.org/2000/09/xmldsig#Manifest' });
  s.addReference({ xpath: "//*[local-name()='SignedProperties']", transforms: [ALG.excC14n], digestAlgorithm: ALG.sha256 });
  s.computeSignature('<detached/>', { prefix: 'ds', attrs: { Id: signatureUniqueId }, location: { reference: '/*', action: 'append' } });
  return Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>\n${s.getSignatureXml()}`);
}

export function signatureEntryValues(base: EntryValues, uniqueId: string): EntryValues {
  return {
    ...base, uniqueId,
    typeCode: ['E1762', 'ASTM', 'Full Document'], classCode: ['urn:oid:1.3.6.1.4.1.19376.1.2.1.1.1', 'URN', 'Digital Signature'],
    formatCode: ['http://www.w3.org/2000/09/xmldsig#', 'URN', 'Default Signature Style'],
    confidentiality: [['N', '2.16.840.1.113883.5.25', 'Normal'], ['MASQUE_PS', '1.2.250.1.213.1.1.4.13', 'Masqué'], ['INVISIBLE_PATIENT', '1.2.250.1.213.1.1.4.13', 'Invisible']],
    eventCodes: [['1.2.840.10065.1.12.1.14', '1.2.840.10065.1.12', 'Source']], languageCode: 'art', title: 'Source',
    serviceStartTime: null, sourcePatientInfo: [], legalAuthenticator: null, hash: undefined as unknown as string,
  };
}

export interface Iti41Options {
  signer: Signer;
  cda?: Uint8Array;
  visibility?: string[];
  /** Edit the clinical entry's values. */
  edit?: (v: EntryValues) => void;
  replaces?: string;
  entryUUID?: string;
  submissionSetUniqueId?: string;
  signature?: 'ok' | 'none' | 'tampered' | 'sha1' | 'no-signs' | 'two';
  mtom?: boolean;
  vihf?: Partial<VihfOptions>;
  /** Omit the document of the clinical entry. */
  dropDocument?: boolean;
}

export const ACTION_41 = 'urn:ihe:iti:2007:ProvideAndRegisterDocumentSet-b';

export function iti41(url: string, o: Iti41Options): HttpBody & { entryUUID: string; uniqueId: string } {
  const cda = o.cda ?? frcpExample();
  const base = frcpEntryValues(cda, o.visibility);
  const values = structuredClone(base);
  o.edit?.(values);
  const entryUUID = o.entryUUID ?? `urn:uuid:${randomUUID()}`;
  const sigUniqueId = `2.25.${BigInt(`0x${randomUUID().replace(/-/g, '')}`)}`;
  const sigBytes = xades(sigUniqueId, [{ uniqueId: values.uniqueId, bytes: cda }], o.signer, { digest: o.signature === 'sha1' ? 'sha1' : 'sha256', tamper: o.signature === 'tampered' });
  const objects = [
    submissionSet('SubmissionSet01', base.patientId, o.submissionSetUniqueId),
    extrinsicObject(entryUUID, values),
    association(HAS_MEMBER, 'SubmissionSet01', entryUUID, { SubmissionSetStatus: 'Original' }),
  ];
  const docs: { id: string; bytes: Uint8Array }[] = o.dropDocument ? [] : [{ id: entryUUID, bytes: cda }];
  const withSignature = o.signature !== 'none';
  const sigIds = o.signature === 'two' ? ['Signature01', 'Signature02'] : ['Signature01'];
  if (withSignature) {
    for (const sid of sigIds) {
      objects.push(extrinsicObject(sid, signatureEntryValues(base, sid === 'Signature01' ? sigUniqueId : `${sigUniqueId}.2`)));
      objects.push(association(HAS_MEMBER, 'SubmissionSet01', sid, { SubmissionSetStatus: 'Original' }));
      if (o.signature !== 'no-signs') objects.push(association('urn:ihe:iti:2007:AssociationType:signs', sid, 'SubmissionSet01'));
      docs.push({ id: sid, bytes: sigBytes });
    }
  }
  if (o.replaces) objects.push(association('urn:ihe:iti:2007:AssociationType:RPLC', entryUUID, o.replaces));
  const attachments = docs.map((d, i) => ({ cid: `doc${i}@dcc-kit`, bytes: d.bytes }));
  const documentsXml = docs.map((d, i) =>
    o.mtom === false
      ? `<xdsb:Document id="${d.id}">${Buffer.from(d.bytes).toString('base64')}</xdsb:Document>`
      : `<xdsb:Document id="${d.id}"><xop:Include xmlns:xop="${NS.xop}" href="cid:${attachments[i]!.cid}"/></xdsb:Document>`).join('');
  const body =
    `<xdsb:ProvideAndRegisterDocumentSetRequest xmlns:xdsb="${NS.xdsb}"><lcm:SubmitObjectsRequest xmlns:lcm="${NS.lcm}" xmlns:rim="${NS.rim}"><rim:RegistryObjectList>` +
    objects.join('') + `</rim:RegistryObjectList></lcm:SubmitObjectsRequest>${documentsXml}</xdsb:ProvideAndRegisterDocumentSetRequest>`;
  const vihf = signedVihf({ signer: o.signer, resourceId: base.patientId, ...o.vihf });
  const env = soapEnvelope(ACTION_41, `${url}/repository`, body, vihf);
  const http = o.mtom === false ? plainSoap(env, ACTION_41) : mtomSoap(env, ACTION_41, attachments);
  return { ...http, entryUUID, uniqueId: values.uniqueId };
}

export const ACTION_57 = 'urn:ihe:iti:2010:UpdateDocumentSet';

export function iti57Visibility(url: string, o: { signer: Signer; cda?: Uint8Array; logicalId: string; previousVersion: number; visibility: string[]; vihf?: Partial<VihfOptions>; edit?: (v: EntryValues) => void }): HttpBody {
  const values = frcpEntryValues(o.cda ?? frcpExample(), o.visibility);
  o.edit?.(values);
  const newId = `urn:uuid:${randomUUID()}`;
  const body =
    `<lcm:SubmitObjectsRequest xmlns:lcm="${NS.lcm}" xmlns:rim="${NS.rim}"><rim:RegistryObjectList>` +
    submissionSet('SubmissionSet01', values.patientId) + extrinsicObject(newId, values, { lid: o.logicalId }) +
    association(HAS_MEMBER, 'SubmissionSet01', newId, { SubmissionSetStatus: 'Original', PreviousVersion: String(o.previousVersion) }) +
    `</rim:RegistryObjectList></lcm:SubmitObjectsRequest>`;
  return plainSoap(soapEnvelope(ACTION_57, `${url}/registry`, body, signedVihf({ signer: o.signer, resourceId: values.patientId, ...o.vihf })), ACTION_57);
}

export const STATUS = {
  Approved: 'urn:oasis:names:tc:ebxml-regrep:StatusType:Approved',
  Archived: 'urn:asip:ci-sis:2010:StatusType:Archived',
  Deleted: 'urn:asip:ci-sis:2010:StatusType:Deleted',
  Deprecated: 'urn:oasis:names:tc:ebxml-regrep:StatusType:Deprecated',
} as const;

export function iti57Status(url: string, o: { signer: Signer; entryUUID: string; from: keyof typeof STATUS; to: keyof typeof STATUS; patientId?: string; vihf?: Partial<VihfOptions> }): HttpBody {
  const patientId = o.patientId ?? cx(FRCP_INS);
  const body =
    `<lcm:SubmitObjectsRequest xmlns:lcm="${NS.lcm}" xmlns:rim="${NS.rim}"><rim:RegistryObjectList>` +
    submissionSet('SubmissionSet01', patientId) +
    association('urn:ihe:iti:2010:AssociationType:UpdateAvailabilityStatus', 'SubmissionSet01', o.entryUUID, { OriginalStatus: STATUS[o.from], NewStatus: STATUS[o.to] }) +
    `</rim:RegistryObjectList></lcm:SubmitObjectsRequest>`;
  return plainSoap(soapEnvelope(ACTION_57, `${url}/registry`, body, signedVihf({ signer: o.signer, resourceId: patientId, ...o.vihf })), ACTION_57);
}

export const ACTION_18 = 'urn:ihe:iti:2007:RegistryStoredQuery';

export function iti18(url: string, o: { signer: Signer; queryId: string; params: Record<string, string>; returnType?: 'LeafClass' | 'ObjectRef'; vihf?: Partial<VihfOptions> }): HttpBody {
  const body =
    `<query:AdhocQueryRequest xmlns:query="${NS.query}" xmlns:rim="${NS.rim}"><query:ResponseOption returnComposedObjects="true" returnType="${o.returnType ?? 'LeafClass'}"/>` +
    `<rim:AdhocQuery id="${o.queryId}">${Object.entries(o.params).map(([n, v]) => slot(n, v)).join('')}</rim:AdhocQuery></query:AdhocQueryRequest>`;
  return plainSoap(soapEnvelope(ACTION_18, `${url}/registry`, body, signedVihf({ signer: o.signer, mode: 'DIRECTE', ...o.vihf })), ACTION_18);
}

export const ACTION_43 = 'urn:ihe:iti:2007:RetrieveDocumentSet';

export function iti43(url: string, o: { signer: Signer; uniqueId: string; repositoryUniqueId?: string; vihf?: Partial<VihfOptions> }): HttpBody {
  const body = `<xdsb:RetrieveDocumentSetRequest xmlns:xdsb="${NS.xdsb}"><xdsb:DocumentRequest><xdsb:RepositoryUniqueId>${o.repositoryUniqueId ?? '1.2.250.1.213.4.1.1.2'}</xdsb:RepositoryUniqueId><xdsb:DocumentUniqueId>${o.uniqueId}</xdsb:DocumentUniqueId></xdsb:DocumentRequest></xdsb:RetrieveDocumentSetRequest>`;
  return plainSoap(soapEnvelope(ACTION_43, `${url}/repository`, body, signedVihf({ signer: o.signer, mode: 'DIRECTE', ...o.vihf })), ACTION_43);
}

export const ACTION_TD02 = 'urn:hl7-org:v3:PRPA_IN201307UV02';

export function td02(url: string, o: { signer: Signer; ins: { matricule: string; oid: string }; vihf?: Partial<VihfOptions> }): HttpBody {
  const body =
    `<PRPA_IN201307UV02 xmlns="${NS.hl7}" ITSVersion="XML_1.0"><id root="${randomUUID()}"/><creationTime value="20261206000000"/>` +
    `<interactionId root="2.16.840.1.113883.1.6" extension="PRPA_IN201307UV02"/><processingCode code="P"/><processingModeCode code="T"/><acceptAckCode code="AL"/>` +
    `<receiver typeCode="RCV"><device classCode="DEV" determinerCode="INSTANCE"><id root="1.2.250.1.213.4.1.1.1"/></device></receiver>` +
    `<sender typeCode="SND"><device classCode="DEV" determinerCode="INSTANCE"><id root="1.2.250.1.999.1"/></device></sender>` +
    `<controlActProcess classCode="CACT" moodCode="EVN"><code code="PRPA_TE201307UV02" codeSystem="2.16.840.1.113883.1.6"/>` +
    `<queryByParameter><queryId root="${randomUUID()}"/><statusCode code="new"/><responsePriorityCode code="I"/>` +
    `<parameterList><patientIdentifier><value root="${o.ins.oid}" extension="${o.ins.matricule}"/><semanticsText>Patient.id</semanticsText></patientIdentifier></parameterList>` +
    `</queryByParameter></controlActProcess></PRPA_IN201307UV02>`;
  return plainSoap(soapEnvelope(ACTION_TD02, `${url}/patients`, body, signedVihf({ signer: o.signer, resourceId: cx(o.ins), ...o.vihf })), ACTION_TD02);
}

/** POSTs a SOAP request to `<url>/<service>` and returns the status and body text. */
export async function post(url: string, service: string, http: HttpBody): Promise<{ status: number; text: string; contentType: string }> {
  const response = await fetch(`${url}/${service}`, { method: 'POST', headers: { 'content-type': http.contentType }, body: new Uint8Array(http.body), signal: AbortSignal.timeout(10_000) });
  return { status: response.status, text: await response.text(), contentType: response.headers.get('content-type') ?? '' };
}

/** The RegistryError elements of an answer as objects. */
export function registryErrors(text: string): { errorCode: string; codeContext: string; location: string }[] {
  const unescape = (v: string): string => v.replace(/&apos;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  return [...text.matchAll(/<rs:RegistryError errorCode="([^"]*)" codeContext="([^"]*)" severity="[^"]*" location="([^"]*)"\/>/g)].map((m) => ({ errorCode: m[1]!, codeContext: unescape(m[2]!), location: unescape(m[3]!) }));
}

export function faultOf(text: string): { code: string; location: string } | undefined {
  const m = /<sim:Refusal xmlns:sim="[^"]*" code="([^"]*)" location="([^"]*)"\/>/.exec(text);
  return m ? { code: m[1]!, location: m[2]! } : undefined;
}
