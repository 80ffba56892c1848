import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SignedXml } from 'xml-crypto';
import { parseXml, descendants, textOf, firstDescendant } from '../soap/xml.js';
import { NS } from '../soap/namespaces.js';
import { signedVihf, type VihfInput } from './vihf.js';
import { distinguishedName } from './certificate.js';
import { testCerts } from './test-pki.test.util.js';

const input = (now: Date, extra: Partial<VihfInput> = {}): VihfInput => ({
  nameId: '801234567897',
  subjectId: 'Dr Charles MULLER',
  roles: [{ code: '10', codingScheme: '1.2.250.1.71.1.2.7', displayName: 'Médecin' }, { code: 'SM36', codingScheme: '1.2.250.1.71.4.2.5', displayName: 'Oncologie option médicale (SM)' }],
  structureId: '1750100125',
  secteurActivite: 'SA01^1.2.250.1.71.4.2.4',
  patientId: '279035121518989^^^&1.2.250.1.213.1.4.10&ISO^NH',
  lps: { name: 'dcc-kit', version: '0.1.0', instanceId: 'test-instance-1', homologationId: 'HOMOLOG-TEST' },
  now,
  ...extra,
});

function verify(xml: string, cert: string): boolean {
  const doc = parseXml(xml);
  const sig = firstDescendant(doc, NS.ds, 'Signature');
  assert.ok(sig, 'a ds:Signature');
  const verifier = new SignedXml({ publicCert: cert });
  verifier.loadSignature(sig);
  try {
    return verifier.checkSignature(xml);
  } catch {
    return false;
  }
}

function attribute(doc: Document, name: string): string[] {
  const attr = descendants(doc, NS.saml2, 'Attribute').find((a) => a.getAttribute('Name') === name);
  return attr ? descendants(attr, NS.saml2, 'AttributeValue').map((v) => textOf(v) || (v.firstChild as Element | null)?.getAttribute?.('code') || '') : [];
}

test('VIHF: every mandatory attribute, Issuer = signing certificate DN, validity from the injected clock', async () => {
  const { signing } = await testCerts();
  const now = new Date('2026-12-06T05:00:00.000Z');
  const xml = signedVihf(input(now), { key: signing.key, certificate: signing.cert });
  const doc = parseXml(xml);
  const issuer = firstDescendant(doc, NS.saml2, 'Issuer');
  assert.equal(textOf(issuer), distinguishedName(signing.cert));
  assert.match(textOf(issuer), /^CN=CH Test cachet ORG_SIGN,OU=1750100125,O=Centre Hospitalier Test,ST=Maine-et-Loire,C=FR$/);
  assert.equal(issuer?.getAttribute('Format'), 'urn:oasis:names:tc:SAML:1.1:nameid-format:X509SubjectName');
  // ds:Signature right after Issuer (SAML schema order)
  assert.equal((issuer?.nextSibling as Element).localName, 'Signature');
  assert.equal(textOf(firstDescendant(doc, NS.saml2, 'NameID')), '801234567897');
  const conditions = firstDescendant(doc, NS.saml2, 'Conditions');
  assert.equal(conditions?.getAttribute('NotBefore'), '2026-12-06T05:00:00Z');
  assert.equal(conditions?.getAttribute('NotOnOrAfter'), '2026-12-06T05:05:00Z');
  assert.equal(doc.documentElement.getAttribute('IssueInstant'), '2026-12-06T05:00:00Z');
  assert.ok(firstDescendant(doc, NS.saml2, 'AuthnContextClassRef'));
  assert.deepEqual(attribute(doc, 'VIHF_Version'), ['3.0']);
  assert.deepEqual(attribute(doc, 'Authentification_Mode'), ['INDIRECTE']);
  assert.deepEqual(attribute(doc, 'Identifiant_Structure'), ['1750100125']);
  assert.deepEqual(attribute(doc, 'Secteur_Activite'), ['SA01^1.2.250.1.71.4.2.4']);
  assert.deepEqual(attribute(doc, 'urn:oasis:names:tc:xspa:1.0:subject:subject-id'), ['Dr Charles MULLER']);
  assert.deepEqual(attribute(doc, 'urn:oasis:names:tc:xacml:2.0:subject:role'), ['10', 'SM36']);
  const role = firstDescendant(doc, NS.hl7, 'Role');
  assert.equal(role?.getAttributeNS(NS.xsi, 'type'), 'CE');
  assert.equal(role?.getAttribute('codeSystem'), '1.2.250.1.71.1.2.7');
  assert.deepEqual(attribute(doc, 'urn:oasis:names:tc:xspa:1.0:subject:purposeofuse'), ['normal']);
  assert.equal(firstDescendant(doc, NS.hl7, 'PurposeOfUse')?.getAttribute('codeSystem'), '1.2.250.1.213.1.1.4.248');
  assert.deepEqual(attribute(doc, 'urn:oasis:names:tc:xacml:2.0:resource:resource-id'), ['279035121518989^^^&1.2.250.1.213.1.4.10&ISO^NH']);
  assert.deepEqual(attribute(doc, 'Ressource_URN'), ['urn:dmp']);
  assert.deepEqual(attribute(doc, 'LPS_ID'), ['test-instance-1']);
  assert.deepEqual(attribute(doc, 'LPS_Nom'), ['dcc-kit']);
  assert.deepEqual(attribute(doc, 'LPS_Version'), ['0.1.0']);
  assert.deepEqual(attribute(doc, 'LPS_ID_HOMOLOGATION_DMP'), ['HOMOLOG-TEST']);
  assert.deepEqual(attribute(doc, 'urn:oasis:names:tc:xspa:1.0:resource:patient:hl7:confidentiality-code'), [], 'no confidentiality-code outside a secret connection');
  const secret = parseXml(signedVihf(input(now, { secretConnection: true }), { key: signing.key, certificate: signing.cert }));
  assert.deepEqual(attribute(secret, 'urn:oasis:names:tc:xspa:1.0:resource:patient:hl7:confidentiality-code'), ['INVISIBLE_REPRESENTANTS_LEGAUX^1.2.250.1.213.1.1.4.13']);
});

