import type { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';

type AuthenticateRequestResult = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>>;
type BotFrameworkAuthentication = NonNullable<ConstructorParameters<typeof CloudAdapter>[0]>;

type ConnectorFactory = NonNullable<AuthenticateRequestResult['connectorFactory']>;
type ConnectorClient = Awaited<ReturnType<ConnectorFactory['create']>>;

type Claims = AuthenticateRequestResult['claimsIdentity'];

/** The app id botbuilder's clients are made for: audience claim from a channel, appid claim from the emulator. */
const appIdOf = (claims: Pick<Claims, 'getClaimValue'>) => claims.getClaimValue('aud') ?? claims.getClaimValue('appid') ?? '';

/**
 * The promise kept under `key`, or a new one from `make`. A failed creation is not kept, so the next turn tries
 * again; past `max` keys the map starts again (keys are a handful per deployment).
 */
function cachedPromise<T>(cache: Map<string, Promise<T>>, key: string, max: number, make: () => Promise<T>): Promise<T> {
  const hit = cache.get(key);
  if (hit) return hit;
  if (cache.size >= max) cache.clear();
  const created = make();
  created.catch(() => {
    if (cache.get(key) === created) cache.delete(key);
  });
  cache.set(key, created);
  return created;
}

/**
 * botbuilder builds a new ConnectorClient (credentials, an Azure core pipeline of ~15 policies) for every inbound
 * activity, invokes included, which never use it: a third of an echo turn's CPU (issue 11 profile). The client is
 * stateless between requests and its credentials refresh their own token, so one client per bot app id, service URL
 * and audience serves every turn.
 */
export class ConnectorClientCache {
  private readonly clients = new Map<string, Promise<ConnectorClient>>();

  constructor(private readonly max = 64) {}

  /** The request's factory, answering from the cache; what it creates is cached under the request's bot app id. */
  wrap(result: AuthenticateRequestResult): ConnectorFactory | undefined {
    const inner = result.connectorFactory;
    if (!inner) return undefined;
    const appId = appIdOf(result.claimsIdentity);
    return {
      create: (serviceUrl: string, audience?: string) =>
        cachedPromise(this.clients, `${appId}\n${serviceUrl}\n${audience ?? ''}`, this.max, () => inner.create(serviceUrl, audience)),
    };
  }

  get size(): number {
    return this.clients.size;
  }
}

type UserTokenClient = Awaited<ReturnType<BotFrameworkAuthentication['createUserTokenClient']>>;

/**
 * The same for the user-token client botbuilder makes on every turn (another Azure core pipeline), which this bot
 * never uses (it has no sign-in): one per bot app id. Everything else goes to the real authentication unchanged.
 */
export function withCachedUserTokenClients<A extends BotFrameworkAuthentication>(auth: A, max = 16): A {
  const clients = new Map<string, Promise<UserTokenClient>>();
  const createUserTokenClient = (claims: Parameters<A['createUserTokenClient']>[0]) =>
    cachedPromise(clients, appIdOf(claims), max, () => auth.createUserTokenClient(claims));
  return new Proxy(auth, {
    get(target, prop) {
      if (prop === 'createUserTokenClient') return createUserTokenClient;
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
