import { z } from 'zod';
import { ActionOutcomeSchema } from './routing.schemas.ts';

/** One routing rule that acted on a ticket: the rule, why it matched, what each action did. */
export const TicketRoutedDataSchema = z
  .object({
    ruleId: z.string(),
    ruleName: z.string(),
    trigger: z.enum(['ticket.created', 'ticket.updated']).describe('Routing runs when a ticket is opened and when its type or tags change'),
    reasons: z.array(z.string()).describe('Each condition of the rule and why it held'),
    actions: z.array(ActionOutcomeSchema),
    changes: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })).describe('The fields this rule changed, before and after it'),
  })
  .meta({ id: 'TicketRoutedData' });
