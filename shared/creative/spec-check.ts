/**
 * Creative material must meet the specs of the media it runs in. A draft's specs say what the media
 * accepts; `checkSpecs` compares them with what `probeMedia` read from the uploaded file. A spec that
 * cannot be verified from the file is not met, so a draft cannot reach final artwork approval on trust.
 */
import * as z from 'zod';
import { count, decimal } from '../platform/schemas.js';
import { type MediaFacts, mediaTypes, probeMedia } from './media-probe.js';

export { type MediaFacts, mediaTypes, probeMedia };

const mimeType = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/i,
    'Must be a media type such as image/png.',
  )
  .max(100);
const knownTypes = new Set<string>(Object.values(mediaTypes));

/**
 * A media type the spec check can read from a file's own bytes (or a common alias of one, such
 * as image/jpg). Anything else — text/html, SVG's script-capable cousins, unknown types — is
 * refused: a draft is only ever a file whose type the system can verify.
 */
export const knownMediaTypeSchema = mimeType
  .refine((type) => knownTypes.has(normaliseType(type)), {
    message: `A file type Account Desk can check: ${[...knownTypes].join(', ')}.`,
  })
  .meta({ description: 'One of the media types the spec check reads from the bytes.' });

const pixels = count(100_000, 1);
/** Millimetres of a page, to the hundredth. */
const millimetres = (min: number, max: number) => decimal({ min, max, places: 2 });
/** Seconds of audio or video, to the millisecond (a day at most). */
const seconds = (min: number, max = 86_400) => decimal({ min, max, places: 3 });

const pageSizeSchema = z.strictObject({
  widthMm: millimetres(0.01, 10_000),
  heightMm: millimetres(0.01, 10_000),
  toleranceMm: millimetres(0, 100).optional().meta({ description: 'Default 1 mm.' }),
});

const durationSchema = z
  .strictObject({
    min: seconds(0).optional(),
    max: seconds(0.001).optional(),
    exact: seconds(0.001).optional(),
    toleranceSeconds: seconds(0, 60).optional().meta({ description: 'Default 0.1 s.' }),
  })
  .superRefine((d, ctx) => {
    if (d.min === undefined && d.max === undefined && d.exact === undefined) {
      ctx.addIssue({ code: 'custom', message: 'Give min, max or exact.' });
    }
    if (d.exact !== undefined && (d.min !== undefined || d.max !== undefined)) {
      ctx.addIssue({ code: 'custom', message: 'Give either exact or min/max, not both.', path: ['exact'] });
    }
    if (d.min !== undefined && d.max !== undefined && d.min > d.max) {
      ctx.addIssue({ code: 'custom', message: 'min is more than max.', path: ['min'] });
    }
  });

export const draftSpecsSchema = z
  .strictObject({
    fileTypes: z.array(knownMediaTypeSchema).min(1).max(50).optional(),
    maxBytes: count(5 * 1024 ** 3, 1)
      .optional()
      .meta({ description: 'Largest file accepted, in bytes (5 GiB at most, what one upload may carry).' }),
    width: pixels.optional(),
    height: pixels.optional(),
    minWidth: pixels.optional(),
    minHeight: pixels.optional(),
    maxWidth: pixels.optional(),
    maxHeight: pixels.optional(),
    pageSize: pageSizeSchema
      .optional()
      .meta({ description: 'PDF page size; portrait and landscape differ.' }),
    durationSeconds: durationSchema.optional(),
  })
  .superRefine((specs, ctx) => {
    for (const axis of ['width', 'height'] as const) {
      const Axis = axis === 'width' ? 'Width' : 'Height';
      const exact = specs[axis];
      const min = specs[`min${Axis}`];
      const max = specs[`max${Axis}`];
      if (exact !== undefined && (min !== undefined || max !== undefined)) {
        ctx.addIssue({
          code: 'custom',
          message: `Give either ${axis} or min/max${Axis}, not both.`,
          path: [axis],
        });
      }
      if (min !== undefined && max !== undefined && min > max) {
        ctx.addIssue({
          code: 'custom',
          message: `min${Axis} is more than max${Axis}.`,
          path: [`min${Axis}`],
        });
      }
    }
  })
  .meta({ id: 'DraftSpecs', description: 'Requirements of the media the draft will run in.' });
export type DraftSpecs = z.infer<typeof draftSpecsSchema>;

