/**
 * The credentials provider every function bundle uses in place of the SDK's default chain
 * (`functionBundling.alias` in infra/constructs/function.ts). A Lambda function's credentials are
 * its role's, which the runtime puts in the environment; the default chain's other sources (SSO,
 * profiles, web identity, container and instance metadata, with their own nested clients) cannot
 * apply there and cost ~110 KB per bundle. Locally and in tests the default chain also answers from
 * the environment, so the same source is exercised everywhere.
 */
export { fromEnv as defaultProvider } from '@aws-sdk/credential-provider-env';
