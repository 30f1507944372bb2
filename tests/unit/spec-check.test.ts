import { deflateSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkDraftFile,
  checkSpecs,
  type DraftSpecs,
  describeReason,
  draftSpecsSchema,
  type MediaFacts,
  probeMedia,
  UNREADABLE,
} from '../../shared/creative/spec-check.js';
import { ascii, be16, be32, be64, bytesOf, le16, le24, le32, png } from '../support/media-samples.js';

// ---------------------------------------------------------------- sample files, built here byte by byte

/** JFIF header, a quantisation and a Huffman table (DHT is 0xC4, inside the SOF range) before the frame. */
function jpeg(width: number, height: number, sof = 0xc0): Uint8Array {
  const segment = (marker: number, data: number[]) => [0xff, marker, ...be16(data.length + 2), ...data];
  return bytesOf(
    [0xff, 0xd8],
    segment(0xe0, [...ascii('JFIF'), 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]),
    segment(0xdb, [0, ...new Array(64).fill(1)]),
    segment(0xc4, [0, ...new Array(16).fill(0)]),
    segment(sof, [8, ...be16(height), ...be16(width), 1, 1, 0x11, 0]),
    segment(0xda, [1, 1, 0, 0, 63, 0]),
    [0x00, 0x00, 0xff, 0xd9],
  );
}

function gif(width: number, height: number): Uint8Array {
  return bytesOf(ascii('GIF89a'), le16(width), le16(height), [0, 0, 0], [0x3b]);
}

function riff(form: string, chunks: [string, number[] | Uint8Array][]): Uint8Array {
  const body = chunks.flatMap(([id, data]) => [
    ...ascii(id),
    ...le32(data.length),
    ...data,
    ...(data.length % 2 ? [0] : []),
  ]);
  return bytesOf(ascii('RIFF'), le32(body.length + 4), ascii(form), body);
}

const webpVp8x = (w: number, h: number) =>
  riff('WEBP', [['VP8X', [0, 0, 0, 0, ...le24(w - 1), ...le24(h - 1)]]]);
const webpVp8l = (w: number, h: number) =>
  riff('WEBP', [['VP8L', [0x2f, ...le32(((w - 1) | ((h - 1) << 14)) >>> 0), 0]]]);
const webpVp8 = (w: number, h: number) =>
  riff('WEBP', [['VP8 ', [0, 0, 0, 0x9d, 0x01, 0x2a, ...le16(w), ...le16(h)]]]);

function wav(seconds: number, sampleRate = 44_100, channels = 1): Uint8Array {
  const blockAlign = channels * 2; // 16-bit PCM
  const fmt = [
    ...le16(1),
    ...le16(channels),
    ...le32(sampleRate),
    ...le32(sampleRate * blockAlign),
    ...le16(blockAlign),
    ...le16(16),
  ];
  return riff('WAVE', [
    ['fmt ', fmt],
    ['data', new Uint8Array(Math.round(seconds * sampleRate) * blockAlign)],
  ]);
}

function box(type: string, ...payload: (number[] | Uint8Array)[]): number[] {
  const body = [...bytesOf(...payload)];
  return [...be32(body.length + 8), ...ascii(type), ...body];
}

const identity = [0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000];
const rotated90 = [0, 0x10000, 0, -0x10000, 0, 0, 0, 0, 0x40000000];

function mvhd(version: 0 | 1, timescale: number, duration: number): number[] {
  const times =
    version === 1
      ? [...be64(0), ...be64(0), ...be32(timescale), ...be64(duration)]
      : [...be32(0), ...be32(0), ...be32(timescale), ...be32(duration)];
  return box('mvhd', [version, 0, 0, 0], times, new Array(80).fill(0));
}

function trak(handler: 'vide' | 'soun', width = 0, height = 0, matrix = identity): number[] {
  const tkhd = box(
    'tkhd',
    [0, 0, 0, 7],
    new Array(20).fill(0), // created, modified, track id, reserved, duration
    new Array(16).fill(0), // reserved, layer, alternate group, volume, reserved
    matrix.flatMap(be32),
    be32(width * 0x10000),
    be32(height * 0x10000),
  );
  const hdlr = box('hdlr', [0, 0, 0, 0], be32(0), ascii(handler), new Array(12).fill(0), [0]);
  return box('trak', tkhd, box('mdia', hdlr));
}

