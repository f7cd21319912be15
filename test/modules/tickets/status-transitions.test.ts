import { describe, expect, it } from 'vitest';
import { canTransition, statusAfterMessage } from '../../../src/modules/tickets/status-transitions.ts';

describe('status transitions', () => {
  it('never returns to new and never leaves closed', () => {
    for (const from of ['open', 'pending', 'on_hold', 'solved', 'closed'] as const) expect(canTransition(from, 'new')).toBe(false);
    for (const to of ['new', 'open', 'pending', 'on_hold', 'solved'] as const) expect(canTransition('closed', to)).toBe(false);
  });

  it('closes only what is solved', () => {
    expect(canTransition('open', 'closed')).toBe(false);
    expect(canTransition('solved', 'closed')).toBe(true);
  });

  it('reopens on a customer reply to pending or solved, not on an internal note', () => {
    expect(statusAfterMessage('pending', 'customer', 'public')).toBe('open');
    expect(statusAfterMessage('solved', 'customer', 'public')).toBe('open');
    expect(statusAfterMessage('on_hold', 'customer', 'public')).toBe('on_hold');
    expect(statusAfterMessage('new', 'agent', 'public')).toBe('open');
    expect(statusAfterMessage('new', 'agent', 'internal')).toBe('new');
  });
});
