import type { TicketRow } from './tickets.repository.ts';

type Status = TicketRow['status'];

/**
 * Which status changes an agent may make. `new` is only ever the first status; `closed` is final
 * and only follows `solved` (a closed case that comes back is a new ticket); a solved ticket can
 * be reopened.
 */
const ALLOWED: Record<Status, readonly Status[]> = {
  new: ['open', 'pending', 'on_hold', 'solved'],
  open: ['pending', 'on_hold', 'solved'],
  pending: ['open', 'on_hold', 'solved'],
  on_hold: ['open', 'pending', 'solved'],
  solved: ['open', 'closed'],
  closed: [],
};

export function canTransition(from: Status, to: Status): boolean {
  return from === to || ALLOWED[from].includes(to);
}

export function allowedTransitions(from: Status): readonly Status[] {
  return ALLOWED[from];
}

/** What a new public message does to the status, before any explicit change. */
export function statusAfterMessage(current: Status, author: 'customer' | 'agent', visibility: 'public' | 'internal'): Status {
  if (visibility === 'internal') return current;
  if (author === 'customer') {
    // The customer answered what we were waiting for, or came back after a solve.
    return current === 'pending' || current === 'solved' ? 'open' : current;
  }
  return current === 'new' ? 'open' : current;
}
