import type { Configuration } from '@azure/msal-node';

/**
 * Static authority metadata for MSAL: with it MSAL needs no discovery round trip (so tests can point it at a token
 * endpoint on 127.0.0.1), and the token endpoint is exactly `{login}/{tenant}/oauth2/v2.0/token` in every cloud — the
 * shape MSAL itself hard-codes for Microsoft's known hosts. Used by every Entra client the bot has (health, Partner
 * Center, Azure Support).
 */
export function authorityMetadata(login: string, tenant: string): Pick<Configuration['auth'], 'authorityMetadata' | 'cloudDiscoveryMetadata' | 'knownAuthorities'> {
  const host = new URL(login).host;
  const base = `https://${host}/${tenant}`;
  return {
    knownAuthorities: [host],
    authorityMetadata: JSON.stringify({
      token_endpoint: `${base}/oauth2/v2.0/token`,
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      end_session_endpoint: `${base}/oauth2/v2.0/logout`,
      jwks_uri: `${base}/discovery/v2.0/keys`,
      issuer: `${base}/v2.0`,
    }),
    cloudDiscoveryMetadata: JSON.stringify({
      tenant_discovery_endpoint: `${base}/v2.0/.well-known/openid-configuration`,
      'api-version': '1.1',
      metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
    }),
  };
}
