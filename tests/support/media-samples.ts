/** Small real media files built in code, byte by byte, for spec checks and uploads (no binary fixtures). */
import { crc32, deflateSync } from 'node:zlib';

export const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));
export const be16 = (n: number) => [(n >>> 8) & 0xff, n & 0xff];
export const be32 = (n: number) => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
export const be64 = (n: number) => [...be32(Math.floor(n / 2 ** 32)), ...be32(n >>> 0)];
export const le16 = (n: number) => [n & 0xff, (n >>> 8) & 0xff];
export const le24 = (n: number) => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff];
export const le32 = (n: number) => [...le16(n & 0xffff), ...le16(n >>> 16)];
export const bytesOf = (...parts: (number[] | Uint8Array)[]) => Uint8Array.from(parts.flatMap((p) => [...p]));

/** A valid 8-bit greyscale PNG of the given size. */
export function png(width: number, height: number): Uint8Array {
  const chunk = (type: string, data: Uint8Array) => {
    const body = bytesOf(ascii(type), data);
    return bytesOf(be32(data.length), body, be32(crc32(body)));
  };
  // 8-bit greyscale; each scanline is a filter byte (0) followed by one byte a pixel.
  const ihdr = bytesOf(be32(width), be32(height), [8, 0, 0, 0, 0]);
  const idat = deflateSync(new Uint8Array((width + 1) * height));
  return bytesOf(
    [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
    chunk('IHDR', ihdr),
    chunk('IDAT', idat),
    chunk('IEND', new Uint8Array()),
  );
}

/**
 * A one-page PDF that opens: header, objects, a cross-reference table at the offset `startxref`
 * names, a trailer with its catalogue, the end-of-file marker. `note` is written on the page.
 */
export function signedPdf(note = 'Confirmed. Signed for the client.'): Uint8Array {
  const content = `BT /F1 12 Tf 72 720 Td (${note.replace(/[()\\]/g, '')}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
  ];
  let text = '%PDF-1.4\n';
  const offsets = objects.map((object, i) => {
    const at = text.length;
    text += `${i + 1} 0 obj\n${object}\nendobj\n`;
    return at;
  });
  const xref = text.length;
  text += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  text += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(text);
}

/** The client's confirming email, as saved from a mail program (.eml). */
export function confirmationEmail(from = 'marketing.director@client.example'): Uint8Array {
  return new TextEncoder().encode(
    [
      `From: Marketing Director <${from}>`,
      'To: Account Team <accounts@agency.example>',
      'Date: Tue, 02 Feb 2027 10:15:00 +0800',
      'Subject: RE: Media master plan, version 1',
      'Message-ID: <confirm-1@client.example>',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'We confirm the media master plan, version 1, as sent on 1 February.',
      '',
    ].join('\r\n'),
  );
}
