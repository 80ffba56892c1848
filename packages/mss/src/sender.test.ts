// MssSender against a scripted SMTP server on loopback (real sockets, port 0): refusals before
// sending, reply classification, timeouts and abort. The full path to the simulator's sink is
// tested in @dcc-kit/dmp-simulator (mss-sink.test).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { MssError } from './errors.js';
import { MssSender, type MssSendInput } from './sender.js';
import { buildDocument } from './testing/index.js';

interface Script {
  greeting?: string | null; // null: never greet
  rcpt?: (address: string) => string;
  data?: string | null; // reply after the message; null: never answer
}

async function scriptedServer(script: Script): Promise<{ server: Server; port: number; connections: () => number; messages: string[] }> {
  let connections = 0;
  const messages: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((socket: Socket) => {
    connections += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.setEncoding('utf8');
    if (script.greeting !== null) socket.write(`${script.greeting ?? '220 scripted ESMTP'}\r\n`);
    let buffer = '';
    let inData = false;
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end < 0) return;
          messages.push(buffer.slice(0, end));
          buffer = buffer.slice(end + 5);
          inData = false;
          if (script.data !== null) socket.write(`${script.data ?? '250 2.0.0 queued'}\r\n`);
          continue;
        }
        const i = buffer.indexOf('\r\n');
        if (i < 0) return;
        const line = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO') socket.write('250-scripted\r\n250 8BITMIME\r\n');
        else if (verb === 'MAIL') socket.write('250 2.1.0 ok\r\n');
        else if (verb === 'RCPT') socket.write(`${script.rcpt?.(/<([^>]*)>/.exec(line)?.[1] ?? '') ?? '250 2.1.5 ok'}\r\n`);
        else if (verb === 'DATA') {
          inData = true;
          socket.write('354 go ahead\r\n');
        } else if (verb === 'QUIT') socket.end('221 bye\r\n');
        else socket.write('250 ok\r\n');
      }
    });
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  server.on('close', () => sockets.forEach((s) => s.destroy()));
  const close = server.close.bind(server);
  server.close = (cb?: (err?: Error) => void) => {
    sockets.forEach((s) => s.destroy());
    return close(cb);
  };
  return { server, port: (server.address() as AddressInfo).port, connections: () => connections, messages };
}

const close = (server: Server): Promise<void> => new Promise((resolve) => server.close(() => resolve()));

const pps = buildDocument('pps', '01'); // patient INS 273064900708440 (test NIR)
const patient = '273064900708440@patient.mssante.fr';
const professional = 'dr.oncologue@hopital-test.mssante.fr';

function sender(port: number, extra: Partial<ConstructorParameters<typeof MssSender>[0]> = {}): MssSender {
  return new MssSender({
    smtp: { host: '127.0.0.1', port },
    nil: 'NIL-DCC-KIT-TEST',
    sender: { organisation: 'Centre hospitalier de test', software: 'dcc-kit', version: '0.1.0', contact: 'dpo@hopital-test.fr' },
    now: () => new Date('2026-12-01T10:00:00Z'),
    ...extra,
  });
}

function input(extra: Partial<MssSendInput> = {}): MssSendInput {
  return { cda: pps, visibility: [], to: [professional], from: 'bal.app@hopital-test.mssante.fr', submissionSetUniqueId: '2.25.1', sourceId: '1.2.250.1.213.1.1.9.49', ...extra };
}

const rejectsWith = async (promise: Promise<unknown>, code: string, transient: boolean): Promise<MssError> => {
  let caught: unknown;
  await promise.catch((e: unknown) => (caught = e));
  assert.ok(caught instanceof MssError, `expected an MssError ${code}, got ${String(caught)}`);
  assert.equal(caught.code, code);
  assert.equal(caught.transient, transient);
  return caught;
};

test('a document INVISIBLE_PATIENT is refused for the patient mailbox before any connection', async () => {
  const s = await scriptedServer({});
  try {
    const error = await rejectsWith(sender(s.port).send(input({ to: [professional, patient], visibility: ['INVISIBLE_PATIENT'] })), 'MSS_INVISIBLE_TO_PATIENT', false);
    assert.deepEqual(error.recipients, [patient]);
    assert.match(error.messageFr, /non visible par le patient/);
    await rejectsWith(sender(s.port).send(input({ to: [patient], secretConnection: true })), 'MSS_SECRET_CONNECTION', false);
    assert.equal(s.connections(), 0);
    // The same document may go to professionals.
    const sent = await sender(s.port).send(input({ visibility: ['INVISIBLE_PATIENT'] }));
    assert.deepEqual(sent.accepted, [professional]);
    assert.equal(s.connections(), 1);
  } finally {
    await close(s.server);
  }
});

test('recipients checked before sending: one patient, a valid INS, the INS of the document', async () => {
  const s = await scriptedServer({});
  try {
    await rejectsWith(sender(s.port).send(input({ to: [patient, '279035121518989@patient.mssante.fr'] })), 'MSS_SEVERAL_PATIENTS', false);
    await rejectsWith(sender(s.port).send(input({ to: ['273064900708441@patient.mssante.fr'] })), 'MSS_BAD_PATIENT_ADDRESS', false);
    await rejectsWith(sender(s.port).send(input({ to: ['279035121518989@patient.mssante.fr'] })), 'MSS_PATIENT_MISMATCH', false);
    const bad = await rejectsWith(sender(s.port).send(input({ to: ['Dr X <x@y.fr>'] })), 'MSS_BAD_ADDRESS', false);
    assert.equal(bad.location, 'to[0]');
    await rejectsWith(sender(s.port).send(input({ to: [] })), 'MSS_NO_RECIPIENT', false);
    await rejectsWith(sender(s.port).send(input({ messageId: 'no at sign' })), 'MSS_BAD_MESSAGE_ID', false);
    assert.equal(s.connections(), 0);
  } finally {
    await close(s.server);
  }
});

