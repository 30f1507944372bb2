/**
 * The console's catalogues (web/src/i18n): every language has every key, plural forms and
 * placeholders of English; no message is empty; components take their words from the catalogue.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import {
  builtInDeliverableWords,
  builtInMilestoneWords,
  builtInTemplateWords,
} from '../../shared/traffic/messages.js';
import { en } from '../../web/src/i18n/en.js';
import { es } from '../../web/src/i18n/es.js';
import { zh } from '../../web/src/i18n/zh.js';
import { activityMessage } from '../../web/src/pages/activity.js';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();
const english = flatten(en);
const others = { es: flatten(es as Tree), 'zh-CN': flatten(zh as Tree) };
const webSrc = new URL('../../web/src/', import.meta.url).pathname;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')
        ? [join(dir, entry.name)]
        : [],
  );
}

describe('console catalogues', () => {
  it.each(Object.entries(others))('%s has exactly the English keys, none empty', (_, catalogue) => {
    expect([...catalogue.keys()].sort()).toEqual([...english.keys()].sort());
    for (const [key, text] of catalogue) expect(text.trim(), key).not.toBe('');
  });

  it.each(Object.entries(others))('%s keeps every placeholder of the English message', (_, catalogue) => {
    for (const [key, text] of english)
      expect(placeholders(catalogue.get(key) ?? ''), key).toEqual(placeholders(text));
  });

  it('words the built-in milestones, their deliverables and the built-in templates as the server ships them, in every language', () => {
    const shipped = {
      milestoneNames: builtInMilestoneWords,
      milestoneDeliverables: builtInDeliverableWords,
      templateNames: builtInTemplateWords,
    };
    const consoles = { en, es, 'zh-CN': zh } as const;
    for (const [group, words] of Object.entries(shipped)) {
      for (const [language, catalogue] of Object.entries(consoles)) {
        expect(catalogue[group as keyof typeof shipped], `${language} ${group}`).toEqual(
          words[language as keyof typeof consoles],
        );
      }
    }
  });

  it('gives every plural both forms', () => {
    for (const key of english.keys()) {
      if (key.endsWith('_one')) expect(english.has(key.replace(/_one$/, '_other')), key).toBe(true);
    }
  });

  it('has every key the components name, and every group they name a key from', () => {
    const keys = new Set([...english.keys()].map((k) => k.replace(/_(one|other)$/, '')));
    const groups = new Set(
      [...english.keys()].flatMap((k) =>
        k
          .split('.')
          .slice(0, -1)
          .map((_, i, parts) => parts.slice(0, i + 1).join('.')),
      ),
    );
    for (const file of sourceFiles(webSrc)) {
      const source = readFileSync(file, 'utf8');
      for (const [, key] of source.matchAll(/\bt\(\s*'([\w.]+)'/g))
        expect(keys.has(key!), `${file}: ${key}`).toBe(true);
      for (const [, group] of source.matchAll(/\bt\(\s*`([\w.]+)\.\$\{/g))
        expect(groups.has(group!), `${file}: ${group}`).toBe(true);
    }
  });

  it('leaves no words hard-coded in components (JSX text and labels come from the catalogue)', () => {
    const allowed = new Set(['Account Desk', 'SHA-256']);
    const wordy = /[A-Za-z\u4e00-\u9fff]{2,}/;
    const offenders: string[] = [];
    for (const file of sourceFiles(webSrc).filter((f) => f.endsWith('.tsx'))) {
      const source = ts.createSourceFile(
        file,
        readFileSync(file, 'utf8'),
        ts.ScriptTarget.Latest,
        true,
        ts.ScriptKind.TSX,
      );
      const visit = (node: ts.Node) => {
        if (ts.isJsxText(node) && wordy.test(node.text) && !allowed.has(node.text.trim())) {
          offenders.push(`${file}: "${node.text.trim()}"`);
        }
        if (
          ts.isJsxAttribute(node) &&
          ['aria-label', 'title', 'placeholder', 'alt', 'label', 'legend'].includes(node.name.getText()) &&
          node.initializer &&
          ts.isStringLiteral(node.initializer) &&
          wordy.test(node.initializer.text) &&
          !allowed.has(node.initializer.text)
        ) {
          offenders.push(`${file}: ${node.name.getText()}="${node.initializer.text}"`);
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
    expect(offenders).toEqual([]);
  });

  it('reads every action the domain writes into a trail in words, never as its code', () => {
    const sharedSrc = new URL('../../shared/', import.meta.url).pathname;
    const actions = new Set<string>();
    for (const file of sourceFiles(sharedSrc)) {
      const source = readFileSync(file, 'utf8');
      // `action: 'invoice.drafted'`, and the first part of `action: \`${kind}.issued\`` forms.
      for (const [, code] of source.matchAll(/\baction: '([a-z_]+\.[a-z_.]+)'/g)) actions.add(code!);
      for (const [, subject] of source.matchAll(/\baction: `([a-z_]+)\./g)) actions.add(`${subject}.any`);
    }
    expect(actions.size).toBeGreaterThan(50);
    const known = (key: string) => english.has(key);
    const unread = [...actions].filter(
      (action) => activityMessage(action, known).key === 'activity.recorded',
    );
    expect(unread).toEqual([]);
    expect(activityMessage('invoice.issued', known)).toEqual({ key: 'activity.actions.invoice_issued' });
    expect(activityMessage('review.step_opened.client', known)).toEqual({
      key: 'activity.actions.review_step_opened',
    });
    expect(activityMessage('pitch.prospect_linked_with_conflict', known)).toEqual({
      key: 'activity.changed',
      thing: 'activity.things.pitch',
    });
  });
});
