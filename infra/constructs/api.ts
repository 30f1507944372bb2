import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  ApiMapping,
  type CfnStage,
  DomainName,
  HttpApi,
  HttpMethod,
  HttpNoneAuthorizer,
  HttpRoute,
  HttpRouteKey,
  HttpStage,
  type IHttpRouteAuthorizer,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { type ApiArea, type RouteSpec, routeKey, stageThrottle } from '../../functions/http/route-spec.js';
import { envNames } from '../../shared/platform/config.js';
import type { Stage } from '../stage.js';
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
 * The HTTP API: one function per area (its own role and table access), one route per
 * `RouteSpec`, all behind the Cognito JWT authorizer except routes marked `public`.
 */
export class Api extends Construct {
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;
  /** The custom domain, when one is configured. */
  readonly domain?: DomainName;
  readonly accessLogGroup: LogGroup;
  readonly authorizer: HttpJwtAuthorizer;
  /** Function per area name. */
  readonly functions: ReadonlyMap<string, AccountDeskFunction>;
  /** Route per route key (`GET /clients/{clientId}`). */
  readonly routes: ReadonlyMap<string, HttpRoute>;
  /** The secret page tokens are sealed with (read by the areas that list). */
  readonly pageTokenSecret: Secret;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    const isProd = props.stage === 'prod';

    this.httpApi = new HttpApi(this, 'HttpApi', {
      description: `Account Desk HTTP API (${props.stage})`,
      createDefaultStage: false,
    });

    this.accessLogGroup = new LogGroup(this, 'AccessLogs', {
      retention: isProd ? RetentionDays.ONE_YEAR : RetentionDays.TWO_WEEKS,
      removalPolicy: isProd ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });

    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: { ...DEFAULT_THROTTLE },
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

    this.authorizer = new HttpJwtAuthorizer('CognitoJwt', props.jwtIssuer, {
      jwtAudience: props.jwtAudience,
      identitySource: ['$request.header.Authorization'],
    });
    const none = new HttpNoneAuthorizer();

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
    const routes = new Map<string, HttpRoute>();
    for (const area of props.areas) {
      if (functions.has(area.name)) throw new Error(`Duplicate API area name ${area.name}`);
      const areaId = pascal(area.name);
      const fn = new AccountDeskFunction(this, `${areaId}Function`, {
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

      // One invoke permission per function (for this API's routes), not one per route: the stack
      // stays under CloudFormation's 500 resources as areas grow; the handler answers only its routes.
      const integration = new HttpLambdaIntegration(`${areaId}Integration`, fn.function, {
        scopePermissionToRoute: false,
      });
      for (const route of area.routes) {
        const key = routeKey(route);
        if (routes.has(key))
          throw new Error(`Route ${key} is declared twice (second time in area ${area.name})`);
        const authorizer: IHttpRouteAuthorizer = route.public ? none : this.authorizer;
        const httpRoute = new HttpRoute(this, routeConstructId(route), {
          httpApi: this.httpApi,
          routeKey: HttpRouteKey.with(route.path, HttpMethod[route.method]),
          integration,
          authorizer,
        });
        if (route.public) {
          Validations.of(httpRoute).acknowledge({
            id: 'AwsSolutions-APIG4',
            reason:
              `${key} is declared public in its RouteSpec (${route.summary}): it takes no staff token. ` +
              'tests/infra/stack.test.ts pins the exact list of public routes.',
          });
        }
        routes.set(key, httpRoute);
      }
    }
    this.functions = functions;
    this.routes = routes;

    // Per-route throttling of the public routes (the stage's limit alone would let one of them
    // take all of it). A route setting needs its route to exist first.
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
    for (const route of publicRoutes) this.stage.node.addDependency(routes.get(routeKey(route))!);
  }

  /** Base URL of the API (`https://<id>.execute-api.<region>.amazonaws.com/`). */
  get url(): string {
    return this.stage.url;
  }
}

/** `GET /clients/{clientId}/brands` -> `RouteGetClientsClientIdBrands`. */
function routeConstructId(route: Pick<RouteSpec, 'method' | 'path'>): string {
  const path = pascal(route.path.replace(/\+/g, 'Proxy'));
  return `Route${pascal(route.method.toLowerCase())}${path || 'Root'}`;
}
