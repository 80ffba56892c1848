// The MSSanté sink over real SMTP on loopback: documents sent by @dcc-kit/mss's MssSender are
// received, well-formed and hash-checked; every §5.7 refusal answers a 5xx with its SIM_MSS_*
// code (messages broken on purpose are sent with a bare SMTP client).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { strFromU8, unzipSync, zipSync } from 'fflate';
import { insKey } from '@dcc-kit/cda/identity';
import { MssError, MssSender, mssMessageParts, xdmFromCda, type MssSendInput } from '@dcc-kit/mss';
import { startMssSink, type MssSink } from './index.js';
import { buildDocument } from '@dcc-kit/mss/testing';
import { rawMessage, sendRaw } from './testing/raw-smtp.js';

const sha1 = (b: Uint8Array): string => createHash('sha1').update(b).digest('hex');
const pps = buildDocument('pps', '01'); // INS 273064900708440 (test NIR), traits complete
const frcp = buildDocument('frcp', '01'); // same patient
const corsican = buildDocument('pps', '04'); // INS with 2B (birth in Corsica)
const patient = '273064900708440@patient.mssante.fr';
const otherMatricule = `1800175123456${insKey('1800175123456')}`;
const otherPatient = `${otherMatricule}@patient.mssante.fr`;
const professional = 'dr.oncologue@hopital-test.mssante.fr';
const from = 'bal.app@hopital-test.mssante.fr';
const senderInfo = { organisation: 'Centre hospitalier de test', software: 'dcc-kit', version: '0.1.0', contact: 'dpo@hopital-test.fr' };
const now = (): Date => new Date('2026-12-01T10:00:00Z');

const dmpEntries = new Map<string, { confidentiality: string[] }>();
let sink: MssSink;
let sender: MssSender;

before(async () => {
  sink = await startMssSink({ lookupEntry: (uniqueId) => dmpEntries.get(uniqueId), now });
  sender = new MssSender({ smtp: { host: sink.host, port: sink.port }, nil: 'NIL-DCC-KIT-TEST', sender: senderInfo, now });
});
after(() => sink.close());

function input(extra: Partial<MssSendInput>): MssSendInput {
  return { cda: pps, visibility: [], to: [professional], from, submissionSetUniqueId: '2.25.4242', sourceId: '1.2.250.1.213.1.1.9.49', ...extra };
}

