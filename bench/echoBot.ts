/**
 * The baseline for the turns table (issue 11): the smallest Teams bot on our stack — botbuilder CloudAdapter + restify,
 * no app id, same body parser as src/http/server.ts. A message is answered through the connector; an
 * `adaptiveCard/action` invoke is answered inline with a small card. Whatever this costs is botbuilder's and restify's
 * per-turn work, which our bot cannot get below. Started as a child process by bench/turns.ts; prints its port on IPC.
 */
import restify from 'restify';
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  TeamsActivityHandler,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type TurnContext,
} from 'botbuilder';
import { answerMemoryProbes } from './memoryProbe.js';

const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
adapter.onTurnError = async (_ctx, err) => {
  process.stderr.write(`echo bot turn error: ${String(err)}\n`);
};

const smallCard = (count: number, name: string) => ({
  type: 'AdaptiveCard',
  version: '1.5',
  body: [
    { type: 'TextBlock', text: `Updated (#${count})`, weight: 'Bolder', size: 'Medium', wrap: true },
    { type: 'TextBlock', text: `name = ${name}`, wrap: true },
    { type: 'Input.Text', id: 'name', label: 'Your name' },
  ],
  actions: [{ type: 'Action.Execute', title: 'Go', verb: 'go', data: { count } }],
});

class EchoBot extends TeamsActivityHandler {
  constructor() {
    super();
    this.onMessage(async (ctx, next) => {
      await ctx.sendActivity(`Echo: ${ctx.activity.text ?? ''}`);
      await next();
    });
  }

  protected override async onAdaptiveCardInvoke(_ctx: TurnContext, value: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const data = (value.action?.data ?? {}) as Record<string, unknown>;
    const count = Number(data.count ?? 0) + 1;
    return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: smallCard(count, String(data.name ?? '')) as never };
  }
}

const bot = new EchoBot();
const server = restify.createServer({ handleUncaughtExceptions: false });
server.use(restify.plugins.bodyParser({ mapParams: false, maxBodySize: 256 * 1024 }));
server.post('/api/messages', async (req, res) => {
  await adapter.process(req, res, (ctx) => bot.run(ctx));
});
server.listen(0, '127.0.0.1', () => {
  const addr = server.address();
  process.send?.({ port: typeof addr === 'object' && addr ? addr.port : 0 });
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
answerMemoryProbes();
