/**
 * The console's origin, locally — what CloudFront is in AWS: the built console (web/dist) with SPA
 * routing and the same Content-Security-Policy, the HTTP API under /api and the client's approval
 * pages under /approve (sent on to the local API), plus the local sign-in that stands in for
 * Cognito managed login: a page listing the staff, a session cookie, and tokens from the local
 * issuer handed to the console, which keeps them in memory.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import {
  approvalPagePrefix,
  consoleApiPrefix,
  consoleContentSecurityPolicy,
  documentLinkPrefix,
} from '../constructs/console-headers.js';
import type { LocalHttpApi } from './http-api.js';

export interface LocalStaffMember {
  staffId: string;
  email: string;
  name: string;
  role: string;
  active: boolean;
}

export interface ConsoleServerOptions {
  port: number;
  host?: string;
  /**
   * The local HTTP API the console's /api and /approve go to, called in-process with the
   * browser's own address (CloudFront's viewer), so the approval links' per-address throttle and
   * the evidence see the client, not this server.
   */
  api: Pick<LocalHttpApi, 'handle'>;
  /** Local S3 (presigned uploads and previews): allowed by the CSP. */
  s3Url: string;
  /** The built console; a missing build answers a page saying how to build it. */
  distDir: string;
  agencyName?: string;
  /** Everyone who may sign in locally (active staff first). */
  listStaff: () => Promise<LocalStaffMember[]>;
  /** A token for a staff member, as the local issuer mints it (`lifetimeSeconds`). */
  mintToken: (staff: { staffId: string; email: string }, lifetimeSeconds: number) => Promise<string>;
}

