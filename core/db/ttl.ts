/** The TTL attribute's value: epoch seconds `seconds` after now, when DynamoDB may delete the item. */
export function expiresAt(now: Date, seconds: number): number {
  return Math.floor(now.getTime() / 1000) + seconds;
}