export interface SpecReason {
  rule: string;
  expected: string;
  actual: string;
}
export interface SpecCheck {
  result: 'pass' | 'fail';
  reasons: SpecReason[];
  facts: MediaFacts;
}

export const UNREADABLE = 'could not be read from the file';
const DEFAULT_TOLERANCE_MM = 1; // absorbs point rounding (595 vs 595.28 pt) without confusing paper sizes
const DEFAULT_TOLERANCE_SECONDS = 0.1; // absorbs codec priming and frame rounding, not a wrong cut

/** Compares what was read from the file with the specs; every failed rule gets a reason. */
export function checkSpecs(facts: MediaFacts, specs: DraftSpecs, declaredContentType: string): SpecCheck {
  const reasons: SpecReason[] = [];
  const fail = (rule: string, expected: string, actual: string) => reasons.push({ rule, expected, actual });

  const declared = normaliseType(declaredContentType);
  const actualType = effectiveType(facts.detectedType, declared);
  // Always checked: a file that is not what it claims to be is not the draft that was approved for upload.
  if (actualType !== declared) {
    fail(
      'contentType',
      `a file of the declared type, ${describeType(declared)}`,
      typeOrUnreadable(actualType),
    );
  }
  if (specs.fileTypes) {
    const allowed = [...new Set(specs.fileTypes.map(normaliseType))];
    if (actualType === undefined || !allowed.includes(actualType)) {
      fail('fileType', `one of ${allowed.map(describeType).join(', ')}`, typeOrUnreadable(actualType));
    }
  }
  if (specs.maxBytes !== undefined && facts.bytes > specs.maxBytes) {
    fail('maxBytes', `at most ${formatBytes(specs.maxBytes)}`, formatBytes(facts.bytes));
  }

  const px = (n: number) => `${n} px`;
  const measured = (value: number | undefined, show: (n: number) => string) =>
    value === undefined ? UNREADABLE : show(value);
  const limits = [
    ['width', specs.width, facts.widthPx, (f: number, s: number) => f === s, (s: number) => px(s)],
    ['height', specs.height, facts.heightPx, (f: number, s: number) => f === s, (s: number) => px(s)],
    [
      'minWidth',
      specs.minWidth,
      facts.widthPx,
      (f: number, s: number) => f >= s,
      (s: number) => `at least ${px(s)}`,
    ],
    [
      'minHeight',
      specs.minHeight,
      facts.heightPx,
      (f: number, s: number) => f >= s,
      (s: number) => `at least ${px(s)}`,
    ],
    [
      'maxWidth',
      specs.maxWidth,
      facts.widthPx,
      (f: number, s: number) => f <= s,
      (s: number) => `at most ${px(s)}`,
    ],
    [
      'maxHeight',
      specs.maxHeight,
      facts.heightPx,
      (f: number, s: number) => f <= s,
      (s: number) => `at most ${px(s)}`,
    ],
  ] as const;
  for (const [rule, spec, fact, ok, expected] of limits) {
    if (spec === undefined) continue;
    if (fact === undefined || !ok(fact, spec)) fail(rule, expected(spec), measured(fact, px));
  }

  if (specs.pageSize) {
    const { widthMm, heightMm, toleranceMm = DEFAULT_TOLERANCE_MM } = specs.pageSize;
    const { pageWidthMm: w, pageHeightMm: h } = facts;
    const fits = w !== undefined && h !== undefined;
    if (!fits || Math.abs(w - widthMm) > toleranceMm || Math.abs(h - heightMm) > toleranceMm) {
      fail(
        'pageSize',
        `${formatMm(widthMm)} × ${formatMm(heightMm)} mm (±${formatMm(toleranceMm)} mm)`,
        fits ? `${formatMm(w)} × ${formatMm(h)} mm` : UNREADABLE,
      );
    }
  }

  if (specs.durationSeconds) {
    const {
      min,
      max,
      exact,
      toleranceSeconds: tolerance = DEFAULT_TOLERANCE_SECONDS,
    } = specs.durationSeconds;
    const d = facts.durationSeconds;
    const found = measured(d, formatSeconds);
    const within = ` (±${formatSeconds(tolerance)})`;
    if (exact !== undefined && (d === undefined || Math.abs(d - exact) > tolerance)) {
      fail('duration', `exactly ${formatSeconds(exact)}${within}`, found);
    }
    if (min !== undefined && (d === undefined || d < min - tolerance)) {
      fail('minDuration', `at least ${formatSeconds(min)}${within}`, found);
    }
    if (max !== undefined && (d === undefined || d > max + tolerance)) {
      fail('maxDuration', `at most ${formatSeconds(max)}${within}`, found);
    }
  }

  return { result: reasons.length === 0 ? 'pass' : 'fail', reasons, facts };
}

