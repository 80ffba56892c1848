// ITI-43 Retrieve Document Set (TD3.2): the stored bytes by DocumentUniqueId, as MTOM.
import { randomUUID } from 'node:crypto';
import { visibleTo } from './iti18.js';
import { Refused, problem, type Problem } from './refusals.js';
import { registryResponse, STATUS } from './responses.js';
import { mtomAnswer, type SoapAnswer } from './soap.js';
import type { DmpState } from './state.js';
import type { Vihf } from './vihf.js';
import { NS, elements, esc, text } from './xml.js';

export function retrieveDocumentSet(body: Element, ctx: { state: DmpState; vihf: Vihf; responseAction: string; relatesTo: string }): SoapAnswer {
  if (body.localName !== 'RetrieveDocumentSetRequest') throw new Refused([problem('SIM_SOAP_INVALID', 'env:Body', 'expected xdsb:RetrieveDocumentSetRequest')]);
  const problems: Problem[] = [];
  const parts: { cid: string; mimeType: string; bytes: Uint8Array }[] = [];
  const responses: string[] = [];
  for (const request of elements('xdsb:DocumentRequest', body)) {
    const uniqueId = text('xdsb:DocumentUniqueId', request) ?? '';
    const repository = text('xdsb:RepositoryUniqueId', request) ?? '';
    const entry = [...ctx.state.entries.values()].find((e) => e.uniqueId === uniqueId && e.repositoryUniqueId === repository && e.status !== 'Deleted' && visibleTo(e, ctx.vihf, ctx.state));
    if (!entry) { problems.push(problem('SIM_DOCUMENT_UNKNOWN', 'DocumentRequest/DocumentUniqueId', 'unknown uniqueId or repositoryUniqueId')); continue; }
    const cid = `doc.${randomUUID()}@dmp-simulator`;
    parts.push({ cid, mimeType: entry.mimeType, bytes: entry.bytes });
    responses.push(
      `<xdsb:DocumentResponse><xdsb:RepositoryUniqueId>${esc(repository)}</xdsb:RepositoryUniqueId><xdsb:DocumentUniqueId>${esc(uniqueId)}</xdsb:DocumentUniqueId>` +
      `<xdsb:mimeType>${esc(entry.mimeType)}</xdsb:mimeType><xdsb:Document><xop:Include xmlns:xop="${NS.xop}" href="cid:${cid}"/></xdsb:Document></xdsb:DocumentResponse>`,
    );
  }
  const status = problems.length === 0 ? STATUS.success : parts.length > 0 ? STATUS.partial : STATUS.failure;
  const xml = `<xdsb:RetrieveDocumentSetResponse xmlns:xdsb="${NS.xdsb}">${registryResponse(problems.map((p) => (parts.length > 0 ? { ...p, severity: 'Warning' as const } : p)), status)}${responses.join('')}</xdsb:RetrieveDocumentSetResponse>`;
  return mtomAnswer(ctx.responseAction, ctx.relatesTo, xml, parts);
}
