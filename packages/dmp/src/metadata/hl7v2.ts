// HL7 v2 data types the XDS slots use (CX, XCN, XON, XTN) with the French national
// identifier conventions (dmp-mes.md §1.3, §1.4).

/** OID of the PS_IdNat namespace (national ids of health professionals). */
export const PS_ID_NAT_OID = '1.2.250.1.71.4.2.1';
/** OID of the Struct_IdNat namespace (national ids of structures). */
export const STRUCT_ID_NAT_OID = '1.2.250.1.71.4.2.2';

/** Escapes the HL7 v2 delimiters of a value put in a component (`| ^ ~ \ &`). */
export function escapeHl7(value: string): string {
  return value.replace(/[\\|^~&]/g, (c) => ({ '\\': '\\E\\', '|': '\\F\\', '^': '\\S\\', '~': '\\R\\', '&': '\\T\\' })[c]!);
}

/** CX: `<id>^^^&<OID>&ISO^<type>` (type NH for the INS, PI for a local IPP). */
export function cx(id: string, assigningAuthorityOid: string, identifierType: 'NH' | 'PI'): string {
  return `${escapeHl7(id)}^^^&${assigningAuthorityOid}&ISO^${identifierType}`;
}

/**
 * The XCN identifier type of an id: a PS_IdNat of a national professional id (`8`+RPPS,
 * `0`+ADELI) is IDNPS; a structure-internal PS_IdNat (other prefixes) or any other id is EI;
 * a software author (device) is RI [S CNAM kit; I for the prefixes other than 8].
 */
export function xcnIdentifierType(root: string, extension: string, device: boolean): 'IDNPS' | 'EI' | 'RI' {
  if (device) return 'RI';
  return root === PS_ID_NAT_OID && /^[08]/.test(extension) && !extension.includes('/') ? 'IDNPS' : 'EI';
}

/** XCN: `<id>^<FAMILY>^<Given>^^^^^^&<OID>&ISO^D^^^<type>`. */
export function xcn(person: { id: string; root: string; family?: string; given?: string; device?: boolean }): string {
  const type = xcnIdentifierType(person.root, person.id, person.device === true);
  return `${escapeHl7(person.id)}^${escapeHl7(person.family ?? '')}^${escapeHl7(person.given ?? '')}^^^^^^&${person.root}&ISO^D^^^${type}`;
}

/**
 * XON: `<Name>^^^^^&1.2.250.1.71.4.2.2&ISO^IDNST^^^<Struct_IdNat>`; an organisation without
 * a national id keeps its own root and the type XX; without any id, the name alone.
 */
export function xon(organisation: { name: string; id?: string; root?: string }): string {
  const name = escapeHl7(organisation.name);
  if (organisation.id === undefined || organisation.root === undefined) return name;
  const type = organisation.root === STRUCT_ID_NAT_OID ? 'IDNST' : 'XX';
  return `${name}^^^^^&${organisation.root}&ISO^${type}^^^${escapeHl7(organisation.id)}`;
}

/** XTN of an e-mail address (MSSanté): `^NET^Internet^<address>`. */
export function xtnEmail(address: string): string {
  return `^NET^Internet^${escapeHl7(address)}`;
}

/** A coded value as an author slot writes it: `code^displayName^codeSystem`. */
export function codedSlot(code: string, displayName: string, codeSystem: string): string {
  return `${escapeHl7(code)}^${escapeHl7(displayName)}^${codeSystem}`;
}
