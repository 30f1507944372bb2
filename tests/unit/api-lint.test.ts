/**
 * The Spectral ruleset (.spectral.yaml) may except response-only schemas from the OWASP size rules,
 * never a schema the API takes: this checks each excepted schema against docs/openapi.json, and
 * that every rule the ruleset names exists (a misspelt rule would silently except nothing). The lint
 * itself runs as `npm run lint:api` in `npm test`.
 */
import { readFileSync } from 'node:fs';
import owasp from '@stoplight/spectral-owasp-ruleset';
import { describe, expect, it } from 'vitest';

type Json = Record<string, unknown>;

const ruleset = readFileSync(new URL('../../.spectral.yaml', import.meta.url), 'utf8');
const document = JSON.parse(readFileSync(new URL('../../docs/openapi.json', import.meta.url), 'utf8')) as {
  paths: Record<string, Record<string, { parameters?: unknown; requestBody?: unknown; responses?: unknown }>>;
  components: { schemas: Record<string, Json> };
};

/** The component schemas a value refers to ($ref), directly. */
function refsOf(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) refsOf(v, into);
  else if (typeof value === 'object' && value !== null) {
    for (const [key, v] of Object.entries(value)) {
      if (key === '$ref' && typeof v === 'string') into.add(v.split('/').at(-1) ?? '');
      else refsOf(v, into);
    }
  }
  return into;
}

/** Every component schema reachable from `roots`. */
function reachable(roots: Set<string>): Set<string> {
  const seen = new Set(roots);
  const queue = [...roots];
  while (queue.length > 0) {
    for (const next of refsOf(document.components.schemas[queue.pop()!])) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return seen;
}

const owaspRules = (owasp as unknown as { rules: Record<string, { then?: unknown }> }).rules as Record<
  string,
  { then?: { functionOptions?: { notMatch?: string } } | { functionOptions?: { notMatch?: string } }[] }
>;

const operations = Object.values(document.paths).flatMap((path) => Object.values(path));
const taken = reachable(new Set(operations.flatMap((op) => [...refsOf([op.parameters, op.requestBody])])));
const answered = reachable(new Set(operations.flatMap((op) => [...refsOf(op.responses)])));

describe('the Spectral ruleset', () => {
  it('excepts only schemas the API answers with and never takes', () => {
    const excepted = [...ruleset.matchAll(/docs\/openapi\.json#\/components\/schemas\/(\w+)/g)].map(
      (m) => m[1]!,
    );
    expect(excepted.length).toBeGreaterThan(20);
    for (const name of excepted) {
      expect(document.components.schemas[name], `${name} is a schema of the document`).toBeDefined();
      expect(answered.has(name), `${name} is answered`).toBe(true);
      expect(taken.has(name), `${name} is taken by a request: it must meet every rule`).toBe(false);
    }
    // The schemas clients send are all under every rule (Money among them).
    expect(taken.has('Money')).toBe(true);
    expect(excepted).not.toContain('Money');
  });

  it('names only rules that exist', () => {
    const own = [...ruleset.matchAll(/^ {2}(account-desk:[\w-]+):$/gm)].map((m) => m[1]!);
    const named = [...ruleset.matchAll(/^\s+((?:owasp|account-desk):[\w:.-]+):/gm)].map((m) => m[1]!);
    const known = new Set([...Object.keys(owaspRules), ...own]);
    expect(named.length).toBeGreaterThan(5);
    for (const rule of named) expect(known.has(rule), rule).toBe(true);
  });

  it("holds every parameter name but nextToken to OWASP's no-credentials-in-url pattern", () => {
    const then = owaspRules['owasp:api2:2023-no-credentials-in-url']?.then;
    const theirs = (Array.isArray(then) ? then : [then])[0]?.functionOptions?.notMatch ?? '';
    expect(theirs).toContain('token');
    const ours = /notMatch: "(.+)"/.exec(ruleset)?.[1];
    expect(ours).toBe(theirs.replace('/^', '/^(?!nextToken$)'));
  });
});
