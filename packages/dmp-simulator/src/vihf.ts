// Stage 2 of §5.3: the VIHF (SAML 2.0 assertion in wsse:Security) — signature verified with
// xml-crypto against the trusted certificates, Issuer = the certificate's subject DN, validity
// window ±5 min around the injected clock, then the attributes of §3.3 and their allowed values.
import { X509Certificate } from 'node:crypto';
import { SignedXml } from 'xml-crypto';
import { elements, element, nodes, parseXml, serialize, text } from './xml.js';
import { Refused, problem } from './refusals.js';
import { isSecteurActivite, isVihfRole } from './codes.js';

export const CLOCK_SKEW_MS = 5 * 60_000;

export type AuthMode = 'INDIRECTE' | 'DIRECTE' | 'INDIRECTE_RENFORCEE';

export interface Vihf {
  nameId: string;
  mode: AuthMode;
  structureId: string;
  secteurActivite: string;
  subjectId: string;
  roles: { code: string; codeSystem: string }[];
  purposeOfUse: string;
  /** resource-id: the patient's INS as CX, when present. */
  resourceId?: string;
  /** confidentiality-code attribute (minor's secret connection). */
  confidentialityCode?: string;
  lpsName: string;
  lpsHomologation: string;
}

const ATTR = {
  version: 'VIHF_Version',
  mode: 'Authentification_Mode',
  structure: 'Identifiant_Structure',
  secteur: 'Secteur_Activite',
  subjectId: 'urn:oasis:names:tc:xspa:1.0:subject:subject-id',
  role: 'urn:oasis:names:tc:xacml:2.0:subject:role',
  purpose: 'urn:oasis:names:tc:xspa:1.0:subject:purposeofuse',
  resourceId: 'urn:oasis:names:tc:xacml:2.0:resource:resource-id',
  resourceUrn: 'Ressource_URN',
  confidentiality: 'urn:oasis:names:tc:xspa:1.0:resource:patient:hl7:confidentiality-code',
  lpsName: 'LPS_Nom',
  lpsHomologation: 'LPS_ID_HOMOLOGATION_DMP',
} as const;

const VIHF_VERSIONS = new Set(['3.0', '4.0']);
const MODES = new Set<AuthMode>(['INDIRECTE', 'DIRECTE', 'INDIRECTE_RENFORCEE']);
const PURPOSES = new Set(['normal', 'bris_de_glace', 'centre_15']);
const PURPOSE_SYSTEM = '1.2.250.1.213.1.1.4.248';
export const SECRET_CONNECTION_CODE = 'INVISIBLE_REPRESENTANTS_LEGAUX^1.2.250.1.213.1.1.4.13';

/** A DN as a comparable key: attribute types upper-cased (S → ST), order-insensitive. */
export function dnKey(dn: string): string {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < dn.length; i++) {
    const ch = dn[i]!;
    if (ch === '\\' && i + 1 < dn.length) { current += dn[++i]; continue; }
    if (ch === ',' || ch === '\n' || ch === '+') { parts.push(current); current = ''; continue; }
    current += ch;
  }
  parts.push(current);
  return parts
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => {
      const eq = p.indexOf('=');
      let type = p.slice(0, eq).trim().toUpperCase();
      if (type === 'S') type = 'ST';
      return `${type}=${p.slice(eq + 1).trim()}`;
    })
    .sort()
    .join(',');
}

function attrError(name: string, detail: string): Refused {
  return new Refused([problem('SIM_VIHF_ATTRIBUTE', `VIHF/${name}`, detail)]);
}

function invalid(location: string, detail: string): Refused {
  return new Refused([problem('SIM_VIHF_INVALID', location, detail)]);
}

