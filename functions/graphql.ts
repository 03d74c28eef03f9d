import { ApolloServer, type ApolloServerPlugin, HeaderMap } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import {
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { type FragmentDefinitionNode, GraphQLError, Kind } from 'graphql';
import { authenticate, type Principal, type RequestContext } from '../core/access/index.js';
import { authenticateToken, isOAuthToken, spendAppRequest } from '../core/apps/index.js';
import { readGraphqlConfig } from '../core/config/index.js';
import { asService, logger } from '../core/telemetry/index.js';
import { fieldsBeyondScopes } from '../schema/field-scopes.js';
import { schema } from '../schema/index.js';
import { mpesa, store } from './function-instance.js';
import { graphqlLambdaHandler } from './graphql-lambda.js';
import { MAX_TOKENS, requestLimits } from './graphql-limits.js';

function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}

const isFault = (error: unknown) => !(unwrapResolverError(error) instanceof GraphQLError);

function logFault(error: unknown, path: unknown): void {
  logger.error('GraphQL fault', { path, error: error instanceof Error ? error : String(error) });
}

/** Faults (bugs, outages) are logged whole with the request id; the caller gets a generic message. */
const logFaults: ApolloServerPlugin<RequestContext> = {
  async requestDidStart() {
    return {
      async didEncounterErrors({ errors }) {
        for (const error of errors.filter(isFault)) logFault(unwrapResolverError(error), error.path);
      },
    };
  },
};

/** An app's token reaches only the root fields its scopes name (schema/field-scopes.ts), refused before anything runs. */
const enforceScopes: ApolloServerPlugin<RequestContext> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ contextValue, operation, document }) {
        const via = contextValue.principal.kind === 'ADMIN' ? undefined : contextValue.principal.via;
        if (!via || !operation) return;
        const fragments = Object.fromEntries(
          document.definitions
            .filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION)
            .map((fragment) => [fragment.name.value, fragment]),
        );
        const beyond = fieldsBeyondScopes(operation, fragments, via);
        if (beyond.length > 0) {
          throw new GraphQLError(`This token's scopes do not allow ${beyond.join(', ')}.`, {
            extensions: { code: 'FORBIDDEN', http: { status: 403 } },
          });
        }
      },
    };
  },
};

/** Introspection and the explorer page: locally, and in the cloud only when the stack's parameter turns them on. */
const { explorer } = readGraphqlConfig();

const server = new ApolloServer<RequestContext>({
  schema,
  includeStacktraceInErrorResponses: false,
  introspection: explorer,
  parseOptions: { maxTokens: MAX_TOKENS },
  plugins: [
    requestLimits,
    enforceScopes,
    logFaults,
    // We report to no Apollo graph and are no federation subgraph. Saying so keeps Apollo from loading
    // these plugins whatever the environment holds (APOLLO_KEY...), so the bundle leaves them out (infra/function-bundling.ts).
    ApolloServerPluginUsageReportingDisabled(),
    ApolloServerPluginSchemaReportingDisabled(),
    ApolloServerPluginInlineTraceDisabled(),
    ...(explorer ? [] : [ApolloServerPluginLandingPageDisabled()]),
  ],
  formatError: (formatted, error) =>
    isFault(error)
      ? { message: 'Internal error; please try again later.', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } }
      : formatted,
});

/**
 * An OAuth access token (read with its app at every request, and counted against the app's budget)
 * or an API key.
 */
async function bearerPrincipal(credential: string, now: Date): Promise<Principal | null> {
  if (!isOAuthToken(credential)) return authenticate(store, credential, now);
  const found = await authenticateToken(store, credential, now);
  if (!found) return null;
  const spent = await spendAppRequest(store, found.app, now);
  if (spent !== 'counted') {
    throw new GraphQLError(`This app has used its ${found.app.requestsPerMinute} requests of this minute.`, {
      extensions: {
        code: 'RATE_LIMITED',
        http: { status: 429, headers: new HeaderMap([['retry-after', String(spent.retryAfterSeconds)]]) },
      },
    });
  }
  return found.principal;
}

const answerGraphql = graphqlLambdaHandler(server, async ({ event, context }): Promise<RequestContext> => {
  const header = event.headers.authorization ?? event.headers.Authorization ?? '';
  const key = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
  if (!key) throw unauthenticated('Send an access token or an API key: Authorization: Bearer <token>.');
  const principal = await bearerPrincipal(key, new Date()).catch((error: unknown) => {
    if (error instanceof GraphQLError) throw error;
    // Context errors bypass the resolver error path: log the fault here, and say nothing of AWS to the caller.
    logFault(error, undefined);
    throw new GraphQLError('Internal error; please try again later.', {
      extensions: { code: 'INTERNAL_SERVER_ERROR', http: { status: 500 } },
    });
  });
  if (!principal) throw unauthenticated('Unknown, expired or revoked token or API key.');
  return { principal, store, requestId: context.awsRequestId, now: () => new Date(), mpesa };
});

export const handler = /* @__PURE__ */ asService('graphql', answerGraphql);
