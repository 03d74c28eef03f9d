import { IllegalTransitionError } from './errors.js';

export type Transitions<S extends string> = Readonly<Record<S, readonly S[]>>;

export function canTransition<S extends string>(transitions: Transitions<S>, from: S, to: S): boolean {
  return transitions[from].includes(to);
}

export function checkTransition<S extends string>(
  machine: 'ORDER' | 'PAYMENT',
  transitions: Transitions<S>,
  from: S,
  to: S,
): IllegalTransitionError | null {
  return canTransition(transitions, from, to) ? null : new IllegalTransitionError(machine, from, to);
}

/** The states from which `to` may be reached: the condition of a conditional write. */
export function sourcesOf<S extends string>(transitions: Transitions<S>, to: S): S[] {
  return (Object.keys(transitions) as S[]).filter((from) => transitions[from].includes(to));
}
