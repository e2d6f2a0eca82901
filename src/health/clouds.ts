import type { Cloud } from '../flow/case.js';

/**
 * Where a customer's health lives, per Partner Center cloud (domain-facts §1.6).
 * GCC keeps the worldwide endpoints; GCC High and DoD share the US Government login but not the Graph host,
 * so the partner chooses which one its US Government customers are on (HEALTH_USGOV_GRAPH).
 */
export type UsGovGraph = 'gcchigh' | 'dod';

export interface CloudEndpoints {
  /** Entra login host; the token authority is `${login}/${customerTenant}`. */
  login: string;
  graph: string;
  arm: string;
}

/** Base-URL overrides (tests, egress proxies). Token scopes keep the real resource, so only the wire address moves. */
export interface EndpointOverrides {
  login?: string;
  graph?: string;
  arm?: string;
}

export function cloudEndpoints(cloud: Cloud, usgovGraph: UsGovGraph = 'gcchigh'): CloudEndpoints {
  switch (cloud) {
    case 'commercial':
      return {
        login: 'https://login.microsoftonline.com',
        graph: 'https://graph.microsoft.com',
        arm: 'https://management.azure.com',
      };
    case 'usgov':
      return {
        login: 'https://login.microsoftonline.us',
        graph: usgovGraph === 'dod' ? 'https://dod-graph.microsoft.us' : 'https://graph.microsoft.us',
        arm: 'https://management.usgovcloudapi.net',
      };
    case 'china21v':
      return {
        login: 'https://login.chinacloudapi.cn',
        graph: 'https://microsoftgraph.chinacloudapi.cn',
        arm: 'https://management.chinacloudapi.cn',
      };
  }
}

/** The resource's `.default` scope: application permissions consented in the customer tenant (Graph) or RBAC (ARM). */
export function defaultScope(resource: string): string {
  return `${resource.replace(/\/+$/, '')}/.default`;
}

export function trimBaseUrl(url: string): string {
  return url.replace(/\/+$/, '');
}
