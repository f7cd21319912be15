import type { Principal } from '../auth/scopes.ts';
import type { Actor } from './events.repository.ts';

/** The actor of an audit event: the agent behind a key or session when known, else the key. */
export function actorOf(principal: Principal | null): Actor {
  if (!principal) return { type: 'system', id: null };
  if (principal.agentId) return { type: 'agent', id: principal.agentId };
  return { type: 'api_key', id: principal.id };
}

export const SYSTEM_ACTOR: Actor = { type: 'system', id: null };
