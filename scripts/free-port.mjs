// A free TCP port: listen on port 0, read the port the system gave, close. For what must know its
// port before it starts (the demo's page origin, a PostgreSQL cluster's -p).
import { createServer } from 'node:net';

/** A free TCP port on `host` (default loopback). */
export function freePort(host = '127.0.0.1') {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, host, () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (probe.address());
      probe.close(() => resolve(port));
    });
  });
}
