/**
 * Every refusal the server can answer reads in Spanish and Simplified Chinese too. The codes are
 * read from the source (`shared/`, `functions/`): each `new AppError(…)` and each call of a helper
 * that passes its `code` parameter into one (`conflict`, `unprocessable`, `badRequest`, billing's
 * and time capture's refusals…). A code has words when `problemDetailTranslations` has it in both
 * languages, or when every place that answers it gives its detail in each language (`detailIn`).
 * A new code without words, or a code made in a way this test cannot read, fails here.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { problemResponse } from '../../functions/http/problem.js';
import { accountsRefusalWords } from '../../shared/accounts/messages.js';
import { signOffKinds } from '../../shared/accounts/schemas/contacts.js';
import { clientRecordRefusalWords } from '../../shared/client-record/messages.js';
import { costRefusalWords } from '../../shared/cost/messages.js';
import { creativeRefusalWords } from '../../shared/creative/messages.js';
import { jobsRefusalWords } from '../../shared/jobs/messages.js';
import { mediaRefusalWords } from '../../shared/media/messages.js';
import { type AppError, conflict, forbidden } from '../../shared/platform/errors.js';
import type { Language } from '../../shared/platform/i18n.js';
import { problemDetailTranslations } from '../../shared/platform/messages.js';
import type { RefusalWords } from '../../shared/platform/refusal-words.js';
import { signoffRefusalWords } from '../../shared/signoff/messages.js';
import { trafficRefusalWords } from '../../shared/traffic/messages.js';

const root = join(import.meta.dirname, '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.d.ts') ? [path] : [];
  });
}

const sources = ['shared', 'functions']
  .flatMap((dir) => sourceFiles(join(root, dir)))
  .map((path) => ({
    name: relative(root, path),
    source: ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true),
  }));

function walk(node: ts.Node, visit: (node: ts.Node) => void): void {
  visit(node);
  node.forEachChild((child) => walk(child, visit));
}

const isNewAppError = (node: ts.Node): node is ts.NewExpression =>
  ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'AppError';

/** The AppError constructor's parameters: status, then code. */
const appErrorCodeIndex = 1;

interface Helper {
  codeIndex: number;
  /** It sets the error's `detailIn`: the refusal carries its own words in every language. */
  givesWords: boolean;
}

/**
 * Functions that make an AppError with the code they are given: a parameter named `code` that
 * reaches a `new AppError(…)` in code position (directly, as every such helper does today).
 */
function findHelpers(): Map<string, Helper> {
  const helpers = new Map<string, Helper>();
  for (const { source } of sources) {
    walk(source, (node) => {
      let name: string | undefined;
      let fn: ts.SignatureDeclaration | undefined;
      if (ts.isFunctionDeclaration(node) && node.name) {
        name = node.name.text;
        fn = node;
      } else if (
        ts.isVariableDeclaration(node) &&
        ts.isIdentifier(node.name) &&
        node.initializer &&
        (ts.isArrowFunction(node.initializer) || ts.isFunctionExpression(node.initializer))
      ) {
        name = node.name.text;
        fn = node.initializer;
      }
      if (!name || !fn) return;
      const codeIndex = fn.parameters.findIndex((p) => ts.isIdentifier(p.name) && p.name.text === 'code');
      if (codeIndex < 0) return;
      let makesError = false;
      walk(fn, (inner) => {
        const argument = isNewAppError(inner) ? inner.arguments?.[appErrorCodeIndex] : undefined;
        if (argument && ts.isIdentifier(argument) && argument.text === 'code') makesError = true;
      });
      if (makesError) helpers.set(name, { codeIndex, givesWords: /\.detailIn\s*=/.test(fn.getText()) });
    });
  }
  return helpers;
}

const helpers = findHelpers();

/** Where a code is answered, and whether that place gives its own words in every language. */
interface Site {
  code: string;
  where: string;
  givesWords: boolean;
}

/** A code given as a template: the values its one placeholder takes. */
const templateCodes: Record<string, readonly string[]> = {
  // shared/signoff/reviews.ts: a chosen approver who does not approve this kind of sign-off.
  'not_a_${kind}_approver': signOffKinds,
};

/** A template literal's text between its backquotes. */
const templateOf = (node: ts.TemplateExpression) => node.getText().slice(1, -1);

/** The `code: '…'` members of object literals in a file (refusals gathered before one is thrown). */
function codeMembers(source: ts.SourceFile): string[] {
  const found: string[] = [];
  walk(source, (node) => {
    if (
      ts.isPropertyAssignment(node) &&
      ts.isIdentifier(node.name) &&
      node.name.text === 'code' &&
      ts.isStringLiteral(node.initializer) &&
      // zod's issue code in a refinement, not a refusal of ours
      node.initializer.text !== 'custom'
    )
      found.push(node.initializer.text);
  });
  return found;
}

