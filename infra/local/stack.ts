/**
 * `startLocalStack`: Account Desk on one machine, no Docker, no AWS account. Emulators as
 * local services (DynamoDB Local, s3rver, aws-ses-v2-local), resources created from the
 * synthesized CDK template, handlers run in-process behind a local HTTP API with a local
 * JWT issuer. Used by `npm start`, the integration tests' global setup and the e2e tests.
 */
import './telemetry-env.js';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { JWK } from 'jose';
import { envNames } from '../../shared/platform/config.js';
import { dynamoDbService } from './dynamodb.js';
import { eventsService } from './events/service.js';
import { type LocalHttpApi, routesFromTemplate, startHttpApi } from './http-api.js';
import {
  createJwtVerifier,
  LOCAL_AUDIENCE,
  LOCAL_ISSUER,
  loadOrCreateKeys,
  type MintOptions,
  mintStaffToken,
  type StaffIdentity,
} from './identity.js';
import { functionsFromTemplate, type LoadedFunction, mergeEnvironments } from './lambda.js';
import { lambdaService } from './lambda-service.js';
import { assertPortFree, freePort, PortInUseError } from './ports.js';
import { handlerLoader } from './reload.js';
import { registerRunningStack, unregisterRunningStack } from './running.js';
import { s3Service } from './s3.js';
import { schedulerService } from './scheduler/service.js';
import { type LocalService, type RunningServices, startServices } from './services.js';
import { sesService } from './ses.js';
import { LocalClock } from './stepfunctions/clock.js';
import { stepFunctionsService } from './stepfunctions/service.js';
import { localTelemetryEnv } from './telemetry-env.js';
import { type CfnTemplate, LOCAL_REGION, TemplateResolver } from './template.js';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const defaultDataDir = join(repoRoot, '.local');
export const stackFile = (dataDir = defaultDataDir) => join(dataDir, 'stack.json');

export interface LocalPorts {
  api: number;
  dynamodb: number;
  s3: number;
  ses: number;
  /** Ports of services added later (sfn, ...). */
  [service: string]: number;
}

/** Default ports, the flag and environment variable that change each. */
export const portSettings = {
  api: { default: 3000, flag: '--api-port', env: 'AD_API_PORT', what: 'HTTP API' },
  dynamodb: { default: 8000, flag: '--dynamodb-port', env: 'AD_DYNAMODB_PORT', what: 'DynamoDB Local' },
  s3: { default: 4569, flag: '--s3-port', env: 'AD_S3_PORT', what: 'local S3' },
  ses: { default: 8005, flag: '--ses-port', env: 'AD_SES_PORT', what: 'local SES' },
} as const;

/**
 * Local services, started in this order. Step Functions and the scheduler share one clock, so
 * `POST <sfn endpoint>/_local/clock {"advanceMs": n}` fast-forwards workflow deadlines and
 * schedules alike. EventBridge comes before Step Functions, which reports its executions'
 * status changes there (the rules of the template deliver them to their functions).
 */
export const defaultServices = (clock: LocalClock = new LocalClock()): LocalService[] => [
  dynamoDbService,
  s3Service,
  // The Lambda Invoke API over the template's functions (a scheduled job continues itself there).
  lambdaService(),
  // Before SES and Step Functions: the local SES publishes its mailbox-simulator bounces and
  // complaints there, the local Step Functions its execution status changes.
  eventsService({ clock }),
  sesService,
  stepFunctionsService({ clock }),
  schedulerService({ clock }),
];

/** The source folders `npm start` watches to reload handlers (see `reload.ts`). */
export const reloadedFolders = ['functions', 'shared'];

export interface LocalStackOptions {
  /** 0 = any free port. Missing entries: 0 as well. */
  ports?: Partial<LocalPorts>;
  /** true (default): data in `dataDir` (default `.local/`) kept across restarts. false: in memory / temp dirs. */
  persist?: boolean;
  dataDir?: string;
  /** Wipe `dataDir` first. */
  fresh?: boolean;
  /** Create demo data when the table is new (default false). */
  seed?: boolean;
  /** Use this template instead of synthesizing the CDK stack (tests of the runner). */
  template?: CfnTemplate;
  services?: LocalService[];
  /** The clock of the default services (Step Functions deadlines, schedules); default: a new one. */
  clock?: LocalClock;
  /** Log lines (default console.error); HTTP request lines too when `logRequests`. */
  log?: (message: string) => void;
  logRequests?: boolean;
  /** Write `<dataDir>/stack.json` for `npm run token` (default: when persisting). */
  writeStackFile?: boolean;
  /** Folders (relative to the repository or absolute) whose changes reload handlers; none by default. */
  watch?: string[];
}

export interface StackInfo {
  apiUrl: string;
  inboxUrl: string;
  endpoints: Record<string, string>;
  tableName: string;
  buckets: Record<string, string>;
  ports: Record<string, number>;
  issuer: string;
  audience: string;
  dataDir: string;
  persist: boolean;
  pid: number;
  /** Folders whose changes reload handlers without a restart (empty: none). */
  watching: string[];
}

