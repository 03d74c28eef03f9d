import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/** The body of a request as text, however API Gateway passed it on. */
export function bodyText(event: APIGatewayProxyEventV2): string {
  return event.body ? Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8').toString('utf8') : '';
}

/** The form fields of a webhook (the USSD aggregator's); every value a string. */
export function formFields(event: APIGatewayProxyEventV2): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(bodyText(event)));
}
