import type { Cloud } from '../flow/case.js';

/**
 * Partner Center REST per cloud (learn.microsoft.com …/partner-center/developer/partner-center-rest-urls; domain-facts
 * §1.6). US Government uses the commercial REST host with tokens from login.microsoftonline.us (Partner Center
 * PowerShell's USGovernment environment). 21Vianet has its own REST host and login.chinacloudapi.cn; Microsoft's
 * national-cloud page says service requests "don't apply" there (21Vianet handles support), so only the customer
 * list is offered in that cloud.
 */
export interface PartnerCenterEndpoints {
  api: string;
  login: string;
  /** Token audience: the REST host itself. */
  resource: string;
  serviceRequests: boolean;
}

export const partnerCenterEndpoints: Record<Cloud, PartnerCenterEndpoints> = {
  commercial: {
    api: 'https://api.partnercenter.microsoft.com',
    login: 'https://login.microsoftonline.com',
    resource: 'https://api.partnercenter.microsoft.com',
    serviceRequests: true,
  },
  usgov: {
    api: 'https://api.partnercenter.microsoft.com',
    login: 'https://login.microsoftonline.us',
    resource: 'https://api.partnercenter.microsoft.com',
    serviceRequests: true,
  },
  china21v: {
    api: 'https://partner.partnercenterapi.microsoftonline.cn',
    login: 'https://login.chinacloudapi.cn',
    resource: 'https://partner.partnercenterapi.microsoftonline.cn',
    serviceRequests: false,
  },
};

/** App-only (client credentials) asks for the resource's `.default`; App+User for `user_impersonation`. */
export const appOnlyScope = (cloud: Cloud) => `${partnerCenterEndpoints[cloud].resource}/.default`;
export const appUserScope = (cloud: Cloud) => `${partnerCenterEndpoints[cloud].resource}/user_impersonation`;