export interface LocalStack extends StackInfo {
  /** Environment handlers run with (and an SDK client needs to reach the emulators). */
  env: Record<string, string>;
  privateJwk: JWK;
  publicJwk: JWK;
  resolver: TemplateResolver;
  httpApi: LocalHttpApi;
  functions: Map<string, LoadedFunction>;
  /** The clock Step Functions deadlines and schedules run on (with the default services). */
  clock: LocalClock;
  /** What each local service hands over (`info`), by service name: runs, invocations, deliveries … */
  services: Record<string, Record<string, unknown> | undefined>;
  /** True when the table was created by this start (fresh data). */
  createdTable: boolean;
  /** Demo staff emails → tokens, when seeded. */
  demoTokens: Record<string, string>;
  /** A bearer token for a staff member: by email (looked up in the table) or by identity. */
  mintToken(who: string | StaffIdentity, options?: MintOptions): Promise<string>;
  stop(): Promise<void>;
}

/** A generated secret for sealing page tokens, kept in the data directory when persisting (tokens survive a restart). */
function localPageTokenSecret(dataDir: string | undefined): string {
  const file = dataDir && join(dataDir, 'page-token-secret');
  if (file && existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(32).toString('base64url');
  if (file) writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

/** The environment that points unmodified SDK clients at the emulators (no `if (local)`). */
export function baseEnvironment(): Record<string, string> {
  return {
    AWS_REGION: LOCAL_REGION,
    AWS_DEFAULT_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: 'S3RVER',
    AWS_SECRET_ACCESS_KEY: 'S3RVER',
    AWS_REQUEST_CHECKSUM_CALCULATION: 'WHEN_REQUIRED',
    AWS_RESPONSE_CHECKSUM_VALIDATION: 'WHEN_REQUIRED',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    AWS_EC2_METADATA_DISABLED: 'true',
    ...localTelemetryEnv,
  };
}

export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const log = options.log ?? ((m: string) => console.error(m));
  const persist = options.persist ?? true;
  const ports: Record<string, number> = { api: 0, dynamodb: 0, s3: 0, ses: 0, ...options.ports };

  // 1. Fixed ports must be distinct and free (one-line error naming the flag/env).
  const seen = new Map<number, string>();
  for (const [name, setting] of Object.entries(portSettings)) {
    const port = ports[name] ?? 0;
    if (port === 0) continue;
    const other = seen.get(port);
    if (other) {
      throw new PortInUseError(
        port,
        `${setting.what}, also given to ${other}`,
        `${setting.flag} or ${setting.env}`,
      );
    }
    seen.set(port, setting.what);
  }
  for (const [name, setting] of Object.entries(portSettings)) {
    await assertPortFree(ports[name] ?? 0, setting.what, `${setting.flag} or ${setting.env}`);
  }

  // 2. Data directories.
  let dataDir: string;
  let tempDir: string | undefined;
  if (persist) {
    dataDir = resolve(options.dataDir ?? defaultDataDir);
    if (options.fresh) rmSync(dataDir, { recursive: true, force: true });
    mkdirSync(dataDir, { recursive: true });
  } else {
    tempDir = mkdtempSync(join(tmpdir(), 'account-desk-local-'));
    dataDir = tempDir;
  }

  // 3. The template and the local names of its resources.
  const template = options.template ?? (await (await import('./cdk-template.js')).synthesizeTemplate());
  const apiPort = ports.api || (await freePort());
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const resolver = new TemplateResolver(template, {
    override: (logicalId, attribute) => {
      const type = template.Resources[logicalId]?.Type;
      if (type === 'AWS::ApiGatewayV2::Api' && (attribute === 'ApiEndpoint' || attribute === undefined)) {
        return attribute ? apiUrl : 'local';
      }
      if (type === 'AWS::ApiGatewayV2::Stage' && attribute === undefined) return '$default';
      return undefined;
    },
  });

  // 4. Identity: the key pair stands in for the user pool.
  const keys = await loadOrCreateKeys(persist ? join(dataDir, 'identity') : undefined);

  // 5. Services, in order.
  const baseEnv = baseEnvironment();
  Object.assign(process.env, baseEnv);
  let running: RunningServices | undefined;
  let httpApi: LocalHttpApi | undefined;
  const loader = handlerLoader({ repoRoot, watch: options.watch, log });
  const stop = async () => {
    loader.close();
    await httpApi?.close();
    httpApi = undefined;
    await running?.stop();
    running = undefined;
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
    if (writeStackFile) {
      rmSync(stackFile(dataDir), { force: true });
      unregisterRunningStack(dataDir);
    }
  };
  const writeStackFile = options.writeStackFile ?? persist;
  const clock = options.clock ?? new LocalClock();

  try {
    running = await startServices(options.services ?? defaultServices(clock), {
      repoRoot,
      persist,
      resolver,
      log,
      ports,
      env: baseEnv,
      dataDir: (name) => join(dataDir, name),
      loadHandler: (fn) => loader.load(fn),
    });
    const endpoints: Record<string, string> = {};
    for (const [name, service] of Object.entries(running.started)) {
      if (service.endpoint) endpoints[name] = service.endpoint;
      const port = service.info?.port;
      if (typeof port === 'number') ports[name] = port;
    }
    ports.api = apiPort;
    endpoints.api = apiUrl;

    // 6. Functions: one process runs them all, with the merged environment.
    const fns = functionsFromTemplate(resolver);
    const env: Record<string, string> = {
      ...running.env,
      ...mergeEnvironments(fns, (m) => log(m)),
    };
    delete env.NODE_OPTIONS; // `--enable-source-maps` is for deployed bundles; tsx maps sources itself.
    // What Secrets Manager holds in AWS: the secret page tokens are sealed with.
    env[envNames.pageTokenSecret] = localPageTokenSecret(persist ? dataDir : undefined);
    env.AWS_LAMBDA_FUNCTION_NAME ??= 'account-desk-local';
    Object.assign(process.env, env);

    const functions = new Map<string, LoadedFunction>();
    for (const fn of fns) functions.set(fn.logicalId, await loader.load(fn));

    httpApi = await startHttpApi({
      routes: routesFromTemplate(resolver),
      functions,
      current: (fn) => loader.load(fn),
      verify: createJwtVerifier(keys.publicJwk, LOCAL_ISSUER, LOCAL_AUDIENCE),
      port: apiPort,
      onRequest: options.logRequests
        ? (r) =>
            log(
              `[api] ${r.method} ${r.path} → ${r.status} (${r.ms} ms)${r.routeKey?.includes('{') ? `  [${r.routeKey}]` : ''}`,
            )
        : undefined,
    });

    const dynamodb = running.started.dynamodb;
    const tables = (dynamodb?.info?.tables as string[] | undefined) ?? [];
    const createdTables = (dynamodb?.info?.createdTables as string[] | undefined) ?? [];
    const tableName = env.TABLE_NAME ?? tables[0] ?? '';
    const buckets = (running.started.s3?.info?.buckets as Record<string, string> | undefined) ?? {};
    const inboxUrl = (running.started.ses?.info?.inboxUrl as string | undefined) ?? '';

    const mintToken = async (who: string | StaffIdentity, mintOptions?: MintOptions): Promise<string> => {
      let staff: StaffIdentity | undefined;
      if (typeof who === 'string') {
        const { findStaffByEmail } = await import('../../shared/accounts/index.js');
        staff = await findStaffByEmail(who.toLowerCase());
        if (!staff) throw new Error(`No staff member with email ${who}`);
      } else staff = who;
      return mintStaffToken(keys.privateJwk, staff, mintOptions);
    };

    const info: StackInfo = {
      apiUrl,
      inboxUrl,
      endpoints,
      tableName,
      buckets,
      ports,
      issuer: LOCAL_ISSUER,
      audience: LOCAL_AUDIENCE,
      dataDir,
      persist,
      pid: process.pid,
      watching: options.watch ?? [],
    };

    // Stored items follow the current data model: pending data migrations run (once per table).
    const { runMigrations } = await import('../../scripts/migrations.js');
    await runMigrations(log);

    // Everything is up and the handlers' environment applied: executions a previous run left
    // RUNNING continue now, and their tasks may call handlers.
    await running.ready();

    let demoTokens: Record<string, string> = {};
    const createdTable = createdTables.includes(tableName);
    if (options.seed) {
      const { demoTokens: existingDemoTokens, seedDemoData } = await import('./seed.js');
      try {
        demoTokens = createdTable
          ? (await seedDemoData({ apiUrl, mintToken, log })).tokens
          : await existingDemoTokens(mintToken);
      } catch (error) {
        log(`[local] demo data incomplete: ${error instanceof Error ? error.message : String(error)}`);
        log('[local] the stack runs without it; fix the cause and restart with --fresh to seed again.');
        demoTokens = await existingDemoTokens(mintToken);
      }
    }

    if (writeStackFile) {
      writeFileSync(stackFile(dataDir), `${JSON.stringify({ ...info, env }, null, 2)}\n`);
      registerRunningStack({ dataDir, pid: process.pid, apiUrl, startedAt: new Date().toISOString() });
    }

    return {
      ...info,
      env,
      privateJwk: keys.privateJwk,
      publicJwk: keys.publicJwk,
      resolver,
      httpApi,
      functions,
      clock,
      services: Object.fromEntries(
        Object.entries(running.started).map(([name, started]) => [name, started.info]),
      ),
      createdTable,
      demoTokens,
      mintToken,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