test('a PPS and an FRCP sent by MssSender: received, zip well-formed, hashes and headers right', async () => {
  for (const [cda, code, to] of [[pps, '18776-5', [patient, professional]], [frcp, '34794-8', [professional]]] as const) {
    const result = await sender.send(input({ cda, to: [...to], noReply: true, dispositionNotificationTo: 'acks@hopital-test.mssante.fr' }));
    assert.deepEqual(result.accepted, to);
    const mail = sink.messages().find((m) => m.messageId === result.messageId);
    assert.ok(mail, 'stored');
    assert.deepEqual(mail.verdict, { accepted: true });
    assert.deepEqual(mail.envelope.rcptTo, to);
    assert.equal(mail.headers['x-mss-nil'], 'NIL-DCC-KIT-TEST');
    assert.equal(mail.headers['x-mss-codecda'], code);
    assert.equal(mail.headers['x-mss-ins'], 'O');
    assert.equal(mail.headers['x-mss-mes'], 'FIN');
    assert.deepEqual(mail.mdn, { to: 'acks@hopital-test.mssante.fr', disposition: 'automatic-action/MDN-sent-automatically; processed', originalMessageId: result.messageId });
    assert.match(mail.subject ?? '', /^XDM\/1\.0\/DDM\+.+ ROUSSEAU Isabelle 14\/06\/1973$/);

    const zip = sink.attachmentBytes(mail.id, 'IHE_XDM.zip');
    assert.ok(zip);
    const files = unzipSync(zip);
    assert.deepEqual(Object.keys(files).sort(), ['IHE_XDM/SUBSET01/DOC0001.XML', 'IHE_XDM/SUBSET01/METADATA.XML', 'INDEX.HTM', 'README.TXT']);
    const doc = files['IHE_XDM/SUBSET01/DOC0001.XML']!;
    assert.deepEqual(doc, cda);
    const metadata = strFromU8(files['IHE_XDM/SUBSET01/METADATA.XML']!);
    assert.match(metadata, /SubmitObjectsRequest/);
    assert.match(metadata, new RegExp(`<(?:\\w+:)?Slot name="hash">\\s*<(?:\\w+:)?ValueList>\\s*<(?:\\w+:)?Value>${sha1(doc)}</`));
    assert.match(metadata, new RegExp(`<(?:\\w+:)?Slot name="size">\\s*<(?:\\w+:)?ValueList>\\s*<(?:\\w+:)?Value>${doc.byteLength}</`));
    assert.match(metadata, /<(?:\w+:)?Slot name="URI">\s*<(?:\w+:)?ValueList>\s*<(?:\w+:)?Value>DOC0001\.XML</);
    assert.match(metadata, /intendedRecipient/);
    assert.match(strFromU8(files['INDEX.HTM']!), /Centre hospitalier de test[\s\S]*dcc-kit version 0\.1\.0[\s\S]*href="IHE_XDM\/SUBSET01\/DOC0001\.XML"/);
    assert.match(strFromU8(files['README.TXT']!), /Logiciel : dcc-kit\r\nVersion : 0\.1\.0\r\nContact : dpo@hopital-test\.fr/);
    assert.doesNotMatch(strFromU8(files['README.TXT']!) + strFromU8(files['INDEX.HTM']!), /ROUSSEAU|273064900708440/);

    assert.deepEqual(mail.zip?.find((f) => f.path.endsWith('DOC0001.XML')), { path: 'IHE_XDM/SUBSET01/DOC0001.XML', size: doc.byteLength, sha1: sha1(doc) });
    assert.equal(mail.documents?.[0]?.hash, sha1(doc));
    assert.equal(mail.documents?.[0]?.patientId?.split('^')[0], '273064900708440');
    assert.equal(mail.documents?.[0]?.code, code);
  }
});

test('a Corsican INS (2B) reaches its patient mailbox', async () => {
  const to = [`161042B03305652@patient.mssante.fr`];
  const result = await sender.send(input({ cda: corsican, to }));
  assert.deepEqual(result.accepted, to);
  assert.deepEqual(sink.messages().find((m) => m.messageId === result.messageId)?.verdict, { accepted: true });
});

test('the DMP entry says INVISIBLE_PATIENT: the sink refuses the patient mailbox with SIM_MSS_INVISIBLE_TO_PATIENT', async () => {
  const { entry } = xdmFromCda(pps, { sender: senderInfo, submissionSetUniqueId: '2.25.1', sourceId: '1.2.3', now });
  dmpEntries.set(entry.uniqueId, { confidentiality: ['N', 'INVISIBLE_PATIENT'] });
  try {
    let caught: unknown;
    await sender.send(input({ to: [patient] })).catch((e: unknown) => (caught = e));
    assert.ok(caught instanceof MssError);
    assert.equal(caught.code, 'SIM_MSS_INVISIBLE_TO_PATIENT');
    assert.equal(caught.transient, false);
    assert.equal(caught.smtpCode, 550);
    // Professionals still receive it.
    assert.deepEqual((await sender.send(input({ to: [professional] }))).accepted, [professional]);
  } finally {
    dmpEntries.clear();
  }
});

test('a temporary refusal (451) reaches the sender as a transient MssError, then the retry passes', async () => {
  sink.injectTemporaryFailure(1);
  let caught: unknown;
  await sender.send(input({})).catch((e: unknown) => (caught = e));
  assert.ok(caught instanceof MssError);
  assert.equal(caught.transient, true);
  assert.equal(caught.smtpCode, 451);
  assert.deepEqual((await sender.send(input({}))).accepted, [professional]);
});

