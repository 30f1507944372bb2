import { Lazy } from 'aws-cdk-lib';
import { type ApiArea, type HttpMethod, type RouteSpec, routeKey } from '../../functions/http/route-spec.js';

/** Name of the Cognito JWT authorizer's security scheme in the API's OpenAPI body. */
const JWT_SECURITY_SCHEME = 'CognitoJwt';

export interface ApiDefinitionProps {
  title: string;
  description: string;
  areas: readonly ApiArea[];
  /** The integration URI of an area's function (CDK tokens resolve to the function's ARN). */
  integrationUri: (area: ApiArea) => string;
  /** JWT issuer: `https://cognito-idp.<region>.amazonaws.com/<userPoolId>`. */
  jwtIssuer: string;
  /** Accepted audiences (app client ids). */
  jwtAudience: string[];
  /**
   * The API's AWS tags, read when the template is written (after the app's tag aspects ran): with
   * a body, API Gateway takes them only from the body's root `tags`.
   */
  tags?: () => Record<string, string>;
}

const methodKeys: Record<HttpMethod, string> = {
  GET: 'get',
  HEAD: 'head',
  POST: 'post',
  PUT: 'put',
  PATCH: 'patch',
  DELETE: 'delete',
};

/** `/clients/{clientId}/brands/{brandId}` -> `['clientId', 'brandId']`; `{proxy+}` -> `proxy+`. */
const pathParameterNames = (path: string): string[] =>
  [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]!);

/**
 * The HTTP API as an OpenAPI 3.0 document for the `Body` of `AWS::ApiGatewayV2::Api`: API Gateway
 * imports it as one route per operation, one Lambda proxy integration (payload 2.0) per area and the
 * JWT authorizer of the security scheme, so none of them is a CloudFormation resource of its own
 * (the stack stays far under CloudFormation's 500 resources as areas add routes). Lean on purpose:
 * paths, methods, path parameters, integration and security; the API's description for callers is
 * `docs/openapi.json`, generated from the same RouteSpecs.
 */
export function apiDefinition(props: ApiDefinitionProps): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  // One integration per area, shared by its operations: API Gateway makes one integration of it
  // (an API has at most 300), where an inline one per operation would make one per route.
  const integrations: Record<string, unknown> = {};
  const seen = new Map<string, string>();
  for (const area of props.areas) {
    integrations[area.name] = {
      type: 'aws_proxy',
      httpMethod: 'POST',
      uri: props.integrationUri(area),
      payloadFormatVersion: '2.0',
    };
    const integration = { $ref: `#/components/x-amazon-apigateway-integrations/${area.name}` };
    for (const route of area.routes) {
      const key = routeKey(route);
      const earlier = seen.get(key);
      if (earlier) {
        throw new Error(`Route ${key} is declared twice (in area ${earlier} and in area ${area.name})`);
      }
      seen.set(key, area.name);
      paths[route.path] ??= pathParameters(route);
      paths[route.path]![methodKeys[route.method]] = operation(route, integration);
    }
  }

  const tags = props.tags;
  return {
    openapi: '3.0.1',
    info: { title: props.title, description: props.description, version: '1.0' },
    ...(tags
      ? {
          tags: Lazy.any(
            {
              produce: () =>
                Object.entries(tags()).map(([name, value]) => ({
                  name,
                  'x-amazon-apigateway-tag-value': value,
                })),
            },
            { omitEmptyArray: true },
          ),
        }
      : {}),
    paths,
    components: {
      securitySchemes: {
        [JWT_SECURITY_SCHEME]: {
          type: 'oauth2',
          flows: {},
          'x-amazon-apigateway-authorizer': {
            type: 'jwt',
            identitySource: '$request.header.Authorization',
            jwtConfiguration: { issuer: props.jwtIssuer, audience: props.jwtAudience },
          },
        },
      },
      'x-amazon-apigateway-integrations': integrations,
    },
  };
}

function pathParameters(route: RouteSpec): Record<string, unknown> {
  const names = pathParameterNames(route.path);
  if (!names.length) return {};
  return {
    parameters: names.map((name) => ({
      name: name.replace(/\+$/, ''),
      in: 'path',
      required: true,
      schema: { type: 'string' },
    })),
  };
}

function operation(route: RouteSpec, integration: Record<string, unknown>): Record<string, unknown> {
  return {
    operationId: route.operationId,
    // Public routes take no staff token (`security: []`); every other one the Cognito JWT.
    security: route.public ? [] : [{ [JWT_SECURITY_SCHEME]: [] }],
    responses: { default: { description: route.response.description } },
    'x-amazon-apigateway-integration': integration,
  };
}
