import { Aws, DockerImage, Duration, Fn, RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  Function as EdgeFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  OriginSslPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import {
  type CfnUserPoolClient,
  OAuthScope,
  type UserPool,
  type UserPoolClient,
  UserPoolClientIdentityProvider,
  type UserPoolDomain,
} from 'aws-cdk-lib/aws-cognito';
import { Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  type CfnBucket,
  HttpMethods,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { type CfnParameter, StringParameter } from 'aws-cdk-lib/aws-ssm';
import { AwsCustomResource, AwsCustomResourcePolicy, PhysicalResourceId } from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { buildConsole } from '../console-build.js';
import { fromRepoRoot } from '../paths.js';
import type { Stage } from '../stage.js';
import {
  approvalPagePrefix,
  consoleApiPrefix,
  consoleContentSecurityPolicy,
  documentLinkPrefix,
  signInCallbackPath,
} from './console-headers.js';

/** Pinned logical id: the local runner resolves this parameter's value to its own console URL. */
export const consoleUrlLogicalId = 'ConsoleUrl';

export interface ConsoleHostingProps {
  stage: Stage;
  httpApi: IHttpApi;
  userPool: UserPool;
  /** `https://cognito-idp.<region>.amazonaws.com/<userPoolId>`. */
  issuerUrl: string;
  /** Buckets the console's browser talks to directly (presigned uploads and previews). */
  fileBuckets: Bucket[];
  /** The agency's name, shown in the console's header. */
  agencyName: string;
  /** CDK context `consoleDomain` + `consoleCertificateArn` (ACM, us-east-1): the console's own domain. */
  customDomain?: { domainName: string; certificateArn: string };
}

/**
 * The staff console in AWS: its static build in a private S3 bucket behind CloudFront (origin
 * access control), with security headers and SPA routing; the HTTP API behind the same
 * distribution under /api and the client's approval pages under /approve, so the console, the
 * approval pages and every emailed link share one origin. Staff sign in with Cognito managed login
 * (authorization code + PKCE) through a public app client of their own.
 */
export class ConsoleHosting extends Construct {
  readonly siteBucket: Bucket;
  readonly distribution: Distribution;
  readonly signInClient: UserPoolClient;
  readonly signInDomain: UserPoolDomain;
  /** The console's URL (`https://<domain>`), published as an SSM parameter and read from it. */
  readonly url: string;
  /** The agency's own domain for the console, when given (DNS points it at the distribution). */
  readonly domainName?: string;

  constructor(scope: Construct, id: string, props: ConsoleHostingProps) {
    super(scope, id);
    const isProd = props.stage === 'prod';
    const region = Stack.of(this).region;
    this.domainName = props.customDomain?.domainName;

    const logs = new Bucket(this, 'AccessLogs', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      // CloudFront standard logging writes with an ACL.
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ id: 'expire-logs', expiration: Duration.days(isProd ? 365 : 30) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(logs).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'This is the access log bucket of the console distribution and site bucket; logging it into itself would loop.',
    });

    this.siteBucket = new Bucket(this, 'Site', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: logs,
      serverAccessLogsPrefix: 'site/',
      lifecycleRules: [{ id: 'old-builds', noncurrentVersionExpiration: Duration.days(30) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.signInDomain = props.userPool.addDomain('ConsoleSignIn', {
      cognitoDomain: { domainPrefix: Fn.join('-', ['account-desk', props.stage, Aws.ACCOUNT_ID]) },
    });
    const signInOrigin = `https://${this.signInDomain.domainName}.auth.${region}.amazoncognito.com`;
    const issuerOrigin = `https://cognito-idp.${region}.amazonaws.com`;
    // S3's regional endpoint for the file buckets. Not the buckets' own names: the buckets' CORS
    // names the console's URL, and the URL comes from the distribution that sends this policy.
    const fileOrigins = [`https://*.s3.${region}.${Aws.URL_SUFFIX}`];

    const securityHeaders = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'Account Desk console: CSP, HSTS, no framing, no sniffing, same-origin referrers',
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          contentSecurityPolicy: consoleContentSecurityPolicy({
            files: fileOrigins,
            signIn: [signInOrigin, issuerOrigin],
          }),
          override: true,
        },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(730),
          includeSubdomains: true,
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.SAME_ORIGIN, override: true },
      },
      customHeadersBehavior: {
        customHeaders: [
          { header: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()', override: true },
        ],
      },
    });
    // The API and the approval pages set their own headers (the pages their own CSP); only HSTS is added.
    const apiHeaders = new ResponseHeadersPolicy(this, 'ApiHeaders', {
      comment: 'Account Desk API and approval pages through the console origin: HSTS',
      securityHeadersBehavior: {
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(730),
          includeSubdomains: true,
          override: true,
        },
        contentTypeOptions: { override: true },
      },
    });

    // SPA routing: a path without a file extension is a console page, answered by index.html.
    const spaRouting = new EdgeFunction(this, 'SpaRouting', {
      runtime: FunctionRuntime.JS_2_0,
      comment: 'Console pages (no file extension) are answered by index.html',
      code: FunctionCode.fromInline(
        "function handler(event) { var r = event.request; if (!/\\.[a-z0-9]+$/i.test(r.uri)) { r.uri = '/index.html'; } return r; }",
      ),
    });
    // The API is reached under /api on the console's origin; API Gateway's routes have no prefix.
    const stripApiPrefix = new EdgeFunction(this, 'ApiPrefix', {
      runtime: FunctionRuntime.JS_2_0,
      comment: 'Strips /api before the request reaches the HTTP API',
      code: FunctionCode.fromInline(
        `function handler(event) { var r = event.request; r.uri = r.uri.substring(${consoleApiPrefix.length}) || '/'; return r; }`,
      ),
    });

    const apiOrigin = new HttpOrigin(`${props.httpApi.apiId}.execute-api.${region}.${Aws.URL_SUFFIX}`, {
      protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
      originSslProtocols: [OriginSslPolicy.TLS_V1_2],
    });
    const apiBehavior = {
      origin: apiOrigin,
      viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
      allowedMethods: AllowedMethods.ALLOW_ALL,
      cachePolicy: CachePolicy.CACHING_DISABLED,
      // Everything the viewer sent (Authorization, Origin, If-Match, the form) except Host.
      originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      responseHeadersPolicy: apiHeaders,
    };

    this.distribution = new Distribution(this, 'Distribution', {
      comment: `Account Desk console (${props.stage})`,
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_ALL,
      minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
      enableLogging: true,
      logBucket: logs,
      logFilePrefix: 'distribution/',
      ...(props.customDomain
        ? {
            domainNames: [props.customDomain.domainName],
            certificate: Certificate.fromCertificateArn(
              this,
              'Certificate',
              props.customDomain.certificateArn,
            ),
          }
        : {}),
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.siteBucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: securityHeaders,
        functionAssociations: [{ function: spaRouting, eventType: FunctionEventType.VIEWER_REQUEST }],
      },
      additionalBehaviors: {
        [`${consoleApiPrefix}/*`]: {
          ...apiBehavior,
          functionAssociations: [{ function: stripApiPrefix, eventType: FunctionEventType.VIEWER_REQUEST }],
        },
        [`${approvalPagePrefix}/*`]: apiBehavior,
        [`${documentLinkPrefix}/*`]: apiBehavior,
      },
    });
    Validations.of(this.distribution).acknowledge(
      {
        id: 'AwsSolutions-CFR1',
        reason:
          'Agency staff and client approvers work from many countries; no geographic restriction applies.',
      },
      {
        id: 'AwsSolutions-CFR2',
        reason:
          'A WAF web ACL for CloudFront must live in us-east-1 and is a per-account decision; the HTTP API behind it is throttled per stage and the approval links throttle bad tokens per address.',
      },
      ...(props.customDomain
        ? []
        : [
            {
              id: 'AwsSolutions-CFR4',
              reason:
                'Without -c consoleDomain the distribution uses the default *.cloudfront.net certificate, whose minimum TLS version CloudFront fixes; with a custom domain TLSv1.2_2021 is enforced.',
            },
          ]),
    );

    const rawUrl = props.customDomain
      ? `https://${props.customDomain.domainName}`
      : `https://${this.distribution.distributionDomainName}`;
    // Published once; everything that names the console (functions' links, CORS, Cognito) reads it.
    const urlParameter = new StringParameter(this, 'Url', {
      description: `The Account Desk console's URL (${props.stage})`,
      stringValue: rawUrl,
    });
    (urlParameter.node.defaultChild as CfnParameter).overrideLogicalId(consoleUrlLogicalId);
    this.url = urlParameter.stringValue;

    this.signInClient = props.userPool.addClient('ConsoleClient', {
      generateSecret: false,
      authFlows: { userSrp: true },
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        // Without the console's own domain they name the distribution: registered below, once it exists.
        ...(props.customDomain ? signInUrls(rawUrl) : {}),
      },
    });
    if (!props.customDomain) this.registerSignInUrls(props.userPool, rawUrl);

    // Presigned uploads go straight from the console to S3.
    for (const bucket of props.fileBuckets) {
      bucket.addCorsRule({
        allowedMethods: [HttpMethods.POST, HttpMethods.GET, HttpMethods.HEAD],
        allowedOrigins: [this.url],
        allowedHeaders: ['*'],
        exposedHeaders: ['ETag'],
        maxAge: 3000,
      });
    }

    // The static build, made at synth time (local esbuild via Vite; bundling is skipped in tests and
    // by the local runner), and the sign-in settings it reads at start.
    const deployRole = new Role(this, 'DeployRole', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: 'Copies the console build into its bucket and invalidates the distribution',
    });
    const deployLogs = new LogGroup(this, 'DeployLogs', {
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    deployRole.addToPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [deployLogs.logGroupArn],
      }),
    );
    const deployment = new BucketDeployment(this, 'Deploy', {
      destinationBucket: this.siteBucket,
      distribution: this.distribution,
      distributionPaths: ['/index.html', '/config.json'],
      role: deployRole,
      logGroup: deployLogs,
      memoryLimit: 512,
      sources: [
        Source.asset(fromRepoRoot('web'), {
          bundling: {
            // No container build: the console is built with the repository's own Vite (npm ci first).
            image: DockerImage.fromRegistry('public.ecr.aws/docker/library/node:22-slim'),
            command: ['sh', '-c', 'echo "Build the console locally: npm ci, then cdk synth" >&2; exit 1'],
            local: { tryBundle: (outputDir) => buildConsole(outputDir) },
          },
        }),
        Source.jsonData('config.json', {
          signIn: {
            kind: 'cognito',
            authority: props.issuerUrl,
            clientId: this.signInClient.userPoolClientId,
            domain: signInOrigin,
          },
          agencyName: props.agencyName,
        }),
      ],
    });
    // BucketDeployment's own grants to its copy function (CDK's construct, deploy time only).
    const stack = Stack.of(this);
    const rendered = (value: string, pseudo: string) =>
      Token.isUnresolved(value) ? `<AWS::${pseudo}>` : value;
    const assetBuckets = [
      'arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*',
      `arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-${rendered(stack.account, 'AccountId')}-${rendered(stack.region, 'Region')}/*`,
    ];
    const copyReason =
      "CDK's BucketDeployment lets its copy function read the build asset (s3:GetObject*, s3:GetBucket*, s3:List*) and replace the console's files in its own site bucket (s3:*Object*, s3:Abort*; object names not known in advance).";
    Validations.of(deployRole).acknowledge(
      ...['s3:Abort*', 's3:DeleteObject*', 's3:GetBucket*', 's3:GetObject*', 's3:List*'].map((action) => ({
        id: `AwsSolutions-IAM5[Action::${action}]`,
        reason: copyReason,
      })),
      ...[...new Set(assetBuckets)].map((arn) => ({
        id: `AwsSolutions-IAM5[Resource::${arn}]`,
        reason: copyReason,
      })),
      {
        id: `AwsSolutions-IAM5[Resource::<${stack.getLogicalId(this.siteBucket.node.defaultChild as CfnBucket)}.Arn>/*]`,
        reason: copyReason,
      },
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'cloudfront:CreateInvalidation/GetInvalidation as BucketDeployment grants them (CloudFront invalidations take no resource-level scope in its grant); it invalidates /index.html and /config.json after a deploy.',
      },
    );
    const copyFunction = stack.node.children.find((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'));
    if (copyFunction) {
      Validations.of(copyFunction).acknowledge({
        id: 'AwsSolutions-L1',
        reason:
          "BucketDeployment's copy function runs on the Python runtime CDK pins for it (deploy time only).",
      });
    }
    deployment.node.addDependency(deployLogs);
  }

  /**
   * Registers the sign-in URLs on the console's client once the distribution exists. The API's JWT
   * authorizer (in the API's OpenAPI body) names this client, the distribution reaches the API, and
   * the client's URLs would name the distribution: CloudFormation cannot create the three with those
   * references, so the client is created first and its URLs set after the distribution. The call
   * repeats the client's other settings (UpdateUserPoolClient resets what it is not given) and runs
   * again whenever CloudFormation changes them.
   */
  private registerSignInUrls(userPool: UserPool, rawUrl: string): void {
    const client = this.signInClient.node.defaultChild as CfnUserPoolClient;
    const units = client.tokenValidityUnits as CfnUserPoolClient.TokenValidityUnitsProperty;
    const urls = signInUrls(rawUrl);
    const update = {
      service: 'CognitoIdentityServiceProvider',
      action: 'updateUserPoolClient',
      parameters: {
        UserPoolId: userPool.userPoolId,
        ClientId: this.signInClient.userPoolClientId,
        ExplicitAuthFlows: client.explicitAuthFlows,
        PreventUserExistenceErrors: client.preventUserExistenceErrors,
        EnableTokenRevocation: client.enableTokenRevocation,
        AccessTokenValidity: client.accessTokenValidity,
        IdTokenValidity: client.idTokenValidity,
        RefreshTokenValidity: client.refreshTokenValidity,
        TokenValidityUnits: {
          AccessToken: units.accessToken,
          IdToken: units.idToken,
          RefreshToken: units.refreshToken,
        },
        SupportedIdentityProviders: client.supportedIdentityProviders,
        AllowedOAuthFlows: client.allowedOAuthFlows,
        AllowedOAuthScopes: client.allowedOAuthScopes,
        AllowedOAuthFlowsUserPoolClient: client.allowedOAuthFlowsUserPoolClient,
        CallbackURLs: urls.callbackUrls,
        LogoutURLs: urls.logoutUrls,
      },
      physicalResourceId: PhysicalResourceId.of(this.signInClient.userPoolClientId),
    };
    const role = new Role(this, 'SignInUrlsRole', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: "Sets the console client's sign-in URLs once the distribution exists",
    });
    const logGroup = new LogGroup(this, 'SignInUrlsLogs', {
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    role.addToPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [logGroup.logGroupArn],
      }),
    );
    const registration = new AwsCustomResource(this, 'SignInUrls', {
      onCreate: update,
      onUpdate: update,
      policy: AwsCustomResourcePolicy.fromStatements([
        new PolicyStatement({
          effect: Effect.ALLOW,
          actions: ['cognito-idp:UpdateUserPoolClient'],
          resources: [userPool.userPoolArn],
        }),
      ]),
      role,
      logGroup,
      installLatestAwsSdk: false,
    });
    registration.node.addDependency(this.signInClient, logGroup);
    const provider = Stack.of(this).node.tryFindChild(AWS_CUSTOM_RESOURCE_PROVIDER_ID);
    if (provider) {
      Validations.of(provider).acknowledge({
        id: 'AwsSolutions-L1',
        reason:
          "CDK's AwsCustomResource provider runs on the Node.js runtime CDK pins for it (one SDK call at deploy time).",
      });
    }
  }
}

/** The id CDK gives AwsCustomResource's (singleton) provider function in the stack. */
const AWS_CUSTOM_RESOURCE_PROVIDER_ID = 'AWS679f53fac002430cb0da5b7982bd2287';

/** The console client's callback (after sign-in) and sign-out URLs on the console's origin. */
const signInUrls = (rawUrl: string) => ({
  callbackUrls: [`${rawUrl}${signInCallbackPath}`],
  logoutUrls: [`${rawUrl}/`],
});
