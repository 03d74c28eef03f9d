import { type BusinessError, InvalidInputError } from './errors.js';
import { checkInteger } from './validation.js';

/** The most items one page of a list holds; a caller asking for more is told so, not cut short. */
export const MAX_PAGE_SIZE = 100;

/** Which page of a list a caller asks for: the first `first` items after the cursor `after` (or from the start). */
export interface PageRequest {
  first: number;
  after: string | null;
}

export function checkPageRequest(request: PageRequest): PageRequest | BusinessError {
  const first = checkInteger('first', request.first, 1, MAX_PAGE_SIZE);
  return first instanceof InvalidInputError ? first : { first, after: request.after };
}

/** The answer to a cursor that belongs to no page of the list asked for. */
export const notACursor = () => new InvalidInputError('after', 'is not a cursor of this list');
