import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import {
  AccountRecovery,
  type CfnUserPool,
  FeaturePlan,
  Mfa,
  StandardThreatProtectionMode,
  UserPool,
  type UserPoolClient,
} from 'aws-cdk-lib/aws-cognito';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import type { Stage } from '../stage.js';
import { AccountDeskFunction } from './function.js';

export const identityLogicalIds = { userPool: 'UserPool' } as const;

export const PRE_TOKEN_GENERATION_ENTRY = 'functions/auth/pre-token-generation.ts';

export interface IdentityProps {
  stage: Stage;
  table: ITable;
}

/**
 * Cognito user pool for agency staff: admin-created accounts only, email sign-in, strong
 * passwords, TOTP MFA, and a pre-token-generation trigger that adds the `staff_id` claim.
 */
export class Identity extends Construct {
  readonly userPool: UserPool;
  readonly userPoolClient: UserPoolClient;
  readonly preTokenGeneration: AccountDeskFunction;
  /** `https://cognito-idp.<region>.amazonaws.com/<userPoolId>`: the JWT issuer. */
  readonly issuerUrl: string;

  constructor(scope: Construct, id: string, props: IdentityProps) {
    super(scope, id);
    const isProd = props.stage === 'prod';

    this.preTokenGeneration = new AccountDeskFunction(this, 'PreTokenGeneration', {
      stage: props.stage,
      entry: PRE_TOKEN_GENERATION_ENTRY,
      serviceName: 'auth',
      description: 'Cognito pre token generation: adds the staff_id claim to ID tokens',
      timeout: Duration.seconds(5),
    }).bindTable(props.table);

    this.userPool = new UserPool(this, 'UserPool', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      // Plus (threat protection enforced) in prod; dev pools hold test accounts only.
      featurePlan: isProd ? FeaturePlan.PLUS : FeaturePlan.ESSENTIALS,
      ...(isProd ? { standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION } : {}),
      deletionProtection: isProd,
      lambdaTriggers: { preTokenGeneration: this.preTokenGeneration.function },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    (this.userPool.node.defaultChild as CfnUserPool).overrideLogicalId(identityLogicalIds.userPool);

    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG2',
      reason:
        'MFA is OPTIONAL (TOTP only) until the staff web client ships its TOTP enrolment screen; staff accounts are ' +
        'admin-created (no self sign-up) and prod runs Plus threat protection in full-function mode.',
    });
    if (!isProd) {
      Validations.of(this.userPool).acknowledge({
        id: 'AwsSolutions-COG8',
        reason:
          'Dev user pools hold only test staff accounts; the Plus feature plan (threat protection) is billed per user ' +
          'and is enabled in prod only.',
      });
    }

    this.userPoolClient = this.userPool.addClient('WebClient', {
      generateSecret: false,
      authFlows: { userSrp: true, adminUserPassword: true },
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
      disableOAuth: true,
    });

    this.issuerUrl = `https://cognito-idp.${Stack.of(this).region}.amazonaws.com/${this.userPool.userPoolId}`;
  }
}
