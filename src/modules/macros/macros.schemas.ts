import { z } from 'zod';
import { Timestamp, trimmed } from '../../http/common.schemas.ts';
import { PageQuerySchema } from '../../http/pagination.ts';
import { TagSchema } from '../tickets/tag.schema.ts';
import { TICKET_PRIORITIES, TICKET_TYPES } from '../tickets/tickets.table.ts';
import { PLACEHOLDERS } from './macro-template.ts';

export const MACRO_LANGUAGES = ['zh-Hans', 'zh-Hant', 'en'] as const;
export type MacroLanguage = (typeof MACRO_LANGUAGES)[number];

/** What a macro may set the status to: not `new` (nothing goes back to it) and not `closed` (final: the system closes). */
export const MACRO_STATUSES = ['open', 'pending', 'on_hold', 'solved'] as const;

const ReplyText = trimmed(10_000);
const Reply = z
  .object({ 'zh-Hans': ReplyText.optional(), 'zh-Hant': ReplyText.optional(), en: ReplyText.optional() })
  .strict()
  .refine((r) => Object.values(r).some((v) => v !== undefined), { message: 'give the reply in at least one language' })
  .describe(`The reply per language. Placeholders: ${PLACEHOLDERS.map((p) => `\`{{${p}}}\``).join(', ')}; any other is refused (400 \`macros.unknown_placeholder\`). Values are inserted as plain text; a missing one is left empty.`);
const Tags = z.array(TagSchema).max(20).transform((tags) => [...new Set(tags)]);

const fields = {
  name: trimmed(100),
  description: trimmed(500).nullable().optional(),
  teamId: z.string().max(64).nullable().optional().describe('The team whose macro this is; null or absent: global'),
  ticketTypes: z.array(z.enum(TICKET_TYPES)).max(3).optional().describe('The ticket types it suits (empty: any); suggestions offer it for these'),
  reply: Reply.nullable().optional(),
  visibility: z.enum(['public', 'internal']).optional().describe('The reply as a public reply (default) or an internal note'),
  status: z.enum(MACRO_STATUSES).nullable().optional(),
  priority: z.enum(TICKET_PRIORITIES).nullable().optional(),
  addTags: Tags.optional(),
  removeTags: Tags.optional(),
  active: z.boolean().optional().describe('Inactive macros are kept but cannot be applied or suggested'),
};

const hasAction = (m: { reply?: unknown; status?: unknown; priority?: unknown; addTags?: unknown[] | undefined; removeTags?: unknown[] | undefined }) =>
  Boolean(m.reply || m.status || m.priority || m.addTags?.length || m.removeTags?.length);

export const CreateMacroSchema = z
  .object(fields)
  .strict()
  .refine(hasAction, { message: 'a macro needs an action: a reply, a status, a priority or tags', path: ['reply'] })
  .meta({ id: 'CreateMacro' });

export const UpdateMacroSchema = z.object(fields).partial().strict().meta({ id: 'UpdateMacro' });

export type CreateMacroInput = z.infer<typeof CreateMacroSchema>;
export type UpdateMacroInput = z.infer<typeof UpdateMacroSchema>;

export const MacroSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    teamId: z.string().nullable(),
    ticketTypes: z.array(z.enum(TICKET_TYPES)),
    reply: z.object({ 'zh-Hans': z.string().optional(), 'zh-Hant': z.string().optional(), en: z.string().optional() }).nullable(),
    visibility: z.enum(['public', 'internal']),
    status: z.enum(MACRO_STATUSES).nullable(),
    priority: z.enum(TICKET_PRIORITIES).nullable(),
    addTags: z.array(z.string()),
    removeTags: z.array(z.string()),
    active: z.boolean(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    version: z.number().int(),
  })
  .meta({ id: 'Macro' });

export type MacroDto = z.infer<typeof MacroSchema>;

export const MacroListQuerySchema = PageQuerySchema.extend({
  teamId: z.string().max(64).optional().describe('Global macros and this team\'s (default: every macro)'),
  active: z.enum(['true', 'false']).optional(),
  type: z.enum(TICKET_TYPES).optional().describe('Macros that suit this ticket type (or any)'),
});

export const ApplyMacroParams = z.object({
  id: z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'not an id').describe('Ticket id'),
  macroId: z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'not an id').describe('Macro id'),
});

export const ApplyMacroQuerySchema = z.object({
  language: z.enum(MACRO_LANGUAGES).optional().describe("The reply's language (default: the ticket's, else the first the macro has)"),
});
