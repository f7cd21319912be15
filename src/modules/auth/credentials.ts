import type { Database } from '../../db/client.ts';
import type { Clock } from '../../shared/clock.ts';
import type { AuditRecorder } from '../audit/audit-recorder.ts';
import { createAgentRepository } from '../agents/agents.repository.ts';
import { createApiKeyRepository } from './api-keys.repository.ts';
import { createApiKeyService } from './api-keys.service.ts';
import { createSessionRepository } from './sessions.repository.ts';
import { createSessionService } from './sessions.service.ts';
import { createSignInThrottleRepository } from './sign-in-throttle.repository.ts';

/**
 * Who is calling: API keys and helpdesk sessions (with the sign-in throttles). Built before the
 * features, which need to know whom to ask (the auth plugin) and whose caches to drop when an
 * agent's access changes.
 */
export function createCredentials(deps: { db: Database; clock: Clock; audit?: Pick<AuditRecorder, 'write'> }) {
  const apiKeys = createApiKeyService({ keys: createApiKeyRepository(deps.db), db: deps.db, clock: deps.clock });
  const signInThrottles = createSignInThrottleRepository(deps.db);
  const sessions = createSessionService({
    sessions: createSessionRepository(deps.db),
    agents: createAgentRepository(deps.db),
    throttles: signInThrottles,
    clock: deps.clock,
    audit: deps.audit,
  });
  return {
    apiKeys,
    sessions,
    signInThrottles,
    /** A new password, a deactivation or a new role counts in this process at once, not after the caches' few seconds. */
    forgetCached() {
      apiKeys.forgetCached();
      sessions.forgetCached();
    },
  };
}

export type Credentials = ReturnType<typeof createCredentials>;
