/**
 * The synthesized CloudFormation template of the Account Desk stack, built in-process from
 * the same `buildAccountDeskStack` that `cdk synth` uses, with bundling skipped (the local
 * runner imports the TypeScript entries directly).
 */
import type { CfnTemplate } from './template.js';

export interface SynthOptions {
  stage?: 'dev' | 'prod';
}

export async function synthesizeTemplate(options: SynthOptions = {}): Promise<CfnTemplate> {
  const [{ App }, buildApp] = await Promise.all([import('aws-cdk-lib'), import('../build-app.js')]);
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [], stage: options.stage ?? 'dev' } });
  const stack = buildApp.buildAccountDeskStack(app, { stage: options.stage ?? 'dev' });
  const assembly = app.synth();
  return assembly.getStackArtifact(stack.artifactId).template as CfnTemplate;
}
