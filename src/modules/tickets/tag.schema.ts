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
  .regex(/^[\p{L}\p{N}_:.-]+$/u, 'letters, digits, _ : . - only');