function mp4(options: {
  brand?: string;
  version?: 0 | 1;
  timescale?: number;
  duration: number;
  tracks?: number[][];
}): Uint8Array {
  const {
    brand = 'isom',
    version = 0,
    timescale = 1000,
    duration,
    tracks = [trak('vide', 1080, 1920)],
  } = options;
  const ftyp = box('ftyp', ascii(brand), be32(512), ascii(brand), ascii('mp41'));
  const mdat = box('mdat', new Array(64).fill(0));
  return bytesOf(ftyp, mdat, box('moov', mvhd(version, timescale, duration), ...tracks));
}

// MPEG-1 Layer III, 128 kbit/s, 44.1 kHz, joint stereo, no padding: 417-byte frames of 1152 samples.
const MP3_HEADER = [0xff, 0xfb, 0x90, 0x44];
const MP3_FRAME = 417;

function id3(tagBytes: number): number[] {
  const syncsafe = [
    (tagBytes >> 21) & 0x7f,
    (tagBytes >> 14) & 0x7f,
    (tagBytes >> 7) & 0x7f,
    tagBytes & 0x7f,
  ];
  return [...ascii('ID3'), 4, 0, 0, ...syncsafe, ...new Array(tagBytes).fill(0)];
}

function mp3(frames: number, options: { xingFrames?: number; tag?: boolean } = {}): Uint8Array {
  const frame = (i: number) => {
    const data = [...MP3_HEADER, ...new Array(MP3_FRAME - 4).fill(0)];
    if (i === 0 && options.xingFrames !== undefined) {
      // Xing header after the 32 bytes of side information (MPEG-1, stereo); flags bit 0: frame count.
      data.splice(4 + 32, 12, ...ascii('Xing'), ...be32(1), ...be32(options.xingFrames));
    }
    return data;
  };
  return bytesOf(
    options.tag === false ? [] : id3(100),
    ...Array.from({ length: frames }, (_, i) => frame(i)),
  );
}

function pdf(objects: string[], trailer = '<< /Root 1 0 R >>'): Uint8Array {
  const body = objects.map((o, i) => `${i + 1} 0 obj\n${o}\nendobj\n`).join('');
  return Uint8Array.from(
    Buffer.from(`%PDF-1.7\n%\xe2\xe3\xcf\xd3\n${body}trailer\n${trailer}\n%%EOF\n`, 'latin1'),
  );
}

const a4 = '/MediaBox [0 0 595.28 841.89]';
const pdfPage = (pageKeys: string, pagesKeys = '') =>
  pdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [3 0 R] /Count 1 ${pagesKeys} >>`,
    `<< /Type /Page /Parent 2 0 R ${pageKeys} /Contents 4 0 R >>`,
    '<< /Length 0 >>\nstream\n\nendstream',
  ]);

/** PDF 1.5 style: the page tree lives in a compressed object stream, only the stream is a plain object. */
function pdfWithObjectStream(mediaBox: string): Uint8Array {
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [3 0 R] /Count 1 >>`,
    `<< /Type /Page /Parent 2 0 R ${mediaBox} >>`,
  ];
  // Header: "object-number offset" pairs; the objects follow, separated by newlines.
  const offsets = objs.map((_, i) => objs.slice(0, i).reduce((sum, o) => sum + o.length + 1, 0));
  const head = objs.map((_, i) => `${i + 1} ${offsets[i]}`).join(' ') + '\n';
  const data = deflateSync(Buffer.from(head + objs.join('\n'), 'latin1')).toString('latin1');
  const dict = `<< /Type /ObjStm /N 3 /First ${head.length} /Filter /FlateDecode /Length ${data.length} >>`;
  const xref = '<< /Type /XRef /Root 1 0 R /Size 6 >>\nstream\n\nendstream';
  const text = `%PDF-1.7\n4 0 obj\n${dict}\nstream\n${data}\nendstream\nendobj\n5 0 obj\n${xref}\nendobj\n%%EOF\n`;
  return Uint8Array.from(Buffer.from(text, 'latin1'));
}

