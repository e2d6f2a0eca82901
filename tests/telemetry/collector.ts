import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** OTLP/HTTP collector stand-in on 127.0.0.1: keeps every JSON export request (the -otlp-http exporters send JSON). */
export class CollectorStub {
  readonly requests: { path: string; contentType: string; body: any }[] = [];
  private server: Server | undefined;
  url = '';

  async start(): Promise<this> {
    this.server = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        body = { unparsed: text.length };
      }
      this.requests.push({ path: req.url ?? '', contentType: String(req.headers['content-type'] ?? ''), body });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', () => r()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }

  /** Every exported span, flattened, with attributes as a plain object. */
  spans(): { name: string; kind: number; traceId: string; spanId: string; parentSpanId?: string; attributes: Record<string, unknown> }[] {
    return this.requests
      .filter((r) => r.path === '/v1/traces')
      .flatMap((r) => r.body.resourceSpans ?? [])
      .flatMap((rs: any) => rs.scopeSpans ?? [])
      .flatMap((ss: any) => ss.spans ?? [])
      .map((s: any) => ({ ...s, parentSpanId: s.parentSpanId || undefined, attributes: attrs(s.attributes) }));
  }

  /** Every exported metric data point: name, attributes, and the point itself. */
  points(): { name: string; attributes: Record<string, unknown>; point: any }[] {
    return this.requests
      .filter((r) => r.path === '/v1/metrics')
      .flatMap((r) => r.body.resourceMetrics ?? [])
      .flatMap((rm: any) => rm.scopeMetrics ?? [])
      .flatMap((sm: any) => sm.metrics ?? [])
      .flatMap((m: any) => {
        const data = m.sum ?? m.gauge ?? m.histogram ?? m.exponentialHistogram ?? {};
        return (data.dataPoints ?? []).map((p: any) => ({ name: m.name, attributes: attrs(p.attributes), point: p }));
      });
  }

  resources(): Record<string, unknown>[] {
    return this.requests.flatMap((r) => [...(r.body.resourceSpans ?? []), ...(r.body.resourceMetrics ?? [])]).map((x: any) => attrs(x.resource?.attributes));
  }
}

function attrs(list: any[] | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const a of list ?? []) {
    const v = a.value ?? {};
    out[a.key] = v.stringValue ?? v.boolValue ?? (v.intValue !== undefined ? Number(v.intValue) : undefined) ?? v.doubleValue;
  }
  return out;
}
