import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One call the bot made to the Bot Connector API. */
export interface ConnectorCall {
  method: string;
  path: string;
  /** 'send' (new message), 'reply' (reply to an activity), 'update', 'delete', 'createConversation', 'other'. */
  op: 'send' | 'reply' | 'update' | 'delete' | 'createConversation' | 'other';
  conversationId?: string;
  activityId?: string;
  body: any;
  at: number;
  /** When the stub answered (after `delayMs`). */
  answeredAt?: number;
  /** Status of a failed answer (the call is then recorded with op 'other'). */
  failedWith?: number;
  /** The op the call would have had, for failed calls. */
  intended?: ConnectorCall['op'];
}

export interface StubFailure {
  status: number;
  retryAfter?: string;
  /** Only calls matching this op fail; default any op. */
  op?: ConnectorCall['op'];
}

/**
 * A stand-in for the Teams Bot Connector on 127.0.0.1: records what the bot sends (as the activity's serviceUrl)
 * and answers like the real v3 API. Failures can be queued to test retries and "cannot post" paths.
 */
/** A channel as Teams lists it (GET v3/teams/{teamId}/conversations): the General channel comes without a name. */
export interface StubChannel {
  id: string;
  name?: string;
}

/** A team member as the roster lists it (GET v3/conversations/{teamId}/pagedmembers). */
export interface StubMember {
  id: string;
  name: string;
  aadObjectId?: string;
  email?: string;
  userPrincipalName?: string;
}

export class ConnectorStub {
  readonly calls: ConnectorCall[] = [];
  /**
   * Roster reads (channel list, members), kept apart from `calls` so tests about posts see only posts. A team with
   * no entry in `teamChannels` / `teamMembers` answers 404 like a team the bot is not in.
   */
  readonly reads: { method: string; path: string; status: number }[] = [];
  readonly teamChannels = new Map<string, StubChannel[]>();
  readonly teamMembers = new Map<string, StubMember[]>();
  private failures: StubFailure[] = [];
  private server: Server | undefined;
  private waiters: (() => void)[] = [];
  private seq = 0;
  url = '';
  /** Delay before every answer, to make a worker's round slower than one send. */
  delayMs = 0;
  /** Decides a failure per call (after queued failures); undefined = answer normally. */
  policy: ((call: ConnectorCall) => StubFailure | undefined) | undefined;

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', () => r()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
    this.server?.closeAllConnections?.();
  }

  failNext(...failures: StubFailure[]): void {
    this.failures.push(...failures);
  }

  reset(): void {
    this.calls.length = 0;
    this.reads.length = 0;
    this.failures = [];
    this.delayMs = 0;
    this.policy = undefined;
  }

  /** Messages with content (sends, replies, new conversations), oldest first. */
  get posted(): ConnectorCall[] {
    return this.calls.filter((c) => c.op === 'send' || c.op === 'reply' || c.op === 'createConversation' || c.op === 'update');
  }

  async waitFor(predicate: (calls: ConnectorCall[]) => boolean, timeoutMs = 5000): Promise<ConnectorCall[]> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.calls)) {
      if (Date.now() > deadline) throw new Error(`connector stub: condition not met in ${timeoutMs} ms; calls: ${JSON.stringify(this.calls.map((c) => `${c.method} ${c.path}`))}`);
      await new Promise<void>((r) => {
        this.waiters.push(r);
        setTimeout(r, 50);
      });
    }
    return this.calls;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    let body: any;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      body = raw;
    }
    const path = decodeURIComponent((req.url ?? '').split('?')[0] ?? '');
    if (req.method === 'GET' && this.answerRead(path, res)) return;
    const m = /^\/v3\/conversations(?:\/([^/]+)\/activities(?:\/([^/]+))?)?\/?$/.exec(path);
    let op: ConnectorCall['op'] = 'other';
    if (m && !m[1] && req.method === 'POST') op = 'createConversation';
    else if (m && m[1] && !m[2] && req.method === 'POST') op = 'send';
    else if (m && m[1] && m[2] && req.method === 'POST') op = 'reply';
    else if (m && m[1] && m[2] && req.method === 'PUT') op = 'update';
    else if (m && m[1] && m[2] && req.method === 'DELETE') op = 'delete';
    const call: ConnectorCall = { method: req.method ?? '', path, op, conversationId: m?.[1], activityId: m?.[2], body, at: Date.now() };

    if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
    const fi = this.failures.findIndex((f) => !f.op || f.op === op);
    const f = op === 'other' ? undefined : fi >= 0 ? this.failures.splice(fi, 1)[0]! : this.policy?.(call);
    if (f && (!f.op || f.op === op)) {
      this.calls.push({ ...call, op: 'other', path: `${path} (failed ${f.status})`, answeredAt: Date.now(), failedWith: f.status, intended: op });
      res.writeHead(f.status, { 'content-type': 'application/json', ...(f.retryAfter ? { 'retry-after': f.retryAfter } : {}) });
      res.end(JSON.stringify({ error: { code: 'Stubbed', message: `stubbed ${f.status}` } }));
      this.wake();
      return;
    }
    this.calls.push({ ...call, answeredAt: Date.now() });
    this.wake();
    const id = `stub-${++this.seq}`;
    res.writeHead(200, { 'content-type': 'application/json' });
    if (op === 'createConversation') {
      const channelId = body?.channelData?.channel?.id ?? 'conv';
      res.end(JSON.stringify({ id: `${channelId};messageid=${id}`, activityId: id }));
    } else {
      res.end(JSON.stringify({ id }));
    }
  }

  /** v3/teams/{teamId}/conversations and v3/conversations/{teamId}/pagedmembers, in the connector's payload shapes. */
  private answerRead(path: string, res: ServerResponse): boolean {
    const channels = /^\/v3\/teams\/([^/]+)\/conversations\/?$/.exec(path);
    const members = /^\/v3\/conversations\/([^/]+)\/pagedmembers\/?$/.exec(path);
    if (!channels && !members) return false;
    const teamId = (channels ?? members)![1]!;
    const list = channels ? this.teamChannels.get(teamId) : this.teamMembers.get(teamId);
    const status = list ? 200 : 404;
    this.reads.push({ method: 'GET', path, status });
    res.writeHead(status, { 'content-type': 'application/json' });
    if (!list) res.end(JSON.stringify({ error: { code: 'NotFound', message: 'team not found or bot not installed' } }));
    else if (channels) res.end(JSON.stringify({ conversations: list }));
    else res.end(JSON.stringify({ members: (list as StubMember[]).map((m) => ({ ...m, objectId: m.aadObjectId })) }));
    this.wake();
    return true;
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const r of w) r();
  }
}
