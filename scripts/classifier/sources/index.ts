import { atecSource } from './atec.ts';
import { bitextSource } from './bitext.ts';
import { govSource } from './gov.ts';
import { ijcnlpSource } from './ijcnlp.ts';
import { shoppingSource, waimaiSource } from './reviews.ts';
import { twitterSource } from './twitter.ts';
import type { TrainSource } from './types.ts';
import { weiboSource } from './weibo.ts';

/**
 * Public sources the shipped model may be trained on (see ../../shared/datasets/README.md).
 * Evaluation-only sources (SemEval, BQ, LCQMC, Taiwanese hospital reviews) live in eval-only.ts
 * and are never imported by the trainer.
 */
export const PUBLIC_TRAIN_SOURCES: readonly TrainSource[] = [
  twitterSource,
  ijcnlpSource,
  bitextSource,
  atecSource,
  govSource,
  waimaiSource,
  shoppingSource,
  weiboSource,
];