/** Verifies the VIHF of a SOAP envelope and returns what it asserts. Throws Refused (stage 2). */
export function verifyVihf(envelope: Document, envelopeText: string, options: { trust: readonly string[]; now: Date; patientRequired: boolean }): Vihf {
  const assertions = elements('/env:Envelope/env:Header/wsse:Security/saml:Assertion', envelope);
  if (assertions.length !== 1) throw invalid('wsse:Security/saml2:Assertion', assertions.length === 0 ? 'missing' : 'more than one assertion');
  const assertion = assertions[0]!;
  const assertionId = assertion.getAttribute('ID');
  const signature = element('ds:Signature', assertion);
  if (!signature || !assertionId) throw invalid('saml2:Assertion/ds:Signature', 'the assertion is not signed');
  const refs = elements('ds:SignedInfo/ds:Reference', signature);
  if (refs.length !== 1 || refs[0]!.getAttribute('URI') !== `#${assertionId}`) {
    throw invalid('saml2:Assertion/ds:Signature', 'the signature must reference the assertion (one Reference to its ID)');
  }
  const sameId = nodes('//*[@ID or @Id or @id]', envelope).filter((n) => ['ID', 'Id', 'id'].some((a) => (n as Element).getAttribute(a) === assertionId));
  if (sameId.length !== 1) {
    throw invalid('saml2:Assertion/@ID', 'the assertion ID is not unique in the message');
  }

  // Try each trusted certificate; keep the signed content xml-crypto returns (not the original nodes).
  // Verified on the assertion alone (xmldom writes the namespace declarations it inherits; the
  // exclusive C14N is the same), which spares xml-crypto a search of the whole envelope.
  const standalone = serialize(assertion);
  let signedXml: string | undefined;
  let signer: X509Certificate | undefined;
  // Falls back on the whole envelope should a serialisation of the assertion alone miss a namespace.
  verify: for (const xml of [standalone, envelopeText]) {
    for (const pem of options.trust) {
      const verifier = new SignedXml({ publicCert: pem });
      verifier.loadSignature(signature);
      try {
        if (verifier.checkSignature(xml)) {
          signedXml = verifier.getSignedReferences()[0];
          signer = new X509Certificate(pem);
          break verify;
        }
      } catch {
        // try the next certificate
      }
    }
  }
  if (!signedXml || !signer) throw invalid('saml2:Assertion/ds:Signature', 'signature does not verify against any trusted certificate');
  const signed = parseXml(signedXml).documentElement;

  const issuer = text('saml:Issuer', signed);
  if (!issuer || dnKey(issuer) !== dnKey(signer.subject)) throw invalid('saml2:Issuer', 'Issuer is not the subject DN of the signing certificate');

  const now = options.now.getTime();
  const instant = Date.parse(signed.getAttribute('IssueInstant') ?? '');
  if (Number.isNaN(instant)) throw invalid('saml2:Assertion/@IssueInstant', 'missing or not a dateTime');
  if (instant > now + CLOCK_SKEW_MS) throw invalid('saml2:Assertion/@IssueInstant', 'issued in the future (clock skew over 5 minutes)');
  const notBefore = Date.parse(text('saml:Conditions/@NotBefore', signed) ?? '');
  const notOnOrAfter = Date.parse(text('saml:Conditions/@NotOnOrAfter', signed) ?? '');
  if (!Number.isNaN(notBefore) && now < notBefore - CLOCK_SKEW_MS) throw invalid('saml2:Conditions/@NotBefore', 'not yet valid');
  if (!Number.isNaN(notOnOrAfter) ? now >= notOnOrAfter + CLOCK_SKEW_MS : instant < now - CLOCK_SKEW_MS) {
    throw invalid(Number.isNaN(notOnOrAfter) ? 'saml2:Assertion/@IssueInstant' : 'saml2:Conditions/@NotOnOrAfter', 'expired');
  }

  const nameId = text('saml:Subject/saml:NameID', signed);
  if (!nameId) throw attrError('NameID', 'missing');
  const attrs = new Map<string, Element[]>();
  for (const attr of elements('saml:AttributeStatement/saml:Attribute', signed)) {
    const name = attr.getAttribute('Name') ?? '';
    attrs.set(name, [...(attrs.get(name) ?? []), ...elements('saml:AttributeValue', attr)]);
  }
  const single = (name: string, required = true): string | undefined => {
    const values = attrs.get(name) ?? [];
    const value = values[0]?.textContent?.trim();
    if (required && !value) throw attrError(name, 'missing');
    if (values.length > 1) throw attrError(name, 'repeated');
    return value || undefined;
  };
  const version = single(ATTR.version)!;
  if (!VIHF_VERSIONS.has(version)) throw attrError(ATTR.version, `'${version}' is not 3.0 or 4.0`);
  const mode = single(ATTR.mode)! as AuthMode;
  if (!MODES.has(mode)) throw attrError(ATTR.mode, `'${mode}' is not INDIRECTE, DIRECTE or INDIRECTE_RENFORCEE`);
  const structureId = single(ATTR.structure)!;
  if (!/^[0-9][0-9A-Za-z/]{1,40}$/.test(structureId)) throw attrError(ATTR.structure, 'not a Struct_IdNat');
  const secteurActivite = single(ATTR.secteur)!;
  if (!isSecteurActivite(secteurActivite)) throw attrError(ATTR.secteur, `'${secteurActivite}' is not code^1.2.250.1.71.4.2.4 with a TRE_R02 code (JDV_J61)`);
  const subjectId = single(ATTR.subjectId)!;
  const roleValues = attrs.get(ATTR.role) ?? [];
  if (roleValues.length === 0 || roleValues.length > 2) throw attrError(ATTR.role, roleValues.length === 0 ? 'missing' : 'more than two roles');
  const roles = roleValues.map((v) => {
    const role = element('hl7:Role', v) ?? element('*', v);
    const code = role?.getAttribute('code') ?? '';
    const codeSystem = role?.getAttribute('codeSystem') ?? '';
    if (!isVihfRole(code, codeSystem)) throw attrError(ATTR.role, `role '${code}' / '${codeSystem}' is not in JDV_J65-SubjectRole-DMP`);
    return { code, codeSystem };
  });
  const purposeValue = (attrs.get(ATTR.purpose) ?? [])[0];
  const purposeEl = purposeValue ? (element('hl7:PurposeOfUse', purposeValue) ?? element('*', purposeValue)) : undefined;
  const purposeOfUse = purposeEl?.getAttribute('code') ?? '';
  if (!PURPOSES.has(purposeOfUse) || purposeEl?.getAttribute('codeSystem') !== PURPOSE_SYSTEM) {
    throw attrError(ATTR.purpose, purposeEl ? `'${purposeOfUse}' is not normal, bris_de_glace or centre_15 of ${PURPOSE_SYSTEM}` : 'missing');
  }
  const resourceId = single(ATTR.resourceId, options.patientRequired);
  const resourceUrn = single(ATTR.resourceUrn)!;
  if (resourceUrn !== 'urn:dmp') throw attrError(ATTR.resourceUrn, `'${resourceUrn}' is not urn:dmp`);
  const confidentialityCode = single(ATTR.confidentiality, false);
  if (confidentialityCode !== undefined && confidentialityCode !== SECRET_CONNECTION_CODE) {
    throw attrError(ATTR.confidentiality, `only ${SECRET_CONNECTION_CODE} is allowed`);
  }
  const lpsName = single(ATTR.lpsName)!;
  const lpsHomologation = single(ATTR.lpsHomologation)!;
  return {
    nameId, mode, structureId, secteurActivite, subjectId, roles, purposeOfUse, lpsName, lpsHomologation,
    ...(resourceId ? { resourceId } : {}),
    ...(confidentialityCode ? { confidentialityCode } : {}),
  };
}
