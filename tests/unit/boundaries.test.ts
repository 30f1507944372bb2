/**
 * The layout's rules (`.dependency-cruiser.cjs`, run by `npm run deps` in `npm test`) are real:
 * on a probe tree that breaks each one, dependency-cruiser reports exactly those rules; on this
 * repository it reports none. And every function that runs the sign-off engine registers the
 * subjects the engine reviews (the engine imports none).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { apiAreas } from '../../functions/areas.js';

const root = new URL('../..', import.meta.url).pathname;
const depcruise = join(root, 'node_modules/.bin/depcruise');
const config = join(root, '.dependency-cruiser.cjs');

/** Entry points of the functions that are not HTTP areas. */
const taskEntries = [
  'functions/workflow/review-tasks.ts',
  'functions/workflow/media-chain-tasks.ts',
  'functions/workflow/execution-status.ts',
  'functions/drafts/upload-events.ts',
  'functions/scheduled/handler.ts',
  'functions/mail-events/handler.ts',
];

interface Cruise {
  summary: { violations: { rule: { name: string }; from: string; to: string }[] };
}

function cruise(cwd: string, paths: string[]): Cruise {
  // depcruise exits non-zero on violations; the JSON report is what we read either way.
  try {
    return JSON.parse(
      execFileSync(depcruise, [...paths, '--config', config, '--output-type', 'json'], {
        cwd,
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      }),
    );
  } catch (error) {
    const stdout = (error as { stdout?: string }).stdout;
    if (!stdout) throw error;
    return JSON.parse(stdout);
  }
}

// Cruising the repository and bundling every function take seconds, more on a busy machine.
vi.setConfig({ testTimeout: 60_000 });

const probe = mkdtempSync(join(tmpdir(), 'boundaries-'));
afterAll(() => rmSync(probe, { recursive: true, force: true }));

function write(files: Record<string, string>) {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(probe, path)), { recursive: true });
    writeFileSync(join(probe, path), text);
  }
}

describe('the boundary rules', () => {
  // dependency-cruiser and esbuild over the whole repository take seconds; more on a busy machine.
  it('report a cycle, an upward context import, a reach into internals and a domain that imports HTTP', {
    timeout: 60_000,
  }, () => {
    write({
      'tsconfig.json': JSON.stringify({
        compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext' },
      }),
      'shared/platform/ids.ts': 'export const id = 1;\n',
      'shared/accounts/index.ts': "export * from './staff.js';\n",
      'shared/accounts/staff.ts': "import { chain } from '../media/index.js';\nexport const staff = chain;\n",
      'shared/media/index.ts': "export { chain } from './chain.js';\n",
      'shared/media/chain.ts': "import { plans } from './plans.js';\nexport const chain = plans;\n",
      'shared/media/plans.ts': "import { chain } from './chain.js';\nexport const plans = chain;\n",
      'shared/signoff/index.ts': "import { plans } from '../media/plans.js';\nexport const engine = plans;\n",
      'shared/jobs/index.ts':
        "import { handler } from '../../functions/jobs/handler.js';\nexport const jobs = handler;\n",
      'functions/jobs/handler.ts':
        "import { chain } from '../../shared/media/chain.js';\nexport const handler = chain;\n",
    });
    const { violations } = cruise(probe, ['shared', 'functions']).summary;
    const found = new Set(violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`));
    expect(found).toEqual(
      new Set([
        'no-circular: shared/media/chain.ts → shared/media/plans.ts',
        'accounts-not-above: shared/accounts/staff.ts → shared/media/index.ts',
        'signoff-not-above: shared/signoff/index.ts → shared/media/plans.ts',
        'context-public-surface: shared/signoff/index.ts → shared/media/plans.ts',
        'context-public-surface: functions/jobs/handler.ts → shared/media/chain.ts',
        'shared-is-the-domain: shared/jobs/index.ts → functions/jobs/handler.ts',
      ]),
    );
  });

  it('find nothing wrong in this repository', { timeout: 60_000 }, () => {
    const { violations } = cruise(root, ['shared', 'functions', 'infra', 'scripts', 'bench']).summary;
    expect(violations).toEqual([]);
  });
});

describe('sign-off subjects', () => {
  it('are registered by every function whose bundle holds the engine', { timeout: 60_000 }, async () => {
    // What runs in AWS is the bundle: the same esbuild settings as the function construct.
    const entries = [...apiAreas.map((area) => area.entry), ...taskEntries];
    const running: string[] = [];
    const unregistered: string[] = [];
    for (const entry of entries) {
      const { metafile } = await build({
        entryPoints: [join(root, entry)],
        bundle: true,
        write: false,
        outdir: 'out',
        metafile: true,
        platform: 'node',
        format: 'esm',
        external: ['@aws-sdk/*'],
        logLevel: 'silent',
      });
      // Modules that put code in the bundle (tree-shaken ones are parsed but contribute nothing).
      const inputs = Object.values(metafile.outputs).flatMap((output) =>
        Object.entries(output.inputs)
          .filter(([, input]) => input.bytesInOutput > 0)
          .map(([path]) => path),
      );
      if (!inputs.some((path) => /^shared\/signoff\/(reviews|decisions|notices)\.ts$/.test(path))) continue;
      running.push(entry);
      if (!inputs.includes('functions/signoff-subjects.ts')) unregistered.push(entry);
    }
    expect(running).toEqual(
      expect.arrayContaining(['functions/reviews/handler.ts', ...taskEntries.slice(0, 1)]),
    );
    expect(unregistered).toEqual([]);
  });
});
