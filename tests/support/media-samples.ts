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
