/**
 * What a function deploys is its own bundle (`infra/bundle.ts` through CDK's local bundling): two
 * functions get two assets, each an ESM bundle of its entry with its source map, nothing left
 * external (the pinned SDK inside), and the handler CloudFormation names is exported. The SDK
 * schema plugin drops the shapes no command uses, and the bundled clients send exactly what the
 * same code sends from source. What no function uses (zod's other locales and JSON Schema output,
 * the SDK's event streams) stays out, and an API function answers a bad request from its bundle
 * as from source.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { functionBuildOptions } from '../../infra/bundle.js';
import { AccountDeskFunction } from '../../infra/constructs/function.js';
import { fromRepoRoot } from '../../infra/paths.js';

const outdir = mkdtempSync(join(tmpdir(), 'function-bundle-'));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

describe('function bundles', () => {
  it('are built per function, with the SDK inside', { timeout: 120_000 }, () => {
    const app = new App({ outdir });
    const stack = new Stack(app, 'Bundles');
    const entries = { Staff: 'functions/staff/handler.ts', Auth: 'functions/auth/pre-token-generation.ts' };
    for (const [id, entry] of Object.entries(entries))
      new AccountDeskFunction(stack, id, { stage: 'dev', entry, serviceName: id.toLowerCase() });
    const assembly = app.synth();
    const template = assembly.getStackArtifact(stack.artifactId).template;

    type Resource = { Type: string; Properties: { Handler: string; Code: { S3Key: string } } };
    const keys = Object.values(template.Resources as Record<string, Resource>)
      .filter((resource) => resource.Type === 'AWS::Lambda::Function')
      .map((resource) => {
        expect(resource.Properties.Handler).toBe('index.handler');
        return resource.Properties.Code.S3Key;
      });
    expect(new Set(keys).size).toBe(2);

    const bundles = keys.map((key) => join(outdir, `asset.${key.replace(/\.zip$/, '')}`));
    for (const bundle of bundles) {
      expect(existsSync(join(bundle, 'index.mjs.map'))).toBe(true);
      const code = readFileSync(join(bundle, 'index.mjs'), 'utf8');
      expect(code).not.toMatch(/from\s*["']@aws-sdk\//);
      expect(code).toMatch(/export\s*\{[^}]*\bas handler\b/);
    }
    // The staff area reads the table; the token trigger does not list pages (no Secrets Manager).
    const [staff, auth] = bundles.map((bundle) => readFileSync(join(bundle!, 'index.mjs'), 'utf8'));
    expect(staff).toContain('GetSecretValue');
    expect(auth).not.toContain('GetSecretValue');
  });

  it('keep only the SDK shapes their commands use, and send what the source sends', {
    timeout: 60_000,
  }, async () => {
    const entry = 'tests/support/fixtures/sdk-calls.ts';
    const outfile = join(outdir, 'sdk-calls.mjs');
    const { metafile } = await build({ ...functionBuildOptions(entry, outfile), metafile: true });
    const inputs = Object.values(metafile.outputs)[0]!.inputs;
    const schemaBytes = (client: string) =>
      Object.entries(inputs).find(([path]) =>
        path.includes(`@aws-sdk/${client}/dist-es/schemas/schemas_0.js`),
      )![1].bytesInOutput;
    // Without the plugin every operation's schema stays: 64 KB for S3, 47 KB for SES.
    expect(schemaBytes('client-s3')).toBeLessThan(20_000);
    expect(schemaBytes('client-sesv2')).toBeLessThan(10_000);

    const env = { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };
    const run = (args: string[]) =>
      JSON.parse(execFileSync(process.execPath, args, { env, encoding: 'utf8' }));
    // The user agent names the installed client's version; from source (the packages' CommonJS
    // builds, with the version of their build inlined) it may name an older one.
    const { clients, ...fromBundle } = run([outfile]);
    const { clients: _, ...fromSource } = run(['--import', 'tsx', fromRepoRoot(entry)]);
    expect(fromBundle).toEqual(fromSource);
    const version = (client: string) =>
      JSON.parse(readFileSync(fromRepoRoot(`node_modules/@aws-sdk/${client}/package.json`), 'utf8')).version;
    expect(clients).toEqual([
      `api/s3#${version('client-s3')}`,
      `api/s3#${version('client-s3')}`,
      `api/sesv2#${version('client-sesv2')}`,
      `api/sfn#${version('client-sfn')}`,
    ]);
    expect(fromBundle).toMatchObject({ versionId: 'v1', missing: 'NoSuchKey true', messageId: 'm1' });
    expect(fromBundle.received).toHaveLength(4);
  });

  it('leave out what no function uses, and validate as the source does', { timeout: 60_000 }, async () => {
    const entry = 'tests/support/fixtures/validation-calls.ts';
    const outfile = join(outdir, 'validation-calls.mjs');
    const { metafile } = await build({ ...functionBuildOptions(entry, outfile), metafile: true });
    const inputs = Object.keys(Object.values(metafile.outputs)[0]!.inputs);
    const zodLocales = inputs
      .filter((path) => path.includes('zod/v4/locales/'))
      .map((path) => path.split('/').pop());
    expect(zodLocales.sort()).toEqual(['en.js', 'es.js', 'index.js', 'zh-CN.js']);
    expect(inputs.filter((path) => path.includes('@smithy/core/dist-es/submodules/event-streams/'))).toEqual(
      [],
    );
    const code = readFileSync(outfile, 'utf8');
    expect(code).toContain('zod JSON Schema output is not bundled');
    expect(code).not.toContain('$defs');

    const env = {
      ...process.env,
      AWS_REGION: 'us-east-1',
      POWERTOOLS_LOG_LEVEL: 'SILENT',
      POWERTOOLS_METRICS_DISABLED: 'true',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    };
    const run = (args: string[]) =>
      JSON.parse(execFileSync(process.execPath, args, { env, encoding: 'utf8' }).trim().split('\n').pop()!);
    const fromBundle = run([outfile]);
    expect(fromBundle).toEqual(run(['--import', 'tsx', fromRepoRoot(entry)]));
    type Answer = { status: number; body: { errors: { field: string; message: string }[] } };
    const title = (answer: Answer) =>
      answer.body.errors.find((error) => error.field === 'body.title')?.message;
    const [en, es, zh] = fromBundle as Answer[];
    expect([en!.status, es!.status, zh!.status]).toEqual([400, 400, 400]);
    expect(title(en!)).toMatch(/expected string/);
    expect(title(es!)).toMatch(/se esperaba texto/);
    expect(title(zh!)).not.toEqual(title(en!));
  });
});
