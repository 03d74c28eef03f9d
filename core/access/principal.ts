/** An app acting through an OAuth token: which app, and the scopes the token carries. */
export interface AppAccess {
  clientId: string;
  scopes: readonly string[];
}

/**
 * Who is calling: resolved from an API key or an OAuth token over HTTP, or from the sender's phone in
 * the text channels. `via` is set when an app acts with a token: the caller may then do what the
 * phone (or the app) may do, and only within the token's scopes.
 */
export type Principal =
  | { kind: 'ADMIN' }
  | { kind: 'PHONE'; phone: string; via?: AppAccess }
  | { kind: 'APP'; name: string; via?: AppAccess };

export function phoneOf(principal: Principal): string | null {
  return principal.kind === 'PHONE' ? principal.phone : null;
}

export function describePrincipal(principal: Principal): string {
  switch (principal.kind) {
    case 'ADMIN':
      return 'admin';
    case 'PHONE':
      return principal.via ? `${principal.phone} via app:${principal.via.clientId}` : principal.phone;
    case 'APP':
      return `app:${principal.name}`;
  }
}
