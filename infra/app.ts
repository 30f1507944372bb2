import { App } from 'aws-cdk-lib';
import { addNagChecks, buildAccountDeskStack, parseStage } from './build-app.js';

const app = new App();
const stage = parseStage(app.node.tryGetContext('stage'));
buildAccountDeskStack(app, {
  stage,
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
});
addNagChecks(app);
app.synth();
