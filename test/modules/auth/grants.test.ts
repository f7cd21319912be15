import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { assertMayChangeAgent, assertMayGrant, intersectScopes, roleScopes, scopesBeyond } from '../../../src/modules/auth/grants.ts';
import { hasScope, ROLE_SCOPES, SCOPES } from '../../../src/modules/auth/scopes.ts';

const scopeList = fc.uniqueArray(fc.constantFrom(...SCOPES), { maxLength: SCOPES.length });

describe('scopesBeyond: what a grant would hand out that the caller does not hold', () => {
  it('is empty within the caller\'s scopes, and names each missing scope once', () => {
    expect(scopesBeyond(['tickets:read', 'tickets:write'], ['tickets:read'])).toEqual([]);
    expect(scopesBeyond(['agents:write'], ['admin'])).toEqual(['admin']);
    expect(scopesBeyond(['agents:write'], ['tickets:read', 'tickets:read', 'classify'])).toEqual(['tickets:read', 'classify']);
    expect(scopesBeyond([], [])).toEqual([]);
  });

  it('lets admin grant anything, and nothing but admin grant admin', () => {
    expect(scopesBeyond(['admin'], [...SCOPES])).toEqual([]);
    expect(scopesBeyond(SCOPES.filter((s) => s !== 'admin'), ['admin'])).toEqual(['admin']);
  });

  it('orders roles: agent ⊂ lead ⊂ admin', () => {
    expect(scopesBeyond(roleScopes('lead'), roleScopes('agent'))).toEqual([]);
    expect(scopesBeyond(roleScopes('admin'), roleScopes('lead'))).toEqual([]);
    // Leads also acknowledge and resolve crisis alerts.
    expect(scopesBeyond(roleScopes('agent'), roleScopes('lead')).sort()).toEqual(['alerts:write', 'exports:read', 'macros:write', 'outcomes:write', 'reports:read', 'routing:write']);
    expect(scopesBeyond(roleScopes('lead'), roleScopes('admin'))).toEqual(['admin']);
  });

  it('never lets a grant carry a power the caller lacks (property)', () => {
    fc.assert(
      fc.property(scopeList, scopeList, (held, wanted) => {
        const allowed = scopesBeyond(held, wanted).length === 0;
        // Allowed exactly when whatever the grant can do, the caller can do too.
        const noEscalation = SCOPES.every((scope) => !hasScope(wanted, scope) || hasScope(held, scope));
        return allowed === noEscalation;
      }),
    );
  });
});

describe('intersectScopes: a key acting for an agent, capped by the agent\'s role', () => {
  it('keeps what both allow; admin on one side leaves the other', () => {
    expect(intersectScopes(['tickets:read', 'reports:read'], ROLE_SCOPES.agent)).toEqual(['tickets:read']);
    expect(intersectScopes(['admin'], ROLE_SCOPES.agent)).toEqual([...ROLE_SCOPES.agent]);
    expect(intersectScopes(['reports:read'], ROLE_SCOPES.admin)).toEqual(['reports:read']);
  });

  it('is never more than either side (property)', () => {
    fc.assert(
      fc.property(scopeList, scopeList, (a, b) => {
        const both = intersectScopes(a, b);
        return scopesBeyond(a, both).length === 0 && scopesBeyond(b, both).length === 0;
      }),
    );
  });
});

describe('the assertions routes rely on', () => {
  it('answer 403 with a code and the missing scopes', () => {
    expect(() => assertMayGrant({ scopes: ['agents:write'] }, roleScopes('admin'), "the role 'admin'")).toThrow(
      expect.objectContaining({ status: 403, code: 'auth.grant_exceeds_caller', message: expect.stringContaining("'admin'") }),
    );
    expect(() => assertMayChangeAgent({ scopes: ['agents:write', ...ROLE_SCOPES.agent] }, 'lead')).toThrow(
      expect.objectContaining({ status: 403, code: 'auth.target_exceeds_caller', message: expect.stringContaining('reports:read') }),
    );
    expect(() => assertMayChangeAgent({ scopes: ['agents:write', ...ROLE_SCOPES.agent] }, 'agent')).not.toThrow();
    expect(() => assertMayGrant({ scopes: ['admin'] }, ['admin'], 'a key')).not.toThrow();
  });
});
