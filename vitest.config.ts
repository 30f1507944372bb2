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
    // Two lanes at once (vitest runs each pool's files in parallel with the other pools'): the
    // integration files, one at a time against the shared stack, in the forks pool; the unit,
    // infra and then the e2e files in the threads pool. Each lane often waits (on the stack's
    // handlers, workflows, a browser), so on 2 CPUs the two lanes take far less than one after
    // the other. With more CPUs the threads pool runs the unit and infra files side by side.
    projects: [
      {
        test: {
          env,
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          pool: 'threads',
        },
      },
      {
        test: {
          env,
          name: 'infra',
          include: ['tests/infra/**/*.test.ts'],
          pool: 'threads',
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
          // One file at a time (each starts a stack and a browser), in the threads pool: after the
          // unit and infra files, while the integration files run in the forks pool.
          pool: 'threads',
          poolOptions: { threads: { singleThread: true } },
          testTimeout: 120_000,
          hookTimeout: 120_000,
          expect: { poll: { timeout: 10_000 } },
        },
      },
    ],
  },
});
