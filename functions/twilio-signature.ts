import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { validateRequest } from 'twilio/lib/webhooks/webhooks.js';
import { formFields } from './form-fields.js';

/** The URL Twilio called and signed: PUBLIC_URL plus the path, or else the one API Gateway received. */
function calledUrl(event: APIGatewayProxyEventV2, publicUrl: string | undefined): string {
  const query = event.rawQueryString ? `?${event.rawQueryString}` : '';
  const base = publicUrl ? publicUrl.replace(/\/$/, '') : `https://${event.requestContext.domainName}`;
  return `${base}${event.rawPath}${query}`;
}

export function hasValidSignature(event: APIGatewayProxyEventV2, authToken: string, publicUrl: string | undefined): boolean {
  const signature = event.headers['x-twilio-signature'];
  if (!signature) return false;
  return validateRequest(authToken, signature, calledUrl(event, publicUrl), formFields(event));
}
