/**
 * Local SES: aws-ses-v2-local (in-process; SES v1/v2 API plus an inbox at `/` and `/store`) behind
 * a thin front that adds what the emulator lacks — SES's event publishing for the mailbox
 * simulator. An email sent through a configuration set whose template event destination is
 * EventBridge, to `bounce@simulator.amazonses.com` or `complaint@simulator.amazonses.com` (a
 * `+label` allowed, as in SES), produces the "Email Bounced" / "Email Complaint Received" event SES
 * would publish, with the message's tags, on the local EventBridge (`events` service) — so the same
 * bounce path runs locally as in AWS.
 *
 * The emulator keeps its inbox in memory; when the stack keeps its data (`npm start`), the front
 * also appends each sent email to `sent-emails.jsonl` in the service's data directory and puts
 * them back in the inbox on the next start, so an approval link sent before `Ctrl-C` can still be
 * opened after it, as the running reviews it belongs to are resumed.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, request, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { type Email, getStoreReadonly } from 'aws-ses-v2-local/dist/store.js';
import { EVENTS_SERVICE, type EventsInfo, type PutEventsEntry } from './events/service.js';
import { freePort, listenLocal, PortInUseError } from './ports.js';
import type { LocalService } from './services.js';
import { LOCAL_ACCOUNT_ID, type TemplateResolver } from './template.js';

type SesServerFactory = (config?: { host?: string; port?: number }) => Promise<Server>;

// biome-ignore lint/suspicious/noExplicitAny: SES request bodies are untyped JSON
type Json = any;

const SIMULATOR = /^(bounce|complaint)(\+[^@]*)?@simulator\.amazonses\.com$/i;

/** Configuration set name → the event types its EventBridge destinations publish (BOUNCE, COMPLAINT …). */
export function eventBridgeDestinations(resolver: TemplateResolver): Map<string, Set<string>> {
  const destinations = new Map<string, Set<string>>();
  for (const [, resource] of resolver.resourcesOfType('AWS::SES::ConfigurationSetEventDestination')) {
    const props = (resolver.resolve(resource.Properties ?? {}) ?? {}) as Json;
    const destination = props.EventDestination ?? {};
    if (!destination.EventBridgeDestination || destination.Enabled === false) continue;
    const types = destinations.get(props.ConfigurationSetName) ?? new Set<string>();
    for (const type of destination.MatchingEventTypes ?? []) types.add(String(type).toUpperCase());
    destinations.set(props.ConfigurationSetName, types);
  }
  return destinations;
}

/** The events SES would publish for a sent email's mailbox-simulator recipients. */
export function simulatorEvents(
  request: Json,
  messageId: string,
  destinations: Map<string, Set<string>>,
  now = new Date(),
): PutEventsEntry[] {
  const configurationSet: string | undefined = request?.ConfigurationSetName;
  const types = configurationSet ? destinations.get(configurationSet) : undefined;
  if (!types) return [];
  const recipients: string[] = [
    ...(request.Destination?.ToAddresses ?? []),
    ...(request.Destination?.CcAddresses ?? []),
    ...(request.Destination?.BccAddresses ?? []),
  ];
  const timestamp = now.toISOString();
  const from: string = request.FromEmailAddress ?? '';
  const mail = {
    timestamp,
    source: from,
    sendingAccountId: LOCAL_ACCOUNT_ID,
    messageId,
    destination: recipients,
    headersTruncated: false,
    tags: {
      'ses:configuration-set': [configurationSet],
      'ses:from-domain': [from.split('@')[1] ?? ''],
      ...Object.fromEntries(
        ((request.EmailTags ?? []) as { Name: string; Value: string }[]).map((t) => [t.Name, [t.Value]]),
      ),
    },
  };
  const entries: PutEventsEntry[] = [];
  for (const address of recipients) {
    const kind = SIMULATOR.exec(address)?.[1]?.toLowerCase();
    if (kind === 'bounce' && types.has('BOUNCE')) {
      entries.push({
        Source: 'aws.ses',
        DetailType: 'Email Bounced',
        Detail: {
          eventType: 'Bounce',
          mail,
          bounce: {
            feedbackId: `${messageId}-bounce`,
            bounceType: 'Permanent',
            bounceSubType: 'General',
            bouncedRecipients: [
              {
                emailAddress: address,
                action: 'failed',
                status: '5.1.1',
                diagnosticCode: 'smtp; 550 5.1.1 user unknown',
              },
            ],
            timestamp,
            reportingMTA: 'dns; local-ses',
          },
        },
      });
    }
    if (kind === 'complaint' && types.has('COMPLAINT')) {
      entries.push({
        Source: 'aws.ses',
        DetailType: 'Email Complaint Received',
        Detail: {
          eventType: 'Complaint',
          mail,
          complaint: {
            feedbackId: `${messageId}-complaint`,
            complaintFeedbackType: 'abuse',
            complainedRecipients: [{ emailAddress: address }],
            timestamp,
          },
        },
      });
    }
  }
  return entries;
}

