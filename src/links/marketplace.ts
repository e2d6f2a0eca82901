import { safeExternalUrl } from './safeUrl.js';
import { azureMarketplaceOffer, marketplaceHosts, marketplaceProductPage, type MarketplaceHost, type Pattern } from './patterns.js';
import { parseOfferId } from './values.js';

// Product-page paths of the two storefronts (domain-facts §5), with an optional market segment such as en-us.
// Anything else on those hosts (search pages, redirects, encoded slashes) is not a product page and is dropped.
const productPath: Record<MarketplaceHost, RegExp> = {
  'azuremarketplace.microsoft.com': /^\/(?:[a-z]{2}-[a-z]{2}\/)?marketplace\/apps\/[A-Za-z0-9][A-Za-z0-9._-]{0,199}\/?$/,
  'appsource.microsoft.com': /^\/(?:[a-z]{2}-[a-z]{2}\/)?product\/[a-z0-9-]{1,40}\/[A-Za-z0-9][A-Za-z0-9._-]{0,199}\/?$/,
};

function isMarketplaceHost(host: string): host is MarketplaceHost {
  return (marketplaceHosts as readonly string[]).includes(host);
}

/**
 * The Microsoft storefront page of a marketplace product, rebuilt from the checked path so nothing but the
 * product path survives (no user query, no fragment). An ISV's own website is not a storefront page:
 * it goes through safeExternalUrl on the ISV card instead.
 */
export function marketplaceProductLink(input: { productUrl?: string; offerId?: string }): Pattern | undefined {
  const url = safeExternalUrl(input.productUrl);
  if (url && isMarketplaceHost(url.hostname) && productPath[url.hostname].test(url.pathname)) {
    return marketplaceProductPage(url.hostname, url.pathname);
  }
  const offerId = parseOfferId(input.offerId);
  return offerId ? azureMarketplaceOffer(offerId) : undefined;
}
