// ITI-18 Registry Stored Query FindDocuments, LeafClass answers read into plain objects.
import { NS } from '../soap/namespaces.js';
import { escapeXml, childrenNamed, descendants, firstDescendant, textOf } from '../soap/xml.js';

export const FIND_DOCUMENTS_QUERY_ID = 'urn:uuid:14d4debf-8f97-4251-9a74-a90016b0af0d';
const SCHEME = {
  uniqueId: 'urn:uuid:2e82c1f6-a085-4c72-9da3-8640a32e42ab',
  patientId: 'urn:uuid:58a6f841-87b3-4a3e-92fd-a8ffeff98427',
  confidentialityCode: 'urn:uuid:f4f85eac-e6cb-4883-b524-f2705394840f',
  typeCode: 'urn:uuid:f0306f51-975f-434e-a61c-c59651d33983',
  classCode: 'urn:uuid:41a5887f-8865-4c09-adf7-e362475b143a',
  formatCode: 'urn:uuid:a09d5840-386c-46f2-b5ad-9c3699a4309d',
} as const;

/** Short status names → the URNs the DMP uses (Archived/Deleted are CI-SIS extensions, §2.1). */
export const STATUS_URNS: Record<string, string> = {
  Approved: 'urn:oasis:names:tc:ebxml-regrep:StatusType:Approved',
  Deprecated: 'urn:oasis:names:tc:ebxml-regrep:StatusType:Deprecated',
  Archived: 'urn:asip:ci-sis:2010:StatusType:Archived',
  Deleted: 'urn:asip:ci-sis:2010:StatusType:Deleted',
};

export function statusUrn(status: string): string {
  return STATUS_URNS[status] ?? status;
}

export interface RegistryCode { code: string; codingScheme: string; displayName: string }

export interface RegistryDocument {
  entryUUID: string;
  logicalId?: string;
  version?: string;
  /** Short name (Approved, Deprecated, Archived, Deleted) or the URN when unknown. */
  status: string;
  uniqueId: string;
  patientId: string;
  mimeType: string;
  title?: string;
  typeCode?: RegistryCode;
  classCode?: RegistryCode;
  formatCode?: RegistryCode;
  confidentialityCodes: RegistryCode[];
  creationTime?: string;
  hash?: string;
  size?: number;
  repositoryUniqueId?: string;
}

const quoted = (s: string): string => `'${s.replace(/'/g, "''")}'`;

export function findDocumentsRequestXml(patientId: string, statuses: readonly string[] = ['Approved']): string {
  return (
    `<query:AdhocQueryRequest xmlns:query="${NS.query}" xmlns:rim="${NS.rim}">` +
    `<query:ResponseOption returnType="LeafClass" returnComposedObjects="true"/>` +
    `<rim:AdhocQuery id="${FIND_DOCUMENTS_QUERY_ID}">` +
    `<rim:Slot name="$XDSDocumentEntryPatientId"><rim:ValueList><rim:Value>${escapeXml(quoted(patientId))}</rim:Value></rim:ValueList></rim:Slot>` +
    `<rim:Slot name="$XDSDocumentEntryStatus"><rim:ValueList><rim:Value>(${statuses.map((s) => escapeXml(quoted(statusUrn(s)))).join(',')})</rim:Value></rim:ValueList></rim:Slot>` +
    `</rim:AdhocQuery></query:AdhocQueryRequest>`
  );
}

function slotValues(el: Element, name: string): string[] {
  const slot = childrenNamed(el, NS.rim, 'Slot').find((s) => s.getAttribute('name') === name);
  return slot ? descendants(slot, NS.rim, 'Value').map((v) => textOf(v)) : [];
}

function localized(el: Element | undefined): string | undefined {
  const s = el ? firstDescendant(el, NS.rim, 'LocalizedString') : undefined;
  return s?.getAttribute('value') ?? undefined;
}

function codeOf(c: Element): RegistryCode {
  return { code: c.getAttribute('nodeRepresentation') ?? '', codingScheme: slotValues(c, 'codingScheme')[0] ?? '', displayName: localized(childrenNamed(c, NS.rim, 'Name')[0]) ?? '' };
}

export function parseRegistryDocuments(response: Element): RegistryDocument[] {
  return descendants(response, NS.rim, 'ExtrinsicObject').map((eo) => {
    const classifications = childrenNamed(eo, NS.rim, 'Classification');
    const byScheme = (scheme: string): Element[] => classifications.filter((c) => c.getAttribute('classificationScheme') === scheme);
    const identifiers = childrenNamed(eo, NS.rim, 'ExternalIdentifier');
    const identifier = (scheme: string): string => identifiers.find((i) => i.getAttribute('identificationScheme') === scheme)?.getAttribute('value') ?? '';
    const statusRaw = eo.getAttribute('status') ?? '';
    const shortStatus = Object.entries(STATUS_URNS).find(([, urn]) => urn === statusRaw)?.[0] ?? statusRaw;
    const size = slotValues(eo, 'size')[0];
    const first = (scheme: string): RegistryCode | undefined => {
      const c = byScheme(scheme)[0];
      return c ? codeOf(c) : undefined;
    };
    const doc: RegistryDocument = {
      entryUUID: eo.getAttribute('id') ?? '',
      status: shortStatus,
      uniqueId: identifier(SCHEME.uniqueId),
      patientId: identifier(SCHEME.patientId),
      mimeType: eo.getAttribute('mimeType') ?? '',
      confidentialityCodes: byScheme(SCHEME.confidentialityCode).map(codeOf),
    };
    const optional: Partial<RegistryDocument> = {
      logicalId: eo.getAttribute('lid') ?? undefined,
      version: childrenNamed(eo, NS.rim, 'VersionInfo')[0]?.getAttribute('versionName') ?? undefined,
      title: localized(childrenNamed(eo, NS.rim, 'Name')[0]),
      typeCode: first(SCHEME.typeCode),
      classCode: first(SCHEME.classCode),
      formatCode: first(SCHEME.formatCode),
      creationTime: slotValues(eo, 'creationTime')[0],
      hash: slotValues(eo, 'hash')[0],
      size: size === undefined ? undefined : Number(size),
      repositoryUniqueId: slotValues(eo, 'repositoryUniqueId')[0],
    };
    for (const [k, v] of Object.entries(optional)) if (v !== undefined) (doc as unknown as Record<string, unknown>)[k] = v;
    return doc;
  });
}
