/** Who is calling: resolved from an API key over HTTP, or from the sender's phone in the text channels. */
export type Principal = { kind: 'ADMIN' } | { kind: 'PHONE'; phone: string } | { kind: 'APP'; name: string };

export function phoneOf(principal: Principal): string | null {
  return principal.kind === 'PHONE' ? principal.phone : null;
}

export function describePrincipal(principal: Principal): string {
  switch (principal.kind) {
    case 'ADMIN':
      return 'admin';
    case 'PHONE':
      return principal.phone;
    case 'APP':
      return `app:${principal.name}`;
  }
}
