// Reading the DMP's answers: MTOM or plain SOAP 1.2, faults, ebRS RegistryResponse (§2.7, §5.4).
import { DmpError, simCodeIn, type RegistryErrorItem } from './dmp-error.js';
import { DMP_ERROR_MESSAGES } from './error-messages.js';
import { NS } from './namespaces.js';
import { parseMultipart, rootPart, type MimePart } from './mtom.js';
import { childrenNamed, descendants, elementChildren, firstDescendant, parseXml, textOf } from './xml.js';

export interface HttpReply {
  status: number;
  contentType: string;
  body: Uint8Array;
}

export interface SoapAnswer {
  envelope: Document;
  /** The first element child of soap:Body. */
  payload: Element;
  /** MIME parts when the answer was MTOM (for xop:Include), else empty. */
  parts: MimePart[];
}

const decoder = new TextDecoder();

function envelopeText(reply: HttpReply): { xml: string; parts: MimePart[] } {
  if (/^multipart\//i.test(reply.contentType)) {
    const parts = parseMultipart(reply.contentType, reply.body);
    return { xml: decoder.decode(rootPart(reply.contentType, parts).bytes), parts };
  }
  return { xml: decoder.decode(reply.body), parts: [] };
}

function localValue(qname: string): string {
  return qname.slice(qname.indexOf(':') + 1);
}

/** The DmpError a SOAP 1.2 Fault stands for. */
export function faultError(fault: Element, httpStatus?: number): DmpError {
  const code = firstDescendant(fault, NS.soap, 'Code');
  const value = code ? localValue(textOf(childrenNamed(code, NS.soap, 'Value')[0])) : '';
  const subcodes = code ? descendants(code, NS.soap, 'Subcode').map((s) => localValue(textOf(childrenNamed(s, NS.soap, 'Value')[0]))) : [];
  const reason = textOf(firstDescendant(fault, NS.soap, 'Text'));
  const detailElement = firstDescendant(fault, NS.soap, 'Detail');
  const detail = textOf(detailElement);
  // The field refused, when the fault's detail names it (an element with a `location` attribute, as the simulator writes).
  const location = detailElement ? elementChildren(detailElement).map((e) => e.getAttribute('location')).find((l) => l) : undefined;
  const receiver = value === 'Receiver';
  const known = [...subcodes].reverse().find((s) => s in DMP_ERROR_MESSAGES);
  const specific = simCodeIn([subcodes.join(' '), reason, detail].join(' ')) ?? known ?? (receiver ? 'soap-receiver' : 'soap-sender');
  const transient = receiver || (DMP_ERROR_MESSAGES[specific]?.transient ?? false);
  return new DmpError({
    code: specific,
    transient,
    detail: `SOAP Fault ${value || '?'}${subcodes.length ? `/${subcodes.join('/')}` : ''}: ${reason}`.slice(0, 500),
    ...(location ? { location } : {}),
    ...(httpStatus === undefined ? {} : { httpStatus }),
  });
}

/**
 * The SOAP answer of an HTTP reply, or a DmpError: a SOAP Fault (Sender → permanent, Receiver →
 * transient), HTTP 5xx → transient, another HTTP error → permanent, an unreadable answer →
 * transient (the request may have been processed; a re-send is idempotent).
 */
export function readSoapAnswer(reply: HttpReply): SoapAnswer {
  let envelope: Document | undefined;
  let parts: MimePart[] = [];
  try {
    const text = envelopeText(reply);
    parts = text.parts;
    envelope = parseXml(text.xml, 'SOAP answer');
  } catch (cause) {
    envelope = undefined;
    if (reply.status < 400) throw new DmpError({ code: 'invalid-response', detail: (cause as Error).message, httpStatus: reply.status, cause });
  }
  const body = envelope && envelope.documentElement.namespaceURI === NS.soap ? childrenNamed(envelope.documentElement, NS.soap, 'Body')[0] : undefined;
  const payload = body ? elementChildren(body)[0] : undefined;
  if (payload && payload.namespaceURI === NS.soap && payload.localName === 'Fault') throw faultError(payload, reply.status);
  if (reply.status >= 400) throw new DmpError({ code: `http-${reply.status}`, transient: reply.status >= 500, httpStatus: reply.status });
  if (!envelope || !payload) throw new DmpError({ code: 'invalid-response', detail: 'not a SOAP 1.2 envelope with a body', httpStatus: reply.status });
  return { envelope, payload, parts };
}

export type RegistryStatus = 'Success' | 'PartialSuccess' | 'Failure';

export interface RegistryOutcome {
  status: RegistryStatus;
  errors: RegistryErrorItem[];
}

/** Status and RegistryErrors of an rs:RegistryResponse (or a query:AdhocQueryResponse). */
export function registryOutcome(response: Element): RegistryOutcome {
  const raw = response.getAttribute('status') ?? '';
  const status = raw.replace(/^.*:/, '') as RegistryStatus;
  if (status !== 'Success' && status !== 'PartialSuccess' && status !== 'Failure') throw new DmpError({ code: 'invalid-response', detail: `unknown registry status "${raw}"` });
  const errors = descendants(response, NS.rs, 'RegistryError').map((e) => {
    const item: RegistryErrorItem = { errorCode: e.getAttribute('errorCode') ?? '', codeContext: e.getAttribute('codeContext') ?? textOf(e), severity: (e.getAttribute('severity') ?? '').replace(/^.*:/, '') };
    const location = e.getAttribute('location');
    if (location) item.location = location;
    return item;
  });
  return { status, errors };
}

/** Throws the DmpError of a Failure or PartialSuccess; returns the warnings of a Success. */
export function expectSuccess(outcome: RegistryOutcome): RegistryErrorItem[] {
  if (outcome.status === 'Success') return outcome.errors;
  const failures = outcome.errors.filter((e) => e.severity !== 'Warning');
  const first = failures[0] ?? outcome.errors[0];
  const code = first ? (simCodeIn(first.codeContext) ?? first.errorCode) : outcome.status === 'PartialSuccess' ? 'partial-success' : 'XDSRegistryError';
  const transient = outcome.errors.some((e) => DMP_ERROR_MESSAGES[e.errorCode]?.transient === true);
  return fail(code, transient, first?.location, outcome.errors, outcome.status);
}

function fail(code: string, transient: boolean, location: string | undefined, errors: RegistryErrorItem[], status: string): never {
  throw new DmpError({ code, transient, ...(location ? { location } : {}), errors, detail: `registry status ${status}; ${errors.map((e) => `${e.errorCode}${e.location ? ` at ${e.location}` : ''}`).join(', ')}`.slice(0, 500) });
}
