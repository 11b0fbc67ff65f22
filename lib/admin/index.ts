/**
 * Operators' account management (`npm run admin`, docs/admin.md) and the one export of a
 * reader's data that both the operator and the reader (`GET /api/v1/auth/export`) get.
 */
export { accountExport } from "./account-export";
export {
  accountAuditTrail,
  accountSessions,
  deleteAccount,
  disableAccount,
  enableAccount,
  exportAccount,
  findAccount,
  operatorNamed,
  signOutEverywhere,
  type AccountSummary,
} from "./operator-actions";
export { addSsoProvider, listSsoProviders, removeSsoProvider, ssoRedirectUri, type SsoProviderInput, type SsoProviderSummary } from "./sso-providers";
