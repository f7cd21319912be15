import { DEFAULT_TRAIN_OPTIONS } from './trainer.ts';

/** Dataset recipe shared by train.ts and eval.ts --holdout (so held-out runs match the shipped recipe). */
export const DATASET_DEFAULTS = { seed: DEFAULT_TRAIN_OPTIONS.seed, capPerGroup: 4000, correctionWeight: 3 };
