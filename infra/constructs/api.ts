import { RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  ApiMapping,
  CfnApi,
  type CfnStage,
  DomainName,
  HttpApi,
  HttpStage,
  type IHttpApi,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { type ApiArea, routeKey, stageThrottle } from '../../functions/http/route-spec.js';
import { envNames } from '../../shared/platform/config.js';
import type { Stage } from '../stage.js';
import { apiDefinition } from './api-definition.js';
import { AccountDeskFunction } from './function.js';
import { pascal } from './naming.js';

/** Default stage throttling (requests per second, burst), as the API description states it. */
export const DEFAULT_THROTTLE = stageThrottle;
/** Each public route's own limit (within the stage's): nobody signs in there. */
export const PUBLIC_ROUTE_THROTTLE = { rateLimit: 10, burstLimit: 20 } as const;

/** A custom domain of the API (an ACM certificate for it in the stack's region). */
export interface CustomDomain {
  domainName: string;
  certificateArn: string;
}

export interface ApiProps {
  stage: Stage;
  /** The API's own domain (optional: the console and emailed links reach the API through CloudFront). */
  customDomain?: CustomDomain;
  areas: readonly ApiArea[];
  table: ITable;
  /** Bound to the areas that declare `draftsBucket` access. */
  draftsBucket: IBucket;
  /** Bound to the areas that declare `reportsBucket` access. */
  reportsBucket: IBucket;
  /** JWT issuer: `https://cognito-idp.<region>.amazonaws.com/<userPoolId>`. */
  jwtIssuer: string;
  /** Accepted audiences (the user pool app client id). */
  jwtAudience: string[];
}

/**
 * The HTTP API: one function per area (its own role and table access), one route per `RouteSpec`,
 * all behind the Cognito JWT authorizer except routes marked `public`. Routes, integrations and the
 * authorizer live in the API's OpenAPI body (`apiDefinition`), not as resources of their own.
 */
export class Api extends Construct {
  /** The API as CloudFormation declares it (its `Body` holds the routes). */
  readonly cfnApi: CfnApi;
  /** The same API for L2 constructs (stage, domain mapping, metrics, origins). */
  readonly httpApi: IHttpApi;
  readonly stage: HttpStage;
  /** The custom domain, when one is configured. */
  readonly domain?: DomainName;
  readonly accessLogGroup: LogGroup;
  /** Function per area name. */
  readonly functions: ReadonlyMap<string, AccountDeskFunction>;
  /** The secret page tokens are sealed with (read by the areas that list). */
  readonly pageTokenSecret: Secret;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    const isProd = props.stage === 'prod';

    // Page tokens (`nextToken`) are sealed with a key derived from this generated secret.
    this.pageTokenSecret = new Secret(this, 'PageTokenSecret', {
      description: 'Seals the page tokens (nextToken) of Account Desk lists.',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
    });
    Validations.of(this.pageTokenSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Not a credential of another system: replacing its value only invalidates page tokens not yet used (their lists start again), so it is rotated by putting a new value, without a rotation function.',
    });

    const functions = new Map<string, AccountDeskFunction>();
    for (const area of props.areas) {
      if (functions.has(area.name)) throw new Error(`Duplicate API area name ${area.name}`);
      const fn = new AccountDeskFunction(this, `${pascal(area.name)}Function`, {
        stage: props.stage,
        entry: area.entry,
        serviceName: area.name,
        description: area.description,
        reservedConcurrency: area.reservedConcurrency,
      }).bindTable(props.table);
      if (area.draftsBucket) fn.bindBucket(props.draftsBucket, envNames.draftsBucket, area.draftsBucket);
      if (area.reportsBucket) {
        fn.bindBucket(props.reportsBucket, envNames.reportsBucket, area.reportsBucket);
      }
      if (area.routes.some((route) => route.query?.shape.nextToken)) {
        fn.function.addEnvironment(envNames.pageTokenSecretArn, this.pageTokenSecret.secretArn);
        this.pageTokenSecret.grantRead(fn.role);
      }
      functions.set(area.name, fn);
    }
    this.functions = functions;

    const stack = Stack.of(this);
    this.cfnApi = new CfnApi(this, 'HttpApi', {
      body: apiDefinition({
        title: `Account Desk (${props.stage})`,
        description: `Account Desk HTTP API (${props.stage})`,
        areas: props.areas,
        // Each area's function by name from a stage variable (set on the stage below), not by a
        // reference: the API then depends on no function, and the console's distribution, which
        // reaches the API, may be named by the functions (their links) and their buckets (CORS).
        integrationUri: (area) =>
          `arn:${stack.partition}:apigateway:${stack.region}:lambda:path/2015-03-31/functions/arn:${stack.partition}:lambda:${stack.region}:${stack.account}:function:\${stageVariables.${functionStageVariable(area.name)}}/invocations`,
        jwtIssuer: props.jwtIssuer,
        jwtAudience: props.jwtAudience,
        tags: () => this.cfnApi.tags.tagValues(),
      }),
      // A route the import would skip fails the deployment instead of going missing.
      failOnWarnings: true,
    });
    // With a body, API Gateway takes the API's tags only from it (`x-amazon-apigateway-tag-value`):
    // the Tags property would fail the deployment.
    this.cfnApi.addPropertyDeletionOverride('Tags');
    this.httpApi = HttpApi.fromHttpApiAttributes(this, 'HttpApiRef', {
      httpApiId: this.cfnApi.ref,
      apiEndpoint: this.cfnApi.attrApiEndpoint,
    });

    // One invoke permission per function (for any route of this API), not one per route: the
    // handler answers only its own routes.
    for (const fn of functions.values()) {
      fn.function.addPermission('ApiInvoke', {
        principal: new ServicePrincipal('apigateway.amazonaws.com'),
        sourceArn: stack.formatArn({
          service: 'execute-api',
          resource: this.httpApi.apiId,
          resourceName: '*/*/*',
        }),
      });
    }

    this.accessLogGroup = new LogGroup(this, 'AccessLogs', {
      retention: isProd ? RetentionDays.ONE_YEAR : RetentionDays.TWO_WEEKS,
      removalPolicy: isProd ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });

    // The stage refers to the API, so CloudFormation creates it after the API (and its imported
    // routes, which the public routes' settings below name), and to the functions it names.
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: { ...DEFAULT_THROTTLE },
      stageVariables: Object.fromEntries(
        [...functions].map(([name, fn]) => [functionStageVariable(name), fn.function.functionName]),
      ),
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogGroup),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            ip: '$context.identity.sourceIp',
            userAgent: '$context.identity.userAgent',
            requestTime: '$context.requestTime',
            routeKey: '$context.routeKey',
            status: '$context.status',
            protocol: '$context.protocol',
            responseLength: '$context.responseLength',
            responseLatency: '$context.responseLatency',
            integrationLatency: '$context.integrationLatency',
            integrationError: '$context.integrationErrorMessage',
            authorizerError: '$context.authorizer.error',
            sub: '$context.authorizer.claims.sub',
          }),
        ),
      },
    });

    if (props.customDomain) {
      this.domain = new DomainName(this, 'Domain', {
        domainName: props.customDomain.domainName,
        certificate: Certificate.fromCertificateArn(this, 'Certificate', props.customDomain.certificateArn),
      });
      new ApiMapping(this, 'DomainMapping', {
        api: this.httpApi,
        domainName: this.domain,
        stage: this.stage,
      });
    }

    // Per-route throttling of the public routes (the stage's limit alone would let one of them
    // take all of it), keyed by route key: they apply to the routes the body imports.
    const publicRoutes = props.areas.flatMap((area) => area.routes.filter((route) => route.public));
    const cfnStage = this.stage.node.defaultChild as CfnStage;
    cfnStage.addPropertyOverride(
      'RouteSettings',
      Object.fromEntries(
        publicRoutes.map((route) => [
          routeKey(route),
          {
            ThrottlingRateLimit: PUBLIC_ROUTE_THROTTLE.rateLimit,
            ThrottlingBurstLimit: PUBLIC_ROUTE_THROTTLE.burstLimit,
          },
        ]),
      ),
    );
  }

  /** Base URL of the API (`https://<id>.execute-api.<region>.amazonaws.com/`). */
  get url(): string {
    return this.stage.url;
  }
}

/** The stage variable naming an area's function (`approval-page` -> `approvalPageFunction`). */
export const functionStageVariable = (areaName: string): string =>
  `${areaName.replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase())}Function`;
