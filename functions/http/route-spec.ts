import type { ZodObject, ZodType } from 'zod';

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * One HTTP route as data: the CDK API construct makes an API Gateway route of it, the
 * handler validates requests with its schemas, and the OpenAPI document is generated
 * from the same schemas.
 */
export interface RouteSpec {
  method: HttpMethod;
  /** API Gateway path syntax: `/clients/{clientId}`. */
  path: string;
  operationId: string;
  summary: string;
  /** Routes without the JWT authorizer. Everything else requires a staff bearer token. */
  public?: boolean;
  params?: ZodObject;
  query?: ZodObject;
  body?: ZodType;
  /** Creating POSTs accept an `Idempotency-Key` header. */
  idempotent?: boolean;
  /** Updates take the version they are based on in `If-Match`; `optional` where a first write has none. */
  optimisticLock?: 'required' | 'optional';
  /** A larger body limit than the API's default (e.g. rows imported as JSON); API Gateway allows 10 MB. */
  maxBodyBytes?: number;
  /**
   * Where the application itself limits a caller (beyond the API stage's throttle): a 429 with
   * Retry-After and RateLimit-* headers once `limit` is reached within `windowSeconds`.
   */
  rateLimit?: { limit: number; windowSeconds: number; per: string };
  /** The body's media type; JSON unless a browser form posts it. */
  bodyMediaType?: 'application/json' | 'application/x-www-form-urlencoded';
  response: {
    status: number;
    description: string;
    schema?: ZodType;
    /** JSON unless the route answers a browser with a page. */
    mediaType?: 'application/json' | 'text/html';
  };
}

/** A group of routes served by one Lambda function (one bundle, one IAM role). */
export interface ApiArea {
  name: string;
  /** Entry file, relative to the repository root. */
  entry: string;
  description: string;
  routes: RouteSpec[];
  /** What the area's function may do with the drafts bucket, if anything. */
  draftsBucket?: 'read' | 'readWrite';
  /** What the area's function may do with the reports bucket (post-campaign analyses), if anything. */
  reportsBucket?: 'read' | 'readWrite';
  /** Takes part in sign-offs: resumes the review workflow, sends approval emails. */
  signOff?: boolean;
  /** Starts reviews: may also start the review workflow (with `signOff`). */
  startsReviews?: boolean;
  /** Creates media campaigns: starts (and may stop) their media chain workflow. */
  startsCampaigns?: boolean;
  /** Imports monitoring files: hands a large one to the monitoring import workflow. */
  startsImports?: boolean;
  /**
   * The minutes workflow: `issue` starts a version's window (and may stop it) and resumes an open
   * one a corrected version supersedes; `answer` resumes it when a client's answer settles it.
   */
  minutes?: 'issue' | 'answer';
  /** Sends email (orders to vendors, notices to the team) without taking part in sign-offs. */
  sendsMail?: boolean;
  /** Reads the mail settings (e.g. the agency's name on documents) without taking part in sign-offs. */
  mailSettings?: boolean;
  /** Concurrency reserved for (and capping) the area's function, where a flood would hurt the rest. */
  reservedConcurrency?: number;
}

export const defineRoute = <const S extends RouteSpec>(spec: S): S => spec;

/** The HTTP API stage's throttle (requests per second, burst), for every route and every caller together. */
export const stageThrottle = { rateLimit: 50, burstLimit: 100 } as const;

export const routeKey = (route: Pick<RouteSpec, 'method' | 'path'>): string =>
  `${route.method} ${route.path}`;
