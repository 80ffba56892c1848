// ITI-18 Registry Stored Query (TD3.1): FindDocuments, GetDocuments, GetAssociations,
// GetDocumentsAndAssociations, FindSubmissionSets — status filters (Approved by default) and
// MASQUE_PS entries hidden from callers who are not their authors (nor the médecin traitant [I]).
import { XDS } from '@dcc-kit/dmp/ebrim';
import { checkPatientForAccess, parseInsCx } from './patient-check.js';
import { Refused, problem, type Problem } from './refusals.js';
import { registryErrorList, STATUS } from './responses.js';
import { flagsOf, isAuthorOf } from './rules.js';
import type { AssociationRecord, DmpState, Entry, EntryStatus, SubmissionSetRecord } from './state.js';
import type { Vihf } from './vihf.js';
import { NS, element, elements, esc, parseXml, serialize, text } from './xml.js';

export const QUERIES = {
  findDocuments: 'urn:uuid:14d4debf-8f97-4251-9a74-a90016b0af0d',
  getDocuments: 'urn:uuid:5c4f972b-d56b-40ac-a5fc-c8ca9b40b9d4',
  getAssociations: 'urn:uuid:a7ae438b-4bc2-4642-93e9-be891f7bb155',
  findSubmissionSets: 'urn:uuid:f26abbcb-ac74-4422-8a30-edb644bbc1a9',
  getDocumentsAndAssociations: 'urn:uuid:bab9529a-4a10-40b3-a01f-f68a615d247a',
} as const;

export const STATUS_URN: Record<EntryStatus, string> = {
  Approved: XDS.status.approved, Deprecated: XDS.status.deprecated, Archived: XDS.status.archived, Deleted: XDS.status.deleted,
};

/** `('a','b')` / `'a'` / `a` → ['a','b'] (XDS stored query parameter values). */
export function paramValues(values: string[]): string[] {
  return values.flatMap((v) => {
    const inner = v.trim().replace(/^\(/, '').replace(/\)$/, '');
    return inner.split(',').map((x) => x.trim().replace(/^'|'$/g, '')).filter(Boolean);
  });
}

export function visibleTo(entry: Entry, vihf: Vihf, state: DmpState): boolean {
  if (!flagsOf(entry.confidentiality).includes('MASQUE_PS')) return true;
  if (isAuthorOf(vihf, { persons: entry.authorPersons, structures: entry.authorStructures })) return true;
  const ins = parseInsCx(entry.patientId);
  const patient = ins ? state.patient(ins.matricule, ins.oid) : undefined;
  return patient?.medecinTraitant === vihf.nameId;
}

function leafEntry(e: Entry): string {
  const doc = parseXml(e.ebrimXml);
  const el = doc.documentElement;
  el.setAttribute('status', STATUS_URN[e.status]);
  el.setAttribute('lid', e.logicalId);
  for (const old of elements('rim:VersionInfo', el)) el.removeChild(old);
  const info = doc.createElementNS(NS.rim, 'rim:VersionInfo');
  info.setAttribute('versionName', String(e.version));
  el.appendChild(info);
  const slots = (name: string, value: string): string => `<rim:Slot name="${name}"><rim:ValueList><rim:Value>${esc(value)}</rim:Value></rim:ValueList></rim:Slot>`;
  let xml = serialize(el);
  // The repository's own slots (IHE: set by the repository, not sent in ITI-41).
  const extra = [...(!xml.includes('name="repositoryUniqueId"') ? [slots('repositoryUniqueId', e.repositoryUniqueId)] : []), ...(!xml.includes('name="hash"') ? [slots('hash', e.hash)] : []), ...(!xml.includes('name="size"') ? [slots('size', String(e.size))] : [])];
  xml = xml.replace(/(<rim:ExtrinsicObject\b[^>]*>)/, `$1${extra.join('')}`);
  return xml;
}

