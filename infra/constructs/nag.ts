import { Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

// biome-ignore lint/suspicious/noExplicitAny: resolved CloudFormation values are untyped
type Cfn = any;

/**
 * A resolved CloudFormation value flattened the way cdk-nag names an `AwsSolutions-IAM5` finding:
 * `Fn::Join` joined, `Ref` as `<Name>`, `Fn::GetAtt` as `<Id.Attr>`, `${X}` of `Fn::Sub` as `<X>`.
 * With a concrete environment a region or account is a literal; without one it is `<AWS::Region>`.
 */
function flatten(node: Cfn): string {
  if (node === undefined) return '';
  if (typeof node === 'string') return node.replace(/\$\{/g, '<').replace(/\}/g, '>');
  if (node['Fn::Join']) {
    const [delimiter, items] = node['Fn::Join'] as [string, Cfn[]];
    return items.map(flatten).join(delimiter);
  }
  if (node['Fn::Sub']) return flatten(node['Fn::Sub']);
  if (node['Fn::GetAtt']) {
    const [resource, attribute] = node['Fn::GetAtt'] as [Cfn, Cfn];
    return `<${flatten(resource)}.${flatten(attribute)}>`;
  }
  if (node['Fn::ImportValue']) return flatten(node['Fn::ImportValue']);
  if (node.Ref) return `<${flatten(node.Ref)}>`;
  return JSON.stringify(node);
}

/** The finding id cdk-nag reports for a wildcard `resource` in a policy of `scope`'s stack. */
export function wildcardResourceFinding(scope: IConstruct, resource: string): string {
  return `AwsSolutions-IAM5[Resource::${flatten(Stack.of(scope).resolve(resource))}]`;
}

/**
 * Acknowledges the IAM5 finding of a wildcard `resource` on `scope` (a role, a policy, a state
 * machine). Built from the very value the policy statement uses, resolved in `scope`'s stack, so the
 * acknowledgement matches whether the stack's region and account are concrete (the CDK CLI) or
 * tokens (an app built in-process without an environment).
 */
export function acknowledgeWildcardResource(scope: IConstruct, resource: string, reason: string): void {
  Validations.of(scope).acknowledge({ id: wildcardResourceFinding(scope, resource), reason });
}
