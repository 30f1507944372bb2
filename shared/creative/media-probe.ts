/**
 * Reads what can be read about an uploaded draft from its bytes alone: the real file type (by magic
 * number, never by the declared Content-Type or file name), pixel size, PDF page size and duration.
 *
 * Pure and dependency-free (node:zlib only, for PDF object streams). Every fact it cannot read is left
 * out rather than guessed, and no input, however broken, makes it throw: an upload handler must always
 * be able to record a check result.
 */
import { inflateSync, constants as zlibConstants } from 'node:zlib';

export interface MediaFacts {
  /** MIME type recognised from the bytes; absent when the format is not recognised. */
  detectedType?: string;
  /** Size of the file in bytes. */
  bytes: number;
  /** Pixel size as displayed (images; video tracks of MP4/MOV). */
  widthPx?: number;
  heightPx?: number;
  /** Size of the first PDF page as displayed (after /Rotate), in millimetres. */
  pageWidthMm?: number;
  pageHeightMm?: number;
  /** Running time of audio or video, in seconds. */
  durationSeconds?: number;
}

type Facts = Omit<MediaFacts, 'bytes'>;

export const mediaTypes = {
  png: 'image/png',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  svg: 'image/svg+xml',
  heic: 'image/heic',
  avif: 'image/avif',
  pdf: 'application/pdf',
  mp4: 'video/mp4',
  mov: 'video/quicktime',
  m4a: 'audio/mp4',
  wav: 'audio/wav',
  mp3: 'audio/mpeg',
  text: 'text/plain',
  zip: 'application/zip',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/**
 * @param declaredContentType accepted so callers pass what they have, but deliberately not used: the
 *   facts must come from the bytes, or a renamed file would vouch for itself. `checkSpecs` compares the two.
 */
export function probeMedia(bytes: Uint8Array, _declaredContentType: string): MediaFacts {
  const found = attempt(() => probeFormat(bytes)) ?? {};
  // Only defined keys, so the facts store cleanly (DynamoDB rejects undefined attributes).
  const facts: MediaFacts = { bytes: bytes.length };
  for (const [key, value] of Object.entries(found)) {
    if (value !== undefined) Object.assign(facts, { [key]: value });
  }
  return facts;
}

function probeFormat(b: Uint8Array): Facts {
  if (startsWith(b, 0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) {
    return { detectedType: mediaTypes.png, ...attempt(() => pngSize(b)) };
  }
  if (startsWith(b, 0, [0xff, 0xd8, 0xff])) {
    return { detectedType: mediaTypes.jpeg, ...attempt(() => jpegSize(b)) };
  }
  if (startsWith(b, 0, 'GIF87a') || startsWith(b, 0, 'GIF89a')) {
    return { detectedType: mediaTypes.gif, ...attempt(() => gifSize(b)) };
  }
  if (startsWith(b, 0, 'RIFF') && startsWith(b, 8, 'WEBP')) {
    return { detectedType: mediaTypes.webp, ...attempt(() => webpSize(b)) };
  }
  if (startsWith(b, 0, 'RIFF') && startsWith(b, 8, 'WAVE')) {
    return { detectedType: mediaTypes.wav, durationSeconds: attempt(() => wavDuration(b)) };
  }
  // The PDF header may follow a little junk; readers accept it within the first 1024 bytes.
  if (indexOfAscii(b, '%PDF-', 0, 1024) >= 0) {
    return { detectedType: mediaTypes.pdf, ...attempt(() => pdfPageSize(b)) };
  }
  if (isIsoBmff(b)) return isoBmff(b);
  if (startsWith(b, 0, 'PK\x03\x04')) return { detectedType: zipType(b) };
  const mp3 = attempt(() => mp3Facts(b));
  if (mp3) return mp3;
  return { detectedType: textType(b) };
}

// ---------------------------------------------------------------- byte reading
// Readers throw on reads past the end; `attempt` turns that into "fact not readable".

class Truncated extends Error {}

function need(b: Uint8Array, offset: number, length: number): void {
  if (!Number.isInteger(offset) || offset < 0 || offset + length > b.length) throw new Truncated();
}
function u8(b: Uint8Array, o: number): number {
  need(b, o, 1);
  return b[o]!;
}
function u16be(b: Uint8Array, o: number): number {
  need(b, o, 2);
  return (b[o]! << 8) | b[o + 1]!;
}
function u16le(b: Uint8Array, o: number): number {
  need(b, o, 2);
  return b[o]! | (b[o + 1]! << 8);
}
function u24le(b: Uint8Array, o: number): number {
  need(b, o, 3);
  return b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16);
}
function u32be(b: Uint8Array, o: number): number {
  need(b, o, 4);
  return b[o]! * 2 ** 24 + ((b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!);
}
function u32le(b: Uint8Array, o: number): number {
  need(b, o, 4);
  return b[o + 3]! * 2 ** 24 + ((b[o + 2]! << 16) | (b[o + 1]! << 8) | b[o]!);
}
const s32be = (b: Uint8Array, o: number): number => u32be(b, o) | 0;
const u64be = (b: Uint8Array, o: number): number => u32be(b, o) * 2 ** 32 + u32be(b, o + 4);

function ascii(b: Uint8Array, o: number, length: number): string {
  need(b, o, length);
  return String.fromCharCode(...b.subarray(o, o + length));
}

function startsWith(b: Uint8Array, o: number, expected: string | number[]): boolean {
  const codes = typeof expected === 'string' ? [...expected].map((c) => c.charCodeAt(0)) : expected;
  if (o + codes.length > b.length) return false;
  return codes.every((code, i) => b[o + i] === code);
}

const asBuffer = (b: Uint8Array): Buffer => Buffer.from(b.buffer, b.byteOffset, b.byteLength);

function indexOfAscii(b: Uint8Array, needle: string, from = 0, to = b.length): number {
  return asBuffer(b).subarray(0, to).indexOf(needle, from, 'latin1');
}

function attempt<T>(read: () => T | undefined): T | undefined {
  try {
    return read();
  } catch {
    // Truncated or malformed: the fact is simply not known.
    return undefined;
  }
}

/** Positive whole pixels, else unknown (0 means "defined elsewhere" in JPEG, and is never a real size). */
function size(width: number, height: number): Facts | undefined {
  return width > 0 && height > 0 ? { widthPx: width, heightPx: height } : undefined;
}

// ---------------------------------------------------------------- images

function pngSize(b: Uint8Array): Facts | undefined {
  // The first chunk must be IHDR: length(4) "IHDR" width(4) height(4).
  if (ascii(b, 12, 4) !== 'IHDR') return undefined;
  return size(u32be(b, 16), u32be(b, 20));
}

function jpegSize(b: Uint8Array): Facts | undefined {
  // Walk the marker segments up to the first start-of-frame; the scan data after SOS is not segmented.
  let o = 2;
  for (let guard = 0; guard < 10_000; guard++) {
    if (u8(b, o) !== 0xff) return undefined;
    while (u8(b, o) === 0xff) o++; // fill bytes
    const marker = u8(b, o);
    o++;
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) continue; // no length
    if (marker === 0xd9 || marker === 0xda) return undefined; // EOI / SOS before any frame header
    const length = u16be(b, o);
    if (length < 2) return undefined;
    // SOF0..SOF15 carry the size, except DHT (C4), JPG (C8) and DAC (CC) which share the range.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return size(u16be(b, o + 5), u16be(b, o + 3));
    }
    o += length;
  }
  return undefined;
}

