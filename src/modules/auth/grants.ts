import { grantExceedsCaller, targetExceedsCaller } from './auth.errors.ts';
import { hasScope, ROLE_SCOPES, type Scope } from './scopes.ts';

/**
 * The one rule of every grant (creating an agent, changing a role, minting a key, resetting
 * someone's password): a caller never hands out more than it holds. Pure, so that it is tested on
 * its own and used the same way everywhere.
 */

export type Role = keyof typeof ROLE_SCOPES;

/** The scopes in `wanted` that `held` does not cover; empty when the grant is allowed. `admin` covers everything. */
export function scopesBeyond(held: readonly string[], wanted: readonly string[]): string[] {
  return [...new Set(wanted)].filter((scope) => !hasScope(held, scope as Scope));
}

export const roleScopes = (role: Role): readonly Scope[] => ROLE_SCOPES[role];

/**
 * What both allow: a key acting for an agent does no more than the key's scopes and the agent's
 * current role each allow (`admin` on one side leaves the other side as it is).
 */
export function intersectScopes(a: readonly string[], b: readonly string[]): string[] {
  if (a.includes('admin')) return [...b];
  if (b.includes('admin')) return [...a];
  return a.filter((scope) => b.includes(scope));
}

/** Whoever asks: a key or a signed-in agent, by what it may do. */
export interface Grantor {
  scopes: readonly string[];
}

/** 403 `auth.grant_exceeds_caller` unless the caller holds every scope in `wanted`. */
export function assertMayGrant(caller: Grantor, wanted: readonly string[], what: string): void {
  const missing = scopesBeyond(caller.scopes, wanted);
  if (missing.length > 0) throw grantExceedsCaller(missing, what);
}

/**
 * 403 `auth.target_exceeds_caller` unless the caller holds every scope of the agent's role:
 * changing a more powerful agent (their password, role, activity) would be a way to become them.
 */
export function assertMayChangeAgent(caller: Grantor, targetRole: Role): void {
  const missing = scopesBeyond(caller.scopes, roleScopes(targetRole));
  if (missing.length > 0) throw targetExceedsCaller(missing);
}
