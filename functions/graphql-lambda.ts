import { type ApolloServer, type BaseContext, HeaderMap, type HTTPGraphQLRequest } from '@apollo/server';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context, Handler } from 'aws-lambda';
import { logger } from '../core/telemetry/index.js';

type LambdaContextFunction<T> = (args: { event: APIGatewayProxyEventV2; context: Context }) => Promise<T>;

/** The request Apollo Server sees: a JSON or text body is parsed here, anything else is no body. */
function graphqlRequest(event: APIGatewayProxyEventV2): HTTPGraphQLRequest {
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(event.headers ?? {})) headers.set(name, value ?? '');
  let body: unknown = '';
  if (event.body) {
    const contentType = headers.get('content-type');
    const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
    if (contentType?.startsWith('application/json')) body = JSON.parse(text);
    else if (contentType?.startsWith('text/plain')) body = text;
  }
  return { method: event.requestContext.http.method, headers, search: event.rawQueryString, body };
}

/** Every error of a GraphQL answer carries the request's id, so that a caller can quote it; so does a header. */
function withRequestId(body: string, requestId: string): string {
  if (!body.includes('"errors"')) return body;
  const answer = JSON.parse(body) as { errors?: { extensions?: Record<string, unknown> }[] };
  for (const error of answer.errors ?? []) error.extensions = { ...error.extensions, requestId };
  return JSON.stringify(answer);
}

/**
 * Apollo Server behind an HTTP API (payload 2.0), as @as-integrations/aws-lambda does it: that
 * package loads Apollo Server's CommonJS build, which put a second copy of Apollo in the bundle.
 * A body that is not JSON, or any other failure outside GraphQL, is a 400 with its message.
 */
export function graphqlLambdaHandler<T extends BaseContext>(
  server: ApolloServer<T>,
  contextFunction: LambdaContextFunction<T>,
): Handler<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> {
  server.startInBackgroundHandlingStartupErrorsByLoggingAndFailingAllRequests();
  return async (event, context) => {
    logger.addContext(context);
    try {
      const response = await server.executeHTTPGraphQLRequest({
        httpGraphQLRequest: graphqlRequest(event),
        context: () => contextFunction({ event, context }),
      });
      // Only incremental delivery (@defer, @stream) streams a body, and the schema has neither.
      if (response.body.kind !== 'complete') throw new Error('Only complete body type supported');
      const body = withRequestId(response.body.string, context.awsRequestId);
      return {
        statusCode: response.status ?? 200,
        headers: {
          ...Object.fromEntries(response.headers),
          'content-length': Buffer.byteLength(body).toString(),
          'x-request-id': context.awsRequestId,
        },
        body,
      };
    } catch (error) {
      return { statusCode: 400, headers: { 'x-request-id': context.awsRequestId }, body: (error as Error).message };
    }
  };
}
