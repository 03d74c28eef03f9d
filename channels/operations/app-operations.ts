import { graphql } from './graphql.js';

/** SMS APPS and REVOKE, the USSD apps menu: the apps the caller let in, oldest first. */
export const MyApps = graphql(`
query MyApps {
  myApps {
    __typename
    ... on MyAppsSuccess { data { clientId appName scopes } }
  }
}
`);

/** The USSD apps menu: apps' requests waiting for the caller's answer. */
export const ConsentRequests = graphql(`
query ConsentRequests {
  consentRequests {
    __typename
    ... on ConsentRequestsSuccess { data { id appName scopes bindingMessage } }
  }
}
`);

/** SMS YES and NO: the answer to an app's request, with the code of its SMS. */
export const AnswerConsent = graphql(`
mutation AnswerConsent($code: String!, $allow: Boolean!) {
  answerConsent(code: $code, allow: $allow) {
    __typename
    ... on WrongConsentCodeError { triesLeft }
    ... on NotFoundError { entity key }
    ... on AnswerConsentSuccess { data { appName allowed } }
  }
}
`);

/** The USSD request screen: allow or deny the request chosen. */
export const DecideConsent = graphql(`
mutation DecideConsent($requestId: ID!, $allow: Boolean!) {
  decideConsent(requestId: $requestId, allow: $allow) {
    __typename
    ... on DecideConsentSuccess { data { appName allowed } }
  }
}
`);

/** SMS REVOKE and the USSD app screen: take back what the caller let an app do. */
export const RevokeApp = graphql(`
mutation RevokeApp($clientId: String!) {
  revokeApp(clientId: $clientId) {
    __typename
    ... on RevokeAppSuccess { data { appName } }
  }
}
`);
