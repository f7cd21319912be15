import { AppError, notFound, unprocessable } from '../../http/problem.ts';

export const apiKeyNotFound = (id: string) => notFound('api_keys', `No API key ${id}`);

/** The caller tried to hand out scopes it does not hold itself (a role or a key's scopes). */
export const grantExceedsCaller = (missing: readonly string[], what: string) =>
  new AppError({
    status: 403,
    code: 'auth.grant_exceeds_caller',
    title: 'Forbidden',
    detail: `You cannot grant ${what}: it carries ${missing.map((s) => `'${s}'`).join(', ')}, which you do not hold`,
  });

/** The agent to change holds scopes the caller does not: only someone holding them may change it. */
export const targetExceedsCaller = (missing: readonly string[]) =>
  new AppError({
    status: 403,
    code: 'auth.target_exceeds_caller',
    title: 'Forbidden',
    detail: `This agent's role carries ${missing.map((s) => `'${s}'`).join(', ')}, which you do not hold; only someone who does may change this agent`,
  });

/** A helpdesk session, or a key acting for an agent, speaks for that agent only: it never names another one. */
export const actingForOtherAgent = () =>
  new AppError({
    status: 403,
    code: 'auth.acting_for_other_agent',
    title: 'Forbidden',
    detail: 'You act for your own agent: leave out agentId or send your own',
  });

export const scopesExceedAgentRole = (missing: readonly string[], role: string) =>
  unprocessable('api_keys.scopes_exceed_agent_role', `A key acting for an agent can do no more than the agent's role (${role})`, [
    { path: 'body.scopes', message: `the agent's role does not hold ${missing.join(', ')}` },
  ]);

export const agentInactive = () =>
  unprocessable('api_keys.agent_inactive', 'The agent is deactivated: a key acting for them would not work', [{ path: 'body.agentId', message: 'is deactivated' }]);

/** A route about "me" called with a key that acts for no agent. */
export const notAnAgent = () =>
  new AppError({
    status: 403,
    code: 'auth.not_an_agent',
    title: 'Forbidden',
    detail: 'This credential acts for no agent: sign in to the helpdesk, or use a key created with an agentId',
  });
