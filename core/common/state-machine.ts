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
