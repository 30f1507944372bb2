/**
 * Powertools reads its settings when `shared/platform/telemetry.ts` is first imported, which in the
 * local runner happens while the stack's modules load — before any function's environment is
 * applied. Imported first by `stack.ts`, this sets the local values before that: no X-Ray daemon
 * here, and metrics (EMF on stdout in Lambda) would flood the console of `npm start` and the tests.
 */
export const localTelemetryEnv = {
  POWERTOOLS_TRACE_ENABLED: 'false',
  POWERTOOLS_METRICS_DISABLED: 'true',
  POWERTOOLS_METRICS_NAMESPACE: 'AccountDesk/local',
} as const;

for (const [name, value] of Object.entries(localTelemetryEnv)) process.env[name] ??= value;