export interface LocalConsoleServer {
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

/** Local tokens live an hour, as Cognito's do, so the console's silent renewal is exercised. */
const TOKEN_SECONDS = 60 * 60;
const SESSION_COOKIE = 'ad_local_session';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

const escapeHtml = (value: string) =>
  value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

/** Only a path on this origin may be returned to after signing in. */
const safeReturn = (value: string | null | undefined) =>
  value?.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\') ? value : '/';

function readBytes(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

const readBody = async (req: IncomingMessage) => (await readBytes(req)).toString('utf8');

function cookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

/** The sign-in page's look, served as a file: the console's CSP (style-src 'self') refuses inline styles. */
const signInStyles = `body{font-family:system-ui,sans-serif;max-width:720px;margin:0 auto;padding:1rem;color:#111}
.local{background:#fde68a;color:#422006;padding:.6rem 1rem;border-radius:4px;font-weight:600}
ul{list-style:none;padding:0}li{margin:.4rem 0}button{width:100%;text-align:left;padding:.6rem .8rem;font:inherit;border:1px solid #6b7280;border-radius:4px;background:#fff;cursor:pointer}
button span{color:#4b5563}button:focus-visible{outline:3px solid #f59e0b}`;

function signInPage(staff: LocalStaffMember[], returnTo: string, agencyName: string | undefined): string {
  const buttons = staff
    .filter((s) => s.active)
    .map(
      (s) =>
        `<li><button type="submit" name="email" value="${escapeHtml(s.email)}"><strong>${escapeHtml(s.name)}</strong> <span>${escapeHtml(
          s.role.replaceAll('_', ' '),
        )} · ${escapeHtml(s.email)}</span></button></li>`,
    )
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Local sign-in · Account Desk</title>
<link rel="icon" href="data:,"><link rel="stylesheet" href="/local/sign-in.css"></head>
<body><main>
<p class="local" role="note">LOCAL SIGN-IN — for the local stack only. Nobody checks a password here; on AWS, staff sign in with Cognito.</p>
<h1>Sign in to Account Desk${agencyName ? ` · ${escapeHtml(agencyName)}` : ''}</h1>
<p>Choose who you are. Each person sees and may do what their role allows.</p>
<form method="post" action="/local/sign-in">
<input type="hidden" name="return" value="${escapeHtml(returnTo)}">
${buttons ? `<ul>${buttons}</ul>` : '<p>No staff yet: start with <code>npm start</code> (demo data) or appoint staff through the API.</p>'}
</form>
</main></body></html>`;
}

export async function startConsoleServer(options: ConsoleServerOptions): Promise<LocalConsoleServer> {
  const host = options.host ?? '127.0.0.1';
  /** Session id → who signed in (kept in memory: a restart signs everyone out). */
  const sessions = new Map<string, { staffId: string; email: string }>();
  const csp = consoleContentSecurityPolicy({ files: [options.s3Url], signIn: [] });
  const pageHeaders = {
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'same-origin',
  };
  const config = JSON.stringify({
    signIn: {
      kind: 'local',
      signInUrl: '/local/sign-in',
      tokenUrl: '/local/token',
      signOutUrl: '/local/sign-out',
    },
    agencyName: options.agencyName,
  });

  /** /api/*, /approve/* and /documents/* go on to the HTTP API (the prefix /api removed, as CloudFront's function does). */
  async function forward(req: IncomingMessage, res: ServerResponse, path: string) {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(',') : value;
    }
    const body = await readBytes(req);
    const result = await options.api.handle({
      method: req.method ?? 'GET',
      url: path,
      headers,
      body: body.length ? body : undefined,
      sourceIp: (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, ''),
    });
    res.writeHead(result.statusCode, { ...result.headers, 'content-length': String(result.body.length) });
    res.end(req.method === 'HEAD' ? undefined : result.body);
  }

  function serveFile(res: ServerResponse, file: string, method: string) {
    const immutable = file.includes(`${join('dist', 'assets')}`);
    res.writeHead(200, {
      'content-type': types[extname(file)] ?? 'application/octet-stream',
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      ...pageHeaders,
    });
    res.end(method === 'HEAD' ? undefined : readFileSync(file));
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://local');
    const path = url.pathname;
    const method = req.method ?? 'GET';

    if (path === consoleApiPrefix || path.startsWith(`${consoleApiPrefix}/`)) {
      return await forward(req, res, `${path.slice(consoleApiPrefix.length) || '/'}${url.search}`);
    }
    if (path.startsWith(`${approvalPagePrefix}/`) || path.startsWith(`${documentLinkPrefix}/`)) {
      return await forward(req, res, `${path}${url.search}`);
    }

    if (path === '/config.json') {
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      return res.end(config);
    }
    if (path === '/local/sign-in.css') {
      res.writeHead(200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'no-cache' });
      return res.end(signInStyles);
    }
    if (path === '/local/sign-in' && method === 'GET') {
      const staff = await options.listStaff();
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        ...pageHeaders,
      });
      return res.end(signInPage(staff, safeReturn(url.searchParams.get('return')), options.agencyName));
    }
    if (path === '/local/sign-in' && method === 'POST') {
      const form = new URLSearchParams(await readBody(req));
      const email = (form.get('email') ?? '').toLowerCase();
      const member = (await options.listStaff()).find((s) => s.email === email && s.active);
      if (!member) {
        res.writeHead(303, { location: '/local/sign-in' });
        return res.end();
      }
      const session = randomBytes(24).toString('base64url');
      sessions.set(session, { staffId: member.staffId, email: member.email });
      res.writeHead(303, {
        location: safeReturn(form.get('return')),
        'set-cookie': `${SESSION_COOKIE}=${session}; Path=/; HttpOnly; SameSite=Strict`,
      });
      return res.end();
    }
    if (path === '/local/token' && method === 'POST') {
      const who = sessions.get(cookie(req, SESSION_COOKIE) ?? '');
      const member = who && (await options.listStaff()).find((s) => s.staffId === who.staffId && s.active);
      // Nobody signed in yet is the console's first question, not an error: no content (a 401
      // would be logged in the browser's console on every first visit).
      if (!member) {
        res.writeHead(204, { 'cache-control': 'no-store' });
        return res.end();
      }
      const idToken = await options.mintToken(member, TOKEN_SECONDS);
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      return res.end(JSON.stringify({ idToken, expiresAt: Math.floor(Date.now() / 1000) + TOKEN_SECONDS }));
    }
    if (path === '/local/sign-out' && method === 'POST') {
      sessions.delete(cookie(req, SESSION_COOKIE) ?? '');
      res.writeHead(204, {
        'set-cookie': `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`,
      });
      return res.end();
    }

    if (method !== 'GET' && method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' });
      return res.end();
    }
    const index = join(options.distDir, 'index.html');
    if (!existsSync(index)) {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
      return res.end(
        'The console is not built: run `npm run console:build` (npm start builds it when it starts).',
      );
    }
    // A file of the build, else (a console page) index.html — CloudFront's SPA routing.
    const file = normalize(join(options.distDir, decodeURIComponent(path)));
    if (file.startsWith(options.distDir) && existsSync(file) && statSync(file).isFile()) {
      return serveFile(res, file, method);
    }
    if (/\.[a-z0-9]+$/i.test(path)) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      return res.end('Not found');
    }
    return serveFile(res, index, method);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error('[console] request failed:', error);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('Internal error');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    server,
    port,
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
