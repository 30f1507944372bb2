import type { PreTokenGenerationTriggerEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { handler } from '../../functions/auth/pre-token-generation.js';
import { api } from '../support/api.js';
import * as fx from '../support/fixtures.js';
import { testContext } from '../support/lambda-context.js';

const signIn = (email: string) =>
  handler(
    {
      version: '1',
      triggerSource: 'TokenGeneration_Authentication',
      region: 'us-east-1',
      userPoolId: 'us-east-1_local',
      userName: email,
      callerContext: { awsSdkVersion: 'x', clientId: 'client' },
      request: { userAttributes: { email }, groupConfiguration: { groupsToOverride: [] } },
      response: { claimsOverrideDetails: {} },
    } as unknown as PreTokenGenerationTriggerEvent,
    testContext('pre-token-generation'),
  );

describe('Cognito pre-token-generation trigger', () => {
  it('puts staff_id in the ID token of active staff, and refuses everyone else', async () => {
    const a = await fx.buildAgency();
    const email = (await api('GET', '/me', { token: a.ae.token })).body.email;
    const event = await signIn(email.toUpperCase());
    expect(event.response.claimsOverrideDetails?.claimsToAddOrOverride).toEqual({
      staff_id: a.ae.staff.staffId,
    });

    await expect(signIn('nobody@agency.example')).rejects.toThrow(/Not an active staff member/);

    const current = await api('GET', `/staff/${a.rep.staff.staffId}`, { token: a.head.token });
    fx.expectStatus(
      await api('PATCH', `/staff/${a.rep.staff.staffId}`, {
        token: a.head.token,
        body: { active: false },
        headers: { 'if-match': current.headers.get('etag')! },
      }),
      200,
    );
    await expect(signIn(current.body.email)).rejects.toThrow(/Not an active staff member/);
  });
});
