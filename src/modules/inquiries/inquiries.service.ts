import type { Clock } from '../../shared/clock.ts';
import type { Actor } from '../events/events.repository.ts';
import { customerLockKey, knownCustomer, resolveCustomer } from '../customers/resolve-customer.ts';
import { redeliveryMismatch } from './inquiries.errors.ts';
import { openTicket } from '../tickets/open-ticket.ts';
import type { ClassifyFn, TicketService } from '../tickets/tickets.service.ts';
import type { InquiryInput } from './inquiries.schemas.ts';
import { subjectFromBody } from './subject.ts';
import type { SlaEngine } from '../sla/sla-engine.ts';
import type { RoutingEngine } from '../routing/routing-engine.ts';
import type { IntakeInOneCall } from './intake-in-one-call.ts';

/**
 * Channel intake: one inbound message becomes a ticket, joins the customer's open ticket of the
 * same thread, or (when the channel redelivers it) returns what we already have and writes nothing.
 * A "redelivery" with another customer or body is refused (409), since it would disclose the stored one.
 */
export function createInquiryService(deps: {
  clock: Clock;
  tickets: Pick<TicketService, 'appendMessage' | 'write' | 'armTimers'>;
  /** The common case (a message that opens a ticket) in one round trip; null sends it down the general path. */
  openInOneCall?: IntakeInOneCall | undefined;
  classify?: ClassifyFn | undefined;
  sla?: SlaEngine | undefined;
  routing?: RoutingEngine | undefined;
}) {
  const { clock } = deps;

  return {
    async receive(input: InquiryInput, actor: Actor) {
      const at = clock.now();
      const subject = input.subject ?? subjectFromBody(input.body);
      // Classification is pure and takes microseconds: do it before the transaction opens.
      const classification = deps.classify ? deps.classify(input.subject ? `${input.subject}\n${input.body}` : input.body) : null;
      const receivedAt = input.receivedAt ? new Date(input.receivedAt) : at;

      const opened = await deps.openInOneCall?.(input, { subject, classification, receivedAt, at, actor });
      if (opened) {
        await deps.tickets.armTimers(opened.intents);
        return opened;
      }

      return deps.tickets.write(async (repos) => {
        // One round trip for both locks, always in this order (message, then customer): a redelivery
        // waits for the first delivery, and two first messages of a new customer make one customer.
        const customerKey = customerLockKey(input.channel, input.customer);
        await repos.lock(...(input.externalId ? [`message:${input.channel}:${input.externalId}`] : []), ...(customerKey ? [customerKey] : []));
        if (input.externalId) {
          const known = await repos.messages.findByExternalId(input.channel, input.externalId);
          if (known) {
            // Only a true redelivery (same body, same customer) may see what was stored.
            const sameCustomer = known.customerId !== null && (await knownCustomer(repos, input.channel, input.customer)) === known.customerId;
            if (known.body !== input.body || !sameCustomer) throw redeliveryMismatch(known.id);
            const ticket = await repos.tickets.findById(known.ticketId);
            return { created: false, duplicate: true, ticket: ticket!, message: known, intents: [] };
          }
        }

        const customerId = await resolveCustomer(repos, input.channel, input.customer, at, { alreadyLocked: true });
        const open = input.threadId ? await repos.tickets.findOpenByThread(customerId, input.channel, input.threadId) : undefined;
        if (open) {
          const joined = await deps.tickets.appendMessage(
            repos,
            open,
            {
              author: 'customer',
              visibility: 'public',
              body: input.body,
              agentId: null,
              channel: input.channel,
              externalId: input.externalId ?? null,
              receivedAt,
            },
            actor,
            at,
          );
          return { created: false, duplicate: false, ...joined };
        }

        const opened = await openTicket(repos, {
          subject,
          body: input.body,
          channel: input.channel,
          customerId,
          author: 'customer',
          classification,
          threadId: input.threadId ?? null,
          externalId: input.externalId ?? null,
          receivedAt,
          actor,
          at,
        }, deps.sla, deps.routing);
        return { created: true, duplicate: false, ...opened };
      });
    },
  };
}

export type InquiryService = ReturnType<typeof createInquiryService>;
