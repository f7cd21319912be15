/**
 * What anonymisation writes in place of what a customer (or an agent to them) wrote, and how each
 * stored shape loses it. Pure: the SQL around it (anonymise.ts) reads the rows and writes them back.
 * Ids, times, statuses, types, ratings and SLA outcomes stay, so reports and the SLA history still
 * count the ticket; the words go.
 */
export const ERASED = '[erased]';

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A classification's signals quote the message (`match`): the kind stays, the quote goes. */
export function scrubClassification(classification: unknown): unknown {
  if (!isObject(classification) || !Array.isArray(classification.signals)) return classification;
  return { ...classification, signals: classification.signals.map((signal) => (isObject(signal) ? { ...signal, match: ERASED } : signal)) };
}

function scrubTicket(ticket: unknown): unknown {
  if (!isObject(ticket)) return ticket;
  return { ...ticket, subject: ERASED, threadId: null, classification: scrubClassification(ticket.classification) };
}

/** `changes` of ticket.updated and ticket.macro_applied: a subject change keeps that it happened, not the words. */
function scrubChanges(changes: unknown): unknown {
  if (!isObject(changes) || !('subject' in changes)) return changes;
  return { ...changes, subject: { from: ERASED, to: ERASED } };
}

/**
 * An event's `data` without the personal text it carried (events.data is what the change feed,
 * the ticket timeline and every webhook delivery not yet sent read back). Types that carry none
 * come back as they were.
 */
export function scrubEventData(type: string, data: unknown): unknown {
  if (!isObject(data)) return data;
  switch (type) {
    case 'ticket.created':
      return { ...data, ticket: scrubTicket(data.ticket) };
    case 'message.created':
      return isObject(data.message) ? { ...data, message: { ...data.message, body: ERASED } } : data;
    case 'ticket.classified':
      return { ...data, classification: scrubClassification(data.classification) };
    case 'ticket.updated':
    case 'ticket.macro_applied':
      return { ...data, changes: scrubChanges(data.changes) };
    case 'csat.received':
    case 'csat.negative':
      return { ...data, comment: null };
    default:
      return data;
  }
}
