import { badRequest, notFound, unprocessable } from '../../http/problem.ts';

export const macroNotFound = (id: string) => notFound('macros', `No macro ${id}`);

/** Placeholders are checked when a macro is saved, so applying one never meets a name it cannot fill. */
export const unknownPlaceholders = (found: { language: string; names: string[] }[]) =>
  badRequest(
    'macros.unknown_placeholder',
    `Unknown placeholders: ${[...new Set(found.flatMap((f) => f.names))].map((n) => `{{${n}}}`).join(', ')}; allowed: {{customer.name}}, {{ticket.number}}, {{agent.name}}`,
    found.flatMap((f) => f.names.map((name) => ({ path: `body.reply.${f.language}`, message: `unknown placeholder {{${name}}}` }))),
  );

export const unknownTeam = (id: string) => unprocessable('macros.unknown_team', `No team ${id}`, [{ path: 'body.teamId', message: 'does not exist' }]);

export const macroInactive = (id: string) => unprocessable('macros.inactive', `Macro ${id} is inactive`);

export const macroOfOtherTeam = (id: string) =>
  unprocessable('macros.other_team', `Macro ${id} belongs to another team than the ticket's`, [{ path: 'path.macroId', message: "not a macro of the ticket's team" }]);