function leafSubmissionSet(s: SubmissionSetRecord): string {
  const ext = (scheme: string, value: string): string => `<rim:ExternalIdentifier id="urn:uuid:${crypto.randomUUID()}" registryObject="${s.entryUUID}" identificationScheme="${scheme}" value="${esc(value)}"/>`;
  return (
    `<rim:RegistryPackage id="${s.entryUUID}" lid="${s.entryUUID}" status="${s.status === 'Approved' ? XDS.status.approved : XDS.status.archived}">` +
    `<rim:Slot name="submissionTime"><rim:ValueList><rim:Value>${s.submissionTime}</rim:Value></rim:ValueList></rim:Slot>` +
    (s.contentTypeCode ? `<rim:Classification id="urn:uuid:${crypto.randomUUID()}" classificationScheme="${XDS.submissionSet.contentTypeCode}" classifiedObject="${s.entryUUID}" nodeRepresentation="${esc(s.contentTypeCode.code)}"><rim:Slot name="codingScheme"><rim:ValueList><rim:Value>${esc(s.contentTypeCode.scheme)}</rim:Value></rim:ValueList></rim:Slot></rim:Classification>` : '') +
    ext(XDS.submissionSet.uniqueId, s.uniqueId) + ext(XDS.submissionSet.sourceId, s.sourceId) + ext(XDS.submissionSet.patientId, s.patientId) +
    `</rim:RegistryPackage><rim:Classification id="urn:uuid:${crypto.randomUUID()}" classifiedObject="${s.entryUUID}" classificationNode="${XDS.submissionSet.node}"/>`
  );
}

function leafAssociation(a: AssociationRecord): string {
  const slots = Object.entries(a.slots).map(([name, values]) => `<rim:Slot name="${esc(name)}"><rim:ValueList>${values.map((v) => `<rim:Value>${esc(v)}</rim:Value>`).join('')}</rim:ValueList></rim:Slot>`).join('');
  return `<rim:Association id="${esc(a.id)}" associationType="${esc(a.type)}" sourceObject="${esc(a.source)}" targetObject="${esc(a.target)}" status="${XDS.status.approved}">${slots}</rim:Association>`;
}

export function answer(objects: string[], problems: Problem[] = []): string {
  const status = problems.length > 0 ? STATUS.failure : STATUS.success;
  return `<query:AdhocQueryResponse xmlns:query="${NS.query}" xmlns:rim="${NS.rim}" xmlns:rs="${NS.rs}" status="${status}">${registryErrorList(problems)}<rim:RegistryObjectList>${objects.join('')}</rim:RegistryObjectList></query:AdhocQueryResponse>`;
}

const CODE_FILTERS = {
  $XDSDocumentEntryClassCode: 'classCode',
  $XDSDocumentEntryTypeCode: 'typeCode',
  $XDSDocumentEntryFormatCode: 'formatCode',
  $XDSDocumentEntryPracticeSettingCode: 'practiceSettingCode',
  $XDSDocumentEntryHealthcareFacilityTypeCode: 'healthcareFacilityTypeCode',
} as const;

/** FindDocuments' optional filters: coded attributes (`code^^scheme`) and creation/service time ranges. */
function matchesFilters(e: Entry, params: Map<string, string[]>): boolean {
  for (const [param, attribute] of Object.entries(CODE_FILTERS)) {
    const values = params.get(param);
    if (!values || values.length === 0) continue;
    const code = e[attribute];
    if (!code || !values.some((v) => { const [c, , scheme] = v.split('^'); return c === code.code && (!scheme || scheme === code.scheme); })) return false;
  }
  const events = params.get('$XDSDocumentEntryEventCodeList');
  if (events && events.length > 0 && !events.some((v) => { const [c, , scheme] = v.split('^'); return e.eventCodes.some((x) => x.code === c && (!scheme || scheme === x.scheme)); })) return false;
  const range = (value: string | undefined, from: string, to: string): boolean => {
    const low = params.get(from)?.[0];
    const high = params.get(to)?.[0];
    if (!low && !high) return true;
    if (!value) return false;
    // DTM strings of different precision compare on their common prefix (XDS: from inclusive, to exclusive).
    if (low && value.slice(0, low.length) < low) return false;
    if (high && value.slice(0, high.length) >= high) return false;
    return true;
  };
  return range(e.creationTime, '$XDSDocumentEntryCreationTimeFrom', '$XDSDocumentEntryCreationTimeTo') &&
    range(e.serviceStartTime, '$XDSDocumentEntryServiceStartTimeFrom', '$XDSDocumentEntryServiceStartTimeTo');
}

