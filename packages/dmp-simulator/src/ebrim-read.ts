// Reads the ebRIM 3.0 objects of a SubmitObjectsRequest (ITI-41, ITI-57) into plain records.
// No validation here: stage 4 (metadata-check.ts) judges what was read.
import { elements, text, texts } from './xml.js';

export const XDS = {
  documentEntryType: 'urn:uuid:7edca82f-054d-47f2-a032-9b2a5b5186c1',
  submissionSetNode: 'urn:uuid:a54d6aa5-d40d-43f9-88c5-b4633d873bdd',
  de: {
    author: 'urn:uuid:93606bcf-9494-43ec-9b4e-a7748d1a838d',
    classCode: 'urn:uuid:41a5887f-8865-4c09-adf7-e362475b143a',
    confidentialityCode: 'urn:uuid:f4f85eac-e6cb-4883-b524-f2705394840f',
    eventCodeList: 'urn:uuid:2c6b8cb7-8b2a-4051-b291-b1ae6a575ef4',
    formatCode: 'urn:uuid:a09d5840-386c-46f2-b5ad-9c3699a4309d',
    healthcareFacilityTypeCode: 'urn:uuid:f33fb8ac-18af-42cc-ae0e-ed0b0bdb91e1',
    practiceSettingCode: 'urn:uuid:cccf5598-8b07-4b77-a05e-ae952c785ead',
    typeCode: 'urn:uuid:f0306f51-975f-434e-a61c-c59651d33983',
    patientId: 'urn:uuid:58a6f841-87b3-4a3e-92fd-a8ffeff98427',
    uniqueId: 'urn:uuid:2e82c1f6-a085-4c72-9da3-8640a32e42ab',
  },
  ss: {
    author: 'urn:uuid:a7058bb9-b4e4-4307-ba5b-e3f0ab85e12d',
    contentTypeCode: 'urn:uuid:aa543740-bdda-424e-8c96-df4873be8500',
    patientId: 'urn:uuid:6b5aea1a-874d-4603-a4bc-96a0a7b38446',
    sourceId: 'urn:uuid:554ac39e-e3fe-47fe-b233-965d2a147832',
    uniqueId: 'urn:uuid:96fdda7c-d067-4183-912e-bf5ee74998a8',
  },
  assoc: {
    hasMember: 'urn:oasis:names:tc:ebxml-regrep:AssociationType:HasMember',
    rplc: 'urn:ihe:iti:2007:AssociationType:RPLC',
    signs: 'urn:ihe:iti:2007:AssociationType:signs',
    updateStatus: 'urn:ihe:iti:2010:AssociationType:UpdateAvailabilityStatus',
  },
  status: {
    approved: 'urn:oasis:names:tc:ebxml-regrep:StatusType:Approved',
    deprecated: 'urn:oasis:names:tc:ebxml-regrep:StatusType:Deprecated',
    archived: 'urn:asip:ci-sis:2010:StatusType:Archived',
    deleted: 'urn:asip:ci-sis:2010:StatusType:Deleted',
  },
  signatureClass: 'urn:oid:1.3.6.1.4.1.19376.1.2.1.1.1',
} as const;

export interface RimSlots { [name: string]: string[] }
export interface RimCode { code: string; scheme: string | undefined; display: string | undefined }
export interface RimClassification { scheme: string; node: string | undefined; code: RimCode; slots: RimSlots }
export interface RimObject {
  id: string;
  lid: string | undefined;
  objectType: string | undefined;
  mimeType: string | undefined;
  status: string | undefined;
  name: string | undefined;
  description: string | undefined;
  slots: RimSlots;
  classifications: RimClassification[];
  externalIds: { scheme: string; value: string }[];
}
export interface RimAssociation { id: string; type: string; source: string; target: string; slots: RimSlots }
export interface RimSubmission {
  extrinsicObjects: RimObject[];
  registryPackages: RimObject[];
  /** Free-standing Classification elements (e.g. the SubmissionSet node classification). */
  classifications: { classifiedObject: string; node: string | undefined }[];
  associations: RimAssociation[];
}

function slotsOf(el: Element): RimSlots {
  const slots: RimSlots = {};
  for (const slot of elements('rim:Slot', el)) {
    const name = slot.getAttribute('name') ?? '';
    slots[name] = [...(slots[name] ?? []), ...texts('rim:ValueList/rim:Value', slot)];
  }
  return slots;
}

function localized(el: Element, child: 'Name' | 'Description'): string | undefined {
  return text(`rim:${child}/rim:LocalizedString/@value`, el);
}

function objectOf(el: Element): RimObject {
  return {
    id: el.getAttribute('id') ?? '',
    lid: el.getAttribute('lid') ?? undefined,
    objectType: el.getAttribute('objectType') ?? undefined,
    mimeType: el.getAttribute('mimeType') ?? undefined,
    status: el.getAttribute('status') ?? undefined,
    name: localized(el, 'Name'),
    description: localized(el, 'Description'),
    slots: slotsOf(el),
    classifications: elements('rim:Classification', el).map((c) => ({
      scheme: c.getAttribute('classificationScheme') ?? '',
      node: c.getAttribute('classificationNode') ?? undefined,
      code: {
        code: c.getAttribute('nodeRepresentation') ?? '',
        scheme: slotsOf(c)['codingScheme']?.[0],
        display: localized(c, 'Name'),
      },
      slots: slotsOf(c),
    })),
    externalIds: elements('rim:ExternalIdentifier', el).map((x) => ({
      scheme: x.getAttribute('identificationScheme') ?? '',
      value: x.getAttribute('value') ?? '',
    })),
  };
}

export function readSubmission(request: Element): RimSubmission {
  const list = 'rim:RegistryObjectList';
  return {
    extrinsicObjects: elements(`${list}/rim:ExtrinsicObject`, request).map(objectOf),
    registryPackages: elements(`${list}/rim:RegistryPackage`, request).map(objectOf),
    classifications: elements(`${list}/rim:Classification`, request).map((c) => ({
      classifiedObject: c.getAttribute('classifiedObject') ?? '',
      node: c.getAttribute('classificationNode') ?? undefined,
    })),
    associations: elements(`${list}/rim:Association`, request).map((a) => ({
      id: a.getAttribute('id') ?? '',
      type: a.getAttribute('associationType') ?? '',
      source: a.getAttribute('sourceObject') ?? '',
      target: a.getAttribute('targetObject') ?? '',
      slots: slotsOf(a),
    })),
  };
}

export function classificationsOf(obj: RimObject, scheme: string): RimClassification[] {
  return obj.classifications.filter((c) => c.scheme === scheme);
}

export function externalIdOf(obj: RimObject, scheme: string): string[] {
  return obj.externalIds.filter((x) => x.scheme === scheme).map((x) => x.value);
}

export function isSignatureEntry(obj: RimObject): boolean {
  return classificationsOf(obj, XDS.de.classCode).some((c) => c.code.code === XDS.signatureClass);
}

export function isSubmissionSet(sub: RimSubmission, pkg: RimObject): boolean {
  return (
    sub.classifications.some((c) => c.classifiedObject === pkg.id && c.node === XDS.submissionSetNode) ||
    pkg.classifications.some((c) => c.node === XDS.submissionSetNode) ||
    externalIdOf(pkg, XDS.ss.uniqueId).length > 0
  );
}
