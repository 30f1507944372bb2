/** Local S3 (s3rver in a child process) with the buckets of the synthesized template. */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './ports.js';
import { forkScript, waitForMessage } from './processes.js';
import type { LocalService } from './services.js';
import type { TemplateResolver } from './template.js';

const here = dirname(fileURLToPath(import.meta.url));

interface CorsRule {
  AllowedMethods?: string[];
  AllowedOrigins?: string[];
  AllowedHeaders?: string[];
  ExposedHeaders?: string[];
  MaxAge?: number;
}

const xmlEscape = (s: string) => s.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** The bucket's CorsConfiguration from the template as S3's XML (s3rver takes XML). */
export function corsXml(rules: CorsRule[] | undefined): string | undefined {
  if (!rules?.length) return undefined;
  const tag = (name: string, values: Array<string | number> | undefined) =>
    (values ?? []).map((v) => `<${name}>${xmlEscape(String(v))}</${name}>`).join('');
  const body = rules
    .map(
      (r) =>
        `<CORSRule>${tag('AllowedMethod', r.AllowedMethods)}${tag('AllowedOrigin', r.AllowedOrigins)}${tag(
          'AllowedHeader',
          r.AllowedHeaders,
        )}${tag('ExposeHeader', r.ExposedHeaders)}${r.MaxAge ? tag('MaxAgeSeconds', [r.MaxAge]) : ''}</CORSRule>`,
    )
    .join('');
  return `<CORSConfiguration>${body}</CORSConfiguration>`;
}

/** Buckets of the template: logical id → local name (+ CORS). */
export function bucketsFromTemplate(
  resolver: TemplateResolver,
): Array<{ logicalId: string; name: string; cors?: string }> {
  return resolver.resourcesOfType('AWS::S3::Bucket').map(([logicalId, resource]) => {
    const props = resolver.resolve(resource.Properties ?? {}) as {
      CorsConfiguration?: { CorsRules?: CorsRule[] };
    };
    const cors = corsXml(props.CorsConfiguration?.CorsRules);
    return { logicalId, name: resolver.physicalName(logicalId), ...(cors ? { cors } : {}) };
  });
}

export const s3Service: LocalService = {
  name: 's3',
  async start({ port: requested, dataDir, resolver }) {
    const port = requested || (await freePort());
    mkdirSync(dataDir, { recursive: true });
    const buckets = bucketsFromTemplate(resolver);
    const proc = forkScript(
      'local S3 (s3rver)',
      join(here, 's3-server.mjs'),
      [JSON.stringify({ port, address: '127.0.0.1', directory: dataDir, buckets })],
      { execArgv: ['--openssl-legacy-provider'] },
    );
    const isReady = (m: unknown): m is { ready: number } =>
      typeof m === 'object' && m !== null && 'ready' in m;
    try {
      await waitForMessage(proc, isReady);
    } catch (error) {
      await proc.stop();
      throw error;
    }
    const endpoint = `http://127.0.0.1:${port}`;
    return {
      endpoint,
      env: { AWS_ENDPOINT_URL_S3: endpoint },
      info: { buckets: Object.fromEntries(buckets.map((b) => [b.logicalId, b.name])), port },
      stop: () => proc.stop(),
    };
  },
};
