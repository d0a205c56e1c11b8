/**
 * A simulator's server on 127.0.0.1, as the tests use it: listening on a port of its choice (0:
 * any free one), and taken away with every open connection cut, as a server that goes down
 * would, so it can come back on the same port.
 */
import type { Server } from 'node:http';

export function listenOnLoopback(server: Server, port: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}

export async function stopServer(server: Server): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections();
  await closed;
}
