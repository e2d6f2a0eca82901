// Preload (`node -r scripts/force-loopback.cjs …`) for Microsoft 365 Agents Playground: its server calls
// listen(port) with no host, i.e. on every interface, and it relays to a bot that runs without
// authentication. Any listen() without a host is pinned to 127.0.0.1 (override: FORCE_LISTEN_HOST).
'use strict';
const net = require('node:net');

const host = process.env.FORCE_LISTEN_HOST || '127.0.0.1';
const listen = net.Server.prototype.listen;

net.Server.prototype.listen = function pinnedListen(...args) {
  const [first] = args;
  if (first !== null && typeof first === 'object' && !Array.isArray(first)) {
    // listen({ port }) but not listen({ path }) or listen(handle)
    if (!first.host && !first.path && !('fd' in first) && !('_handle' in first)) args[0] = { ...first, host };
  } else if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    if (typeof args[1] !== 'string') args.splice(1, 0, host);
  } else if (first === undefined || typeof first === 'function') {
    args.unshift(0, host);
  }
  return listen.apply(this, args);
};