const samples = {
  png: png(1080, 1920),
  jpeg: jpeg(1200, 628),
  gif: gif(300, 250),
  pdf: pdfPage(a4),
  wav: wav(3),
  mp4: mp4({ duration: 15_000 }),
  mp4v1: mp4({ version: 1, timescale: 90_000, duration: 30 * 90_000 }),
  mp3: mp3(115),
};

// ---------------------------------------------------------------- probeMedia

describe('probeMedia', () => {
  it('reads a PNG: type and pixel size from IHDR', () => {
    expect(probeMedia(samples.png, 'image/png')).toEqual({
      detectedType: 'image/png',
      bytes: samples.png.length,
      widthPx: 1080,
      heightPx: 1920,
    });
  });

  it('reads a JPEG frame header past the other segments, baseline and progressive', () => {
    expect(probeMedia(samples.jpeg, 'image/jpeg')).toMatchObject({
      detectedType: 'image/jpeg',
      widthPx: 1200,
      heightPx: 628,
    });
    expect(probeMedia(jpeg(640, 480, 0xc2), 'image/jpeg')).toMatchObject({ widthPx: 640, heightPx: 480 });
  });

  it('reads GIF and the three WebP flavours', () => {
    expect(probeMedia(samples.gif, 'image/gif')).toMatchObject({
      detectedType: 'image/gif',
      widthPx: 300,
      heightPx: 250,
    });
    for (const webp of [webpVp8x(1920, 1080), webpVp8l(1920, 1080), webpVp8(1920, 1080)]) {
      expect(probeMedia(webp, 'image/webp')).toMatchObject({
        detectedType: 'image/webp',
        widthPx: 1920,
        heightPx: 1080,
      });
    }
  });

  it('reads the first PDF page size in mm, inherited or rotated, and from object streams', () => {
    expect(probeMedia(samples.pdf, 'application/pdf')).toMatchObject({
      detectedType: 'application/pdf',
      pageWidthMm: 210,
      pageHeightMm: 297,
    });
    expect(probeMedia(pdfPage('', a4), 'application/pdf')).toMatchObject({
      pageWidthMm: 210,
      pageHeightMm: 297,
    });
    expect(probeMedia(pdfPage(`${a4} /Rotate 90`), 'application/pdf')).toMatchObject({
      pageWidthMm: 297,
      pageHeightMm: 210,
    });
    expect(probeMedia(pdfPage('/Rotate -270', '/MediaBox [0 0 612 792]'), 'application/pdf')).toMatchObject({
      pageWidthMm: 279.4,
      pageHeightMm: 215.9,
    });
    expect(probeMedia(pdfWithObjectStream(a4), 'application/pdf')).toMatchObject({
      pageWidthMm: 210,
      pageHeightMm: 297,
    });
  });

  it('leaves a PDF page size out when there is no MediaBox', () => {
    const facts = probeMedia(pdfPage(''), 'application/pdf');
    expect(facts.detectedType).toBe('application/pdf');
    expect(facts).not.toHaveProperty('pageWidthMm');
  });

  it('reads WAV duration from byte rate and data size', () => {
    expect(probeMedia(samples.wav, 'audio/wav')).toMatchObject({
      detectedType: 'audio/wav',
      durationSeconds: 3,
    });
    expect(probeMedia(wav(2.5, 48_000, 2), 'audio/wav').durationSeconds).toBeCloseTo(2.5, 6);
  });

  it('reads MP4 duration from mvhd (version 0 and 1) and the video size from tkhd', () => {
    expect(probeMedia(samples.mp4, 'video/mp4')).toEqual({
      detectedType: 'video/mp4',
      bytes: samples.mp4.length,
      widthPx: 1080,
      heightPx: 1920,
      durationSeconds: 15,
    });
    expect(probeMedia(samples.mp4v1, 'video/mp4')).toMatchObject({ durationSeconds: 30 });
  });

  it('tells QuickTime, audio-only MP4 and rotated phone video apart', () => {
    expect(probeMedia(mp4({ brand: 'qt  ', duration: 6000 }), 'video/quicktime')).toMatchObject({
      detectedType: 'video/quicktime',
      durationSeconds: 6,
    });
    const audio = mp4({ brand: 'M4A ', duration: 30_000, tracks: [trak('soun')] });
    expect(probeMedia(audio, 'audio/mp4')).toEqual({
      detectedType: 'audio/mp4',
      bytes: audio.length,
      durationSeconds: 30,
    });
    const upright = mp4({ duration: 1000, tracks: [trak('vide', 1920, 1080, rotated90)] });
    expect(probeMedia(upright, 'video/mp4')).toMatchObject({ widthPx: 1080, heightPx: 1920 });
  });

  it('estimates CBR MP3 duration from bitrate, after the ID3 tag', () => {
    const facts = probeMedia(samples.mp3, 'audio/mpeg');
    expect(facts.detectedType).toBe('audio/mpeg');
    expect(facts.durationSeconds).toBeCloseTo((115 * MP3_FRAME * 8) / 128_000, 6);
    expect(probeMedia(mp3(10, { tag: false }), 'audio/mpeg').durationSeconds).toBeCloseTo(
      (10 * MP3_FRAME * 8) / 128_000,
      6,
    );
  });

  it('takes the MP3 frame count from a Xing header when there is one', () => {
    const facts = probeMedia(mp3(3, { xingFrames: 1000 }), 'audio/mpeg');
    expect(facts.durationSeconds).toBeCloseTo((1000 * 1152) / 44_100, 6);
  });

  it('goes by the bytes, not the declared type or name', () => {
    expect(probeMedia(samples.png, 'application/pdf').detectedType).toBe('image/png');
    expect(probeMedia(new TextEncoder().encode('Headline: Fresh every day.\n'), 'image/png')).toEqual({
      detectedType: 'text/plain',
      bytes: 27,
    });
    expect(
      probeMedia(new TextEncoder().encode('<?xml version="1.0"?>\n<svg width="1"/>'), 'x').detectedType,
    ).toBe('image/svg+xml');
  });

  it('leaves out what it cannot read instead of guessing', () => {
    expect(probeMedia(new Uint8Array([0, 1, 2, 3, 0xfe, 0xff]), 'image/png')).toEqual({ bytes: 6 });
    expect(probeMedia(new Uint8Array(), 'image/png')).toEqual({ bytes: 0 });
    expect(probeMedia(samples.png.subarray(0, 20), 'image/png')).toEqual({
      detectedType: 'image/png',
      bytes: 20,
    });
    const noFmt = riff('WAVE', [['data', new Uint8Array(100)]]);
    expect(probeMedia(noFmt, 'audio/wav')).toEqual({ detectedType: 'audio/wav', bytes: noFmt.length });
    const noMoov = Uint8Array.from(box('ftyp', ascii('isom'), be32(0), ascii('isom')));
    expect(probeMedia(noMoov, 'video/mp4')).toEqual({ detectedType: 'video/mp4', bytes: noMoov.length });
  });

  it('reads a Buffer that is a view into a larger pool', () => {
    const pooled = Buffer.concat([Buffer.alloc(7, 0xaa), Buffer.from(samples.gif)]).subarray(7);
    expect(probeMedia(pooled, 'image/gif')).toMatchObject({ widthPx: 300, heightPx: 250 });
  });
});

