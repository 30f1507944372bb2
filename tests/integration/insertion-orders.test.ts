/**
 * Documents people need (issue 10 §1): a booking's insertion order is emailed, when the booking
 * is made, to the vendor's booking contact and to the buyer — in the body (HTML and text) and as
 * a link through the API (`/documents/{token}`), never a presigned URL baked into the mail. The
 * vendor signs in nowhere: their link names them, the booking and the exact order (SHA-256), it
 * expires, and it stops opening the file once the booking is cancelled. The order is also
 * downloadable through the API by staff of the client.
 */
import { createHash, randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { api } from '../support/api.js';
import * as fx from '../support/fixtures.js';
import * as md from '../support/media.js';
import * as rv from '../support/reviews.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const documentLink = /https?:\/\/[^\s"<>]+\/documents\/[A-Za-z0-9_-]{43}/;

let s: md.MediaSetup;
let booking: fx.Json;
let vendorContact: { name: string; email: string };

beforeAll(async () => {
  s = await md.mediaReady();
  const schedule = await md.confirmedSchedule(s);
  vendorContact = { name: 'Vera Vendor', email: `bookings-${randomUUID().slice(0, 8)}@vendor.example` };
  const res = await api('POST', `/media-campaigns/${s.campaign.campaignId}/bookings`, {
    token: s.agency.ae.token,
    body: {
      planId: schedule.plan.planId,
      version: schedule.version.number,
      lineIds: ['L002'],
      vendorContact,
      notes: 'Homepage takeover, first week.',
    },
  });
  fx.expectStatus(res, 201, 'POST booking');
  booking = res.body;
}, 60_000);

describe('the insertion order', () => {
  it('is emailed to the vendor’s booking contact and to the buyer, in the body and as a link through the API', async () => {
    expect(booking.vendorContact).toEqual(vendorContact);
    expect(booking.insertionOrderSentAt).toBeTruthy();
    const [toVendor] = await rv.mailsTo(vendorContact.email);
    expect(toVendor, 'the vendor’s email').toBeDefined();
    expect(toVendor!.subject).toContain('Insertion order for AdNet');
    for (const body of [toVendor!.text, toVendor!.html]) {
      expect(body).toContain('Homepage banner');
      expect(body).toContain('$12.50 CPM (per 1,000 impressions)');
      expect(body).toContain('$25,000.00');
      expect(body).toContain(booking.bookingId);
    }
    expect(toVendor!.text).toContain(
      `Please confirm the order, and the material you need for each placement, to ${s.agency.ae.staff.name}`,
    );
    expect(toVendor!.text).not.toMatch(/X-Amz-Signature/);
    const buyerMails = (await rv.mailsTo(s.agency.ae.staff.email)).filter((m) =>
      m.subject.includes('Insertion order'),
    );
    expect(buyerMails).toHaveLength(1);
    expect(buyerMails[0]!.text).toContain(
      `this insertion order went to ${vendorContact.name} (${vendorContact.email})`,
    );
    // Each has their own link.
    const vendorLink = toVendor!.text.match(documentLink)?.[0];
    const buyerLink = buyerMails[0]!.text.match(documentLink)?.[0];
    expect(vendorLink).toBeTruthy();
    expect(buyerLink).toBeTruthy();
    expect(vendorLink).not.toBe(buyerLink);
  });

  it('opens, through the vendor’s link, exactly the order booked: checked and presigned on the click', async () => {
    const [toVendor] = await rv.mailsTo(vendorContact.email);
    const link = toVendor!.text.match(documentLink)![0];
    const click = await fetch(link, { redirect: 'manual' });
    expect(click.status).toBe(303);
    expect(click.headers.get('referrer-policy')).toBe('no-referrer');
    const file = await fetch(click.headers.get('location')!);
    const html = await file.text();
    expect(sha256(html)).toBe(booking.insertionOrder.sha256);
    expect(html).toContain(`attention of ${vendorContact.name}`);
    expect(file.headers.get('content-disposition')).toMatch(/^attachment; filename="insertion-order-adnet-/);
    expect((await fetch(link, { method: 'HEAD', redirect: 'manual' })).status).toBe(303);
  });

  it('is downloadable through the API by the client’s staff, and by no one else', async () => {
    const path = `/media-campaigns/${s.campaign.campaignId}/bookings/${booking.bookingId}/insertion-order`;
    const res = await api('GET', path, { token: s.agency.am.token });
    fx.expectStatus(res, 200, `GET ${path}`);
    expect(res.body).toMatchObject({
      sha256: booking.insertionOrder.sha256,
      contentType: 'text/html; charset=utf-8',
    });
    expect(sha256(await (await fetch(res.body.url)).text())).toBe(booking.insertionOrder.sha256);
    fx.expectProblem(await api('GET', path, { token: (await fx.buildAgency()).ae.token }), 404);
  });

  it('is sent again on request, with fresh links', async () => {
    const before = (await rv.mailsTo(vendorContact.email)).length;
    const res = await api(
      'POST',
      `/media-campaigns/${s.campaign.campaignId}/bookings/${booking.bookingId}/insertion-order/send`,
      { token: s.agency.ae.token },
    );
    fx.expectStatus(res, 200, 'POST …/insertion-order/send');
    expect(res.body.insertionOrderSentAt > booking.insertionOrderSentAt).toBe(true);
    booking = res.body;
    const after = await rv.mailsTo(vendorContact.email);
    expect(after).toHaveLength(before + 1);
    expect(after.at(-1)!.text.match(documentLink)?.[0]).not.toBe(after[0]!.text.match(documentLink)?.[0]);
  });

  it('stops opening for the vendor once the booking is cancelled', async () => {
    const [toVendor] = await rv.mailsTo(vendorContact.email);
    const link = toVendor!.text.match(documentLink)![0];
    const cancelled = await api(
      'PATCH',
      `/media-campaigns/${s.campaign.campaignId}/bookings/${booking.bookingId}`,
      {
        token: s.agency.ae.token,
        headers: { 'if-match': `"${booking.version}"` },
        body: { status: 'cancelled' },
      },
    );
    fx.expectStatus(cancelled, 200, 'PATCH booking');
    const refused = await fetch(link, { redirect: 'manual' });
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('This order was cancelled');
    // A vendor whose browser asks for Spanish reads the page, and why, in Spanish.
    const spanish = { 'accept-language': 'es-MX,es;q=0.9' };
    const refusedInSpanish = await fetch(link, { redirect: 'manual', headers: spanish });
    expect(refusedInSpanish.status).toBe(403);
    expect(refusedInSpanish.headers.get('content-language')).toBe('es');
    expect(await refusedInSpanish.text()).toContain(
      'Esta reserva se canceló: la orden de inserción ya no es válida.',
    );
    const unknownInSpanish = await fetch(`${link}x`, { redirect: 'manual', headers: spanish });
    expect(unknownInSpanish.status).toBe(404);
    expect(await unknownInSpanish.text()).toContain('Este enlace no es válido o ha caducado');
    fx.expectProblem(
      await api(
        'POST',
        `/media-campaigns/${s.campaign.campaignId}/bookings/${booking.bookingId}/insertion-order/send`,
        {
          token: s.agency.ae.token,
        },
      ),
      409,
      'booking_cancelled',
    );
  });

  it('needs a vendor booking contact to be booked', async () => {
    const schedule = await md.confirmedSchedulePlain(s, '2027-04');
    const res = await api('POST', `/media-campaigns/${s.campaign.campaignId}/bookings`, {
      token: s.agency.ae.token,
      body: { planId: schedule.plan.planId, version: schedule.version.number, lineIds: ['L001'] },
    });
    fx.expectProblem(res, 400, 'validation_failed');
    expect(fx.problemFields(res)).toEqual(['body.vendorContact']);
  });
});
