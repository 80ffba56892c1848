import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MssError } from './errors.js';
import { smtpOptionsFromUrl } from './smtp-url.js';

test('smtpOptionsFromUrl: scheme, default ports, credentials, requireTLS', () => {
  assert.deepEqual(smtpOptionsFromUrl('smtp://127.0.0.1:2525'), { host: '127.0.0.1', port: 2525, secure: false });
  assert.deepEqual(smtpOptionsFromUrl('smtps://smtp.operateur.mssante.fr'), { host: 'smtp.operateur.mssante.fr', port: 465, secure: true });
  assert.deepEqual(smtpOptionsFromUrl('smtp://bal%40hopital.fr:p%C3%A4ss@[::1]?requireTLS=true'), {
    host: '::1',
    port: 587,
    secure: false,
    auth: { user: 'bal@hopital.fr', pass: 'päss' },
    requireTLS: true,
  });
});

test('smtpOptionsFromUrl: not an smtp(s) URL → MSS_CONFIG without echoing it', () => {
  for (const url of ['http://x', 'nonsense', 'smtp://user:secret@']) {
    assert.throws(() => smtpOptionsFromUrl(url), (e: unknown) => e instanceof MssError && e.code === 'MSS_CONFIG' && e.location === 'smtpUrl' && !e.message.includes('secret'));
  }
});
