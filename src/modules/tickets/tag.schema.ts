import { z } from 'zod';

/**
 * A ticket tag as every route takes it (tickets, SLA conditions and escalations): lower case,
 * trimmed, never empty, so a tag a policy adds is one an agent can filter by and set.
 */
export const TagSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1)
  .max(50)
  // White space around the tag is trimmed (checked after), so the document's pattern allows it:
  // a client validating against the document must not refuse what the service takes.
  .regex(/^\s*[\p{L}\p{N}_:.-]+\s*$/u, 'letters, digits, _ : . - only')
  .describe('Letters, digits, _ : . - (surrounding white space is trimmed; stored lower case)');
