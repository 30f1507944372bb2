import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { authorize, type Caller } from '../../shared/accounts/access.js';
import { actions, isAllowed } from '../../shared/accounts/authority.js';
import { staffRoles } from '../../shared/accounts/roles.js';
import { AppError } from '../../shared/platform/errors.js';

/**
 * Issue 10 §4: a refusal says who may do it in the trade's words, never a permission code
 * (`review.decide`) or a role key (`account_director`).
 */
const codeWords = [...actions, ...staffRoles.filter((role) => role.includes('_'))];

const codesIn = (text: string) => codeWords.filter((code) => text.includes(code));

const callerAs = (role: Caller['role']): Caller =>
  ({ staffId: 'S1', role, name: 'Someone', email: 's@agency.example', active: true }) as Caller;

function refusalOf(role: Caller['role'], action: (typeof actions)[number]): AppError {
  try {
    authorize(callerAs(role), action);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error(`${role} was allowed ${action}`);
}

describe('every refusal in plain words', () => {
  const refusals = staffRoles.flatMap((role) =>
    actions.filter((action) => !isAllowed(role, action)).map((action) => ({ role, action })),
  );

  it.each(refusals)('$role refused $action: says who may, with no code', ({ role, action }) => {
    const error = refusalOf(role, action);
    expect(error.status).toBe(403);
    expect(codesIn(error.message)).toEqual([]);
    expect(error.message).toMatch(/^Only /);
  });

  it.each(refusals)('$role refused $action: says who may in Spanish and Chinese too', ({ role, action }) => {
    const error = refusalOf(role, action);
    const spanish = error.detailIn?.('es') ?? '';
    const chinese = error.detailIn?.('zh-CN') ?? '';
    expect(spanish).toMatch(/^Solo /);
    expect(chinese).toMatch(/^只有/);
    expect([...codesIn(spanish), ...codesIn(chinese)]).toEqual([]);
  });

  it('the brand refusal reads as the issue asks', () => {
    expect(refusalOf('account_executive', 'brand.manage').message).toBe(
      'Only an account manager or above may add or change brands.',
    );
  });

  /** Every `forbidden(…)` the code can throw, read from the source: no code, no role key interpolated. */
  it('no forbidden() in the source names a permission code or a role key', () => {
    const files = ['shared', 'functions'].flatMap((dir) => sourceFiles(dir));
    const calls = files.flatMap((file) =>
      forbiddenCalls(readFileSync(file, 'utf8')).map((call) => ({ file, call })),
    );
    expect(calls.length).toBeGreaterThan(15);
    const offending = calls.filter(
      ({ call }) => codesIn(call).length > 0 || /\$\{[^}]*\b(role|action)\b[^}]*\}/.test(call),
    );
    expect(offending).toEqual([]);
  });
});

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** The argument text of each `forbidden(` call (balanced parentheses), the definition left out. */
function forbiddenCalls(source: string): string[] {
  return [...source.matchAll(/(?<![\w.])forbidden\(/g)].flatMap((match) => {
    const from = match.index + match[0].length;
    let depth = 1;
    let end = from;
    for (; end < source.length && depth > 0; end++) {
      if (source[end] === '(') depth++;
      else if (source[end] === ')') depth--;
    }
    const argument = source.slice(from, end - 1);
    return argument.startsWith('detail: string') ? [] : [argument];
  });
}
