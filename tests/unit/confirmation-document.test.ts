import { describe, expect, it } from 'vitest';
import { checkConfirmationDocument } from '../../shared/signoff/confirmation-document.js';
import { confirmationEmail, png, signedPdf } from '../support/media-samples.js';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('a written confirmation must be a PDF or an email that opens', () => {
  it('accepts a PDF that opens and a saved email', () => {
    expect(checkConfirmationDocument(signedPdf(), 'application/pdf')).toEqual({ ok: true });
    expect(checkConfirmationDocument(confirmationEmail(), 'message/rfc822')).toEqual({ ok: true });
  });

  it.each([
    ['one byte of text', bytes('y'), 'application/pdf', /too small/],
    ['a PNG named .pdf', png(400, 400), 'application/pdf', /no PDF header/],
    ['a PDF cut off', signedPdf().subarray(0, 300), 'application/pdf', /cut off/],
    [
      'a header and an end marker around text',
      bytes(`%PDF-1.4\n${'signed '.repeat(30)}\n%%EOF\n`),
      'application/pdf',
      /cross-reference pointer/,
    ],
    [
      'a pointer to nowhere',
      bytes(`%PDF-1.4\n${'x'.repeat(120)}\n/Root 1 0 R\nstartxref\n9\n%%EOF\n`),
      'application/pdf',
      /leads nowhere/,
    ],
    ['an email declared as a PDF', confirmationEmail(), 'application/pdf', /no PDF header/],
    ['a PDF declared as an email', signedPdf(), 'message/rfc822', /binary|header lines/],
    [
      'text declared as an email',
      bytes(`We confirm.\n${'Yes. '.repeat(40)}\n`),
      'message/rfc822',
      /header lines/,
    ],
    [
      'an email without a sender',
      bytes(
        `To: a@agency.example\r\nDate: Tue, 02 Feb 2027 10:15:00 +0800\r\n\r\n${'We confirm. '.repeat(10)}`,
      ),
      'message/rfc822',
      /sender/,
    ],
    [
      'an email without a message',
      bytes(
        `From: b@client.example\r\nTo: a@agency.example\r\nDate: Tue, 02 Feb 2027 10:15:00 +0800\r\nSubject: ${'x'.repeat(40)}\r\n\r\n  \r\n`,
      ),
      'message/rfc822',
      /no message/,
    ],
  ] as const)('refuses %s, saying why', (_what, file, declared, reason) => {
    const check = checkConfirmationDocument(file, declared);
    expect(check.ok).toBe(false);
    expect(check.ok ? '' : check.reason).toMatch(reason);
  });
});
