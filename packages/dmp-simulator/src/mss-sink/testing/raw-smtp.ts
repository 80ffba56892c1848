// Test support: a bare SMTP client that sends hand-made (also broken) messages to the sink, and
// a MIME writer for them. Real SMTP on loopback; no library between the test and the wire.
import { connect, type Socket } from 'node:net';

export interface SmtpReply { code: number; text: string }

class ReplyReader {
  #buffer = '';
  #waiting: Array<(reply: SmtpReply) => void> = [];
  #lines: string[] = [];
  constructor(socket: Socket) {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      this.#buffer += chunk;
      let i: number;
      while ((i = this.#buffer.indexOf('\r\n')) >= 0) {
        const line = this.#buffer.slice(0, i);
        this.#buffer = this.#buffer.slice(i + 2);
        this.#lines.push(line);
        if (/^\d{3} /.test(line) || /^\d{3}$/.test(line)) {
          const text = this.#lines.map((l) => l.slice(4)).join('\n');
          this.#lines = [];
          this.#waiting.shift()?.({ code: Number(line.slice(0, 3)), text });
        }
      }
    });
  }
  next(): Promise<SmtpReply> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no SMTP reply within 5 s')), 5000);
      this.#waiting.push((r) => {
        clearTimeout(timer);
        resolve(r);
      });
    });
  }
}

/** Sends one message; returns the RCPT replies and the DATA reply (absent when no recipient was accepted). */
export async function sendRaw(server: { host: string; port: number }, envelope: { from: string; to: string[] }, data: string): Promise<{ mail: SmtpReply; rcpt: SmtpReply[]; data?: SmtpReply }> {
  const socket = connect(server.port, server.host);
  const replies = new ReplyReader(socket);
  const command = (line: string): Promise<SmtpReply> => {
    const reply = replies.next();
    socket.write(`${line}\r\n`);
    return reply;
  };
  try {
    await replies.next(); // greeting
    await command('EHLO test.local');
    const mail = await command(`MAIL FROM:<${envelope.from}>`);
    if (mail.code !== 250) return { mail, rcpt: [] };
    const rcpt: SmtpReply[] = [];
    for (const to of envelope.to) rcpt.push(await command(`RCPT TO:<${to}>`));
    if (!rcpt.some((r) => r.code === 250)) return { mail, rcpt };
    const go = await command('DATA');
    if (go.code !== 354) return { mail, rcpt, data: go };
    const body = data.replace(/\r?\n/g, '\r\n').replace(/^\./gm, '..');
    const reply = replies.next();
    socket.write(`${body}\r\n.\r\n`);
    const result = { mail, rcpt, data: await reply };
    await command('QUIT');
    return result;
  } finally {
    socket.destroy();
  }
}

export interface RawMessageParts {
  from: string;
  to: string[];
  subject?: string;
  headers: Record<string, string>;
  attachment?: { filename: string; content: Uint8Array };
}

const encodeWord = (s: string): string => (/^[\x20-\x7e]*$/.test(s) ? s : `=?UTF-8?B?${Buffer.from(s, 'utf8').toString('base64')}?=`);

/** A multipart/mixed message with a text part and the attachment (base64). */
export function rawMessage(parts: RawMessageParts): string {
  const boundary = 'sink-test-boundary';
  const lines = [
    `From: <${parts.from}>`,
    `To: ${parts.to.map((t) => `<${t}>`).join(', ')}`,
    ...(parts.subject !== undefined ? [`Subject: ${encodeWord(parts.subject)}`] : []),
    ...Object.entries(parts.headers).map(([k, v]) => `${k}: ${v}`),
    'MIME-Version: 1.0',
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Message de test.',
  ];
  if (parts.attachment) {
    const b64 = Buffer.from(parts.attachment.content).toString('base64').replace(/.{76}/g, '$&\r\n');
    lines.push(`--${boundary}`, 'Content-Type: application/zip', `Content-Disposition: attachment; filename="${parts.attachment.filename}"`, 'Content-Transfer-Encoding: base64', '', b64);
  }
  lines.push(`--${boundary}--`, '');
  return lines.join('\r\n');
}
