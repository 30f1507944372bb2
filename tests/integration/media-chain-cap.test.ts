/**
 * The media chain's one-year cap, on the local stack: a campaign whose recommendation the client
 * never confirms is reminded weekly, and after `chainMaxWaits` weeks the chain lapses by itself —
 * the execution succeeds in `Lapsed` (it never reaches the state machine's one-year timeout), the
 * team is told, and the campaign's activity records it. The weeks pass on the local Step Functions
 * clock, for this execution only.
 */
import { DescribeExecutionCommand, SFNClient } from '@aws-sdk/client-sfn';
import { describe, expect, inject, it } from 'vitest';
import { chainMaxWaits, chainReminderInterval } from '../../infra/constructs/media-chain-workflow.js';
import { api } from '../support/api.js';
import type * as fx from '../support/fixtures.js';
import * as media from '../support/media.js';
import * as rv from '../support/reviews.js';

describe('the media chain at its cap', () => {
  it('reminds weekly, then lapses cleanly before a year and tells the team', {
    timeout: 180_000,
  }, async () => {
    // A flight after the year the chain follows it, so the cap, not the flight's end, stops it.
    const s = await media.mediaSettled(undefined, { flightStart: '2028-06-01', flightEnd: '2028-07-31' });
    const { campaignId } = s.campaign;
    const arn = media.chainExecutionArn(campaignId);
    const week = chainReminderInterval.toMilliseconds();

    for (let waits = 1; waits <= chainMaxWaits; waits++) {
      expect(await rv.fireDeadlines(arn, week), `week ${waits}`).toBe(1);
      const parked = await media.chainParked(campaignId);
      expect(parked, `after week ${waits}`).toBe(waits < chainMaxWaits ? 'AwaitRecommendation' : 'SUCCEEDED');
    }

    const sfn = new SFNClient({ endpoint: inject('env').AWS_ENDPOINT_URL_SFN });
    const execution = await sfn.send(new DescribeExecutionCommand({ executionArn: arn }));
    expect(execution.status).toBe('SUCCEEDED');

    const mails = (await rv.mailsTo(s.agency.ae.staff.email)).filter((m) =>
      m.subject.includes(s.campaign.name),
    );
    expect(mails.filter((m) => m.subject.includes('Still waiting for a confirmation'))).toHaveLength(
      chainMaxWaits - 1,
    );
    const stopped = mails.filter((m) => m.subject.includes('Media chain stopped'));
    expect(stopped).toHaveLength(1);
    expect(stopped[0]!.text).toContain(`in ${chainMaxWaits} weeks`);

    const activity = await api('GET', `/clients/${s.client.clientId}/activity?limit=100`, {
      token: s.agency.ae.token,
    });
    expect(activity.body.items.map((e: fx.Json) => e.action)).toContain('media_campaign.chain_lapsed');
  });
});
