/** What the integration global setup hands to tests (`inject('apiUrl')`, ...). */
import type { JWK } from 'jose';

declare module 'vitest' {
  export interface ProvidedContext {
    apiUrl: string;
    inboxUrl: string;
    dynamodbEndpoint: string;
    s3Endpoint: string;
    tableName: string;
    buckets: Record<string, string>;
    /** Environment that points SDK clients and `shared/` code at the emulators. */
    env: Record<string, string>;
    /** Signing key of the local issuer: tests mint their own tokens. */
    privateJwk: JWK;
    publicJwk: JWK;
  }
}
