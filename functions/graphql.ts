import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import {
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { GraphQLError } from 'graphql';
import { authenticate, type RequestContext } from '../core/access/index.js';
import { readGraphqlConfig } from '../core/config/index.js';
import { asService, logger } from '../core/telemetry/index.js';
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

/** Introspection and the explorer page: locally, and in the cloud only when the stack's parameter turns them on. */
const { explorer } = readGraphqlConfig();

const server = new ApolloServer<RequestContext>({
  schema,
  includeStacktraceInErrorResponses: false,
  introspection: explorer,
  parseOptions: { maxTokens: MAX_TOKENS },
  plugins: [
    requestLimits,
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

const answerGraphql = graphqlLambdaHandler(server, async ({ event, context }): Promise<RequestContext> => {
  const header = event.headers.authorization ?? event.headers.Authorization ?? '';
  const key = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
  if (!key) throw unauthenticated('Send an API key: Authorization: Bearer <key>.');
  const principal = await authenticate(store, key, new Date()).catch((error: unknown) => {
    // Context errors bypass the resolver error path: log the fault here, and say nothing of AWS to the caller.
    logFault(error, undefined);
    throw new GraphQLError('Internal error; please try again later.', {
      extensions: { code: 'INTERNAL_SERVER_ERROR', http: { status: 500 } },
    });
  });
  if (!principal) throw unauthenticated('Unknown or expired API key.');
  return { principal, store, requestId: context.awsRequestId, now: () => new Date(), mpesa };
});

export const handler = /* @__PURE__ */ asService('graphql', answerGraphql);
