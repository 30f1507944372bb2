/**
 * What a client's written confirmation may be, checked from its own bytes (never the declared type
 * or the name), as drafts are: a PDF that opens (its header, a cross-reference reached from
 * `startxref`, a document catalogue, the end-of-file marker) or an email file (RFC 5322 headers:
 * From and Date at least, a blank line, a body). Anything else — a one-byte text file, an image
 * renamed `.pdf` — is not a confirmation. Pure and dependency-free.
 */

export const confirmationContentTypes = ['application/pdf', 'message/rfc822'] as const;
export type ConfirmationContentType = (typeof confirmationContentTypes)[number];

/** The file-name ending each type must carry, so the document opens in the right program when downloaded. */
export const confirmationExtensions: Record<ConfirmationContentType, RegExp> = {
  'application/pdf': /\.pdf$/i,
  'message/rfc822': /\.eml$/i,
};

/** Below this no PDF or email can hold a signature or a confirmation; above it, not a letter. */
export const minConfirmationBytes = 100;
export const maxConfirmationBytes = 25 * 1024 * 1024;

export type ConfirmationCheck = { ok: true } | { ok: false; reason: string };

const refuse = (reason: string): ConfirmationCheck => ({ ok: false, reason });

export function checkConfirmationDocument(
  bytes: Uint8Array,
  declared: ConfirmationContentType,
): ConfirmationCheck {
  if (bytes.length < minConfirmationBytes) {
    return refuse(`The file has ${bytes.length} bytes: too small to be a signed document or an email.`);
  }
  if (bytes.length > maxConfirmationBytes) {
    return refuse(`The file is larger than ${maxConfirmationBytes / 1024 / 1024} MB.`);
  }
  return declared === 'application/pdf' ? checkPdf(bytes) : checkEmail(bytes);
}

const latin1 = (bytes: Uint8Array) =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');

function checkPdf(bytes: Uint8Array): ConfirmationCheck {
  const text = latin1(bytes);
  // Readers accept the header within the first 1024 bytes.
  const header = text.slice(0, 1024).search(/%PDF-[12]\.\d/);
  if (header < 0) return refuse('The file is not a PDF: it has no PDF header.');
  const tail = text.slice(-2048);
  if (!/%%EOF\s*$/.test(tail)) return refuse('The PDF is cut off: it has no end-of-file marker.');
  const startxref = /startxref\s+(\d{1,12})\s+%%EOF\s*$/.exec(tail);
  if (!startxref) return refuse('The PDF does not open: it has no cross-reference pointer.');
  // Offsets count from the header (junk before it is tolerated by readers, and so here).
  const offset = header + Number(startxref[1]);
  const atXref = text.slice(offset, offset + 64);
  if (!/^\s*(xref\b|\d+\s+\d+\s+obj\b)/.test(atXref)) {
    return refuse('The PDF does not open: its cross-reference pointer leads nowhere.');
  }
  if (!/\/Root\s+\d+\s+\d+\s+R\b/.test(text)) {
    return refuse('The PDF does not open: it has no document catalogue.');
  }
  return { ok: true };
}

/** Header lines (unfolded), up to the blank line that ends them. */
function emailHeaders(text: string): { headers: Map<string, string>; body: string } | undefined {
  const end = /\r?\n\r?\n/.exec(text);
  if (!end) return undefined;
  const headers = new Map<string, string>();
  let last: string | undefined;
  for (const line of text.slice(0, end.index).split(/\r?\n/)) {
    if (/^[ \t]/.test(line) && last) {
      headers.set(last, `${headers.get(last)} ${line.trim()}`);
      continue;
    }
    const field = /^([!-9;-~]{1,76}):[ \t]*(.*)$/.exec(line);
    if (!field) return undefined;
    last = field[1]!.toLowerCase();
    if (!headers.has(last)) headers.set(last, field[2]!);
  }
  return { headers, body: text.slice(end.index + end[0].length) };
}

function checkEmail(bytes: Uint8Array): ConfirmationCheck {
  if (bytes.includes(0)) return refuse('The file is not an email: it holds binary data.');
  const parsed = emailHeaders(latin1(bytes));
  if (!parsed) return refuse('The file is not an email: its header lines are not "Name: value".');
  const { headers, body } = parsed;
  if (!/@/.test(headers.get('from') ?? '')) return refuse('The email has no sender (From).');
  if (Number.isNaN(Date.parse(headers.get('date') ?? ''))) return refuse('The email has no valid Date.');
  if (!headers.has('to') && !headers.has('cc')) return refuse('The email has no recipient (To).');
  if (body.trim().length === 0) return refuse('The email has no message.');
  return { ok: true };
}