/** Reads the file and checks it in one step, as the upload handler does. */
export function checkDraftFile(bytes: Uint8Array, specs: DraftSpecs, declaredContentType: string): SpecCheck {
  return checkSpecs(probeMedia(bytes, declaredContentType), specs, declaredContentType);
}

/** One line for people: "width: expected 1080 px, found 1200 px". */
export function describeReason(reason: SpecReason): string {
  return `${reason.rule}: expected ${reason.expected}, found ${reason.actual}`;
}

// ---------------------------------------------------------------- types

// Names browsers and tools use for the same formats.
const typeAliases: Record<string, string> = {
  'image/jpg': mediaTypes.jpeg,
  'image/pjpeg': mediaTypes.jpeg,
  'image/x-png': mediaTypes.png,
  'application/x-pdf': mediaTypes.pdf,
  'audio/mp3': mediaTypes.mp3,
  'audio/mpeg3': mediaTypes.mp3,
  'audio/x-mpeg': mediaTypes.mp3,
  'audio/x-mp3': mediaTypes.mp3,
  'audio/x-wav': mediaTypes.wav,
  'audio/wave': mediaTypes.wav,
  'audio/vnd.wave': mediaTypes.wav,
  'audio/x-m4a': mediaTypes.m4a,
  'image/heif': mediaTypes.heic,
  'application/x-zip-compressed': mediaTypes.zip,
};

/** Lower case, no parameters (`; charset=utf-8`), aliases resolved. */
export function normaliseType(contentType: string): string {
  const bare = contentType.split(';')[0]!.trim().toLowerCase();
  return typeAliases[bare] ?? bare;
}

/**
 * The type to judge the file by. Text has no magic number, so a file read as plain text may be any
 * text/* type it was declared as (CSV, Markdown, …); every other type comes from the bytes.
 */
function effectiveType(detected: string | undefined, declared: string): string | undefined {
  if (detected === mediaTypes.text && declared.startsWith('text/')) return declared;
  return detected;
}

const typeNames: Record<string, string> = {
  [mediaTypes.png]: 'PNG image',
  [mediaTypes.jpeg]: 'JPEG image',
  [mediaTypes.gif]: 'GIF image',
  [mediaTypes.webp]: 'WebP image',
  [mediaTypes.svg]: 'SVG image',
  [mediaTypes.heic]: 'HEIC image',
  [mediaTypes.avif]: 'AVIF image',
  [mediaTypes.pdf]: 'PDF document',
  [mediaTypes.mp4]: 'MP4 video',
  [mediaTypes.mov]: 'QuickTime video',
  [mediaTypes.m4a]: 'MP4 audio',
  [mediaTypes.wav]: 'WAV audio',
  [mediaTypes.mp3]: 'MP3 audio',
  [mediaTypes.text]: 'plain text',
  [mediaTypes.zip]: 'ZIP archive',
  [mediaTypes.docx]: 'Word document',
  [mediaTypes.pptx]: 'PowerPoint presentation',
  [mediaTypes.xlsx]: 'Excel workbook',
};

function describeType(type: string): string {
  if (type === '') return 'none given';
  const name = typeNames[type];
  return name ? `${name} (${type})` : type;
}

const typeOrUnreadable = (type: string | undefined): string =>
  type === undefined ? UNREADABLE : describeType(type);

// ---------------------------------------------------------------- numbers for people

const grouped = new Intl.NumberFormat('en-US');
const trimmed = (n: number, decimals: number) => String(Number(n.toFixed(decimals)));

function formatBytes(n: number): string {
  const exact = `${grouped.format(n)} bytes`;
  if (n < 1024) return exact;
  const [value, unit] =
    n < 1024 ** 2 ? [n / 1024, 'KB'] : n < 1024 ** 3 ? [n / 1024 ** 2, 'MB'] : [n / 1024 ** 3, 'GB'];
  return `${trimmed(value, 1)} ${unit} (${exact})`;
}

const formatMm = (mm: number): string => trimmed(mm, 2);

function formatSeconds(s: number): string {
  return `${trimmed(s, 2)} s`;
}
