import type { Logger } from 'pino';
import { loadClassifier, type Classifier } from '../modules/classification/classifier.ts';

/** Loads the committed model once per process; every request then classifies in microseconds. */
export function loadProcessClassifier(logger: Logger, reviewThreshold?: number): Classifier {
  const started = performance.now();
  const classifier = loadClassifier(reviewThreshold === undefined ? {} : { reviewThreshold });
  logger.info({ modelVersion: classifier.modelVersion, loadMs: Math.round(performance.now() - started) }, 'classifier loaded');
  return classifier;
}
