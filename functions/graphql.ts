import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { handlers, startServerAndCreateLambdaHandler } from '@as-integrations/aws-lambda';
import { GraphQLError } from 'graphql';
import { authenticate } from '../core/api-key-service.js';
import type { RequestContext } from '../core/context.js';
import { schema } from '../schema/index.js';
import { store } from './function-store.js';

function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}

const isFault = (error: unknown) => !(unwrapResolverError(error) instanceof GraphQLError);

/** Faults (bugs, outages) are logged whole with the request id; the caller gets a generic message. */
const logFaults: ApolloServerPlugin<RequestContext> = {
  async requestDidStart() {
    return {
      async didEncounterErrors({ contextValue, errors }) {
        for (const error of errors.filter(isFault)) {
          const original = unwrapResolverError(error) as Error;
          console.error(JSON.stringify({ level: 'error', requestId: contextValue.requestId, path: error.path, error: original.stack ?? String(original) }));
        }
      },
    };
  },
};

const server = new ApolloServer<RequestContext>({
  schema,
  includeStacktraceInErrorResponses: false,
  plugins: [logFaults],
  formatError: (formatted, error) =>
    isFault(error)
      ? { message: 'Internal error; please try again later.', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } }
      : formatted,
});

export const handler = startServerAndCreateLambdaHandler(server, handlers.createAPIGatewayProxyEventV2RequestHandler(), {
  context: async ({ event, context }): Promise<RequestContext> => {
    const header = event.headers.authorization ?? event.headers.Authorization ?? '';
    const key = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    if (!key) throw unauthenticated('Send an API key: Authorization: Bearer <key>.');
    const now = new Date();
    const principal = await authenticate(store, key, now);
    if (!principal) throw unauthenticated('Unknown or expired API key.');
    return { principal, store, requestId: context.awsRequestId, now: () => new Date() };
  },
});
