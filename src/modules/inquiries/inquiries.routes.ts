import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { WriteHeaders } from '../../http/common.schemas.ts';
import { errorResponses } from '../../http/error-responses.ts';
import { actorOf } from '../events/actor.ts';
import { presentOne } from '../tickets/tickets.routes.ts';
import { presentTicket } from '../tickets/tickets.presenter.ts';
import { presentSla } from '../sla/sla.presenter.ts';
import type { TicketService } from '../tickets/tickets.service.ts';
import { presentMessage } from '../messages/messages.presenter.ts';
import { InquiryJoinedSchema, InquiryOpenedSchema, InquirySchema, type InquiryOutcome } from './inquiries.schemas.ts';
import type { InquiryService } from './inquiries.service.ts';

export const inquiryRoutes: FastifyPluginAsyncZod<{ inquiries: InquiryService; tickets: Pick<TicketService, 'slaOf'> }> = async (
  app,
  { inquiries, tickets },
) => {
  app.post(
    '/v1/inquiries',
    {
      config: { scope: 'inquiries:write' },
      schema: {
        tags: ['inquiries'],
        operationId: 'createInquiry',
        summary: 'Receive one inbound customer message from a channel',
        description:
          'Opens a ticket (201, `outcome: opened`), or joins the customer\'s open ticket of the same `threadId` (200, `outcome: joined`). ' +
          'A redelivered `(channel, externalId)` answers 200 (`outcome: duplicate`) with what exists and writes nothing; the same ' +
          '`(channel, externalId)` with another customer or body answers 409 `inquiries.redelivery_mismatch` with only the stored message\'s `existingId`.',
        headers: WriteHeaders,
        body: InquirySchema,
        response: {
          201: InquiryOpenedSchema,
          200: InquiryJoinedSchema,
          ...errorResponses({ write: true }),
        },
      },
    },
    async (request, reply) => {
      const result = await inquiries.receive(request.body, actorOf(request.principal));
      if (result.duplicate) reply.header('x-duplicate-delivery', 'true');
      const outcome: InquiryOutcome = result.created ? 'opened' : result.duplicate ? 'duplicate' : 'joined';
      return reply.code(result.created ? 201 : 200).send({
        outcome,
        // A new ticket's targets came back from the transaction; a joined one's are read.
        ticket: 'slaTargets' in result && result.slaTargets ? presentTicket(result.ticket, presentSla(result.slaTargets)) : await presentOne(tickets, result.ticket),
        message: presentMessage(result.message),
      });
    },
  );
};
