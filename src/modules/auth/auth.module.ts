import { routes, type FeatureModule } from '../module.ts';
import type { AgentService } from '../agents/agents.service.ts';
import type { Credentials } from './credentials.ts';
import { apiKeyRoutes } from './api-keys.routes.ts';
import { sessionRoutes } from './sessions.routes.ts';

/** API keys and helpdesk sign-in, over the credentials the auth plugin checks. */
export function authModule(deps: { credentials: Credentials; agents: Pick<AgentService, 'get'>; publishedOverHttps: boolean }): FeatureModule {
  return {
    name: 'auth',
    routes: [
      routes(apiKeyRoutes, { apiKeys: deps.credentials.apiKeys, agents: deps.agents }),
      routes(sessionRoutes, { sessions: deps.credentials.sessions, publishedOverHttps: deps.publishedOverHttps }),
    ],
  };
}
