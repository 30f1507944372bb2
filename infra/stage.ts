export const stages = ['dev', 'prod'] as const;
export type Stage = (typeof stages)[number];

/** Validates the `stage` context value; fails with a clear message on anything else. */
export function parseStage(value: unknown): Stage {
  if (typeof value === 'string' && (stages as readonly string[]).includes(value)) return value as Stage;
  throw new Error(
    `Invalid or missing CDK context "stage": ${JSON.stringify(value)}. ` +
      `Expected one of ${stages.map((s) => `"${s}"`).join(', ')} (cdk.json sets "dev"; override with -c stage=prod).`,
  );
}