test('VIHF: exclusive C14N, RSA-SHA256, SHA-256, X.509 KeyInfo; verifies, and fails when one attribute is altered', async () => {
  const { signing, client } = await testCerts();
  const xml = signedVihf(input(new Date('2026-12-06T05:00:00Z')), { key: signing.key, certificate: signing.cert });
  assert.match(xml, /<ds:CanonicalizationMethod Algorithm="http:\/\/www\.w3\.org\/2001\/10\/xml-exc-c14n#"\/>/);
  assert.match(xml, /<ds:SignatureMethod Algorithm="http:\/\/www\.w3\.org\/2001\/04\/xmldsig-more#rsa-sha256"\/>/);
  assert.match(xml, /<ds:DigestMethod Algorithm="http:\/\/www\.w3\.org\/2001\/04\/xmlenc#sha256"\/>/);
  assert.match(xml, /<ds:Transform Algorithm="http:\/\/www\.w3\.org\/2000\/09\/xmldsig#enveloped-signature"\/>/);
  assert.match(xml, /<ds:KeyInfo><ds:X509Data><ds:X509Certificate>MII/);
  assert.equal(verify(xml, signing.cert), true);
  const altered = xml.replace('>1750100125<', '>1750100126<');
  assert.notEqual(altered, xml);
  assert.equal(verify(altered, signing.cert), false);
  const otherRole = xml.replace('code="SM36"', 'code="SM37"');
  assert.equal(verify(otherRole, signing.cert), false);
  assert.equal(verify(xml, client.cert), false, 'another certificate does not verify it');
});

test('VIHF: a missing field is named', () => {
  assert.throws(() => signedVihf(input(new Date(), { structureId: '' }), { key: 'x', certificate: 'y' }), /VIHF: structureId is required/);
  assert.throws(() => signedVihf(input(new Date(), { secteurActivite: 'SA01' }), { key: 'x', certificate: 'y' }), /secteurActivite must be/);
  assert.throws(() => signedVihf(input(new Date(), { roles: [] }), { key: 'x', certificate: 'y' }), /roles must hold 1 or 2/);
});
