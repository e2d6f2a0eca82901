import type { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';

type AuthenticateRequestResult = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>>;
type BotFrameworkAuthentication = NonNullable<ConstructorParameters<typeof CloudAdapter>[0]>;

type ConnectorFactory = NonNullable<AuthenticateRequestResult['connectorFactory']>;
type ConnectorClient = Awaited<ReturnType<ConnectorFactory['create']>>;

/**
 * botbuilder builds a new ConnectorClient (credentials, an Azure core pipeline of ~15 policies) for every inbound
 * activity, invokes included, which never use it: a third of an echo turn's CPU (issue 11 profile). The client is
 * stateless between requests and its credentials refresh their own token, so one client per bot app id, service URL
 * and audience serves every turn. Bounded: service URLs are a handful per deployment; an unexpected spread just
 * starts the map again.
 */
export class ConnectorClientCache {
  private readonly clients = new Map<string, Promise<ConnectorClient>>();

  constructor(private readonly max = 64) {}

  /** The request's factory, answering from the cache; what it creates is cached under the request's bot app id. */
  wrap(result: AuthenticateRequestResult): ConnectorFactory | undefined {
    const claims = result.claimsIdentity;
    // The app id botbuilder's factory was made for: audience claim from a channel, appid claim from the emulator.
    const appId = claims.getClaimValue('aud') ?? claims.getClaimValue('appid') ?? '';
    const inner = result.connectorFactory;
    if (!inner) return undefined;
    return {
      create: (serviceUrl: string, audience?: string) => {
        const key = `${appId}\n${serviceUrl}\n${audience ?? ''}`;
        let client = this.clients.get(key);
        if (!client) {
          if (this.clients.size >= this.max) this.clients.clear();
          client = inner.create(serviceUrl, audience);
          // A failed creation is not kept: the next turn tries again.
          const created = client;
          created.catch(() => {
            if (this.clients.get(key) === created) this.clients.delete(key);
          });
          this.clients.set(key, client);
        }
        return client;
      },
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
  const createUserTokenClient = (claims: Parameters<A['createUserTokenClient']>[0]) => {
    const key = claims.getClaimValue('aud') ?? claims.getClaimValue('appid') ?? '';
    let client = clients.get(key);
    if (!client) {
      if (clients.size >= max) clients.clear();
      client = auth.createUserTokenClient(claims);
      const created = client;
      created.catch(() => {
        if (clients.get(key) === created) clients.delete(key);
      });
      clients.set(key, client);
    }
    return client;
  };
  return new Proxy(auth, {
    get(target, prop) {
      if (prop === 'createUserTokenClient') return createUserTokenClient;
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
