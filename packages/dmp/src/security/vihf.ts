// The VIHF: a SAML 2.0 assertion saying who acts, for which patient, from which software,
// signed by the organisation (dmp-mes.md §3.3). Placed in wsse:Security.
import { randomUUID } from 'node:crypto';
import { escapeXml } from '../soap/xml.js';
import { NS } from '../soap/namespaces.js';
import { distinguishedName } from './certificate.js';
import { ALGORITHMS, HASH_ALGORITHMS, newSigner, type SignatureHash, type SigningMaterial } from './signing.js';

export interface VihfCode { code: string; codingScheme: string; displayName: string }

export interface VihfInput {
  /** PS_IdNat of the acting professional ('8' + RPPS). */
  nameId: string;
  /** subject-id: display name of the user (or the software for an automated flow). */
  subjectId: string;
  /** 1–2 roles of JDV_J65 (TRE_G15 profession, + TRE_R01 savoir-faire for médecins). */
  roles: readonly VihfCode[];
  structureId: string;
  /** `<code>^<OID>`, e.g. `SA01^1.2.250.1.71.4.2.4` (JDV_J61). */
  secteurActivite: string;
  mode?: 'INDIRECTE' | 'DIRECTE' | 'INDIRECTE_RENFORCEE';
  purposeOfUse?: 'normal' | 'bris_de_glace' | 'centre_15';
  /** Patient INS as CX `<matricule>^^^&<OID>&ISO^NH`; omitted when no patient is concerned. */
  patientId?: string;
  /** Minor's secret connection: adds confidentiality-code INVISIBLE_REPRESENTANTS_LEGAUX. */
  secretConnection?: boolean;
  lps: { name: string; version: string; instanceId: string; homologationId: string };
  /** AuthnContextClassRef; default TLSClient (server authenticated by its certificate). */
  authnContextClassRef?: string;
  /** VIHF_Version; 3.0 as the reference clients send ([?] §7.2). */
  version?: string;
  now: Date;
  /** Lifetime of the assertion; default 300 s. */
  validitySeconds?: number;
  id?: string;
  /** Default sha256 (RSA-SHA256, SHA-256 digest). */
  hash?: SignatureHash;
}

const PURPOSE_DISPLAY: Record<string, string> = { normal: 'Accès normal', bris_de_glace: 'Accès en urgence', centre_15: 'Accès par le centre de régulation' };

