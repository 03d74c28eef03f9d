import { type RequestContext, requireOwnPhone } from '../access/index.js';
import { BusinessError, NotFoundError, WrongConsentCodeError } from '../common/index.js';
import type { ConsentRequest, Grant } from './app.js';
import { listPendingConsents } from './consent-repository.js';
import { answerConsent, type ConsentAnswer, decideConsent } from './consent-service.js';
import { appsOfPhone } from './grant-service.js';
import { revokeGrant } from './token-service.js';

// The villager's side of apps, for the phone itself only: an app acting for a phone with a token
// must never approve its own request, nor list or revoke other apps.

/** What the phone said to a consent request, and to which app. */
export interface ConsentDecision {
  appName: string;
  allowed: boolean;
}

function decisionOf(answer: ConsentAnswer, phone: string): ConsentDecision | BusinessError {
  switch (answer.outcome) {
    case 'allowed':
    case 'denied':
      return { appName: answer.appName, allowed: answer.outcome === 'allowed' };
    case 'wrong-code':
      return new WrongConsentCodeError(answer.triesLeft);
    case 'nothing-waiting':
      return new NotFoundError('consent request', phone);
  }
}

/** The apps the calling phone has let in and not taken back, oldest first. */
export async function myApps(ctx: RequestContext): Promise<Grant[] | BusinessError> {
  const phone = requireOwnPhone(ctx.principal);
  if (phone instanceof BusinessError) return phone;
  return appsOfPhone(ctx.store, phone);
}

/** The consent requests still waiting for the calling phone's answer, oldest first. */
export async function myConsentRequests(ctx: RequestContext): Promise<ConsentRequest[] | BusinessError> {
  const phone = requireOwnPhone(ctx.principal);
  if (phone instanceof BusinessError) return phone;
  return listPendingConsents(ctx.store, phone, ctx.now());
}

/** YES or NO with the code the phone was sent (SMS). */
export async function answerMyConsent(ctx: RequestContext, code: string, allow: boolean): Promise<ConsentDecision | BusinessError> {
  const phone = requireOwnPhone(ctx.principal);
  if (phone instanceof BusinessError) return phone;
  return decisionOf(await answerConsent(ctx.store, phone, code, allow, ctx.now()), phone);
}

/** Allow or deny one waiting request the phone chose from its list (USSD). */
export async function decideMyConsent(ctx: RequestContext, requestId: string, allow: boolean): Promise<ConsentDecision | BusinessError> {
  const phone = requireOwnPhone(ctx.principal);
  if (phone instanceof BusinessError) return phone;
  const answer = await decideConsent(ctx.store, phone, requestId, allow, ctx.now());
  return answer.outcome === 'nothing-waiting' ? new NotFoundError('consent request', requestId) : decisionOf(answer, phone);
}

/** Takes back at once what the calling phone let an app do; taking it back again changes nothing. */
export async function revokeMyApp(ctx: RequestContext, clientId: string): Promise<Grant | BusinessError> {
  const phone = requireOwnPhone(ctx.principal);
  if (phone instanceof BusinessError) return phone;
  return (await revokeGrant(ctx.store, phone, clientId, ctx.now())) ?? new NotFoundError('app', clientId);
}
