import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A reverse proxy like the nginx of docs/deployment.md (`proxy_set_header X-Forwarded-For
 * $proxy_add_x_forwarded_for`): it appends the client's address to X-Forwarded-For. All test
 * clients reach it from 127.0.0.1, so a test names the client address it plays in the
 * `x-test-peer` header (stripped before forwarding); without it the peer is 127.0.0.1.
 */
export const TEST_PEER_HEADER = 'x-test-peer';

export class ForwardingProxy {
  private constructor(private readonly server: Server) {}

  static async start(targetPort: number): Promise<ForwardingProxy> {
    const server = createServer((req, res) => {
      const headers = { ...req.headers };
      const peer = String(headers[TEST_PEER_HEADER] ?? req.socket.remoteAddress);
      delete headers[TEST_PEER_HEADER];
      const prior = headers['x-forwarded-for'];
      headers['x-forwarded-for'] = prior ? `${String(prior)}, ${peer}` : peer;
      const upstream = request(
        { host: '127.0.0.1', port: targetPort, method: req.method, path: req.url, headers },
        (reply) => {
          res.writeHead(reply.statusCode ?? 502, reply.headers);
          reply.pipe(res);
        },
      );
      upstream.on('error', () => res.writeHead(502).end());
      req.pipe(upstream);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return new ForwardingProxy(server);
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
