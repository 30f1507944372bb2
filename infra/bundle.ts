import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type BuildOptions, build, type Plugin } from 'esbuild';
import { fromRepoRoot } from './paths.js';

const ESM_REQUIRE_BANNER =
  "import { createRequire as __adCreateRequire } from 'node:module'; const require = __adCreateRequire(import.meta.url);";

/**
 * The AWS SDK clients' schemas (`dist-es/schemas/schemas_0.js`: one array per shape and
 * operation) name their traits with computed keys, `{ [_h]: ["GET", "/…", 200] }`, where `_h` is a
 * string constant of the same file. esbuild cannot prove a computed key free of side effects
 * (evanw/esbuild#4373, aws/aws-sdk-js-v3#7607), so it keeps every operation of the service and,
 * through them, every shape: 64 KB of S3's and 47 KB of SES's schemas in a bundle that sends
 * three commands. This writes each such key as the string it names — the same object — so the
 * shapes no command uses are dropped. Nothing else in the file changes.
 */
export const sdkSchemaKeys: Plugin = {
  name: 'sdk-schema-keys',
  setup(builder) {
    builder.onLoad(
      { filter: /[\\/]@aws-sdk[\\/][^\\/]+[\\/]dist-es[\\/](.+[\\/])?schemas[\\/]schemas_\d+\.js$/ },
      async (args) => {
        const source = await readFile(args.path, 'utf8');
        const strings = new Map<string, string>();
        for (const [, name, value] of source.matchAll(/^const (_[\w$]+) = ("[^"\\\n]*");$/gm))
          strings.set(name!, value!);
        const contents = source.replace(/\[(_[\w$]+)\]:/g, (key, name: string) => {
          const value = strings.get(name);
          return value === undefined ? key : `${value}:`;
        });
        return { contents, loader: 'js' };
      },
    );
  },
};

/**
 * esbuild settings of every function bundle (the CDK construct, `npm run bench`, the bundle
 * tests). The pinned `@aws-sdk/*` packages the tests ran against are bundled, tree-shaken and
 * minified, instead of relying on whichever SDK the Lambda runtime ships (nothing external).
 */
export const functionBuildOptions = (entry: string, outfile: string): BuildOptions => ({
  entryPoints: [fromRepoRoot(entry)],
  outfile,
  bundle: true,
  minify: true,
  platform: 'node',
  target: 'node22',
  format: 'esm',
  mainFields: ['module', 'main'],
  banner: { js: ESM_REQUIRE_BANNER },
  /** The SDK's default credential chain, replaced by the environment's (`functions/lambda-credentials.ts`). */
  alias: { '@aws-sdk/credential-provider-node': fromRepoRoot('functions/lambda-credentials.ts') },
  plugins: [sdkSchemaKeys],
  logLevel: 'warning',
});

/**
 * Bundles a function's entry (repository-relative) into `outdir/index.mjs`, with its source map.
 * @public Called by `bundle-worker.mjs` (through tsx) and the Docker bundling command.
 */
export async function bundleFunction(entry: string, outdir: string): Promise<void> {
  await build({ ...functionBuildOptions(entry, join(outdir, 'index.mjs')), sourcemap: true });
}
