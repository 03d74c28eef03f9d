import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import {
  type App,
  authenticateClient,
  issueAppToken,
  type OAuthRefusal,
  pollConsent,
  refreshTokens,
  refusal,
  revokeToken,
  SCOPES,
  startConsent,
} from '../core/apps/index.js';
import { readOAuthConfig } from '../core/config/index.js';
import { asService, logger } from '../core/telemetry/index.js';
import { bodyText } from './form-fields.js';
import { store } from './function-instance.js';
import { presentedClient } from './oauth-client-auth.js';

type Result = APIGatewayProxyStructuredResultV2;

const CIBA_GRANT = 'urn:openid:params:grant-type:ciba';
const AUTH_METHODS = ['client_secret_basic', 'client_secret_post'];
const { publicUrl } = readOAuthConfig();

/** Token answers are never cached (RFC 6749 §5.1). */
const json = (statusCode: number, body: unknown, headers: Record<string, string> = {}): Result => ({
  statusCode,
  headers: { 'content-type': 'application/json', 'cache-control': 'no-store', pragma: 'no-cache', ...headers },
  body: JSON.stringify(body),
});

/** The issuer is the API's own address: PUBLIC_URL where it is set, else the name API Gateway was called by. */
const issuerOf = (event: APIGatewayProxyEventV2) => publicUrl ?? `https://${event.requestContext.domainName}`;

/** RFC 8414 metadata, so that any OAuth 2.0 client library finds the endpoints by itself. */
function metadata(issuer: string) {
  return {
    issuer,
    token_endpoint: `${issuer}/oauth/token`,
    revocation_endpoint: `${issuer}/oauth/revoke`,
    backchannel_authentication_endpoint: `${issuer}/oauth/bc-authorize`,
    grant_types_supported: ['client_credentials', 'refresh_token', CIBA_GRANT],
    token_endpoint_auth_methods_supported: AUTH_METHODS,
    revocation_endpoint_auth_methods_supported: AUTH_METHODS,
    backchannel_authentication_endpoint_auth_methods_supported: AUTH_METHODS,
    backchannel_token_delivery_modes_supported: ['poll'],
    backchannel_user_code_parameter_supported: false,
    scopes_supported: SCOPES,
    response_types_supported: [],
  };
}

/** A refusal as the spec answers it: 401 for the client's authentication, 400 for the rest. */
function refused(answer: OAuthRefusal, basic: boolean): Result {
  const challenge = answer.error === 'invalid_client' && basic ? { 'www-authenticate': 'Basic realm="oauth"' } : undefined;
  return json(answer.error === 'invalid_client' ? 401 : 400, answer, challenge);
}

const orRefused = (answer: object | OAuthRefusal, basic: boolean) =>
  'error' in answer ? refused(answer as OAuthRefusal, basic) : json(200, answer);

async function tokenEndpoint(app: App, form: URLSearchParams, now: Date) {
  const grantType = form.get('grant_type');
  if (grantType === 'client_credentials') return issueAppToken(store, app, now);
  if (grantType === 'refresh_token') return refreshTokens(store, app, form.get('refresh_token') ?? '', now);
  if (grantType === CIBA_GRANT) return pollConsent(store, app, form.get('auth_req_id') ?? '', now);
  return refusal('unsupported_grant_type', 'grant_type must be client_credentials, refresh_token or the CIBA grant');
}

function backchannelEndpoint(app: App, form: URLSearchParams, now: Date) {
  const expiry = form.get('requested_expiry');
  return startConsent(
    store,
    app,
    {
      loginHint: form.get('login_hint') ?? '',
      scope: form.get('scope') ?? '',
      bindingMessage: form.get('binding_message'),
      requestedExpiry: expiry === null ? null : Number(expiry),
    },
    now,
  );
}

const ENDPOINTS: Record<string, (app: App, form: URLSearchParams, now: Date) => Promise<object | OAuthRefusal>> = {
  '/oauth/token': tokenEndpoint,
  '/oauth/bc-authorize': backchannelEndpoint,
  // RFC 7009 §2.2: the answer is 200 whether or not the token was known.
  '/oauth/revoke': async (app, form, now) => {
    await revokeToken(store, app, form.get('token') ?? '', now);
    return {};
  },
};

async function serve(event: APIGatewayProxyEventV2, context: Context): Promise<Result> {
  logger.addContext(context);
  const path = event.rawPath;
  if (path === '/.well-known/oauth-authorization-server') return json(200, metadata(issuerOf(event)), { 'cache-control': 'max-age=300' });
  const endpoint = ENDPOINTS[path];
  if (!endpoint) return json(404, { error: 'not_found' });
  if (event.requestContext.http.method !== 'POST') return json(405, refusal('invalid_request', 'POST only'), { allow: 'POST' });
  const form = new URLSearchParams(bodyText(event));
  const presented = presentedClient(event, form);
  if ('problem' in presented) return refused(refusal('invalid_client', presented.problem), false);
  const app = await authenticateClient({ store }, presented.clientId, presented.secret);
  if (!app) return refused(refusal('invalid_client', 'unknown client, wrong secret or disabled app'), presented.method === 'basic');
  const answer = await endpoint(app, form, new Date());
  // Never the tokens or the secrets: the endpoint, the client and the outcome.
  logger.info('oauth', {
    path,
    clientId: app.clientId,
    grantType: form.get('grant_type') ?? undefined,
    outcome: 'error' in answer ? answer.error : 'ok',
  });
  return orRefused(answer, presented.method === 'basic');
}

export const handler = /* @__PURE__ */ asService('oauth', serve);
