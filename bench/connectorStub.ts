/** A minimal Bot Connector on 127.0.0.1 for the benchmark: answers every send, reply and update with 200 and counts them. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export class BenchConnector {
  private server: Server | undefined;
  replies = 0;
  updates = 0;
  url = '';

  async start(): Promise<this> {
    let seq = 0;
    this.server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        if (req.method === 'PUT') this.updates++;
        else this.replies++;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: `bench-${++seq}` }));
      });
    });
    this.server.keepAliveTimeout = 30_000;
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', () => r()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}
