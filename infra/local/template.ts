/**
 * A small CloudFormation template resolver for the local runner: gives every resource a
 * local physical name derived from its logical id and resolves the intrinsic functions
 * CDK emits (`Ref`, `Fn::GetAtt`, `Fn::Join`, `Fn::Sub`, `Fn::Select`, `Fn::Split`,
 * `Fn::If`, `Fn::ImportValue`, ...) to local names and fake ARNs. General on purpose: it
 * resolves function environments today and Step Functions `DefinitionString`s later.
 */

export interface CfnResource {
  Type: string;
  Properties?: Record<string, unknown>;
  Metadata?: Record<string, unknown>;
  Condition?: string;
  DependsOn?: string | string[];
}

export interface CfnTemplate {
  Resources: Record<string, CfnResource>;
  Parameters?: Record<string, { Type?: string; Default?: unknown }>;
  Conditions?: Record<string, unknown>;
  Outputs?: Record<string, { Value: unknown; Export?: { Name: unknown } }>;
  Mappings?: Record<string, Record<string, Record<string, unknown>>>;
}

export const LOCAL_REGION = 'us-east-1';
export const LOCAL_ACCOUNT_ID = '000000000000';

/** What a resource type's `Ref` returns: its name (default), its ARN, or its URL. */
const refReturnsArn = new Set([
  'AWS::StepFunctions::StateMachine',
  'AWS::SNS::Topic',
  'AWS::StepFunctions::Activity',
  'AWS::Scheduler::ScheduleGroup',
]);
const refReturnsUrl = new Set(['AWS::SQS::Queue']);

/** ARN service prefixes for CloudFormation service names that differ. */
const arnService: Record<string, string> = {
  StepFunctions: 'states',
  ApiGatewayV2: 'apigateway',
  ApiGateway: 'apigateway',
  Cognito: 'cognito-idp',
  Events: 'events',
  Logs: 'logs',
  CloudWatch: 'cloudwatch',
  SES: 'ses',
  KMS: 'kms',
};

/** Regional services whose ARNs have `resource-type/name` vs `resource-type:name`. */
function arnFor(type: string, name: string, region: string, account: string): string {
  switch (type) {
    case 'AWS::DynamoDB::Table':
      return `arn:aws:dynamodb:${region}:${account}:table/${name}`;
    case 'AWS::S3::Bucket':
      return `arn:aws:s3:::${name}`;
    case 'AWS::Lambda::Function':
      return `arn:aws:lambda:${region}:${account}:function:${name}`;
    case 'AWS::StepFunctions::StateMachine':
      return `arn:aws:states:${region}:${account}:stateMachine:${name}`;
    case 'AWS::StepFunctions::Activity':
      return `arn:aws:states:${region}:${account}:activity:${name}`;
    case 'AWS::IAM::Role':
      return `arn:aws:iam::${account}:role/${name}`;
    case 'AWS::IAM::Policy':
    case 'AWS::IAM::ManagedPolicy':
      return `arn:aws:iam::${account}:policy/${name}`;
    case 'AWS::SNS::Topic':
      return `arn:aws:sns:${region}:${account}:${name}`;
    case 'AWS::SQS::Queue':
      return `arn:aws:sqs:${region}:${account}:${name}`;
    case 'AWS::Logs::LogGroup':
      return `arn:aws:logs:${region}:${account}:log-group:${name}:*`;
    case 'AWS::Cognito::UserPool':
      return `arn:aws:cognito-idp:${region}:${account}:userpool/${region}_${name}`;
    case 'AWS::Scheduler::Schedule':
      return `arn:aws:scheduler:${region}:${account}:schedule/default/${name}`;
    case 'AWS::Scheduler::ScheduleGroup':
      return `arn:aws:scheduler:${region}:${account}:schedule-group/${name}`;
    case 'AWS::Events::EventBus':
      return `arn:aws:events:${region}:${account}:event-bus/${name}`;
    case 'AWS::SES::ConfigurationSet':
      return `arn:aws:ses:${region}:${account}:configuration-set/${name}`;
    default: {
      const [, service = 'unknown', resourceType = 'resource'] = type.split('::');
      const svc = arnService[service] ?? service.toLowerCase();
      return `arn:aws:${svc}:${region}:${account}:${resourceType.toLowerCase()}/${name}`;
    }
  }
}

/** Local physical name: the lowercased logical id (valid for tables, buckets, functions). */
export function localPhysicalName(logicalId: string): string {
  return logicalId.toLowerCase().slice(0, 63);
}