describe('probeMedia never throws', () => {
  const all = Object.values(samples);
  const valid = (facts: MediaFacts, length: number) => {
    expect(facts.bytes).toBe(length);
    for (const value of Object.values(facts)) expect(value).not.toBeUndefined();
    for (const key of ['widthPx', 'heightPx'] as const) {
      if (facts[key] !== undefined) expect(Number.isInteger(facts[key]) && facts[key]! > 0).toBe(true);
    }
    if (facts.durationSeconds !== undefined) expect(Number.isFinite(facts.durationSeconds)).toBe(true);
  };

  it('on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2048 }), fc.string(), (bytes, declared) => {
        valid(probeMedia(bytes, declared), bytes.length);
      }),
      { numRuns: 2000 },
    );
  });

  it('on arbitrary bytes behind every known magic number', () => {
    const magics = [
      [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
      [0xff, 0xd8, 0xff],
      ascii('GIF89a'),
      [...ascii('RIFF'), 0, 0, 0, 0, ...ascii('WEBP')],
      [...ascii('RIFF'), 0, 0, 0, 0, ...ascii('WAVE')],
      ascii('%PDF-1.7\n'),
      [0, 0, 0, 24, ...ascii('ftypisom')],
      [0, 0, 0, 8, ...ascii('moov')],
      ascii('ID3'),
      MP3_HEADER,
      ascii('PK\x03\x04'),
    ];
    fc.assert(
      fc.property(fc.constantFrom(...magics), fc.uint8Array({ maxLength: 1024 }), (magic, tail) => {
        const bytes = bytesOf(magic, tail);
        valid(probeMedia(bytes, ''), bytes.length);
      }),
      { numRuns: 3000 },
    );
  });

  it('in linear time on text built to make patterns backtrack', () => {
    const pdfOf = (text: string) => Uint8Array.from(Buffer.from(`%PDF-1.7\n${text}`, 'latin1'));
    const hostile = [
      pdfOf('1'.repeat(2_000_000)),
      pdfOf(`1 ${' '.repeat(2_000_000)}`),
      pdfOf(`1 0 obj << /Type /Page /MediaBox [0 0 9 9] /Rotate 9${' '.repeat(2_000_000)}x >>`),
      new TextEncoder().encode(`<?xml version="1.0"?>${'<!-- a -->'.repeat(800)}`),
    ];
    const started = performance.now();
    for (const bytes of hostile) valid(probeMedia(bytes, ''), bytes.length);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('on every truncation of the samples, and on corrupted copies', () => {
    for (const sample of all.filter((s) => s.length < 100_000)) {
      for (let end = 0; end <= sample.length; end += Math.max(1, Math.floor(sample.length / 400))) {
        valid(probeMedia(sample.subarray(0, end), ''), end);
      }
    }
    fc.assert(
      fc.property(
        fc.constantFrom(...all.map((s) => s.subarray(0, 4096))),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 16 }),
        fc.nat(),
        (sample, flips, cut) => {
          const bytes = sample.slice(0, Math.max(1, cut % (sample.length + 1)));
          for (const [at, value] of flips) bytes[at % bytes.length] = value;
          valid(probeMedia(bytes, ''), bytes.length);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

// ---------------------------------------------------------------- checkSpecs

const check = (bytes: Uint8Array, specs: DraftSpecs, declared: string) =>
  checkDraftFile(bytes, specs, declared);
const rules = (result: { reasons: { rule: string }[] }) => result.reasons.map((r) => r.rule);

describe('checkSpecs', () => {
  it('passes a file that meets every spec, and returns the facts it judged', () => {
    const result = check(
      samples.png,
      { fileTypes: ['image/png', 'image/jpeg'], maxBytes: 5_000_000, width: 1080, height: 1920 },
      'image/png',
    );
    expect(result).toEqual({ result: 'pass', reasons: [], facts: probeMedia(samples.png, 'image/png') });
  });

  it('fails a file that is not what it was declared as', () => {
    const result = check(samples.png, {}, 'image/jpeg');
    expect(result.result).toBe('fail');
    expect(result.reasons).toEqual([
      {
        rule: 'contentType',
        expected: 'a file of the declared type, JPEG image (image/jpeg)',
        actual: 'PNG image (image/png)',
      },
    ]);
  });

  it('accepts common aliases and parameters in the declared type', () => {
    expect(check(samples.jpeg, {}, 'image/jpg').result).toBe('pass');
    expect(check(samples.mp3, { fileTypes: ['audio/mp3'] }, 'audio/mpeg').result).toBe('pass');
    expect(check(samples.wav, {}, 'audio/x-wav').result).toBe('pass');
    const copy = new TextEncoder().encode('Name,Headline\nSpring,Fresh every day\n');
    expect(check(copy, { fileTypes: ['text/csv'] }, 'text/csv; charset=utf-8').result).toBe('pass');
    expect(rules(check(copy, { fileTypes: ['text/csv'] }, 'text/plain'))).toEqual(['fileType']);
  });

  it('fails a file type the media does not take', () => {
    const result = check(samples.gif, { fileTypes: ['image/png', 'image/jpeg'] }, 'image/gif');
    expect(result.reasons).toEqual([
      {
        rule: 'fileType',
        expected: 'one of PNG image (image/png), JPEG image (image/jpeg)',
        actual: 'GIF image (image/gif)',
      },
    ]);
  });

  it('fails an unrecognised file on type, as unreadable', () => {
    const result = check(new Uint8Array([1, 2, 3]), { fileTypes: ['image/png'] }, 'image/png');
    expect(result.reasons).toEqual([
      {
        rule: 'contentType',
        expected: 'a file of the declared type, PNG image (image/png)',
        actual: UNREADABLE,
      },
      { rule: 'fileType', expected: 'one of PNG image (image/png)', actual: UNREADABLE },
    ]);
  });

  it('checks the size limit', () => {
    expect(check(samples.gif, { maxBytes: samples.gif.length }, 'image/gif').result).toBe('pass');
    expect(check(samples.wav, { maxBytes: 200 * 1024 }, 'audio/wav').reasons).toEqual([
      { rule: 'maxBytes', expected: 'at most 200 KB (204,800 bytes)', actual: '258.4 KB (264,644 bytes)' },
    ]);
  });

  it('checks exact pixel dimensions', () => {
    const result = check(samples.jpeg, { width: 1080, height: 628 }, 'image/jpeg');
    expect(result.reasons).toEqual([{ rule: 'width', expected: '1080 px', actual: '1200 px' }]);
    expect(describeReason(result.reasons[0]!)).toBe('width: expected 1080 px, found 1200 px');
    expect(rules(check(samples.jpeg, { width: 1200, height: 627 }, 'image/jpeg'))).toEqual(['height']);
  });

  it('checks minimum and maximum pixel dimensions', () => {
    const bounds = { minWidth: 1000, maxWidth: 1200, minHeight: 600, maxHeight: 700 };
    expect(check(samples.jpeg, bounds, 'image/jpeg').result).toBe('pass');
    expect(check(samples.png, bounds, 'image/png').reasons).toEqual([
      { rule: 'maxHeight', expected: 'at most 700 px', actual: '1920 px' },
    ]);
    expect(check(samples.gif, bounds, 'image/gif').reasons).toEqual([
      { rule: 'minWidth', expected: 'at least 1000 px', actual: '300 px' },
      { rule: 'minHeight', expected: 'at least 600 px', actual: '250 px' },
    ]);
    expect(rules(check(png(1300, 650), bounds, 'image/png'))).toEqual(['maxWidth']);
  });

  it('checks video pixel size too', () => {
    expect(check(samples.mp4, { width: 1080, height: 1920 }, 'video/mp4').result).toBe('pass');
    expect(rules(check(samples.mp4, { width: 1920, height: 1080 }, 'video/mp4'))).toEqual([
      'width',
      'height',
    ]);
  });

  it('checks the PDF page size within a tolerance, orientation included', () => {
    expect(check(samples.pdf, { pageSize: { widthMm: 210, heightMm: 297 } }, 'application/pdf').result).toBe(
      'pass',
    );
    const a4At595x842 = pdfPage('/MediaBox [0 0 595 842]');
    expect(check(a4At595x842, { pageSize: { widthMm: 210, heightMm: 297 } }, 'application/pdf').result).toBe(
      'pass',
    );
    expect(
      check(a4At595x842, { pageSize: { widthMm: 210, heightMm: 297, toleranceMm: 0 } }, 'application/pdf')
        .reasons,
    ).toEqual([{ rule: 'pageSize', expected: '210 × 297 mm (±0 mm)', actual: '209.9 × 297.04 mm' }]);
    const landscape = pdfPage(`${a4} /Rotate 90`);
    expect(
      check(landscape, { pageSize: { widthMm: 210, heightMm: 297 } }, 'application/pdf').reasons,
    ).toEqual([{ rule: 'pageSize', expected: '210 × 297 mm (±1 mm)', actual: '297 × 210 mm' }]);
  });

  it('checks an exact duration within a tolerance', () => {
    expect(check(samples.mp4, { durationSeconds: { exact: 15 } }, 'video/mp4').result).toBe('pass');
    expect(check(samples.mp4v1, { durationSeconds: { exact: 15 } }, 'video/mp4').reasons).toEqual([
      { rule: 'duration', expected: 'exactly 15 s (±0.1 s)', actual: '30 s' },
    ]);
    expect(
      check(samples.mp3, { durationSeconds: { exact: 3, toleranceSeconds: 0.05 } }, 'audio/mpeg').result,
    ).toBe('pass');
  });

  it('checks minimum and maximum durations', () => {
    expect(check(samples.wav, { durationSeconds: { min: 2, max: 3 } }, 'audio/wav').result).toBe('pass');
    expect(check(samples.wav, { durationSeconds: { min: 5 } }, 'audio/wav').reasons).toEqual([
      { rule: 'minDuration', expected: 'at least 5 s (±0.1 s)', actual: '3 s' },
    ]);
    expect(
      check(samples.mp4v1, { durationSeconds: { max: 20, toleranceSeconds: 0 } }, 'video/mp4').reasons,
    ).toEqual([{ rule: 'maxDuration', expected: 'at most 20 s (±0 s)', actual: '30 s' }]);
  });

  it('fails every rule whose fact could not be read from the file', () => {
    const specs: DraftSpecs = {
      width: 1080,
      minHeight: 100,
      pageSize: { widthMm: 210, heightMm: 297 },
      durationSeconds: { max: 30 },
    };
    const result = check(samples.pdf, { width: 1080 }, 'application/pdf');
    expect(result.reasons).toEqual([
      { rule: 'width', expected: '1080 px', actual: 'could not be read from the file' },
    ]);
    expect(rules(check(samples.png, specs, 'image/png'))).toEqual(['pageSize', 'maxDuration']);
    expect(rules(check(samples.mp4, specs, 'video/mp4'))).toEqual(['pageSize']);
    const truncated = samples.png.subarray(0, 20);
    expect(check(truncated, specs, 'image/png').reasons.every((r) => r.actual === UNREADABLE)).toBe(true);
    expect(rules(check(truncated, specs, 'image/png'))).toEqual([
      'width',
      'minHeight',
      'pageSize',
      'maxDuration',
    ]);
  });

  it('needs only the facts, so a stored probe can be re-checked against changed specs', () => {
    const facts: MediaFacts = { detectedType: 'image/png', bytes: 10, widthPx: 100, heightPx: 100 };
    expect(checkSpecs(facts, { width: 100 }, 'image/png').result).toBe('pass');
    expect(checkSpecs(facts, { width: 101 }, 'image/png').result).toBe('fail');
  });
});

describe('draftSpecsSchema', () => {
  it('accepts the specs of real media', () => {
    const specs = {
      fileTypes: ['video/mp4'],
      maxBytes: 500_000_000,
      width: 1080,
      height: 1920,
      durationSeconds: { exact: 15, toleranceSeconds: 0.04 },
    };
    expect(draftSpecsSchema.parse(specs)).toEqual(specs);
    expect(draftSpecsSchema.parse({ pageSize: { widthMm: 210, heightMm: 297 } })).toBeTruthy();
    expect(draftSpecsSchema.parse({})).toEqual({});
  });

  it.each([
    [{ colour: 'CMYK' }],
    [{ pageSize: { widthMm: 210, heightMm: 297, bleedMm: 3 } }],
    [{ fileTypes: ['png'] }],
    [{ fileTypes: [] }],
    [{ maxBytes: 0 }],
    [{ width: 1080.5 }],
    [{ width: 1080, minWidth: 1000 }],
    [{ minHeight: 2000, maxHeight: 1000 }],
    [{ durationSeconds: {} }],
    [{ durationSeconds: { exact: 15, max: 20 } }],
    [{ durationSeconds: { min: 30, max: 15 } }],
  ])('rejects %j', (specs) => {
    expect(draftSpecsSchema.safeParse(specs).success).toBe(false);
  });
});
