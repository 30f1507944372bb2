/**
 * EventBridge Scheduler schedule expressions, evaluated locally: `cron(...)`, `rate(...)` and
 * `at(...)`; cron in its time zone (`ScheduleExpressionTimezone`, UTC by default), as Scheduler
 * does across daylight saving time: a time the clocks skip in spring is skipped, a time they show
 * twice in autumn fires once (the first). `nextFireTime(schedule, after)` is the first invocation
 * time strictly after `after` (epoch ms), or `undefined` when the schedule never fires again.
 *
 * Cron follows Scheduler's six fields, `cron(minutes hours day-of-month month day-of-week year)`:
 * `*`, `?` (day fields), single values, ranges `a-b`, lists `a,b`, steps `*` / `a` / `a-b` + `/n`,
 * month names JAN-DEC and weekday names SUN-SAT (1 = Sunday, as in AWS). One of day-of-month and
 * day-of-week must be `?`, as AWS requires. Not supported locally (an `UnsupportedExpressionError`):
 * `L`, `W`, `#`, and time zones other than UTC for `rate` and `at`.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Time zones evaluated locally: Scheduler's default (UTC) and its aliases. */
const UTC_ZONES = new Set([
  'UTC',
  'Etc/UTC',
  'GMT',
  'Etc/GMT',
  'Etc/UCT',
  'UCT',
  'Etc/Universal',
  'Universal',
]);

export class InvalidExpressionError extends Error {
  constructor(expression: string, reason: string) {
    super(`Invalid schedule expression "${expression}": ${reason}`);
    this.name = 'InvalidExpressionError';
  }
}

/** Valid in AWS, but not evaluated by the local scheduler. */
export class UnsupportedExpressionError extends Error {
  constructor(expression: string, reason: string) {
    super(`Schedule expression "${expression}" is not supported locally: ${reason}`);
    this.name = 'UnsupportedExpressionError';
  }
}

export interface CronSchedule {
  kind: 'cron';
  expression: string;
  minutes: ReadonlySet<number>;
  hours: ReadonlySet<number>;
  /** undefined: `?` or `*` (any day of the month). */
  daysOfMonth?: ReadonlySet<number>;
  months: ReadonlySet<number>;
  /** 1 = Sunday … 7 = Saturday; undefined: `?` or `*`. */
  daysOfWeek?: ReadonlySet<number>;
  /** undefined: `*`. */
  years?: ReadonlySet<number>;
  /** The IANA zone its fields are read in; undefined: UTC. */
  timeZone?: string;
}

export interface RateSchedule {
  kind: 'rate';
  expression: string;
  periodMs: number;
}

export interface AtSchedule {
  kind: 'at';
  expression: string;
  atMs: number;
}

export type ParsedExpression = CronSchedule | RateSchedule | AtSchedule;

