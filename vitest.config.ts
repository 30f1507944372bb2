import { defineConfig } from 'vitest/config';

/**
 * No EMF metrics or X-Ray segments from handlers imported in-process by tests. No built-in
 * CloudFormation validation when tests build the app in-process: it takes half of every synth,
 * and `npm run synth` (the CDK CLI, run by CI) validates the same template.
 */
const env = {
  CDK_VALIDATION: 'false',
  POWERTOOLS_METRICS_DISABLED: 'true',
  POWERTOOLS_METRICS_NAMESPACE: 'AccountDesk/test',
  POWERTOOLS_TRACE_ENABLED: 'false',
};

export default defineConfig({
  test: {
    // The JSON report lets .ci/run print one plain "N passed, N failed" closing line.
    reporters: ['default', 'json'],
    outputFile: { json: '.local/test-report.json' },
    projects: [
      {
        test: {
          env,
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
        },
      },
      {
        test: {
          env,
          name: 'infra',
          include: ['tests/infra/**/*.test.ts'],
          testTimeout: 60_000,
        },
      },
      {
        test: {
          env,
          name: 'integration',
          include: ['tests/integration/**/*.test.ts', 'tests/local/**/*.test.ts'],
          globalSetup: ['tests/support/global-setup.ts'],
          setupFiles: ['tests/support/setup-env.ts'],
          // One file at a time: the files share one stack (fileParallelism is not a project option).
          pool: 'forks',
          poolOptions: { forks: { singleFork: true } },
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // Workflows settle asynchronously: a poll waits for them as long as a loaded machine needs.
          expect: { poll: { timeout: 10_000 } },
        },
      },
      {
        test: {
          env,
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          pool: 'forks',
          poolOptions: { forks: { singleFork: true } },
          testTimeout: 120_000,
          hookTimeout: 120_000,
          expect: { poll: { timeout: 10_000 } },
        },
      },
    ],
  },
});
