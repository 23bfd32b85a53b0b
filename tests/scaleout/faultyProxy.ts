import { createConnection, createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A TCP proxy between the instances and PostgreSQL that fails the way networks do:
 *
 * - `refuse()`: every open connection is reset (RST) and new ones are reset on accept — a
 *   database restart or a firewall rejecting.
 * - `hang()`: bytes stop moving in both directions but every socket stays open, and new
 *   connections are accepted but get no answer — a network cut without a reset, the common
 *   case in a cloud. Nothing is dropped: what was sent meanwhile is buffered here.
 * - `restore()`: forwarding resumes; buffered bytes of a hang are delivered in order.
 */
type Mode = 'forward' | 'refuse' | 'hang';

interface Pair {
  client: Socket;
  upstream: Socket;
  /** Bytes held during a hang, per direction, in order. */
  toUpstream: Buffer[];
  toClient: Buffer[];
}

export class FaultyProxy {
  private mode: Mode = 'forward';
  private readonly pairs = new Set<Pair>();

  private constructor(
    private readonly server: Server,
    private readonly target: { host: string; port: number },
  ) {}

  static async start(targetUrl: string): Promise<FaultyProxy> {
    const url = new URL(targetUrl);
    const server = createServer();
    const proxy = new FaultyProxy(server, {
      host: url.hostname,
      port: Number(url.port || 5432),
    });
    server.on('connection', (client) => proxy.accept(client));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** `url` with its host and port replaced by the proxy's. */
  urlFor(targetUrl: string): string {
    const url = new URL(targetUrl);
    url.hostname = '127.0.0.1';
    url.port = String(this.port);
    return url.toString();
  }

  refuse(): void {
    this.mode = 'refuse';
    for (const pair of [...this.pairs]) this.reset(pair);
  }

  hang(): void {
    this.mode = 'hang';
  }

  restore(): void {
    this.mode = 'forward';
    for (const pair of this.pairs) {
      for (const chunk of pair.toUpstream.splice(0)) pair.upstream.write(chunk);
      for (const chunk of pair.toClient.splice(0)) pair.client.write(chunk);
    }
  }

  private accept(client: Socket): void {
    client.on('error', () => undefined);
    if (this.mode === 'refuse') {
      client.resetAndDestroy();
      return;
    }
    const upstream = createConnection(this.target);
    upstream.on('error', () => undefined);
    const pair: Pair = { client, upstream, toUpstream: [], toClient: [] };
    this.pairs.add(pair);
    client.on('data', (chunk: Buffer) => this.forward(chunk, upstream, pair.toUpstream));
    upstream.on('data', (chunk: Buffer) => this.forward(chunk, client, pair.toClient));
    const drop = () => {
      if (!this.pairs.delete(pair)) return;
      client.destroy();
      upstream.destroy();
    };
    client.on('close', drop);
    upstream.on('close', drop);
  }

  private forward(chunk: Buffer, to: Socket, held: Buffer[]): void {
    if (this.mode === 'hang' || held.length > 0) held.push(chunk);
    else to.write(chunk);
  }

  private reset(pair: Pair): void {
    this.pairs.delete(pair);
    pair.client.resetAndDestroy();
    pair.upstream.destroy();
  }

  async close(): Promise<void> {
    for (const pair of [...this.pairs]) this.reset(pair);
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
