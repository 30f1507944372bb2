/**
 * EventBridge event patterns, matched locally as EventBridge matches them: every field of the
 * pattern must match the event; a list of values matches when the event's value (or any element
 * of an event array) equals one of them; nested objects match nested fields. Content filters:
 * `prefix`, `suffix` (both with `equals-ignore-case` inside too), `anything-but` (a value, a list,
 * or `{prefix}` / `{suffix}`), `numeric` (comparisons), `exists`, `equals-ignore-case`,
 * `wildcard`, and `$or`. Anything else is reported as unsupported rather than silently ignored.
 */

// biome-ignore lint/suspicious/noExplicitAny: patterns and events are JSON
type Json = any;

export class UnsupportedPatternError extends Error {}

const isObject = (value: unknown): value is Record<string, Json> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** Whether `event` matches `pattern`. */
export function matchesPattern(pattern: Json, event: Json): boolean {
  if (!isObject(pattern)) throw new UnsupportedPatternError('A pattern is a JSON object');
  return Object.entries(pattern).every(([key, expected]) => {
    if (key === '$or') {
      if (!Array.isArray(expected)) throw new UnsupportedPatternError('$or takes a list of patterns');
      return expected.some((alternative) => matchesPattern(alternative, event));
    }
    const present = isObject(event) && key in event;
    const value = present ? event[key] : undefined;
    if (isObject(expected)) return present && isObject(value) && matchesPattern(expected, value);
    if (!Array.isArray(expected)) throw new UnsupportedPatternError(`The value of "${key}" must be a list`);
    return matchesField(expected, present, value);
  });
}

function matchesField(expected: Json[], present: boolean, value: Json): boolean {
  // `exists: false` is about the field, not its values.
  for (const condition of expected) {
    if (isObject(condition) && 'exists' in condition) {
      if (condition.exists === false ? !present : present) return true;
    }
  }
  if (!present) return false;
  const values = Array.isArray(value) ? value : [value];
  return values.some((v) => expected.some((condition) => matchesValue(condition, v)));
}

function matchesValue(condition: Json, value: Json): boolean {
  if (!isObject(condition)) return condition === value;
  const [[kind, argument]] = Object.entries(condition) as [[string, Json]];
  switch (kind) {
    case 'exists':
      return false; // handled per field
    case 'prefix':
      return typeof value === 'string' && matchesAffix(argument, value, 'prefix');
    case 'suffix':
      return typeof value === 'string' && matchesAffix(argument, value, 'suffix');
    case 'equals-ignore-case':
      return typeof value === 'string' && value.toLowerCase() === String(argument).toLowerCase();
    case 'wildcard':
      return typeof value === 'string' && wildcard(String(argument)).test(value);
    case 'anything-but': {
      if (isObject(argument)) {
        const [[inner, text]] = Object.entries(argument) as [[string, Json]];
        if (inner !== 'prefix' && inner !== 'suffix')
          throw new UnsupportedPatternError(`anything-but ${inner}`);
        return typeof value === 'string' && !matchesAffix(text, value, inner);
      }
      const excluded = Array.isArray(argument) ? argument : [argument];
      return !excluded.includes(value);
    }
    case 'numeric':
      return typeof value === 'number' && numeric(argument as Json[], value);
    default:
      throw new UnsupportedPatternError(`The content filter "${kind}" is not supported locally`);
  }
}

function matchesAffix(argument: Json, value: string, side: 'prefix' | 'suffix'): boolean {
  const ignoreCase = isObject(argument) && 'equals-ignore-case' in argument;
  const affix = String(ignoreCase ? argument['equals-ignore-case'] : argument);
  const [v, a] = ignoreCase ? [value.toLowerCase(), affix.toLowerCase()] : [value, affix];
  return side === 'prefix' ? v.startsWith(a) : v.endsWith(a);
}

function wildcard(pattern: string): RegExp {
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`);
}

function numeric(conditions: Json[], value: number): boolean {
  for (let i = 0; i < conditions.length; i += 2) {
    const [operator, bound] = [conditions[i], Number(conditions[i + 1])];
    const ok = {
      '=': value === bound,
      '>': value > bound,
      '>=': value >= bound,
      '<': value < bound,
      '<=': value <= bound,
    }[operator as '='];
    if (ok === undefined) throw new UnsupportedPatternError(`numeric operator ${String(operator)}`);
    if (!ok) return false;
  }
  return true;
}