test('a re-send with the Message-ID of the first attempt is stored as its duplicate', async () => {
  const messageId = '<resend-test-1@hopital-test.mssante.fr>';
  const first = await sender.send(input({ messageId }));
  const again = await sender.send(input({ messageId: 'resend-test-1@hopital-test.mssante.fr' }));
  assert.equal(first.messageId, messageId);
  assert.equal(again.messageId, messageId);
  const stored = sink.messages().filter((m) => m.messageId === messageId);
  assert.equal(stored.length, 2);
  assert.equal(stored[0]?.duplicateOf, undefined);
  assert.equal(stored[1]?.duplicateOf, stored[0]?.id);
});

// ── Refusals, one broken message each ───────────────────────────────────────────────────────────

const base = xdmFromCda(pps, { sender: senderInfo, submissionSetUniqueId: '2.25.7', sourceId: '1.2.3', recipients: [patient], now });
const baseParts = mssMessageParts(base, { nil: 'NIL-DCC-KIT-TEST', sender: senderInfo });
const baseFiles = unzipSync(base.zip);

function rezip(change: (files: Record<string, Uint8Array>) => void): Uint8Array {
  const files = { ...baseFiles };
  change(files);
  return zipSync(files);
}

interface Case { name: string; code: string; to?: string[]; subject?: string; headers?: Record<string, string | undefined>; attachment?: { filename: string; content: Uint8Array } | null }

const docPath = 'IHE_XDM/SUBSET01/DOC0001.XML';
const metaPath = 'IHE_XDM/SUBSET01/METADATA.XML';
const invisible = xdmFromCda(pps, { sender: senderInfo, submissionSetUniqueId: '2.25.8', sourceId: '1.2.3', visibility: ['INVISIBLE_PATIENT'], now });

const cases: Case[] = [
  { name: 'two patient mailboxes', code: 'SIM_MSS_SEVERAL_PATIENTS', to: [patient, otherPatient] },
  { name: 'no X-MSS-NIL', code: 'SIM_MSS_NIL_MISSING', headers: { 'X-MSS-NIL': undefined } },
  { name: 'subject without XDM/1.0/DDM', code: 'SIM_MSS_BAD_SUBJECT', subject: 'Programme personnalisé de soins' },
  { name: 'no attachment', code: 'SIM_MSS_NO_XDM_ATTACHMENT', attachment: null },
  { name: 'attachment under another name', code: 'SIM_MSS_NO_XDM_ATTACHMENT', attachment: { filename: 'document.zip', content: base.zip } },
  { name: 'not a zip', code: 'SIM_MSS_BAD_ZIP', attachment: { filename: 'IHE_XDM.zip', content: new TextEncoder().encode('not a zip at all') } },
  { name: 'no README.TXT', code: 'SIM_MSS_ZIP_MISSING_FILE', attachment: { filename: 'IHE_XDM.zip', content: rezip((f) => delete f['README.TXT']) } },
  { name: 'no INDEX.HTM', code: 'SIM_MSS_ZIP_MISSING_FILE', attachment: { filename: 'IHE_XDM.zip', content: rezip((f) => delete f['INDEX.HTM']) } },
  { name: 'no METADATA.XML', code: 'SIM_MSS_ZIP_MISSING_FILE', attachment: { filename: 'IHE_XDM.zip', content: rezip((f) => delete f[metaPath]) } },
  { name: 'document of the URI slot missing', code: 'SIM_MSS_ZIP_MISSING_FILE', attachment: { filename: 'IHE_XDM.zip', content: rezip((f) => delete f[docPath]) } },
  { name: 'METADATA.XML not a SubmitObjectsRequest', code: 'SIM_MSS_BAD_METADATA', attachment: { filename: 'IHE_XDM.zip', content: rezip((f) => (f[metaPath] = new TextEncoder().encode('<foo/>'))) } },
  { name: 'document one byte longer', code: 'SIM_MSS_SIZE_MISMATCH', attachment: { filename: 'IHE_XDM.zip', content: rezip((f) => (f[docPath] = new Uint8Array([...f[docPath]!, 0x20]))) } },
  {
    name: 'document changed, same size',
    code: 'SIM_MSS_HASH_MISMATCH',
    attachment: { filename: 'IHE_XDM.zip', content: rezip((f) => (f[docPath] = new TextEncoder().encode(strFromU8(f[docPath]!).replace('Programme', 'Programmf')))) },
  },
  {
    name: 'METADATA patientId of another patient',
    code: 'SIM_MSS_PATIENT_ID_MISMATCH',
    attachment: { filename: 'IHE_XDM.zip', content: rezip((f) => (f[metaPath] = new TextEncoder().encode(strFromU8(f[metaPath]!).replaceAll('273064900708440^^^', `${otherMatricule}^^^`)))) },
  },
  { name: 'patient mailbox of another patient', code: 'SIM_MSS_PATIENT_MISMATCH', to: [otherPatient] },
  { name: 'X-MSS-CODECDA of another volet', code: 'SIM_MSS_CODECDA_MISMATCH', headers: { 'X-MSS-CODECDA': '34794-8' } },
  { name: 'no X-MSS-CODECDA', code: 'SIM_MSS_CODECDA_MISMATCH', headers: { 'X-MSS-CODECDA': undefined } },
  { name: 'X-MSS-INS: N for a qualified INS', code: 'SIM_MSS_INS_HEADER', headers: { 'X-MSS-INS': 'N' } },
  { name: 'no X-MSS-INS', code: 'SIM_MSS_INS_HEADER', headers: { 'X-MSS-INS': undefined } },
  { name: 'document INVISIBLE_PATIENT in its metadata, to the patient', code: 'SIM_MSS_INVISIBLE_TO_PATIENT', attachment: { filename: 'IHE_XDM.zip', content: invisible.zip } },
];

