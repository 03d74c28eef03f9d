// What the load was told, for the audits after it: which request was answered with which order,
// the cancellations reported, repeats answered differently, and the order requests never answered.
export class LoadLedger {
  /** Every order code the load was told of, with who asked (idempotency key, MessageSid or USSD path). */
  readonly codeRequests = new Map<string, Set<string>>();
  /** The order codes each request identity was answered with. */
  readonly requestCodes = new Map<string, Set<string>>();
  readonly reportedCancelled = new Set<string>();
  /** Repeats (same key, MessageSid or path) answered differently: one after the other, or at once. */
  readonly repeatMismatches = { sequential: [] as string[], racing: [] as string[] };
  /** Order requests whose every try failed, to repeat (same key, MessageSid or USSD path) once the load is over. */
  readonly unanswered: (() => Promise<unknown>)[] = [];

  /** The request was answered with this order code. */
  claim(code: string, request: string): void {
    if (!this.codeRequests.has(code)) this.codeRequests.set(code, new Set());
    this.codeRequests.get(code)!.add(request);
    if (!this.requestCodes.has(request)) this.requestCodes.set(request, new Set());
    this.requestCodes.get(request)!.add(code);
  }

  get orders(): number {
    return this.codeRequests.size;
  }
}
