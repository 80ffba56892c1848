// The IHE_XDM.zip package (IHE ITI-32 as profiled by CI-SIS, dmp-mes.md §4.3): INDEX.HTM,
// README.TXT, IHE_XDM/SUBSET01/METADATA.XML and the CDA as IHE_XDM/SUBSET01/DOC0001.XML.
// The metadata come from @dcc-kit/dmp (one source with the DMP feeding); this module only
// lays out the files.
import { zipSync, strToU8 } from 'fflate';
import { sha1Hex, type DocumentEntry, type SubmissionSet } from '@dcc-kit/dmp/metadata';
import { submitObjectsRequestXml } from '@dcc-kit/dmp/ebrim';
import { XDM_ATTACHMENT_NAME, XDM_PATHS, XDM_SUBSET } from './names.js';

export { XDM_ATTACHMENT_NAME, XDM_SUBSET, XDM_PATHS };

/** Who sends: written in INDEX.HTM and README.TXT (IHE XDM asks for the sender and the software). */
export interface XdmSender {
  organisation: string;
  software: string;
  version: string;
  /** Contact (e-mail, phone or postal address) for questions about the content. */
  contact?: string;
}

export interface XdmInput {
  cda: Uint8Array;
  entry: DocumentEntry;
  submissionSet: SubmissionSet;
  sender: XdmSender;
  /** ebRIM ids ('urn:uuid:…'); default fresh random UUIDs. */
  entryUUID?: string;
  submissionSetUUID?: string;
}

/**
 * The zip's bytes. hash and size of the DocumentEntry are those of the file written (they are
 * recomputed, so a caller's stale values cannot make METADATA.XML lie). Zip timestamps are the
 * submission time, so the same input gives the same bytes.
 */
export function buildXdmZip(input: XdmInput): Uint8Array {
  const entry: DocumentEntry = { ...input.entry, hash: sha1Hex(input.cda), size: input.cda.byteLength };
  const metadata = submitObjectsRequestXml({
    submissionSet: { id: input.submissionSetUUID ?? urnUuid(), metadata: input.submissionSet },
    documents: [{ id: input.entryUUID ?? urnUuid(), entry, uri: XDM_PATHS.documentUri }],
  });
  const mtime = dateOfDtm(input.submissionSet.submissionTime);
  return zipSync(
    {
      [XDM_PATHS.index]: strToU8(indexHtml(entry, input.sender)),
      [XDM_PATHS.readme]: strToU8(readmeText(input.sender, input.submissionSet)),
      [XDM_PATHS.metadata]: strToU8(metadata),
      [XDM_PATHS.document]: input.cda,
    },
    { level: 6, mtime },
  );
}

function urnUuid(): string {
  return `urn:uuid:${globalThis.crypto.randomUUID()}`;
}

/** 'YYYYMMDDhhmmss' (UTC) → Date; zip times cannot be before 1980, so anything odd gives 1980. */
function dateOfDtm(dtm: string): Date {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})?(\d{2})?(\d{2})?/.exec(dtm);
  if (!m) return new Date(Date.UTC(1980, 0, 1));
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)));
  return date.getUTCFullYear() < 1980 ? new Date(Date.UTC(1980, 0, 1)) : date;
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The human index: who sent, with which software, and links to README and the document (its title only). */
export function indexHtml(entry: DocumentEntry, sender: XdmSender): string {
  const contact = sender.contact ? `<p>Contact : ${escapeHtml(sender.contact)}</p>\n` : '';
  return `<!DOCTYPE html>
<html lang="fr">
<head><meta charset="utf-8"><title>Contenu IHE XDM</title></head>
<body>
<h1>Contenu de l'envoi IHE XDM</h1>
<p>Expéditeur : ${escapeHtml(sender.organisation)}</p>
<p>Logiciel : ${escapeHtml(sender.software)} version ${escapeHtml(sender.version)}</p>
${contact}<ul>
<li><a href="${XDM_PATHS.readme}">${XDM_PATHS.readme}</a> : informations sur l'expéditeur et le logiciel</li>
<li><a href="${XDM_PATHS.document}">${escapeHtml(entry.title)}</a> (document CDA R2, ${XDM_PATHS.document})</li>
<li><a href="${XDM_PATHS.metadata}">${XDM_PATHS.metadata}</a> : métadonnées IHE XDS</li>
</ul>
</body>
</html>
`;
}

/** README.TXT: the sender organisation, software name/version and contact (IHE ITI TF-1 16). */
export function readmeText(sender: XdmSender, submissionSet: SubmissionSet): string {
  return [
    'Envoi au format IHE XDM (ITI-32, CI-SIS)',
    '',
    `Organisation expéditrice : ${sender.organisation}`,
    `Logiciel : ${sender.software}`,
    `Version : ${sender.version}`,
    ...(sender.contact ? [`Contact : ${sender.contact}`] : []),
    `Date de l'envoi (UTC, AAAAMMJJhhmmss) : ${submissionSet.submissionTime}`,
    '',
    'Contenu :',
    `  ${XDM_PATHS.index}  index lisible du contenu`,
    `  ${XDM_PATHS.readme}  ce fichier`,
    `  ${XDM_PATHS.metadata}  métadonnées IHE XDS (lcm:SubmitObjectsRequest)`,
    `  ${XDM_PATHS.document}  document CDA R2`,
    '',
  ].join('\r\n');
}
