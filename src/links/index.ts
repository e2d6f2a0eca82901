export { adminPortalLinks, buildCaseLinks, linkInputOf, type CaseLink, type LinkInput, type LinkPurpose } from './caseLinks.js';
export { safeExternalUrl, maxExternalUrlLength } from './safeUrl.js';
export { parseDomain, parseGuid, parseOfferId } from './values.js';
