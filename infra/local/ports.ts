import { type AddressInfo, createServer, type Server } from 'node:net';

/** Resolves when `port` can be bound on `host`; rejects with the OS error code otherwise. */
export function probePort(port: number, host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ port, host, exclusive: true }, () => {
      const address = server.address();
      const bound = typeof address === 'object' && address ? address.port : port;
      server.close(() => resolve(bound));
    });
  });
}

/** A port the OS says is free right now (for `port: 0` on servers that need a number). */
export const freePort = (host = '127.0.0.1'): Promise<number> => probePort(0, host);

export class PortInUseError extends Error {
  constructor(
    readonly port: number,
    readonly what: string,
    readonly hint: string,
  ) {
    super(`Port ${port} (${what}) is already in use: stop whatever uses it, or choose another with ${hint}.`);
    this.name = 'PortInUseError';
  }
}

/** Checks a fixed port is free; throws a one-line PortInUseError naming the flag/env to change it. */
export async function assertPortFree(port: number, what: string, hint: string): Promise<void> {
  if (port === 0) return;
  try {
    await probePort(port);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES') throw new PortInUseError(port, what, hint);
    throw error;
  }
}

/**
 * Binds a local service's server to `port` on 127.0.0.1 (0 = any free port); resolves with the
 * bound port, rejects with a PortInUseError when it is taken.
 */
export function listenLocal(server: Server, port: number, what: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') reject(new PortInUseError(port, what, 'its port option'));
      else reject(error);
    });
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}
