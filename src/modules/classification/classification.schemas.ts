import { z } from 'zod';

/**
 * Public contract of the inquiry classifier. The HTTP route, intake and reports import these
 * schemas; keep them backwards compatible (add signal kinds, never rename).
 */

export const InquiryTypeSchema = z
  .enum(['question', 'complaint', 'suggestion'])
  .describe(
    'What the customer wants the team to do: question (咨询, information or help), complaint ' +
      '(投诉, something went wrong or redress is demanded), suggestion (建议, a proposed improvement).',
  )
  .meta({ id: 'InquiryType' });

export const LanguageSchema = z
  .enum(['zh-Hans', 'zh-Hant', 'en', 'mixed', 'other'])
  .describe(
    'Detected language: simplified or traditional Chinese, English, mixed Chinese/English, or ' +
      'other (no letters, or a script the model was not trained on).',
  )
  .meta({ id: 'Language' });

export const SIGNAL_KINDS = [
  'refund',
  'chargeback',
  'legal_threat',
  'regulator',
  'media_exposure',
  'safety',
  'repeat_contact',
  'cancellation',
  'churn_risk',
  'fraud',
  'privacy',
  'urgent',
  'vip',
] as const;

export const SignalKindSchema = z
  .enum(SIGNAL_KINDS)
  .describe(
    'Urgency cue: refund (money back), chargeback (dispute with the bank/card), legal_threat ' +
      '(lawyer, lawsuit), regulator (consumer association, 12315, ombudsman), media_exposure ' +
      '(press, going viral), safety (injury, fire, food poisoning), repeat_contact (already ' +
      'contacted several times), cancellation, churn_risk (leaving for a competitor), fraud ' +
      '(scam, unauthorised charge), privacy (personal data leaked), urgent, vip (premium customer).',
  );

export const SignalSchema = z
  .object({
    kind: SignalKindSchema,
    match: z.string().max(64).describe('The cue as written in the message (short excerpt).'),
  })
  .describe('An urgency cue found in the message, for routing and prioritisation.')
  .meta({ id: 'ClassificationSignal' });

const probability = z.number().min(0).max(1);

export const ClassificationSchema = z
  .object({
    type: InquiryTypeSchema,
    confidence: probability.describe(
      'Calibrated probability that `type` is right (temperature-scaled on held-out training data).',
    ),
    scores: z
      .object({
        question: probability,
        complaint: probability,
        suggestion: probability,
      })
      .describe('Probability of each type; the three sum to 1 (up to rounding).'),
    language: LanguageSchema,
    sentiment: z
      .object({
        label: z.enum(['negative', 'neutral', 'positive']),
        score: z.number().min(-1).max(1).describe('-1 very negative … +1 very positive.'),
      })
      .describe('Lexicon-based polarity of the message (not of the type).'),
    modelVersion: z.string().describe('Version of the model artifact, e.g. tc-2026.11-1.'),
    needsReview: z
      .boolean()
      .describe('True when confidence is under the review threshold: a person should check the type.'),
    signals: z.array(SignalSchema).describe('Urgency cues found in the message, at most one per kind.'),
  })
  .describe('How the classifier reads an inquiry.')
  .meta({ id: 'Classification' });

export type InquiryType = z.infer<typeof InquiryTypeSchema>;
export type Language = z.infer<typeof LanguageSchema>;
export type SignalKind = z.infer<typeof SignalKindSchema>;
export type Signal = z.infer<typeof SignalSchema>;
export type Classification = z.infer<typeof ClassificationSchema>;

/** Fixed order of the types in score vectors and model weights. */
export const INQUIRY_TYPES: readonly InquiryType[] = InquiryTypeSchema.options;