function gifSize(b: Uint8Array): Facts | undefined {
  return size(u16le(b, 6), u16le(b, 8));
}

function webpSize(b: Uint8Array): Facts | undefined {
  const chunk = ascii(b, 12, 4);
  if (chunk === 'VP8X') return size(u24le(b, 24) + 1, u24le(b, 27) + 1); // canvas size minus one
  if (chunk === 'VP8L') {
    if (u8(b, 20) !== 0x2f) return undefined;
    const bits = u32le(b, 21); // 14 bits width-1, 14 bits height-1
    return size((bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1);
  }
  if (chunk === 'VP8 ') {
    if (!startsWith(b, 23, [0x9d, 0x01, 0x2a])) return undefined; // key frame start code
    return size(u16le(b, 26) & 0x3fff, u16le(b, 28) & 0x3fff);
  }
  return undefined;
}

// ---------------------------------------------------------------- WAV

function wavDuration(b: Uint8Array): number | undefined {
  let byteRate: number | undefined;
  let dataBytes: number | undefined;
  for (let o = 12, guard = 0; o + 8 <= b.length && guard < 10_000; guard++) {
    const id = ascii(b, o, 4);
    const declared = u32le(b, o + 4);
    const available = b.length - (o + 8);
    if (id === 'fmt ') byteRate = u32le(b, o + 16); // format(2) channels(2) sampleRate(4) byteRate(4)
    if (id === 'data') {
      // 0 or 0xFFFFFFFF: a streamed WAV whose size was never filled in. A cut-off file plays what is there.
      dataBytes = declared === 0 || declared === 0xffffffff ? available : Math.min(declared, available);
    }
    o += 8 + declared + (declared & 1); // chunks are padded to even length
  }
  if (!byteRate || dataBytes === undefined) return undefined;
  return dataBytes / byteRate;
}

// ---------------------------------------------------------------- MP3 (MPEG audio)

// Bitrates in kbit/s by [version group][layer], index 1..14 (0 = free format, 15 = invalid).
const bitrates = {
  v1: {
    1: [0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448],
    2: [0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384],
    3: [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  },
  v2: {
    1: [0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256],
    2: [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
    3: [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
  },
} as const;
const sampleRates = { 3: [44100, 48000, 32000], 2: [22050, 24000, 16000], 0: [11025, 12000, 8000] } as const;

interface MpegFrame {
  mpeg1: boolean;
  layer: 1 | 2 | 3;
  bitrate: number; // bit/s
  sampleRate: number;
  mono: boolean;
  length: number; // bytes, header included
  samples: number;
}

function mpegFrame(b: Uint8Array, o: number): MpegFrame | undefined {
  if (o + 4 > b.length || b[o] !== 0xff || (b[o + 1]! & 0xe0) !== 0xe0) return undefined;
  const version = (b[o + 1]! >> 3) & 3; // 3 = MPEG-1, 2 = MPEG-2, 0 = MPEG-2.5, 1 reserved
  const layerBits = (b[o + 1]! >> 1) & 3; // 3 = Layer I, 2 = II, 1 = III, 0 reserved
  const bitrateIndex = b[o + 2]! >> 4;
  const rateIndex = (b[o + 2]! >> 2) & 3;
  if (version === 1 || layerBits === 0 || bitrateIndex === 0 || bitrateIndex === 15 || rateIndex === 3) {
    return undefined;
  }
  const layer = (4 - layerBits) as 1 | 2 | 3;
  const mpeg1 = version === 3;
  const bitrate = bitrates[mpeg1 ? 'v1' : 'v2'][layer][bitrateIndex]! * 1000;
  const sampleRate = sampleRates[version as 0 | 2 | 3][rateIndex]!;
  const padding = (b[o + 2]! >> 1) & 1;
  const samples = layer === 1 ? 384 : layer === 3 && !mpeg1 ? 576 : 1152;
  const length =
    layer === 1
      ? (Math.floor((12 * bitrate) / sampleRate) + padding) * 4
      : Math.floor(((samples / 8) * bitrate) / sampleRate) + padding;
  return { mpeg1, layer, bitrate, sampleRate, mono: b[o + 3]! >> 6 === 3, length, samples };
}

function mp3Facts(b: Uint8Array): Facts | undefined {
  let start = 0;
  let tagged = false;
  if (startsWith(b, 0, 'ID3')) {
    // ID3v2: 10-byte header, syncsafe size (7 bits a byte), optional 10-byte footer.
    const tagSize = (u8(b, 6) << 21) | (u8(b, 7) << 14) | (u8(b, 8) << 7) | u8(b, 9);
    start = 10 + tagSize + (u8(b, 5) & 0x10 ? 10 : 0);
    tagged = true;
  }
  // After a tag, tolerate some padding before the first frame; without one, the file must start with it.
  const limit = tagged ? Math.min(b.length, start + 64 * 1024) : start + 1;
  for (let o = start; o < limit; o++) {
    const frame = mpegFrame(b, o);
    if (!frame) continue;
    // A second frame right after the first guards against random bytes that merely look like a header.
    const next = o + frame.length;
    if (next + 4 <= b.length && !mpegFrame(b, next)) continue;
    return { detectedType: mediaTypes.mp3, durationSeconds: attempt(() => mp3Duration(b, o, frame)) };
  }
  // A tag with no readable audio is still an MP3 file, just one without a known duration.
  return tagged ? { detectedType: mediaTypes.mp3 } : undefined;
}

function mp3Duration(b: Uint8Array, o: number, frame: MpegFrame): number | undefined {
  // VBR files carry the frame count in a Xing/Info header after the side information of the first frame.
  const sideInfo = frame.mpeg1 ? (frame.mono ? 17 : 32) : frame.mono ? 9 : 17;
  const xing = o + 4 + sideInfo;
  if (startsWith(b, xing, 'Xing') || startsWith(b, xing, 'Info')) {
    if (u32be(b, xing + 4) & 1) return (u32be(b, xing + 8) * frame.samples) / frame.sampleRate;
  }
  if (startsWith(b, o + 36, 'VBRI')) return (u32be(b, o + 50) * frame.samples) / frame.sampleRate;
  // Otherwise assume constant bitrate: audio bytes (without tags) over the bitrate.
  const end = b.length >= 128 && startsWith(b, b.length - 128, 'TAG') ? b.length - 128 : b.length; // ID3v1
  return ((end - o) * 8) / frame.bitrate;
}

// ---------------------------------------------------------------- MP4 / MOV (ISO base media file format)

interface Box {
  type: string;
  start: number; // payload start
  end: number;
}

function* boxes(b: Uint8Array, from: number, to: number): Generator<Box> {
  let o = from;
  for (let guard = 0; o + 8 <= to && guard < 100_000; guard++) {
    let size = u32be(b, o);
    let header = 8;
    if (size === 1) {
      size = u64be(b, o + 8); // 64-bit "largesize", e.g. a big mdat
      header = 16;
    } else if (size === 0) {
      size = to - o; // runs to the end of the file
    }
    if (size < header) return;
    yield { type: ascii(b, o + 4, 4), start: o + header, end: Math.min(o + size, to) };
    o += size;
  }
}

const child = (b: Uint8Array, parent: Box, type: string): Box | undefined =>
  [...boxes(b, parent.start, parent.end)].find((box) => box.type === type);

// Old QuickTime files may start straight with these atoms instead of `ftyp`.
const quickTimeLeadAtoms = new Set(['moov', 'mdat', 'wide', 'pnot']);

function isIsoBmff(b: Uint8Array): boolean {
  if (b.length < 8) return false;
  const type = String.fromCharCode(...b.subarray(4, 8));
  return (type === 'ftyp' && u32be(b, 0) >= 16) || quickTimeLeadAtoms.has(type);
}

function isoBmff(b: Uint8Array): Facts {
  const brands = attempt(() => ftypBrands(b)) ?? [];
  if (brands.includes('avif') || brands.includes('avis')) return { detectedType: mediaTypes.avif };
  if (['heic', 'heix', 'mif1', 'msf1'].some((brand) => brands.includes(brand))) {
    return { detectedType: mediaTypes.heic };
  }
  const movie = attempt(() => readMovie(b)) ?? { handlers: [] };
  const quickTime = brands[0] === 'qt  ' || !startsWith(b, 4, 'ftyp');
  let detectedType: string = mediaTypes.mp4;
  if (quickTime) detectedType = mediaTypes.mov;
  else if (movie.handlers.includes('vide')) detectedType = mediaTypes.mp4;
  else if (movie.handlers.includes('soun') || ['M4A ', 'M4B ', 'M4P '].includes(brands[0] ?? '')) {
    detectedType = mediaTypes.m4a;
  }
  const { handlers: _handlers, ...facts } = movie;
  return { detectedType, ...facts };
}

function ftypBrands(b: Uint8Array): string[] {
  const ftyp = [...boxes(b, 0, Math.min(b.length, 4096))][0];
  if (ftyp?.type !== 'ftyp') return [];
  const brands = [ascii(b, ftyp.start, 4)];
  for (let o = ftyp.start + 8; o + 4 <= ftyp.end; o += 4) brands.push(ascii(b, o, 4));
  return brands;
}

function readMovie(b: Uint8Array): Facts & { handlers: string[] } {
  const moov = [...boxes(b, 0, b.length)].find((box) => box.type === 'moov');
  if (!moov) return { handlers: [] };
  const facts: Facts & { handlers: string[] } = {
    handlers: [],
    durationSeconds: attempt(() => movieDuration(b, moov)),
  };
  for (const trak of boxes(b, moov.start, moov.end)) {
    if (trak.type !== 'trak') continue;
    const handler = attempt(() => trackHandler(b, trak));
    if (!handler) continue;
    facts.handlers.push(handler);
    if (handler === 'vide' && facts.widthPx === undefined)
      Object.assign(
        facts,
        attempt(() => trackSize(b, trak)),
      );
  }
  return facts;
}

function movieDuration(b: Uint8Array, moov: Box): number | undefined {
  const mvhd = child(b, moov, 'mvhd');
  if (!mvhd) return undefined;
  // version 0: created(4) modified(4) timescale(4) duration(4); version 1: 8, 8, 4, 8.
  const v1 = u8(b, mvhd.start) === 1;
  const timescale = u32be(b, mvhd.start + (v1 ? 20 : 12));
  let duration = v1 ? u64be(b, mvhd.start + 24) : u32be(b, mvhd.start + 16);
  const unknown = v1 ? 2 ** 64 - 1 : 0xffffffff; // all ones means "not known"
  if (duration === 0 || duration >= unknown) {
    // Fragmented MP4 leaves mvhd at 0 and gives the whole length in mvex/mehd instead.
    const mvex = child(b, moov, 'mvex');
    const mehd = mvex && child(b, mvex, 'mehd');
    if (!mehd) return undefined;
    duration = u8(b, mehd.start) === 1 ? u64be(b, mehd.start + 4) : u32be(b, mehd.start + 4);
  }
  if (!timescale || !duration || !Number.isFinite(duration)) return undefined;
  return duration / timescale;
}

function trackHandler(b: Uint8Array, trak: Box): string | undefined {
  const mdia = child(b, trak, 'mdia');
  const hdlr = mdia && child(b, mdia, 'hdlr');
  return hdlr && ascii(b, hdlr.start + 8, 4); // version/flags(4) pre_defined(4) handler_type(4)
}

function trackSize(b: Uint8Array, trak: Box): Facts | undefined {
  const tkhd = child(b, trak, 'tkhd');
  if (!tkhd) return undefined;
  const v1 = u8(b, tkhd.start) === 1;
  const matrix = tkhd.start + (v1 ? 52 : 40);
  // Width and height are 16.16 fixed point after the 3×3 matrix.
  const width = Math.round(u32be(b, matrix + 36) / 65536);
  const height = Math.round(u32be(b, matrix + 40) / 65536);
  // A matrix of [0 ±1; ∓1 0] (phone video shot upright) plays rotated by 90°: report what viewers see.
  const rotated = s32be(b, matrix) === 0 && s32be(b, matrix + 4) !== 0;
  return rotated ? size(height, width) : size(width, height);
}

// ---------------------------------------------------------------- PDF

const mmPerPoint = 25.4 / 72;
const NUMBER = String.raw`([-+]?(?:\d+\.?\d*|\.\d+))`;
const boxPattern = new RegExp(String.raw`^\s*\[\s*${NUMBER}\s+${NUMBER}\s+${NUMBER}\s+${NUMBER}\s*\]`);

function pdfPageSize(b: Uint8Array): Facts | undefined {
  const text = asBuffer(b).toString('latin1'); // byte-for-char, so offsets and binary survive
  const objects = pdfObjects(text);
  const page = firstPageFromTree(text, objects) ?? firstPageInFileOrder(objects);
  if (page === undefined) return undefined;
  // MediaBox, Rotate (and UserUnit, PDF 1.6) may be inherited from the page's ancestors in the page tree.
  const mediaBox = inherited(objects, page, (dict) => mediaBoxOf(dict, objects));
  if (!mediaBox) return undefined;
  const rotate = inherited(objects, page, (dict) => numberOf(dict, 'Rotate')) ?? 0;
  const userUnit = inherited(objects, page, (dict) => numberOf(dict, 'UserUnit')) ?? 1;
  const [x0, y0, x1, y1] = mediaBox;
  const width = Math.abs(x1 - x0) * userUnit * mmPerPoint;
  const height = Math.abs(y1 - y0) * userUnit * mmPerPoint;
  if (!(width > 0 && height > 0) || !Number.isFinite(width + height)) return undefined;
  const sideways = (((Math.round(rotate) % 360) + 360) % 360) % 180 === 90;
  const round = (mm: number) => Math.round(mm * 100) / 100;
  return sideways
    ? { pageWidthMm: round(height), pageHeightMm: round(width) }
    : { pageWidthMm: round(width), pageHeightMm: round(height) };
}

/** Object number → dictionary text, from plain `n g obj` objects and compressed object streams. */
function pdfObjects(text: string): Map<number, string> {
  const objects = new Map<number, string>();
  // `(?<!\d)` keeps a long run of digits from being retried at every position (quadratic time).
  const headers = [...text.matchAll(/(?<!\d)(\d+)\s+\d+\s+obj\b/g)];
  headers.forEach((header, i) => {
    const start = header.index + header[0].length;
    const end = headers[i + 1]?.index ?? text.length;
    const body = text.slice(start, end);
    const dict = dictionaryPart(body);
    objects.set(Number(header[1]), dict);
    // Later definitions win, as with incremental updates appended to the file.
    if (/\/Type\s*\/ObjStm\b/.test(dict)) attempt(() => objectStream(body, dict, objects));
  });
  return objects;
}

/** The object's text before any stream data, so binary content is never searched for keys. */
function dictionaryPart(body: string): string {
  const endobj = body.indexOf('endobj');
  const own = endobj >= 0 ? body.slice(0, endobj) : body;
  const stream = own.search(/stream\r?\n/);
  return stream >= 0 ? own.slice(0, stream) : own;
}

function objectStream(body: string, dict: string, objects: Map<number, string>): void {
  if (!/\/Filter\s*(\[\s*)?\/FlateDecode\b/.test(dict) || /\/DecodeParms/.test(dict)) return;
  const count = numberOf(dict, 'N');
  const first = numberOf(dict, 'First');
  const begin = body.search(/stream\r?\n/);
  const end = body.lastIndexOf('endstream');
  if (count === undefined || first === undefined || begin < 0 || end < begin) return;
  const data = body.slice(body.indexOf('\n', begin) + 1, end);
  const inflated = inflateSync(Buffer.from(data, 'latin1'), {
    finishFlush: zlibConstants.Z_SYNC_FLUSH, // tolerate a cut-off stream
    maxOutputLength: 16 * 1024 * 1024, // object streams hold small dictionaries; refuse zip bombs
  }).toString('latin1');
  const pairs = inflated.slice(0, first).trim().split(/\s+/).map(Number);
  for (let i = 0; i < Math.min(count, pairs.length / 2); i++) {
    const number = pairs[2 * i]!;
    const offset = first + pairs[2 * i + 1]!;
    const next = i + 1 < count && 2 * i + 3 < pairs.length ? first + pairs[2 * i + 3]! : inflated.length;
    if (Number.isInteger(number)) objects.set(number, inflated.slice(offset, next));
  }
}

const refTo = (dict: string, key: string): number | undefined => {
  const match = new RegExp(String.raw`/${key}\s+(\d+)\s+\d+\s+R\b`).exec(dict);
  return match ? Number(match[1]) : undefined;
};

function numberOf(dict: string, key: string): number | undefined {
  // Not a reference (`/Length 12 0 R`), and not the first digits of a longer number.
  const match = new RegExp(String.raw`/${key}\s+${NUMBER}(?![\d.]|\s+\d+\s+R\b)`).exec(dict);
  const value = match ? Number(match[1]) : Number.NaN;
  return Number.isFinite(value) ? value : undefined;
}

const isPage = (dict: string | undefined): boolean => !!dict && /\/Type\s*\/Page(?![A-Za-z0-9#])/.test(dict);

function firstPageFromTree(text: string, objects: Map<number, string>): number | undefined {
  // The last /Root is the newest trailer (or cross-reference stream dictionary).
  const roots = [...text.matchAll(/\/Root\s+(\d+)\s+\d+\s+R\b/g)];
  const root = roots.at(-1);
  let node = root && refTo(objects.get(Number(root[1])) ?? '', 'Pages');
  for (let depth = 0; node !== undefined && depth < 64; depth++) {
    const dict = objects.get(node);
    if (dict === undefined) return undefined;
    if (isPage(dict)) return node;
    const kid = /\/Kids\s*\[\s*(\d+)\s+\d+\s+R\b/.exec(dict);
    node = kid ? Number(kid[1]) : undefined;
  }
  return undefined;
}

function firstPageInFileOrder(objects: Map<number, string>): number | undefined {
  for (const [number, dict] of objects) if (isPage(dict)) return number;
  return undefined;
}

function inherited<T>(
  objects: Map<number, string>,
  page: number,
  read: (dict: string) => T | undefined,
): T | undefined {
  let node: number | undefined = page;
  for (let depth = 0; node !== undefined && depth < 64; depth++) {
    const dict = objects.get(node);
    if (dict === undefined) return undefined;
    const value = read(dict);
    if (value !== undefined) return value;
    node = refTo(dict, 'Parent');
  }
  return undefined;
}

function mediaBoxOf(
  dict: string,
  objects: Map<number, string>,
): [number, number, number, number] | undefined {
  const at = dict.search(/\/MediaBox(?![A-Za-z0-9])/);
  if (at < 0) return undefined;
  const rest = dict.slice(at + '/MediaBox'.length);
  const ref = /^\s*(\d+)\s+\d+\s+R\b/.exec(rest); // an indirect array: /MediaBox 12 0 R
  const match = boxPattern.exec(ref ? (objects.get(Number(ref[1])) ?? '') : rest);
  if (!match) return undefined;
  const values = match.slice(1, 5).map(Number);
  return values.every(Number.isFinite) ? (values as [number, number, number, number]) : undefined;
}

// ---------------------------------------------------------------- ZIP-based office documents, text

function zipType(b: Uint8Array): string {
  // Entry names are stored uncompressed in local headers and the central directory.
  if (indexOfAscii(b, 'word/document') >= 0) return mediaTypes.docx;
  if (indexOfAscii(b, 'ppt/presentation') >= 0) return mediaTypes.pptx;
  if (indexOfAscii(b, 'xl/workbook') >= 0) return mediaTypes.xlsx;
  return mediaTypes.zip;
}

function textType(b: Uint8Array): string | undefined {
  if (b.length === 0) return undefined;
  const sample = b.subarray(0, 8192);
  let decoded: string;
  try {
    // `stream` keeps a multi-byte character cut at the sample's end from counting as invalid.
    decoded = new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true });
  } catch {
    return undefined;
  }
  // Control characters other than tab, newlines and form feed mean binary data.
  if (/[^\P{Cc}\t\n\v\f\r]/u.test(decoded)) return undefined;
  // SVG is XML text whose root is <svg>: markup first, an <svg> element, and no HTML page around it.
  const svg = decoded.search(/<svg[\s>]/i);
  const html = decoded.search(/<html[\s>]/i);
  if (/^\uFEFF?\s*</.test(decoded) && svg >= 0 && (html < 0 || html > svg)) return mediaTypes.svg;
  return mediaTypes.text;
}
