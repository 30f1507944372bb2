/** Local SES (aws-ses-v2-local, in-process): SES v1/v2 API plus an inbox at `/` and `/store`. */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PortInUseError } from './ports.js';
import type { LocalService } from './services.js';

type SesServerFactory = (config?: { host?: string; port?: number }) => Promise<Server>;

export const sesService: LocalService = {
  name: 'ses',
  async start({ port }) {
    const mod = (await import('aws-ses-v2-local')) as unknown as {
      default: SesServerFactory | { default: SesServerFactory };
    };
    const factory = typeof mod.default === 'function' ? mod.default : mod.default.default;
    const server = await factory({ host: '127.0.0.1', port });
    const address = server.address() as AddressInfo | null;
    if (!address) throw new PortInUseError(port, 'local SES', '--ses-port or AD_SES_PORT');
    const actual = address.port;
    const endpoint = `http://127.0.0.1:${actual}`;
    return {
      endpoint,
      env: { AWS_ENDPOINT_URL_SESV2: endpoint, AWS_ENDPOINT_URL_SES: endpoint },
      info: { inboxUrl: `${endpoint}/`, storeUrl: `${endpoint}/store`, port: actual },
      stop: () =>
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections?.();
        }),
    };
  },
};
