// How a simulator of ours listens: plain HTTP, or HTTPS asking for a client certificate
// signed by the test CA (mutual TLS, as the national services require); on a loopback port (0 in
// tests); closed with every open connection cut, so a test's `close()` never waits on a
// keep-alive socket. Shared by the DMP and INSi simulators.
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';

export interface SimulatorListenOptions {
  /** Mutual TLS: the server's key and certificate, and the CA its clients' certificates must chain to. */
  tls?: { key: string; cert: string; ca: string } | undefined;
  port?: number | undefined;
  host?: string | undefined;
}

export interface ListeningSimulator {
  readonly server: Server;
  /** `http(s)://host:port` as clients reach it. */
  readonly origin: string;
  /** Cuts every open connection and stops listening. */
  close(): Promise<void>;
}

export async function listenSimulator(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
  options: SimulatorListenOptions,
): Promise<ListeningSimulator> {
  const server: Server = options.tls
    ? createHttpsServer({ key: options.tls.key, cert: options.tls.cert, ca: options.tls.ca, requestCert: true, rejectUnauthorized: true }, handler)
    : createHttpServer(handler);
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    server,
    origin: `${options.tls ? 'https' : 'http'}://${host}:${address.port}`,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