export interface ScheduleTiming {
  expression: ParsedExpression;
  /** Rate schedules without a start date count periods from here (the local scheduler's start). */
  anchorMs?: number;
  /** `StartDate` / `EndDate` of the schedule. */
  startMs?: number;
  endMs?: number;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

interface FieldSpec {
  name: string;
  min: number;
  max: number;
  names?: string[];
  /** A day field, where AWS also accepts L, W and #. */
  special?: boolean;
}

const FIELDS: Record<'minutes' | 'hours' | 'dom' | 'month' | 'dow' | 'year', FieldSpec> = {
  minutes: { name: 'minutes', min: 0, max: 59 },
  hours: { name: 'hours', min: 0, max: 23 },
  dom: { name: 'day-of-month', min: 1, max: 31, special: true },
  month: { name: 'month', min: 1, max: 12, names: MONTHS },
  dow: { name: 'day-of-week', min: 1, max: 7, names: WEEKDAYS, special: true },
  year: { name: 'year', min: 1970, max: 2199 },
};

/** Parses one cron field into the set of its values; `undefined` for `*` (every value). */
function parseField(expression: string, raw: string, spec: FieldSpec): Set<number> | undefined {
  if (raw === '*') return undefined;
  // The day fields' special forms: L, LW, L-n, nW (day of month); nL, SATL, n#k (day of week).
  const special = /^(L|LW|L-\d+|\d+W|\d+L|[A-Z]{3}L)$|#/i;
  if (spec.special && raw.split(',').some((part) => special.test(part))) {
    throw new UnsupportedExpressionError(
      expression,
      `"${raw}" in ${spec.name} (L, W and # are not evaluated)`,
    );
  }
  const value = (token: string): number => {
    const upper = token.toUpperCase();
    const named = spec.names?.indexOf(upper) ?? -1;
    const n = named >= 0 ? named + spec.min : /^\d+$/.test(token) ? Number(token) : Number.NaN;
    if (!Number.isInteger(n) || n < spec.min || n > spec.max) {
      throw new InvalidExpressionError(
        expression,
        `"${token}" is not a valid ${spec.name} (${spec.min}-${spec.max}${spec.names ? ` or ${spec.names[0]}-${spec.names.at(-1)}` : ''})`,
      );
    }
    return n;
  };
  const values = new Set<number>();
  for (const part of raw.split(',')) {
    const [range = '', stepText, extra] = part.split('/');
    if (extra !== undefined || range === '') {
      throw new InvalidExpressionError(expression, `"${part}" in ${spec.name}`);
    }
    let step = 1;
    if (stepText !== undefined) {
      step = /^\d+$/.test(stepText) ? Number(stepText) : 0;
      if (step < 1) throw new InvalidExpressionError(expression, `step "${stepText}" in ${spec.name}`);
    }
    let from: number;
    let to: number;
    if (range === '*') {
      from = spec.min;
      to = spec.max;
    } else if (range.includes('-')) {
      const [a = '', b = '', more] = range.split('-');
      if (more !== undefined) throw new InvalidExpressionError(expression, `"${range}" in ${spec.name}`);
      from = value(a);
      to = value(b);
      if (to < from)
        throw new InvalidExpressionError(expression, `range "${range}" in ${spec.name} runs backwards`);
    } else {
      from = value(range);
      // `a/n` means from a to the end of the field, every n.
      to = stepText === undefined ? from : spec.max;
    }
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return values;
}

/** Parses `cron(...)`, `rate(...)` or `at(...)`; throws for invalid or locally unsupported ones. */
export function parseScheduleExpression(expression: string, timezone?: string): ParsedExpression {
  const zoned = timezone !== undefined && timezone !== '' && !UTC_ZONES.has(timezone);
  if (zoned && !isTimeZone(timezone)) {
    throw new InvalidExpressionError(expression, `unknown time zone ${timezone}`);
  }
  if (zoned && !/^\s*cron\(/.test(expression)) {
    throw new UnsupportedExpressionError(
      expression,
      `time zone ${timezone} (only cron schedules are evaluated in a zone locally)`,
    );
  }
  const match = /^\s*(cron|rate|at)\((.*)\)\s*$/.exec(expression);
  if (!match) throw new InvalidExpressionError(expression, 'expected cron(...), rate(...) or at(...)');
  const [, kind, body = ''] = match;

  if (kind === 'rate') {
    const rate = /^\s*(\d+)\s+(minutes?|hours?|days?)\s*$/.exec(body);
    if (!rate) throw new InvalidExpressionError(expression, 'expected rate(<n> minute[s]|hour[s]|day[s])');
    const n = Number(rate[1]);
    const unit = rate[2]!;
    if (n < 1) throw new InvalidExpressionError(expression, 'the rate must be at least 1');
    if (n === 1 && unit.endsWith('s')) {
      throw new InvalidExpressionError(
        expression,
        `a rate of 1 takes the singular unit (${unit.slice(0, -1)})`,
      );
    }
    if (n > 1 && !unit.endsWith('s')) {
      throw new InvalidExpressionError(expression, `a rate above 1 takes the plural unit (${unit}s)`);
    }
    const unitMs = unit.startsWith('minute') ? MINUTE : unit.startsWith('hour') ? HOUR : DAY;
    return { kind: 'rate', expression, periodMs: n * unitMs };
  }

  if (kind === 'at') {
    const at = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/.exec(body.trim());
    const atMs = at ? Date.parse(`${body.trim()}Z`) : Number.NaN;
    if (!at || Number.isNaN(atMs))
      throw new InvalidExpressionError(expression, 'expected at(yyyy-mm-ddThh:mm:ss)');
    return { kind: 'at', expression, atMs };
  }

  const fields = body.trim().split(/\s+/);
  if (fields.length !== 6) {
    throw new InvalidExpressionError(
      expression,
      `expected 6 fields (minutes hours day-of-month month day-of-week year), got ${fields.length}`,
    );
  }
  const [minutes, hours, dom, month, dow, year] = fields as [string, string, string, string, string, string];
  if ((dom === '?') === (dow === '?')) {
    throw new InvalidExpressionError(expression, 'exactly one of day-of-month and day-of-week must be "?"');
  }
  for (const [raw, spec] of [
    [minutes, FIELDS.minutes],
    [hours, FIELDS.hours],
    [month, FIELDS.month],
    [year, FIELDS.year],
  ] as const) {
    if (raw === '?')
      throw new InvalidExpressionError(
        expression,
        `"?" is only allowed in the day fields, not in ${spec.name}`,
      );
  }
  const allMinutes = parseField(expression, minutes, FIELDS.minutes);
  const allHours = parseField(expression, hours, FIELDS.hours);
  const allMonths = parseField(expression, month, FIELDS.month);
  return {
    kind: 'cron',
    expression,
    minutes: allMinutes ?? range(FIELDS.minutes),
    hours: allHours ?? range(FIELDS.hours),
    daysOfMonth: dom === '?' ? undefined : parseField(expression, dom, FIELDS.dom),
    months: allMonths ?? range(FIELDS.month),
    daysOfWeek: dow === '?' ? undefined : parseField(expression, dow, FIELDS.dow),
    years: parseField(expression, year, FIELDS.year),
    ...(zoned ? { timeZone: timezone } : {}),
  };
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** What a zone's clocks show at an instant, written as if it were a UTC time (epoch ms). */
function wallClock(ms: number, timeZone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    })
      .formatToParts(new Date(ms))
      .map((p) => [p.type, Number(p.value)]),
  ) as Record<string, number>;
  return Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
}

/**
 * The first instant at which the zone's clocks show `wall` (ms written as UTC); undefined when
 * they never do (the hour skipped in spring).
 */
function instantOfWall(wall: number, timeZone: string): number | undefined {
  const candidates = [wall - 12 * HOUR, wall + 12 * HOUR]
    .map((probe) => wall - (wallClock(probe, timeZone) - probe))
    .filter((t) => wallClock(t, timeZone) === wall)
    .sort((a, b) => a - b);
  return candidates[0];
}

/** The next cron time in a zone: the next matching wall-clock minute that exists, once. */
function nextCronInZone(cron: CronSchedule, afterMs: number, timeZone: string): number | undefined {
  let wallAfter = wallClock(afterMs, timeZone);
  for (let guard = 0; guard < 1000; guard++) {
    const wall = nextCron(cron, wallAfter);
    if (wall === undefined) return undefined;
    const instant = instantOfWall(wall, timeZone);
    if (instant !== undefined && instant > afterMs) return instant;
    wallAfter = wall;
  }
  return undefined;
}

function range(spec: FieldSpec): Set<number> {
  const values = new Set<number>();
  for (let v = spec.min; v <= spec.max; v++) values.add(v);
  return values;
}

/** The first minute strictly after `afterMs` that matches the cron fields (UTC), if any. */
function nextCron(cron: CronSchedule, afterMs: number): number | undefined {
  let t = Math.floor(afterMs / MINUTE) * MINUTE + MINUTE;
  // Every step moves forward by at least a minute and skips whole non-matching units, so even
  // an expression that never matches (e.g. 30 February) ends at the last year AWS accepts.
  for (let guard = 0; guard < 2_000_000; guard++) {
    const d = new Date(t);
    const year = d.getUTCFullYear();
    if (year > FIELDS.year.max) return undefined;
    if (cron.years && !cron.years.has(year)) {
      t = Date.UTC(year + 1, 0, 1);
      continue;
    }
    if (!cron.months.has(d.getUTCMonth() + 1)) {
      t = Date.UTC(year, d.getUTCMonth() + 1, 1);
      continue;
    }
    const dayMatches =
      (!cron.daysOfMonth || cron.daysOfMonth.has(d.getUTCDate())) &&
      (!cron.daysOfWeek || cron.daysOfWeek.has(d.getUTCDay() + 1));
    if (!dayMatches) {
      t = Date.UTC(year, d.getUTCMonth(), d.getUTCDate() + 1);
      continue;
    }
    if (!cron.hours.has(d.getUTCHours())) {
      t = Date.UTC(year, d.getUTCMonth(), d.getUTCDate(), d.getUTCHours() + 1);
      continue;
    }
    if (!cron.minutes.has(d.getUTCMinutes())) {
      t += MINUTE;
      continue;
    }
    return t;
  }
  return undefined;
}

/**
 * When the schedule fires next, strictly after `afterMs` (epoch ms, on the local clock), within
 * its start and end dates; `undefined` when it never fires again.
 */
export function nextFireTime(timing: ScheduleTiming, afterMs: number): number | undefined {
  const { expression } = timing;
  // Nothing fires before the start date: look from just before it.
  const from = timing.startMs !== undefined ? Math.max(afterMs, timing.startMs - 1) : afterMs;
  let next: number | undefined;
  switch (expression.kind) {
    case 'at':
      // One-time schedules ignore StartDate / EndDate (as in AWS).
      return expression.atMs > afterMs ? expression.atMs : undefined;
    case 'rate': {
      // Periods count from the start date, else from when the schedule was created (locally:
      // when the scheduler started).
      const anchor = timing.startMs ?? timing.anchorMs ?? 0;
      const periods = Math.floor((from - anchor) / expression.periodMs) + 1;
      next = anchor + Math.max(1, periods) * expression.periodMs;
      break;
    }
    case 'cron':
      next = expression.timeZone
        ? nextCronInZone(expression, from, expression.timeZone)
        : nextCron(expression, from);
      break;
  }
  if (next === undefined || (timing.endMs !== undefined && next > timing.endMs)) return undefined;
  return next;
}

/** Scheduler's `<aws.scheduler.scheduled-time>` format: ISO 8601 in UTC without milliseconds. */
export function scheduledTimeString(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
