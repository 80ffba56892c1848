// Reads what the sink checks from an XDM METADATA.XML (lcm:SubmitObjectsRequest): per
// DocumentEntry its URI, hash, size, uniqueId, patientId and confidentiality codes; the
// SubmissionSet's intendedRecipients. A reader of its own (saxes), so that the sink does not
// share a bug with the writer it checks.
import { SaxesParser, type SaxesTagNS } from 'saxes';

const SCHEME = {
  patientId: 'urn:uuid:58a6f841-87b3-4a3e-92fd-a8ffeff98427',
  uniqueId: 'urn:uuid:2e82c1f6-a085-4c72-9da3-8640a32e42ab',
  confidentialityCode: 'urn:uuid:f4f85eac-e6cb-4883-b524-f2705394840f',
} as const;

export interface XdmDocumentMetadata {
  entryUUID: string;
  uri?: string;
  hash?: string;
  size?: string;
  uniqueId?: string;
  patientId?: string;
  confidentiality: string[];
}

export interface XdmMetadata {
  documents: XdmDocumentMetadata[];
  intendedRecipients: string[];
}

interface Owner { kind: 'document' | 'submissionSet' | 'other'; doc?: XdmDocumentMetadata }

/** @throws Error when the XML is not well-formed or is not a SubmitObjectsRequest. */
export function readXdmMetadata(xml: string): XdmMetadata {
  const result: XdmMetadata = { documents: [], intendedRecipients: [] };
  const parser = new SaxesParser({ xmlns: true });
  const stack: string[] = [];
  let root: string | undefined;
  let owner: Owner | undefined; // the RegistryObject whose direct Slots/ExternalIdentifiers we read
  let ownerDepth = -1;
  let slot: { name: string; values: string[] } | undefined;
  let slotDepth = -1;
  let text: string | undefined;
  const attr = (tag: SaxesTagNS, name: string): string | undefined => tag.attributes[name]?.value;

  parser.on('opentag', (tag) => {
    const depth = stack.length;
    stack.push(tag.local);
    root ??= tag.local;
    if (tag.local === 'ExtrinsicObject') {
      const doc: XdmDocumentMetadata = { entryUUID: attr(tag, 'id') ?? '', confidentiality: [] };
      result.documents.push(doc);
      owner = { kind: 'document', doc };
      ownerDepth = depth;
    } else if (tag.local === 'RegistryPackage') {
      owner = { kind: 'submissionSet' };
      ownerDepth = depth;
    } else if (owner && depth === ownerDepth + 1) {
      if (tag.local === 'Slot') {
        slot = { name: attr(tag, 'name') ?? '', values: [] };
        slotDepth = depth;
      } else if (tag.local === 'ExternalIdentifier' && owner.doc) {
        const scheme = attr(tag, 'identificationScheme');
        if (scheme === SCHEME.patientId) owner.doc.patientId = attr(tag, 'value');
        if (scheme === SCHEME.uniqueId) owner.doc.uniqueId = attr(tag, 'value');
      } else if (tag.local === 'Classification' && owner.doc && attr(tag, 'classificationScheme') === SCHEME.confidentialityCode) {
        owner.doc.confidentiality.push(attr(tag, 'nodeRepresentation') ?? '');
      }
    } else if (slot && tag.local === 'Value') {
      text = '';
    }
  });
  parser.on('text', (t) => {
    if (text !== undefined) text += t;
  });
  parser.on('closetag', (tag) => {
    stack.pop();
    const depth = stack.length;
    if (tag.local === 'Value' && slot && text !== undefined) {
      slot.values.push(text.trim());
      text = undefined;
    } else if (tag.local === 'Slot' && slot && depth === slotDepth) {
      const value = slot.values[0];
      if (owner?.doc) {
        if (slot.name === 'URI') owner.doc.uri = slot.values.join('');
        if (slot.name === 'hash') owner.doc.hash = value;
        if (slot.name === 'size') owner.doc.size = value;
      } else if (owner?.kind === 'submissionSet' && slot.name === 'intendedRecipient') {
        result.intendedRecipients.push(...slot.values);
      }
      slot = undefined;
    } else if (owner && depth === ownerDepth) {
      owner = undefined;
      ownerDepth = -1;
    }
  });
  parser.write(xml).close();
  if (root !== 'SubmitObjectsRequest') throw new Error('METADATA.XML root is not SubmitObjectsRequest');
  return result;
}