function send(c: Pick<Case, 'to' | 'subject' | 'headers' | 'attachment'>): ReturnType<typeof sendRaw> {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...baseParts.headers, ...c.headers })) if (v !== undefined) headers[k] = v;
  const to = c.to ?? [patient];
  const attachment = c.attachment === null ? undefined : (c.attachment ?? { filename: 'IHE_XDM.zip', content: base.zip });
  return sendRaw(sink, { from, to }, rawMessage({ from, to, subject: c.subject ?? baseParts.subject, headers, ...(attachment ? { attachment } : {}) }));
}

test('the unbroken hand-made message is accepted (so each refusal below is due to its one change)', async () => {
  const { data } = await send({});
  assert.equal(data?.code, 250);
});

test('readers match IHE_XDM.zip case-insensitively and accept \\ in zip paths', async () => {
  assert.equal((await send({ attachment: { filename: 'ihe_xdm.ZIP', content: base.zip } })).data?.code, 250);
  const backslashed = zipSync(Object.fromEntries(Object.entries(baseFiles).map(([p, b]) => [p.replace(/\//g, '\\'), b])));
  assert.equal((await send({ attachment: { filename: 'IHE_XDM.zip', content: backslashed } })).data?.code, 250);
});

for (const c of cases) {
  test(`refused with ${c.code}: ${c.name}`, async () => {
    const before = sink.messages().length;
    const { data } = await send(c);
    assert.ok(data && data.code >= 500 && data.code < 600, `5xx expected, got ${data?.code} ${data?.text}`);
    assert.match(data.text, new RegExp(`\\b${c.code}\\b`));
    const stored = sink.messages().slice(before);
    assert.equal(stored.length, 1);
    assert.equal(stored[0]?.verdict.accepted, false);
    assert.equal(stored[0]?.verdict.accepted === false ? stored[0].verdict.code : undefined, c.code);
    assert.doesNotMatch(data.text, /273064900708440|ROUSSEAU/); // no identity in SMTP replies (they end in logs)
  });
}

test('refused at RCPT TO with SIM_MSS_BAD_PATIENT_ADDRESS: a patient mailbox whose INS key is wrong', async () => {
  const before = sink.messages().length;
  const { rcpt, data } = await send({ to: ['273064900708441@patient.mssante.fr'] });
  assert.equal(rcpt[0]?.code, 550);
  assert.match(rcpt[0]?.text ?? '', /SIM_MSS_BAD_PATIENT_ADDRESS/);
  assert.equal(data, undefined);
  assert.equal(sink.messages().length, before);
});
