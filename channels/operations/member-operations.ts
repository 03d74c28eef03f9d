import { graphql } from './graphql.js';

/** Who is texting: read before every SMS command, for the reply's language and the pickup center. */
export const Me = graphql(`
query Me {
  me {
    __typename
    ... on MeSuccess { data { language serviceCenter { id name villageId } } }
  }
}
`);

/**
 * Who is calling, with what the USSD menus offer them: read once per session. Not merged with Me:
 * `partnerOf` and `shops` are reads that no SMS command needs before it runs.
 */
export const MeWithRoles = graphql(`
query MeWithRoles {
  me {
    __typename
    ... on MeSuccess { data { language serviceCenter { id name villageId } partnerOf { id } shops { id } } }
  }
}
`);

/** SMS JOIN and the USSD join screen: register with a service center. */
export const JoinServiceCenter = graphql(`
mutation JoinServiceCenter($centerCode: String!) {
  joinServiceCenter(centerCode: $centerCode) {
    __typename
    ... on NotFoundError { entity key }
    ... on JoinServiceCenterSuccess { data { serviceCenter { id name villageId } } }
  }
}
`);

/** SMS LANG and the USSD language screen. */
export const SetLanguage = graphql(`
mutation SetLanguage($language: Language!) {
  setLanguage(language: $language) { __typename }
}
`);

/** SMS STOP and START. */
export const SetNotifications = graphql(`
mutation SetNotifications($enabled: Boolean!) {
  setNotifications(enabled: $enabled) { __typename }
}
`);