test('a CDA the metadata cannot be derived from is refused with the field', async () => {
  const broken = new TextEncoder().encode(new TextDecoder().decode(pps).replace(/<effectiveTime value="[^"]*"\/>/, '<effectiveTime value="2026"/>'));
  const s = await scriptedServer({});
  try {
    const error = await rejectsWith(sender(s.port).send(input({ cda: broken })), 'MSS_BAD_DOCUMENT', false);
    assert.match(error.location ?? '', /^ClinicalDocument\//);
  } finally {
    await close(s.server);
  }
});

test('the message on the wire: subject, X-MSS headers, IHE_XDM.zip attachment', async () => {
  const s = await scriptedServer({});
  try {
    const result = await sender(s.port).send(input({ to: [professional, patient], noReply: true, dispositionNotificationTo: 'acks@hopital-test.mssante.fr', replyTo: 'secretariat@hopital-test.mssante.fr' }));
    assert.deepEqual(result.accepted, [professional, patient]);
    assert.deepEqual(result.rejected, []);
    assert.match(result.messageId, /^<.+@.+>$/);
    const [raw] = s.messages;
    assert.ok(raw);
    assert.match(raw, /^X-MSS-NIL: NIL-DCC-KIT-TEST$/m);
    assert.match(raw, /^X-MSS-CODECDA: 18776-5$/m);
    assert.match(raw, /^X-MSS-INS: O$/m);
    assert.match(raw, /^X-MSS-MES: FIN$/m);
    assert.match(raw, /^Disposition-Notification-To: acks@hopital-test\.mssante\.fr$/m);
    assert.match(raw, /^Reply-To: secretariat@hopital-test\.mssante\.fr$/m);
    // The prefix stays plain ASCII; the non-ASCII rest is RFC 2047-encoded.
    const subject = /^Subject: (.*(?:\r\n .*)*)/m.exec(raw)?.[1] ?? '';
    assert.match(subject, /^XDM\/1\.0\/DDM\+Programme =\?UTF-8\?B\?/);
    const decoded = subject.replace(/\r\n /g, '').replace(/=\?UTF-8\?B\?([^?]*)\?=/g, (_m, b64: string) => Buffer.from(b64, 'base64').toString('utf8'));
    assert.equal(decoded, 'XDM/1.0/DDM+Programme Personnalisé de Soins en cancérologie ROUSSEAU Isabelle 14/06/1973');
    assert.match(raw, /filename=IHE_XDM\.zip/);
    assert.match(raw, /Content-Type: application\/zip/);
  } finally {
    await close(s.server);
  }
});

test('4xx replies are transient, 5xx permanent, with the SMTP code', async () => {
  const busy = await scriptedServer({ data: '451 4.3.0 mailbox busy, try later' });
  const closed = await scriptedServer({ greeting: '421 4.3.2 service shutting down' });
  const refused = await scriptedServer({ rcpt: () => '550 5.1.1 no such mailbox' });
  const partial = await scriptedServer({ rcpt: (a) => (a === professional ? '550 5.1.1 no such mailbox' : '250 ok') });
  try {
    const e1 = await rejectsWith(sender(busy.port).send(input()), 'smtp-4xx', true);
    assert.equal(e1.smtpCode, 451);
    const e2 = await rejectsWith(sender(closed.port).send(input()), 'smtp-4xx', true);
    assert.equal(e2.smtpCode, 421);
    const e3 = await rejectsWith(sender(refused.port).send(input()), 'smtp-5xx', false);
    assert.equal(e3.smtpCode, 550);
    assert.deepEqual(e3.recipients, [professional]);
    const other = 'dr.chirurgien@hopital-test.mssante.fr';
    const result = await sender(partial.port).send(input({ to: [professional, other] }));
    assert.deepEqual(result.accepted, [other]);
    assert.equal(result.rejected[0]?.address, professional);
    assert.equal(result.rejected[0]?.error.smtpCode, 550);
  } finally {
    await Promise.all([busy, closed, refused, partial].map((s) => close(s.server)));
  }
});

test('connection refused, no greeting, abort: transient errors, bounded in time', async () => {
  const gone = await scriptedServer({});
  const port = gone.port;
  await close(gone.server);
  await rejectsWith(sender(port).send(input()), 'connection', true);

  const mute = await scriptedServer({ greeting: null });
  const stuck = await scriptedServer({ data: null });
  try {
    const started = Date.now();
    await rejectsWith(sender(mute.port, { connectionTimeoutMs: 200 }).send(input()), 'timeout', true);
    await rejectsWith(sender(stuck.port, { timeoutMs: 300 }).send(input()), 'timeout', true);
    assert.ok(Date.now() - started < 5000);
    const controller = new AbortController();
    const sending = sender(stuck.port).send(input(), controller.signal);
    setTimeout(() => controller.abort(), 100);
    await rejectsWith(sending, 'aborted', true);
    const already = new AbortController();
    already.abort();
    await rejectsWith(sender(stuck.port).send(input(), already.signal), 'aborted', true);
  } finally {
    await Promise.all([mute, stuck].map((s) => close(s.server)));
  }
});
