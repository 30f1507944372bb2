import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { handler as uploadEvents } from '../../functions/drafts/upload-events.js';
import { api } from '../support/api.js';
import * as fx from '../support/fixtures.js';
import { testContext } from '../support/lambda-context.js';
import { png } from '../support/media-samples.js';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

let a: fx.Agency;
let jobId: string;

beforeAll(async () => {
  a = await fx.buildAgency();
  const { client, brand } = await fx.readyClient(a.ad, [a.ad, a.am, a.ae, a.rep, a.creative]);
  jobId = (await fx.openJob(a.ae, client.clientId, brand.brandId)).jobId;
});

describe('creative drafts in S3', () => {
  let draftId: string;
  const v1 = png(1080, 1920);

  it('opens a draft with its specs and a presigned upload for version 1', async () => {
    const res = await api('POST', `/jobs/${jobId}/drafts`, {
      token: a.creative.token,
      body: {
        title: 'Key visual',
        kind: 'artwork',
        specs: fx.artworkSpecs,
        file: { name: 'kv.png', contentType: 'image/png' },
      },
    });
    fx.expectStatus(res, 201);
    draftId = res.body.draft.draftId;
    expect(res.headers.get('location')).toBe(`/drafts/${draftId}`);
    expect(res.body.version).toMatchObject({
      number: 1,
      status: 'awaiting_upload',
      declaredContentType: 'image/png',
    });
    expect(res.body.upload.fields['Content-Type']).toBe('image/png');
    expect(res.body.upload.fields.key).toBe(res.body.version.objectKey);
    expect(new Date(res.body.upload.expiresAt).getTime() - Date.now()).toBeLessThanOrEqual(15 * 60 * 1000);
    await fx.uploadFile(res.body.upload, v1, 'image/png');
  });

  it('records the upload once: size, type, SHA-256 and a passing spec check', async () => {
    const res = await api('POST', `/drafts/${draftId}/versions/1/complete`, { token: a.creative.token });
    fx.expectStatus(res, 200);
    expect(res.body).toMatchObject({ status: 'uploaded', size: v1.length, sha256: sha256(v1) });
    expect(res.body.specCheck).toMatchObject({ result: 'pass', reasons: [] });
    expect(res.body.specCheck.facts).toMatchObject({
      detectedType: 'image/png',
      widthPx: 1080,
      heightPx: 1920,
      bytes: v1.length,
    });
    const again = await api('POST', `/drafts/${draftId}/versions/1/complete`, { token: a.ae.token });
    expect(again.body).toEqual(res.body);
  });

  it('gives each version its own key and checks it against the specs', async () => {
    const next = await api('POST', `/drafts/${draftId}/versions`, {
      token: a.ae.token,
      body: { file: { name: 'kv-wide.png', contentType: 'image/png' } },
    });
    fx.expectStatus(next, 201);
    expect(next.body.version.number).toBe(2);
    expect(next.body.draft.latestVersion).toBe(2);
    await fx.uploadFile(next.body.upload, png(1200, 1920), 'image/png');
    const recorded = await api('POST', `/drafts/${draftId}/versions/2/complete`, { token: a.ae.token });
    expect(recorded.body.specCheck.result).toBe('fail');
    expect(recorded.body.specCheck.reasons.map((r: { rule: string }) => r.rule)).toContain('width');

    const draft = (await api('GET', `/drafts/${draftId}`, { token: a.rep.token })).body;
    expect(draft.versions.map((v: { number: number }) => v.number)).toEqual([1, 2]);
    expect(new Set(draft.versions.map((v: { objectKey: string }) => v.objectKey)).size).toBe(2);
  });

  it('downloads exactly the recorded bytes of an older version', async () => {
    const res = await api('GET', `/drafts/${draftId}/versions/1/download`, { token: a.rep.token });
    fx.expectStatus(res, 200);
    expect(res.body.sha256).toBe(sha256(v1));
    const file = new Uint8Array(await (await fetch(res.body.url)).arrayBuffer());
    expect(sha256(file)).toBe(sha256(v1));
  });

  it('records an upload from the S3 event, the same way, and refuses one that has not arrived', async () => {
    const next = (await api('POST', `/drafts/${draftId}/versions`, { token: a.ae.token, body: {} })).body;
    expect(next.version.declaredContentType).toBe('image/png');
    fx.expectProblem(
      await api('POST', `/drafts/${draftId}/versions/3/complete`, { token: a.ae.token }),
      409,
      'upload_missing',
    );
    fx.expectProblem(
      await api('GET', `/drafts/${draftId}/versions/3/download`, { token: a.ae.token }),
      409,
      'not_uploaded',
    );
    const bytes = png(1080, 1920);
    await fx.uploadFile(next.upload, bytes, 'image/png');
    await uploadEvents(
      {
        version: '0',
        id: 'event',
        'detail-type': 'Object Created',
        source: 'aws.s3',
        account: '000000000000',
        time: new Date().toISOString(),
        region: 'us-east-1',
        resources: [],
        detail: { bucket: { name: 'drafts' }, object: { key: next.version.objectKey } },
      },
      testContext('draft-uploads'),
    );
    const draft = (await api('GET', `/drafts/${draftId}`, { token: a.ae.token })).body;
    expect(draft.versions[2]).toMatchObject({
      status: 'uploaded',
      sha256: sha256(bytes),
      specCheck: { result: 'pass' },
    });
  });

  it('lists a job’s drafts, and audits every step', async () => {
    const list = await api('GET', `/jobs/${jobId}/drafts`, { token: a.am.token });
    expect(list.body.items.map((d: { draftId: string }) => d.draftId)).toContain(draftId);
    const clientId = draftId.split('_')[0];
    const actions = (await fx.listAll(`/clients/${clientId}/activity`, a.ad)).map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(['draft.created', 'draft.version_requested', 'draft.version_uploaded']),
    );
  });

  it('refuses bad specs and server-set fields, and people who may not make drafts', async () => {
    fx.expectProblem(
      await api('POST', `/jobs/${jobId}/drafts`, { token: a.ae.token, body: { title: 'x', kind: 'poster' } }),
      400,
      'validation_failed',
    );
    fx.expectProblem(
      await api('POST', `/jobs/${jobId}/drafts`, {
        token: a.ae.token,
        body: { title: 'x', kind: 'artwork', latestVersion: 7 },
      }),
      400,
      'validation_failed',
    );
    fx.expectProblem(
      await api('POST', `/jobs/${jobId}/drafts`, {
        token: a.ae.token,
        body: { title: 'x', kind: 'artwork', file: { name: '../../etc/passwd', contentType: 'image/png' } },
      }),
      400,
      'validation_failed',
    );
    fx.expectProblem(
      await api('POST', `/jobs/${jobId}/drafts`, {
        token: a.traffic.token,
        body: { title: 'x', kind: 'copy' },
      }),
      404,
    );
  });

  it('accepts only the media types the spec check can read, and file names that are names', async () => {
    const open = (file: { name: string; contentType: string }) =>
      api('POST', `/jobs/${jobId}/drafts`, { token: a.ae.token, body: { title: 'x', kind: 'layout', file } });
    for (const contentType of [
      'text/html',
      'application/xhtml+xml',
      'text/csv',
      'application/octet-stream',
    ]) {
      const res = await open({ name: 'page.html', contentType });
      fx.expectProblem(res, 400, 'validation_failed');
      expect(fx.problemFields(res)).toEqual(['body.file.contentType']);
    }
    const badNames = [
      '..',
      '.',
      'kv\r\n.png',
      'kv\u0007.png',
      'kv\u202Egnp.exe',
      '\u200B\u200C\u2060',
      'a/b.png',
    ];
    for (const name of badNames) {
      const res = await open({ name, contentType: 'image/png' });
      fx.expectProblem(res, 400, 'validation_failed');
      expect(fx.problemFields(res), JSON.stringify(name)).toEqual(['body.file.name']);
    }
    fx.expectProblem(
      await api('POST', `/jobs/${jobId}/drafts`, {
        token: a.ae.token,
        body: { title: 'x', kind: 'layout', specs: { fileTypes: ['text/html'] } },
      }),
      400,
      'validation_failed',
    );
    // Known types and their aliases, and names in any script, are fine.
    fx.expectStatus(await open({ name: 'Anuncio 横幅 — v2.jpg', contentType: 'image/jpg' }), 201);
  });

  it('records an upload only as declared: the stored type, a size above zero, and the declared key', async () => {
    const open = async (name: string, contentType: string) =>
      (
        await api('POST', `/jobs/${jobId}/drafts`, {
          token: a.ae.token,
          body: { title: name, kind: 'layout', file: { name, contentType } },
        })
      ).body;
    // Stored as text/html although declared a PDF (the local S3 enforces no policy; AWS would refuse it).
    const html = await open('brochure.pdf', 'application/pdf');
    await fx.uploadFile(
      { ...html.upload, fields: { ...html.upload.fields, 'Content-Type': 'text/html' } },
      new TextEncoder().encode('<script>alert(1)</script>'),
      'text/html',
    );
    const rejected = await api('POST', `/drafts/${html.draft.draftId}/versions/1/complete`, {
      token: a.ae.token,
    });
    expect(rejected.body).toMatchObject({
      status: 'rejected',
      rejection: 'The file was stored as text/html, not as the application/pdf declared for it.',
    });
    fx.expectProblem(
      await api('GET', `/drafts/${html.draft.draftId}/versions/1/download`, { token: a.ae.token }),
      409,
      'not_uploaded',
    );
    const empty = await open('empty.pdf', 'application/pdf');
    await fx.uploadFile(empty.upload, new Uint8Array(0), 'application/pdf');
    const none = await api('POST', `/drafts/${empty.draft.draftId}/versions/1/complete`, {
      token: a.ae.token,
    });
    expect(none.body).toMatchObject({ status: 'rejected', rejection: 'The file is empty.' });
    // An S3 event for another key under the version's folder is not the declared upload: nothing recorded.
    const other = await open('kv.png', 'image/png');
    await fx.uploadFile(other.upload, png(1080, 1920), 'image/png');
    await uploadEvents(
      {
        version: '0',
        id: 'event',
        'detail-type': 'Object Created',
        source: 'aws.s3',
        account: '000000000000',
        time: new Date().toISOString(),
        region: 'us-east-1',
        resources: [],
        detail: {
          bucket: { name: 'drafts' },
          object: { key: other.version.objectKey.replace(/kv\.png$/, 'evil.html') },
        },
      },
      testContext('draft-uploads'),
    );
    const untouched = (await api('GET', `/drafts/${other.draft.draftId}`, { token: a.ae.token })).body;
    expect(untouched.versions[0].status).toBe('awaiting_upload');
  });

  it('serves downloads as attachments, unless a previewable file its bytes confirm; never sniffed into a page', async () => {
    const png1 = await api('GET', `/drafts/${draftId}/versions/1/download`, { token: a.ae.token });
    fx.expectStatus(png1, 200);
    expect(png1.body).toMatchObject({ fileName: 'kv.png', contentType: 'image/png' });
    const shown = await fetch(png1.body.url);
    expect(shown.headers.get('content-type')).toBe('image/png');
    expect(shown.headers.get('content-disposition')).toMatch(/^inline; filename="kv.png"/);
    // A text script: downloaded, whatever it says.
    const script = (
      await api('POST', `/jobs/${jobId}/drafts`, {
        token: a.ae.token,
        body: {
          title: 'Radio script',
          kind: 'script',
          file: { name: 'script.txt', contentType: 'text/plain' },
        },
      })
    ).body;
    await fx.uploadFile(
      script.upload,
      new TextEncoder().encode('<html><script>alert(1)</script>'),
      'text/plain',
    );
    await api('POST', `/drafts/${script.draft.draftId}/versions/1/complete`, { token: a.ae.token });
    const link = await api('GET', `/drafts/${script.draft.draftId}/versions/1/download`, {
      token: a.ae.token,
    });
    fx.expectStatus(link, 200);
    const text = await fetch(link.body.url);
    expect(text.headers.get('content-disposition')).toMatch(/^attachment; filename="script.txt"/);
  });

  it('answers 404 to staff of another client, on every draft route', async () => {
    const other = await fx.buildAgency();
    const paths: [string, string][] = [
      ['GET', `/drafts/${draftId}`],
      ['POST', `/drafts/${draftId}/versions`],
      ['POST', `/drafts/${draftId}/versions/1/complete`],
      ['GET', `/drafts/${draftId}/versions/1/download`],
      ['GET', `/jobs/${jobId}/drafts`],
      ['POST', `/jobs/${jobId}/drafts`],
    ];
    for (const [method, path] of paths) {
      const res = await api(method, path, {
        token: other.ae.token,
        body: method === 'POST' && path.endsWith('/drafts') ? { title: 'x', kind: 'copy' } : undefined,
      });
      fx.expectProblem(res, 404, 'not_found');
    }
  });
});
