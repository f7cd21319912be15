import { describe, expect, it } from 'vitest';
import { auditSpecFor, derivedSpec } from '../../../src/modules/audit/audit-policy.ts';
import { userAgentForAudit } from '../../../src/modules/audit/user-agent.ts';

const spec = (method: string, url: string, scoped = true) => auditSpecFor({ method, url, scoped });

describe('which requests are audited, and as what', () => {
  it('records every scoped change, named by its path and method', () => {
    expect(spec('PATCH', '/v1/customers/:id')).toEqual({ action: 'customers.update', kind: 'update', resource: 'customers' });
    expect(spec('POST', '/v1/tickets/:id/messages')).toEqual({ action: 'tickets.messages.create', kind: 'create', resource: 'tickets' });
    expect(spec('DELETE', '/v1/api-keys/:id')).toEqual({ action: 'api-keys.delete', kind: 'delete', resource: 'api-keys' });
    expect(spec('POST', '/v1/webhooks/:id/rotate-secret')).toEqual({ action: 'webhooks.rotate-secret', kind: 'update', resource: 'webhooks' });
    expect(spec('PUT', '/v1/alert-rules')).toEqual({ action: 'alert-rules.update', kind: 'update', resource: 'alert-rules' });
    expect(spec('DELETE', '/v1/customers/:id')).toMatchObject({ action: 'customers.erase', kind: 'delete' });
    // a route nobody listed is audited all the same
    expect(spec('POST', '/v1/brand-new-things')).toMatchObject({ action: 'brand-new-things.create' });
  });

  it('records reads of customer data only, lists as `.list`', () => {
    expect(spec('GET', '/v1/customers/:id')).toMatchObject({ action: 'customers.read', kind: 'read' });
    expect(spec('GET', '/v1/customers')).toMatchObject({ action: 'customers.list', kind: 'read' });
    expect(spec('GET', '/v1/tickets/:id/messages')).toMatchObject({ action: 'tickets.messages.list' });
    expect(spec('GET', '/v1/customers/:id/export')).toMatchObject({ action: 'customers.export', resource: 'customers' });
    expect(spec('GET', '/v1/sla-policies')).toBeNull();
    expect(spec('HEAD', '/v1/customers/:id')).toBeNull();
  });

  it('leaves out intake, pure computations and public routes; a route may decide for itself', () => {
    expect(spec('POST', '/v1/inquiries')).toBeNull();
    expect(spec('POST', '/v1/classify')).toBeNull();
    expect(spec('POST', '/v1/routing-rules/dry-run')).toBeNull();
    expect(spec('POST', '/v1/sessions', false)).toBeNull();
    expect(auditSpecFor({ method: 'DELETE', url: '/v1/customers/:id', scoped: true, config: false })).toBeNull();
    expect(auditSpecFor({ method: 'POST', url: '/v1/surveys/:token', scoped: false, config: { action: 'surveys.answer' } })).toMatchObject({ action: 'surveys.answer', kind: 'create' });
    expect(derivedSpec('GET', '/v1/tickets/:id')).toEqual({ action: 'tickets.read', kind: 'read', resource: 'tickets' });
  });
});

describe('the user agent the audit log keeps', () => {
  it('keeps product tokens, drops comments and anything that looks personal', () => {
    expect(userAgentForAudit('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36')).toBe(
      'Mozilla/5.0 AppleWebKit/537.36 Chrome/131.0.0.0 Safari/537.36',
    );
    expect(userAgentForAudit('curl/8.5.0')).toBe('curl/8.5.0');
    expect(userAgentForAudit('sync-bot li.lei@example.com 13800138000 tool/1.0')).toBe('tool/1.0');
    expect(userAgentForAudit('王小明的脚本')).toBeNull();
    expect(userAgentForAudit(undefined)).toBeNull();
    expect(userAgentForAudit('a/1 b/2 c/3 d/4 e/5 f/6 g/7 h/8')!.split(' ')).toHaveLength(6);
  });
});