export function storedQuery(body: Element, ctx: { state: DmpState; vihf: Vihf }): string {
  if (body.localName !== 'AdhocQueryRequest') throw new Refused([problem('SIM_SOAP_INVALID', 'env:Body', 'expected query:AdhocQueryRequest')]);
  const { state, vihf } = ctx;
  const returnType = text('query:ResponseOption/@returnType', body) ?? 'ObjectRef';
  const query = element('rim:AdhocQuery', body);
  const id = query?.getAttribute('id') ?? '';
  const params = new Map<string, string[]>();
  for (const slot of elements('rim:Slot', query ?? body)) params.set(slot.getAttribute('name') ?? '', paramValues(elements('rim:ValueList/rim:Value', slot).map((v) => v.textContent ?? '')));
  const need = (name: string): string[] => {
    const values = params.get(name);
    if (!values || values.length === 0) throw new Refused([problem('SIM_QUERY_INVALID', name, 'required parameter missing')]);
    return values;
  };
  const statuses = (name: string): EntryStatus[] => {
    const wanted = params.get(name) ?? [XDS.status.approved];
    return (Object.keys(STATUS_URN) as EntryStatus[]).filter((s) => wanted.includes(STATUS_URN[s]));
  };
  const patientFor = (patientId: string): void => {
    if (vihf.resourceId && patientId.replace(/(\^NH)\^.*$/, '$1') !== vihf.resourceId.replace(/(\^NH)\^.*$/, '$1')) {
      throw new Refused([problem('SIM_RESOURCE_ID_MISMATCH', 'VIHF/resource-id', 'differs from the queried patientId')]);
    }
    const ins = parseInsCx(patientId);
    if (!ins) throw new Refused([problem('SIM_INS_INVALID', '$XDSDocumentEntryPatientId', 'not an INS CX')]);
    checkPatientForAccess(state, ins, vihf.nameId);
  };
  const render = (entries: Entry[], associations: AssociationRecord[] = []): string =>
    returnType === 'LeafClass'
      ? answer([...entries.map(leafEntry), ...associations.map(leafAssociation)])
      : answer([...entries.map((e) => e.entryUUID), ...associations.map((a) => a.id)].map((x) => `<rim:ObjectRef id="${esc(x)}"/>`));
  const visible = (entries: Entry[]): Entry[] => entries.filter((e) => visibleTo(e, vihf, state));
  try {
    switch (id) {
      case QUERIES.findDocuments: {
        const patientId = need('$XDSDocumentEntryPatientId')[0]!;
        patientFor(patientId);
        const wanted = statuses('$XDSDocumentEntryStatus');
        return render(visible(state.entriesOf(patientId).filter((e) => wanted.includes(e.status) && matchesFilters(e, params))));
      }
      case QUERIES.getDocuments:
      case QUERIES.getDocumentsAndAssociations: {
        const uuids = params.get('$XDSDocumentEntryEntryUUID') ?? [];
        const uniqueIds = params.get('$XDSDocumentEntryUniqueId') ?? [];
        if (uuids.length === 0 && uniqueIds.length === 0) throw new Refused([problem('SIM_QUERY_INVALID', '$XDSDocumentEntryEntryUUID', 'give $XDSDocumentEntryEntryUUID or $XDSDocumentEntryUniqueId')]);
        const entries = visible([...state.entries.values()].filter((e) => uuids.includes(e.entryUUID) || uniqueIds.includes(e.uniqueId)));
        for (const e of entries) patientFor(e.patientId);
        const ids = new Set(entries.map((e) => e.entryUUID));
        const associations = id === QUERIES.getDocumentsAndAssociations ? state.associations.filter((a) => ids.has(a.source) || ids.has(a.target)) : [];
        return render(entries, associations);
      }
      case QUERIES.getAssociations: {
        const uuids = new Set(need('$uuid'));
        return render([], state.associations.filter((a) => uuids.has(a.source) || uuids.has(a.target)));
      }
      case QUERIES.findSubmissionSets: {
        const patientId = need('$XDSSubmissionSetPatientId')[0]!;
        patientFor(patientId);
        const wanted = params.get('$XDSSubmissionSetStatus') ?? [XDS.status.approved];
        const sets = [...state.submissionSets.values()].filter((s) => s.patientId === patientId && wanted.includes(s.status === 'Approved' ? XDS.status.approved : XDS.status.archived));
        return returnType === 'LeafClass' ? answer(sets.map(leafSubmissionSet)) : answer(sets.map((s) => `<rim:ObjectRef id="${s.entryUUID}"/>`));
      }
      default:
        throw new Refused([problem('SIM_QUERY_INVALID', 'rim:AdhocQuery/@id', `unknown stored query '${id}'`)]);
    }
  } catch (error) {
    if (error instanceof Refused && error.problems[0]!.code === 'SIM_QUERY_INVALID') return answer([], error.problems);
    throw error;
  }
}