/** ISO-8601 UTC without milliseconds, as SAML instants are usually written. */
export function samlInstant(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function stringAttribute(name: string, ...values: string[]): string {
  return `<saml2:Attribute Name="${escapeXml(name)}">${values.map((v) => `<saml2:AttributeValue xsi:type="xs:string">${escapeXml(v)}</saml2:AttributeValue>`).join('')}</saml2:Attribute>`;
}

function ceValue(element: 'Role' | 'PurposeOfUse', c: VihfCode): string {
  return `<saml2:AttributeValue><${element} xmlns="${NS.hl7}" xsi:type="CE" code="${escapeXml(c.code)}" codeSystem="${escapeXml(c.codingScheme)}" displayName="${escapeXml(c.displayName)}"/></saml2:AttributeValue>`;
}

/** Throws naming the first missing or malformed field. */
export function checkVihfInput(input: VihfInput): void {
  if (input.roles.length < 1 || input.roles.length > 2) throw new Error(`VIHF: roles must hold 1 or 2 codes (got ${input.roles.length})`);
  for (const [field, value] of [['nameId', input.nameId], ['structureId', input.structureId], ['subjectId', input.subjectId], ['lps.name', input.lps.name], ['lps.homologationId', input.lps.homologationId]] as const) {
    if (!value || !value.trim()) throw new Error(`VIHF: ${field} is required`);
  }
  if (!/^[^^]+\^[0-9]+(\.[0-9]+)*$/.test(input.secteurActivite)) throw new Error(`VIHF: secteurActivite must be '<code>^<OID>' (got "${input.secteurActivite}")`);
}

/** The unsigned assertion (exported for tests and for callers who sign elsewhere). */
export function vihfAssertionXml(input: VihfInput, issuerDn: string): string {
  checkVihfInput(input);
  const id = input.id ?? `_${randomUUID()}`;
  const now = input.now;
  const notOnOrAfter = new Date(now.getTime() + (input.validitySeconds ?? 300) * 1000);
  const purpose = input.purposeOfUse ?? 'normal';
  const attributes = [
    stringAttribute('VIHF_Version', input.version ?? '3.0'),
    stringAttribute('Authentification_Mode', input.mode ?? 'INDIRECTE'),
    stringAttribute('Identifiant_Structure', input.structureId),
    stringAttribute('Secteur_Activite', input.secteurActivite),
    stringAttribute('urn:oasis:names:tc:xspa:1.0:subject:subject-id', input.subjectId),
    `<saml2:Attribute Name="urn:oasis:names:tc:xacml:2.0:subject:role">${input.roles.map((r) => ceValue('Role', r)).join('')}</saml2:Attribute>`,
    `<saml2:Attribute Name="urn:oasis:names:tc:xspa:1.0:subject:purposeofuse">${ceValue('PurposeOfUse', { code: purpose, codingScheme: '1.2.250.1.213.1.1.4.248', displayName: PURPOSE_DISPLAY[purpose] ?? purpose })}</saml2:Attribute>`,
    ...(input.patientId ? [stringAttribute('urn:oasis:names:tc:xacml:2.0:resource:resource-id', input.patientId)] : []),
    stringAttribute('Ressource_URN', 'urn:dmp'),
    ...(input.secretConnection ? [stringAttribute('urn:oasis:names:tc:xspa:1.0:resource:patient:hl7:confidentiality-code', 'INVISIBLE_REPRESENTANTS_LEGAUX^1.2.250.1.213.1.1.4.13')] : []),
    stringAttribute('LPS_ID', input.lps.instanceId),
    stringAttribute('LPS_Nom', input.lps.name),
    stringAttribute('LPS_Version', input.lps.version),
    stringAttribute('LPS_ID_HOMOLOGATION_DMP', input.lps.homologationId),
  ];
  return (
    `<saml2:Assertion xmlns:saml2="${NS.saml2}" xmlns:xs="${NS.xs}" xmlns:xsi="${NS.xsi}" ID="${escapeXml(id)}" IssueInstant="${samlInstant(now)}" Version="2.0">` +
    `<saml2:Issuer Format="urn:oasis:names:tc:SAML:1.1:nameid-format:X509SubjectName">${escapeXml(issuerDn)}</saml2:Issuer>` +
    `<saml2:Subject><saml2:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified">${escapeXml(input.nameId)}</saml2:NameID></saml2:Subject>` +
    `<saml2:Conditions NotBefore="${samlInstant(now)}" NotOnOrAfter="${samlInstant(notOnOrAfter)}"/>` +
    `<saml2:AuthnStatement AuthnInstant="${samlInstant(now)}"><saml2:AuthnContext><saml2:AuthnContextClassRef>${escapeXml(input.authnContextClassRef ?? 'urn:oasis:names:tc:SAML:2.0:ac:classes:TLSClient')}</saml2:AuthnContextClassRef></saml2:AuthnContext></saml2:AuthnStatement>` +
    `<saml2:AttributeStatement>${attributes.join('')}</saml2:AttributeStatement>` +
    `</saml2:Assertion>`
  );
}

/**
 * The signed VIHF: enveloped ds:Signature right after saml2:Issuer (where the SAML schema wants
 * it), exclusive C14N, RSA-SHA256, SHA-256 digest, KeyInfo with the certificate.
 */
export function signedVihf(input: VihfInput, signing: SigningMaterial): string {
  checkVihfInput(input);
  const xml = vihfAssertionXml(input, distinguishedName(signing.certificate));
  const hash = input.hash ?? 'sha256';
  const signer = newSigner(signing, hash);
  signer.addReference({
    xpath: "/*[local-name()='Assertion']",
    transforms: [ALGORITHMS.enveloped, ALGORITHMS.excC14n],
    digestAlgorithm: HASH_ALGORITHMS[hash].digest,
  });
  signer.computeSignature(xml, {
    prefix: 'ds',
    location: { reference: "/*[local-name()='Assertion']/*[local-name()='Issuer']", action: 'after' },
  });
  return signer.getSignedXml();
}
