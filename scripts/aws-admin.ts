/**
 * One-off administration of a deployed stack (needs AWS credentials):
 *
 *   npm run aws:admin -- bootstrap-head --email head@agency.com --name "Ana Ruiz" [--stage dev]
 *     creates the first head of account services in the table and their Cognito user;
 *   npm run aws:admin -- invite --email ae@agency.com [--stage dev]
 *     creates the Cognito user of someone already appointed through POST /staff.
 *
 * Cognito emails each new user a temporary password; the pre-token-generation trigger
 * only lets active staff sign in.
 */
import { parseArgs } from 'node:util';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import {
  AdminCreateUserCommand,
  CognitoIdentityProviderClient,
  UsernameExistsException,
} from '@aws-sdk/client-cognito-identity-provider';
import { outputKeys, stackName } from '../infra/build-app.js';
import { parseStage } from '../infra/stage.js';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { email: { type: 'string' }, name: { type: 'string' }, stage: { type: 'string', default: 'dev' } },
});
const command = positionals[0];
const email = values.email?.toLowerCase();
if (
  !email ||
  (command !== 'bootstrap-head' && command !== 'invite') ||
  (command === 'bootstrap-head' && !values.name)
) {
  console.error(
    'usage: aws-admin bootstrap-head --email E --name N [--stage S] | invite --email E [--stage S]',
  );
  process.exit(2);
}

const stack = stackName(parseStage(values.stage));
const described = await new CloudFormationClient({}).send(new DescribeStacksCommand({ StackName: stack }));
const outputs = Object.fromEntries(
  (described.Stacks?.[0]?.Outputs ?? []).map((o) => [o.OutputKey, o.OutputValue]),
);
const tableName = outputs[outputKeys.tableName];
const userPoolId = outputs[outputKeys.userPoolId];
if (!tableName || !userPoolId)
  throw new Error(`Stack ${stack} has no ${outputKeys.tableName}/${outputKeys.userPoolId} outputs`);
process.env.TABLE_NAME = tableName;

const { bootstrapHeadOfAccounts, findStaffByEmail } = await import('../shared/accounts/index.js');
const staff =
  command === 'bootstrap-head'
    ? await bootstrapHeadOfAccounts({ email, name: values.name! })
    : await findStaffByEmail(email);
if (!staff?.active) {
  console.error(`${email} is not an active staff member: appoint them with POST /staff first.`);
  process.exit(1);
}

try {
  await new CognitoIdentityProviderClient({}).send(
    new AdminCreateUserCommand({
      UserPoolId: userPoolId,
      Username: email,
      UserAttributes: [
        { Name: 'email', Value: email },
        { Name: 'email_verified', Value: 'true' },
      ],
      DesiredDeliveryMediums: ['EMAIL'],
    }),
  );
  console.log(
    `${staff.name} (${staff.role}, ${staff.staffId}) can now sign in as ${email}; Cognito sent a temporary password.`,
  );
} catch (error) {
  if (!(error instanceof UsernameExistsException)) throw error;
  console.log(`${email} already has a sign-in; staff record ${staff.staffId} is ${staff.role}.`);
}
