/**
 * The synthesized CloudFormation template of the Account Desk stack, built in-process from
 * the same `buildAccountDeskStack` that `cdk synth` uses, with bundling skipped (the local
 * runner imports the TypeScript entries directly) and without CDK's built-in CloudFormation
 * validation (half the time of a synth; `npm run synth` validates the same template).
 *
 * A synth takes seconds and every local stack needs one, so the template is kept in
 * `.local/templates/`, under a hash of everything it is built from (the sources of infra/,
 * functions/ and shared/, the locked dependencies, cdk.json, the stage): any change to those
 * synthesizes afresh.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../paths.js';
import type { CfnTemplate } from './template.js';

export interface SynthOptions {
  stage?: 'dev' | 'prod';
}

const templateCache = join(repoRoot, '.local', 'templates');

export async function synthesizeTemplate(options: SynthOptions = {}): Promise<CfnTemplate> {
  const stage = options.stage ?? 'dev';
  const kept = join(templateCache, `${stage}-${sourcesHash(stage)}.json`);
  try {
    return JSON.parse(readFileSync(kept, 'utf8')) as CfnTemplate;
  } catch {
    // Not kept yet (or unreadable): synthesize.
  }
  const [{ App }, buildApp] = await Promise.all([import('aws-cdk-lib'), import('../build-app.js')]);
  const app = new App({
    context: { 'aws:cdk:bundling-stacks': [], stage },
    builtinCloudFormationValidation: false,
  });
  const stack = buildApp.buildAccountDeskStack(app, { stage });
  const template = app.synth().getStackArtifact(stack.artifactId).template as CfnTemplate;
  keep(kept, stage, template);
  return template;
}

/** Writes the template beside any older one of the stage, then drops those (atomic for parallel runners). */
function keep(path: string, stage: string, template: CfnTemplate): void {
  mkdirSync(templateCache, { recursive: true });
  const partial = `${path}.${process.pid}.tmp`;
  writeFileSync(partial, JSON.stringify(template));
  renameSync(partial, path);
  for (const name of readdirSync(templateCache)) {
    const other = join(templateCache, name);
    if (other !== path && name.startsWith(`${stage}-`) && name.endsWith('.json'))
      rmSync(other, { force: true });
  }
}

function sourcesHash(stage: string): string {
  const hash = createHash('sha256').update(stage);
  const files = ['package-lock.json', 'cdk.json', ...['infra', 'functions', 'shared'].flatMap(sourcesUnder)];
  for (const file of files.sort()) hash.update(`\0${file}\0`).update(readFileSync(join(repoRoot, file)));
  return hash.digest('hex').slice(0, 16);
}

function sourcesUnder(dir: string): string[] {
  return readdirSync(join(repoRoot, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(ts|json)$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name).slice(repoRoot.length));
}
