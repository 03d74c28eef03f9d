// Third-party apps: their registration, what phones let them do, and their OAuth 2.0 tokens.
export type { App, ConsentNotice, ConsentRequest, Grant } from './app.js';
export {
  type AppInput,
  type AppWithSecret,
  apps,
  authenticateClient,
  changeApp,
  DEFAULT_REQUESTS_PER_MINUTE,
  disableApp,
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
export {
  authenticateToken,
  isOAuthToken,
  issueAppToken,
  refreshTokens,
  revokeGrant,
  revokeToken,
  type TokenResponse,
} from './token-service.js';
export { checkWebhook, WEBHOOK_EVENTS, type WebhookInput } from './webhook-target.js';
