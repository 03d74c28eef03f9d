import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/** The form fields of a webhook (Twilio, the USSD aggregator); every value a string. */
export function formFields(event: APIGatewayProxyEventV2): Record<string, string> {
  const body = event.body ? Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8').toString('utf8') : '';
  return Object.fromEntries(new URLSearchParams(body));
}