function findSites(): { sites: Site[]; unreadable: string[] } {
  const sites: Site[] = [];
  const unreadable: string[] = [];
  for (const { name, source } of sources) {
    walk(source, (node) => {
      let helper: Helper | undefined;
      let args: ts.NodeArray<ts.Expression> | undefined;
      if (isNewAppError(node)) {
        helper = { codeIndex: appErrorCodeIndex, givesWords: false };
        args = node.arguments;
      } else if (ts.isCallExpression(node) && ts.isIdentifier(node.expression)) {
        helper = helpers.get(node.expression.text);
        args = node.arguments;
      }
      if (!helper || !args) return;
      const argument = args[helper.codeIndex];
      const { line } = source.getLineAndCharacterOfPosition(node.getStart());
      const where = `${name}:${line + 1}`;
      const at = (code: string) => sites.push({ code, where, givesWords: helper.givesWords });
      if (!argument) unreadable.push(`${where}: no code`);
      else if (ts.isStringLiteral(argument) || ts.isNoSubstitutionTemplateLiteral(argument))
        at(argument.text);
      // A helper handing its own `code` on: its callers are read instead.
      else if (ts.isIdentifier(argument) && argument.text === 'code') return;
      // A caught AppError said again with the line it came from: a code read elsewhere.
      else if (argument.getText() === 'error.code') return;
      else if (ts.isTemplateExpression(argument) && templateCodes[templateOf(argument)]) {
        for (const value of templateCodes[templateOf(argument)]!)
          at(templateOf(argument).replace(/\$\{[^}]+\}/, value));
      }
      // Refusals gathered as `{ code, message }` before the first is thrown.
      else if (/\.code$/.test(argument.getText()) && codeMembers(source).length > 0) {
        for (const code of codeMembers(source)) at(code);
      } else unreadable.push(`${where}: ${argument.getText()}`);
    });
  }
  return { sites, unreadable };
}

const { sites, unreadable } = findSites();
const codes = [...new Set(sites.map((s) => s.code))].sort();

/** Each context's own refusal words (registered by its index.ts), by the folder it lives in. */
const contextWords: Record<string, RefusalWords> = {
  accounts: accountsRefusalWords,
  jobs: jobsRefusalWords,
  signoff: signoffRefusalWords,
  traffic: trafficRefusalWords,
  cost: costRefusalWords,
  creative: creativeRefusalWords,
  media: mediaRefusalWords,
  'client-record': clientRecordRefusalWords,
};

const inBoth = (words: RefusalWords, code: string) =>
  Boolean(words.es[code]?.trim() && words['zh-CN'][code]?.trim());

/**
 * Words for a code a place answers without its own: the platform's catalogue, or the catalogue of
 * the context the place is in — the one a function that reaches the place has registered.
 */
const translatedAt = (site: Site) => {
  const context = /^shared\/([a-z-]+)\//.exec(site.where)?.[1];
  const own = context ? contextWords[context] : undefined;
  return inBoth(problemDetailTranslations, site.code) || (own !== undefined && inBoth(own, site.code));
};

describe('every refusal code has Spanish and Chinese words', () => {
  it('reads every code from the source', () => {
    expect(unreadable).toEqual([]);
    expect([...helpers.keys()]).toEqual(expect.arrayContaining(['conflict', 'unprocessable', 'badRequest']));
    // Codes of every kind of place: the HTTP layer, fixed helpers, billing's and time capture's own words.
    expect(codes).toEqual(
      expect.arrayContaining([
        'malformed_json',
        'not_found',
        'forbidden',
        'version_conflict',
        'no_billing_terms',
        'timesheet_locked',
        'spec_check_not_passed',
        'not_a_media_approver',
      ]),
    );
    expect(codes.length).toBeGreaterThan(180);
  });

  it('each code has words in es and zh-CN', () => {
    const withoutWords = sites.filter((site) => !site.givesWords && !translatedAt(site));
    expect(withoutWords.map((site) => `${site.where}: ${site.code}`)).toEqual([]);
  });

  it('the Chinese words are Chinese, not a copy of the Spanish', () => {
    for (const words of [problemDetailTranslations, ...Object.values(contextWords)]) {
      const same = Object.keys(words.es).filter((code) => words.es[code] === words['zh-CN'][code]);
      expect(same).toEqual([]);
      const notChinese = Object.entries(words['zh-CN']).filter(([, said]) => !/\p{Script=Han}/u.test(said));
      expect(notChinese).toEqual([]);
    }
  });

  it('a context keeps only its own codes, and the platform none of a single context’s', () => {
    const contextsOf = (code: string) =>
      new Set(
        sites
          .filter((site) => site.code === code)
          .map((site) => /^shared\/([a-z-]+)\//.exec(site.where)?.[1]),
      );
    for (const [context, words] of Object.entries(contextWords))
      for (const code of Object.keys(words.es))
        expect(contextsOf(code), `${context}: ${code}`).toContain(context);
  });
});

describe('a refusal as the reader reads it', () => {
  const answered = (error: AppError, language: Language) =>
    JSON.parse(problemResponse(error, '/x', language).body as string) as {
      detail: string;
      errors?: { field: string; message: string }[];
    };

  it('a link page’s refusal reads in Spanish, not in the domain’s English', () => {
    const refusal = forbidden('This link is not for those minutes.');
    expect(answered(refusal, 'es').detail).toBe(
      'Usted no puede hacer esto: no corresponde a su función, o este enlace no es para ello.',
    );
    expect(answered(refusal, 'en').detail).toBe('This link is not for those minutes.');
  });

  it('a field’s message that repeats the detail reads in the reader’s language too', async () => {
    // A client-record code: its words are there once the context is entered, as a function enters it.
    await import('../../shared/client-record/index.js');
    const refusal = conflict('already_cited', 'The brief already cites this entry.', 'body.entryId');
    expect(answered(refusal, 'zh-CN').errors).toEqual([
      { field: 'body.entryId', message: '简报已引用此条目。' },
    ]);
    expect(answered(refusal, 'en').errors).toEqual([
      { field: 'body.entryId', message: 'The brief already cites this entry.' },
    ]);
  });
});