/** Forwards a request to the emulator and answers with its response; resolves with that response's body. */
function forward(
  req: IncomingMessage,
  body: Buffer,
  res: ServerResponse,
  target: number,
): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const upstream = request(
      { host: '127.0.0.1', port: target, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => {
          const text = Buffer.concat(chunks);
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          res.end(text);
          resolve({ status: answer.statusCode ?? 502, body: text });
        });
        answer.on('error', reject);
      },
    );
    upstream.on('error', reject);
    upstream.end(body);
  });
}

/**
 * The inbox kept on disk: the emails of earlier runs put back in the emulator's store (as they
 * were, sent times included; not sent again), and each new one appended as it arrives.
 */
function keptInbox(dataDir: string) {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'sent-emails.jsonl');
  // The emulator's own store, module-wide: the only way into its inbox other than sending again.
  const inbox = getStoreReadonly().emails;
  if (existsSync(file)) {
    const earlier = readFileSync(file, 'utf8').split('\n').filter(Boolean);
    const known = new Set(inbox.map((email) => email.messageId));
    for (const line of earlier) {
      const email = JSON.parse(line) as Email;
      if (!known.has(email.messageId)) inbox.push(email);
    }
    inbox.sort((a, b) => a.at - b.at);
  }
  let written = inbox.length;
  return {
    keepNew() {
      const current = getStoreReadonly().emails;
      if (current.length <= written) return;
      appendFileSync(
        file,
        current
          .slice(written)
          .map((email) => `${JSON.stringify(email)}\n`)
          .join(''),
      );
      written = current.length;
    },
    clear() {
      writeFileSync(file, '');
      written = 0;
    },
  };
}

export const sesService: LocalService = {
  name: 'ses',
  async start({ port, resolver, started, log, dataDir, persist }) {
    const mod = (await import('aws-ses-v2-local')) as unknown as {
      default: SesServerFactory | { default: SesServerFactory };
    };
    const factory = typeof mod.default === 'function' ? mod.default : mod.default.default;
    const emulator = await factory({ host: '127.0.0.1', port: await freePort() });
    const emulatorPort = (emulator.address() as AddressInfo).port;
    const destinations = eventBridgeDestinations(resolver);
    const events = started[EVENTS_SERVICE]?.info as EventsInfo | undefined;
    const kept = persist ? keptInbox(dataDir) : undefined;

    const front = createServer((req, res) => {
      void (async () => {
        const chunks: Buffer[] = [];
        for await (const chunk of req) chunks.push(chunk as Buffer);
        const body = Buffer.concat(chunks);
        try {
          const answer = await forward(req, body, res, emulatorPort);
          if (kept && answer.status === 200) {
            if (req.method === 'POST' && req.url === '/clear-store') kept.clear();
            else kept.keepNew();
          }
          if (
            req.method === 'POST' &&
            req.url?.startsWith('/v2/email/outbound-emails') &&
            answer.status === 200
          ) {
            const messageId = String(JSON.parse(answer.body.toString('utf8')).MessageId ?? '');
            const entries = simulatorEvents(JSON.parse(body.toString('utf8')), messageId, destinations);
            if (entries.length > 0) {
              if (events) events.putEvents(entries);
              else log('[ses] a mailbox-simulator event has nowhere to go: no local EventBridge');
            }
          }
        } catch (error) {
          log(`[ses] ${error instanceof Error ? error.message : String(error)}`);
          if (!res.headersSent) res.writeHead(502).end();
        }
      })();
    });
    let actual: number;
    try {
      actual = await listenLocal(front, port, 'local SES');
    } catch (error) {
      emulator.close();
      if (error instanceof PortInUseError)
        throw new PortInUseError(port, 'local SES', '--ses-port or AD_SES_PORT');
      throw error;
    }
    const endpoint = `http://127.0.0.1:${actual}`;
    return {
      endpoint,
      env: { AWS_ENDPOINT_URL_SESV2: endpoint, AWS_ENDPOINT_URL_SES: endpoint },
      info: { inboxUrl: `${endpoint}/`, storeUrl: `${endpoint}/store`, port: actual },
      stop: async () => {
        for (const server of [front, emulator]) {
          await new Promise<void>((resolve) => {
            server.close(() => resolve());
            server.closeAllConnections?.();
          });
        }
      },
    };
  },
};
