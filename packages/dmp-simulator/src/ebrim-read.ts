// Reads the ebRIM 3.0 objects of a SubmitObjectsRequest (ITI-41, ITI-57) into plain records.
// No validation here: stage 4 (metadata-check.ts) judges what was read. The XDS identifiers are
// standard facts taken from the connector's table (@dcc-kit/dmp/ebrim); the reading is the
// simulator's own.
import { XDS } from '@dcc-kit/dmp/ebrim';
import { elements, text, texts } from './xml.js';

/** classCode of a signature entry (IHE DSG, dmp-mes.md §1.7). */
export const SIGNATURE_CLASS_CODE = 'urn:oid:1.3.6.1.4.1.19376.1.2.1.1.1';

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
  return classificationsOf(obj, XDS.documentEntry.classCode).some((c) => c.code.code === SIGNATURE_CLASS_CODE);
}

export function isSubmissionSet(sub: RimSubmission, pkg: RimObject): boolean {
  return (
    sub.classifications.some((c) => c.classifiedObject === pkg.id && c.node === XDS.submissionSet.node) ||
    pkg.classifications.some((c) => c.node === XDS.submissionSet.node) ||
    externalIdOf(pkg, XDS.submissionSet.uniqueId).length > 0
  );
}