export interface ResolverOptions {
  region?: string;
  accountId?: string;
  stackName?: string;
  /** Physical names by logical id; default `localPhysicalName(logicalId)`. */
  names?: Record<string, string>;
  /** Values of `Fn::ImportValue` exports from other stacks. */
  imports?: Record<string, unknown>;
  /**
   * Hook for values only the runner knows (e.g. an HTTP API's local endpoint, a local
   * state machine's ARN): return `undefined` to fall back to the default.
   */
  override?: (logicalId: string, attribute: string | undefined) => unknown;
}

/** Marker for `AWS::NoValue`: removed from the containing object or array. */
const NO_VALUE = Symbol('AWS::NoValue');

export class TemplateResolver {
  readonly region: string;
  readonly accountId: string;
  readonly stackName: string;
  private readonly names: Record<string, string>;

  constructor(
    readonly template: CfnTemplate,
    private readonly options: ResolverOptions = {},
  ) {
    this.region = options.region ?? LOCAL_REGION;
    this.accountId = options.accountId ?? LOCAL_ACCOUNT_ID;
    this.stackName = options.stackName ?? 'AccountDesk';
    this.names = options.names ?? {};
  }

  resource(logicalId: string): CfnResource {
    const resource = this.template.Resources[logicalId];
    if (!resource) throw new Error(`Template has no resource '${logicalId}'`);
    return resource;
  }

  /** Logical ids and resources of a type, in template order. */
  resourcesOfType(type: string): Array<[logicalId: string, resource: CfnResource]> {
    return Object.entries(this.template.Resources).filter(([, r]) => r.Type === type);
  }

  physicalName(logicalId: string): string {
    this.resource(logicalId);
    return this.names[logicalId] ?? localPhysicalName(logicalId);
  }

  arn(logicalId: string): string {
    const { Type } = this.resource(logicalId);
    return arnFor(Type, this.physicalName(logicalId), this.region, this.accountId);
  }

  ref(name: string): unknown {
    switch (name) {
      case 'AWS::Region':
        return this.region;
      case 'AWS::AccountId':
        return this.accountId;
      case 'AWS::Partition':
        return 'aws';
      case 'AWS::URLSuffix':
        return 'amazonaws.com';
      case 'AWS::StackName':
        return this.stackName;
      case 'AWS::StackId':
        return `arn:aws:cloudformation:${this.region}:${this.accountId}:stack/${this.stackName}/local`;
      case 'AWS::NoValue':
        return NO_VALUE;
      case 'AWS::NotificationARNs':
        return [];
    }
    const parameter = this.template.Parameters?.[name];
    if (parameter) return parameter.Default ?? '';
    const overridden = this.options.override?.(name, undefined);
    if (overridden !== undefined) return overridden;
    const { Type } = this.resource(name);
    if (refReturnsArn.has(Type)) return this.arn(name);
    if (refReturnsUrl.has(Type)) {
      return `http://sqs.${this.region}.localhost/${this.accountId}/${this.physicalName(name)}`;
    }
    return this.physicalName(name);
  }

  getAtt(logicalId: string, attribute: string): unknown {
    const overridden = this.options.override?.(logicalId, attribute);
    if (overridden !== undefined) return overridden;
    const { Type } = this.resource(logicalId);
    const name = this.physicalName(logicalId);
    switch (attribute) {
      case 'Arn':
        return this.arn(logicalId);
      case 'StreamArn':
        return `${this.arn(logicalId)}/stream/local`;
      case 'Name':
      case 'TableName':
      case 'QueueName':
      case 'TopicName':
      case 'StateMachineName':
        return name;
      case 'DomainName':
        return `${name}.s3.amazonaws.com`;
      case 'RegionalDomainName':
        return `${name}.s3.${this.region}.amazonaws.com`;
      case 'WebsiteURL':
        return `http://${name}.s3-website-${this.region}.amazonaws.com`;
      case 'QueueUrl':
        return `http://sqs.${this.region}.localhost/${this.accountId}/${name}`;
      case 'ProviderName':
        return `cognito-idp.${this.region}.amazonaws.com/${this.region}_${name}`;
      case 'ProviderURL':
        return `https://cognito-idp.${this.region}.amazonaws.com/${this.region}_${name}`;
      case 'UserPoolId':
        return `${this.region}_${name}`;
      case 'ApiEndpoint':
        return `https://${name}.execute-api.${this.region}.amazonaws.com`;
      case 'ApiId':
        return name;
      default:
        if (Type === 'AWS::Cognito::UserPoolClient' && attribute === 'ClientId') return name;
        return `${name}.${attribute}`;
    }
  }

  /** Resolves every intrinsic function inside `value` (deeply). */
  resolve(value: unknown): unknown {
    const resolved = this.resolveInner(value);
    return resolved === NO_VALUE ? undefined : resolved;
  }

