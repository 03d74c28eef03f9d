// Third-party apps: their registration, what phones let them do, and their OAuth 2.0 tokens.
export type { App, ConsentNotice, ConsentRequest, Grant, TokenRecord, WebhookSecret } from './app.js';
export { BUDGET_TTL_SECONDS, budgetShares, spendAppRequest } from './app-budget.js';
export { appItem, getApp } from './app-repository.js';
export {
  type AppInput,
  type AppWithSecret,
  apps,
  authenticateClient,
  changeApp,
  DEFAULT_REQUESTS_PER_MINUTE,
  disableApp,
  MAX_REQUESTS_PER_MINUTE,
  registerApp,
  rotateAppSecret,
} from './app-service.js';
export { forgetConsentNotice, listPendingConsents } from './consent-repository.js';
export {
  answerConsent,
  CONSENT_SECONDS,
  type ConsentAnswer,
  type ConsentAsk,
  type ConsentStarted,
  decideConsent,
  MAX_WRONG_CODES,
  pollConsent,
  startConsent,
} from './consent-service.js';
export { appsOfPhone } from './grant-service.js';
export { isRefusal, type OAuthErrorCode, type OAuthRefusal, refusal } from './oauth-refusal.js';
export {
  answerMyConsent,
  type ConsentDecision,
  decideMyConsent,
  myApps,
  myConsentRequests,
  revokeMyApp,
} from './phone-consent-service.js';
export { PUBLIC_SCOPE, parseScopes, SCOPES, type Scope } from './scopes.js';
export { ACCESS_TOKEN_SECONDS } from './token-lifetimes.js';
export { tokenItem } from './token-repository.js';
export {
  authenticateToken,
  isOAuthToken,
  issueAppToken,
  refreshTokens,
  revokeGrant,
  revokeToken,
  type TokenResponse,
} from './token-service.js';
export { markWebhookGone } from './webhook-repository.js';
export {
  type RotatedWebhookSecret,
  rotateWebhookSecret,
  signingSecrets,
  WEBHOOK_SECRET_OVERLAP_SECONDS,
} from './webhook-secrets.js';
export { type WebhookReader, webhookSubscribers } from './webhook-subscribers.js';
export {
  type AddressLookup,
  checkWebhook,
  checkWebhookHost,
  isPublicAddress,
  WEBHOOK_EVENTS,
  type WebhookEvent,
  type WebhookInput,
} from './webhook-target.js';
