// `npm run dev -- --locale zh-TW [--timezone Asia/Taipei]`: the Agents Playground always sends locale "en-US" (its
// activity generators hard-code it; its config file has no locale), so the Chinese experience could not be tried
// locally (issue 13). This loopback proxy sits between the Playground and the bot and sets the activity's `locale`
// and the clientInfo entity's `locale` (and `timezone` when asked) to what the developer chose. Dev only.
import http from 'node:http';

/** The activity as the bot should see it; everything else passes unchanged. */
export function rewriteActivity(activity, { locale, timeZone }) {
  if (!activity || typeof activity !== 'object' || Array.isArray(activity)) return activity;
  const out = { ...activity };
  if (locale) out.locale = locale;
  if (timeZone) out.localTimezone = timeZone;
  const entities = Array.isArray(activity.entities) ? activity.entities : [];
  const hasClientInfo = entities.some((e) => e && e.type === 'clientInfo');
  out.entities = entities.map((e) =>
    e && e.type === 'clientInfo' ? { ...e, ...(locale ? { locale } : {}), ...(timeZone ? { timezone: timeZone } : {}) } : e,
  );
  if (!hasClientInfo && (locale || timeZone)) out.entities.push({ type: 'clientInfo', ...(locale ? { locale } : {}), ...(timeZone ? { timezone: timeZone } : {}) });
  return out;
}

/** Parses `--locale xx` / `--locale=xx` and `--timezone Area/City` from argv. */
export function parseDevArgs(argv) {
  const opts = {};
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = inline ?? argv[i + 1];
    if (flag === '--locale' || flag === '--timezone') {
      if (!value || value.startsWith('--')) throw new Error(`${flag} needs a value, e.g. ${flag === '--locale' ? 'zh-TW' : 'Asia/Taipei'}`);
      opts[flag === '--locale' ? 'locale' : 'timeZone'] = value;
      if (inline === undefined) i++;
    }
  }
  if (opts.locale && !/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/.test(opts.locale)) throw new Error(`--locale ${opts.locale} is not a language tag such as en-US, zh-TW or zh-CN`);
  if (opts.timeZone) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: opts.timeZone });
    } catch {
      throw new Error(`--timezone ${opts.timeZone} is not an IANA time zone such as Asia/Taipei`);
    }
  }
  return opts;
}

/** Starts the proxy on 127.0.0.1 (ephemeral port); resolves with its /api/messages URL and a close function. */
export async function startLocaleProxy({ target, locale, timeZone }) {
  const targetUrl = new URL(target);
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      let body = Buffer.concat(chunks);
      if ((req.headers['content-type'] ?? '').includes('json') && body.length) {
        try {
          body = Buffer.from(JSON.stringify(rewriteActivity(JSON.parse(body.toString('utf8')), { locale, timeZone })));
        } catch {
          // Not JSON after all: pass it on untouched, the bot answers it as it would.
        }
      }
      const headers = { ...req.headers, host: targetUrl.host, 'content-length': String(body.length) };
      const upstream = http.request({ hostname: targetUrl.hostname, port: targetUrl.port, path: req.url, method: req.method, headers }, (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      });
      upstream.on('error', (err) => {
        res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(`locale proxy: bot not reachable (${err.message})`);
      });
      upstream.end(body);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}${targetUrl.pathname}`, close: () => new Promise((r) => server.close(() => r())) };
}