  /** Resolves and requires a string (e.g. an environment variable value). */
  resolveString(value: unknown): string {
    const resolved = this.resolve(value);
    if (typeof resolved === 'string') return resolved;
    if (typeof resolved === 'number' || typeof resolved === 'boolean') return String(resolved);
    throw new Error(`Expected a string, got ${JSON.stringify(resolved)} from ${JSON.stringify(value)}`);
  }

  private resolveInner(value: unknown): unknown {
    if (Array.isArray(value)) {
      return value.map((v) => this.resolveInner(v)).filter((v) => v !== NO_VALUE);
    }
    if (value === null || typeof value !== 'object') return value;
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 1) {
      const [key, arg] = entries[0]!;
      if (key === 'Ref' || key.startsWith('Fn::') || key === 'Condition') {
        return this.intrinsic(key, arg);
      }
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of entries) {
      const r = this.resolveInner(v);
      if (r !== NO_VALUE) out[k] = r;
    }
    return out;
  }

  private intrinsic(fn: string, arg: unknown): unknown {
    switch (fn) {
      case 'Ref':
        return this.ref(String(arg));
      case 'Fn::GetAtt': {
        const [id, ...attr] = Array.isArray(arg) ? (arg as string[]) : String(arg).split('.');
        return this.getAtt(String(id), attr.join('.'));
      }
      case 'Fn::Join': {
        const [sep, parts] = arg as [string, unknown];
        const list = this.resolveInner(parts);
        if (!Array.isArray(list)) throw new Error(`Fn::Join expects a list: ${JSON.stringify(arg)}`);
        return list.map((p) => this.scalar(p)).join(String(sep));
      }
      case 'Fn::Sub':
        return this.sub(arg);
      case 'Fn::Select': {
        const [index, list] = arg as [unknown, unknown];
        const resolvedList = this.resolveInner(list) as unknown[];
        return resolvedList[Number(this.resolveInner(index))];
      }
      case 'Fn::Split': {
        const [sep, source] = arg as [string, unknown];
        return this.scalar(this.resolveInner(source)).split(sep);
      }
      case 'Fn::If': {
        const [condition, whenTrue, whenFalse] = arg as [string, unknown, unknown];
        return this.resolveInner(this.condition(condition) ? whenTrue : whenFalse);
      }
      case 'Fn::Equals': {
        const [a, b] = arg as [unknown, unknown];
        return JSON.stringify(this.resolveInner(a)) === JSON.stringify(this.resolveInner(b));
      }
      case 'Fn::Not':
        return !this.truthy((arg as unknown[])[0]);
      case 'Fn::And':
        return (arg as unknown[]).every((c) => this.truthy(c));
      case 'Fn::Or':
        return (arg as unknown[]).some((c) => this.truthy(c));
      case 'Condition':
        return this.condition(String(arg));
      case 'Fn::ImportValue': {
        const name = this.scalar(this.resolveInner(arg));
        if (!(name in (this.options.imports ?? {}))) throw new Error(`No export named '${name}'`);
        return this.options.imports?.[name];
      }
      case 'Fn::FindInMap': {
        const [map, top, second] = (arg as unknown[]).map((a) => this.scalar(this.resolveInner(a)));
        return this.template.Mappings?.[map!]?.[top!]?.[second!];
      }
      case 'Fn::GetAZs':
        return [`${this.region}a`, `${this.region}b`, `${this.region}c`];
      case 'Fn::Base64':
        return Buffer.from(this.scalar(this.resolveInner(arg))).toString('base64');
      case 'Fn::ToJsonString':
        return JSON.stringify(this.resolveInner(arg));
      default:
        throw new Error(`Unsupported intrinsic function ${fn}`);
    }
  }

  private truthy(value: unknown): boolean {
    return Boolean(this.resolveInner(value));
  }

  private condition(name: string): boolean {
    const definition = this.template.Conditions?.[name];
    if (definition === undefined) throw new Error(`Template has no condition '${name}'`);
    return Boolean(this.resolveInner(definition));
  }

  private scalar(value: unknown): string {
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    throw new Error(`Expected a scalar, got ${JSON.stringify(value)}`);
  }

  private sub(arg: unknown): string {
    const [text, variables] = Array.isArray(arg)
      ? (arg as [string, Record<string, unknown>])
      : [String(arg), {} as Record<string, unknown>];
    return text.replace(/\$\{(!?)([^}]*)\}/g, (_, bang: string, expr: string) => {
      if (bang) return '${' + expr + '}';
      const name = expr.trim();
      if (variables && name in variables) return this.scalar(this.resolveInner(variables[name]));
      const dot = name.indexOf('.');
      if (dot > 0 && !name.startsWith('AWS::')) {
        return this.scalar(this.getAtt(name.slice(0, dot), name.slice(dot + 1)));
      }
      return this.scalar(this.ref(name));
    });
  }
}
