import { fileURLToPath } from 'node:url';
import { INQUIRY_TYPES, type Classification, type InquiryType } from './classification.schemas.ts';
import { detectLanguage } from './language.ts';
import { featureScale, logits, readModel, softmax, type Model } from './model.ts';
import { buildTables, createFeaturizer } from './pipeline.ts';
import { analyzeSentiment } from './sentiment.ts';
import { detectSignals } from './signals.ts';

/**
 * Inquiry classifier: question / complaint / suggestion, plus language, sentiment and urgency
 * signals. Load once at start-up (synchronous file read, ~tens of ms); `classify` is then pure
 * CPU work with no I/O and no shared mutable state, safe to call from any request handler.
 */

export interface Classifier {
  classify(text: string): Classification;
  readonly modelVersion: string;
}

export interface LoadClassifierOptions {
  /** Path of the model header JSON; defaults to the artifact committed beside this module. */
  modelPath?: string;
  /** Confidence under which `needsReview` is true; defaults to the model's own (0.6). */
  reviewThreshold?: number;
}

export const DEFAULT_MODEL_URL = new URL('./model/classifier-v1.json', import.meta.url);

export function loadClassifier(options: LoadClassifierOptions = {}): Classifier {
  const model = readModel(options.modelPath ?? fileURLToPath(DEFAULT_MODEL_URL));
  return createClassifier(model, options.reviewThreshold);
}

const round4 = (x: number): number => Math.round(x * 10000) / 10000;

/** Builds a classifier from an in-memory model (used by training and evaluation too). */
export function createClassifier(model: Model, reviewThreshold?: number): Classifier {
  const { header, weights } = model;
  const threshold = reviewThreshold ?? header.defaultReviewThreshold;
  if (!(threshold >= 0 && threshold <= 1)) throw new Error(`reviewThreshold must be within 0…1, got ${threshold}`);
  const tables = buildTables(header);
  const featurizer = createFeaturizer(tables.chars, header.hashBits, header.maxChars);
  const k = header.classes.length;
  const z = new Float64Array(k);
  const modelVersion = header.modelVersion;

  function classify(text: string): Classification {
    const input = typeof text === 'string' ? text : '';
    if (input.trim() === '') return emptyResult(modelVersion);
    const { norm, idx, n } = featurizer.featurize(input);
    logits(weights, k, idx, n, featureScale(n), z);
    softmax(z, k, header.temperature);

    // The internal model may have a fourth "other" class (praise, chatter, noise). The public
    // scores are the three types' probabilities renormalised; confidence is the unnormalised
    // probability of the chosen type, so noise that the model recognises as such asks for review.
    const pq = z[0] as number;
    const pc = z[1] as number;
    const ps = z[2] as number;
    const mass = pq + pc + ps;
    let best = 0;
    if (pc > pq && pc >= ps) best = 1;
    else if (ps > pq && ps > pc) best = 2;
    const type = INQUIRY_TYPES[best] as InquiryType;
    const confidence = round4(z[best] as number);
    const sentiment = analyzeSentiment(norm);
    return {
      type,
      confidence,
      scores: { question: round4(pq / mass), complaint: round4(pc / mass), suggestion: round4(ps / mass) },
      language: detectLanguage(input.length > header.maxChars ? input.slice(0, header.maxChars) : input, tables.scripts),
      sentiment,
      modelVersion,
      needsReview: confidence < threshold,
      signals: detectSignals(norm, input),
    };
  }

  return { classify, modelVersion };
}

const THIRD = round4(1 / 3);

/** Nothing to classify: an explicit "don't know" that always goes to a person. */
function emptyResult(modelVersion: string): Classification {
  return {
    type: 'question',
    confidence: THIRD,
    scores: { question: THIRD, complaint: THIRD, suggestion: THIRD },
    language: 'other',
    sentiment: { label: 'neutral', score: 0 },
    modelVersion,
    needsReview: true,
    signals: [],
  };
}
