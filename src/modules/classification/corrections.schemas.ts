import { z } from 'zod';
import { Timestamp } from '../../http/common.schemas.ts';

export const PeriodQuerySchema = z
  .object({
    from: Timestamp.optional().describe('Start of the period (inclusive); default 30 days before `to`'),
    to: Timestamp.optional().describe('End of the period (exclusive); default now'),
  });

const ClassMetricsSchema = z.object({
  precision: z.number(),
  recall: z.number(),
  f1: z.number(),
  support: z.number().int().describe('Tickets of this type by the agents\' account'),
});

const TypeCounts = z.object({ question: z.number().int(), complaint: z.number().int(), suggestion: z.number().int() });

export const ClassificationReportSchema = z
  .object({
    from: Timestamp,
    to: Timestamp,
    classified: z.number().int().describe('Tickets created in the period with a model classification'),
    corrected: z.number().int().describe('Of those, tickets whose type an agent changed'),
    agreementRate: z.number().nullable().describe('Share of classified tickets whose type agents left as the model said (null: none)'),
    macroF1: z.number().nullable().describe('Macro-F1 of the model, taking agents\' types as the truth'),
    perType: z.object({ question: ClassMetricsSchema, complaint: ClassMetricsSchema, suggestion: ClassMetricsSchema }),
    confusion: z
      .object({ question: TypeCounts, complaint: TypeCounts, suggestion: TypeCounts })
      .describe('confusion[agentType][modelType]: rows are the agents\' types, columns the model\'s'),
  })
  .meta({ id: 'ClassificationReport', description: 'How often agents kept the model\'s type, and the confusion matrix of agents against the model' });
